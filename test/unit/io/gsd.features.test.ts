import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { featurePreset } from '../../../src/core/features/presets';
import { computeStructureFunctions, type FeatureMatrix } from '../../../src/core/features/structureFunctions';
import { perpendicularWidths } from '../../../src/core/geometry/box';
import { writeLammpsDump } from '../../../src/core/io/dumpWriter';
import type { Frame, Trajectory } from '../../../src/core/io/frame';
import { openGsd } from '../../../src/core/io/gsd';
import { openLammpsDump } from '../../../src/core/io/lammpsDump';
import { gsdFixture } from './gsdFixtures';
import { useTmpDir } from './tmpDir';

const tmp = useTmpDir();

function readAll(trajectory: Trajectory): Frame[] {
  const frames = Array.from({ length: trajectory.frameCount }, (_, k) => trajectory.readFrame(k));
  trajectory.close();
  return frames;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describe('structure functions of a GSD frame equal those of the same configuration as a LAMMPS dump', () => {
  const gsd = openGsd(gsdFixture('ka3d.gsd'));
  const speciesNames = [...gsd.speciesNames];
  const fromGsd = readAll(gsd);
  const dumpPath = join(tmp.dir, 'ka3d.lammpstrj');
  writeLammpsDump(dumpPath, fromGsd, { speciesNames });
  const fromDump = readAll(openLammpsDump(dumpPath));
  // Cut-offs below half the smallest face distance of the ~6.2 sigma fixture cell (Cubuk 2015 grid otherwise).
  const spec = featurePreset('cubuk2015', speciesNames, { radialCut: 2.5, angularCut: 2.0 });

  it('the dump holds the same atoms, cell and unwrapped positions', () => {
    for (const [k, frame] of fromGsd.entries()) {
      const dump = fromDump[k];
      expect(dump.species).toEqual(frame.species);
      expect(dump.positions).toEqual(frame.positions);
      expect(maxAbsDiff(dump.unwrapped!, frame.unwrapped!)).toBeLessThan(1e-12);
      for (const key of ['lx', 'ly', 'lz', 'xy', 'xz', 'yz'] as const) expect(dump.box![key]).toBeCloseTo(frame.box![key], 12);
      expect(Math.min(...perpendicularWidths(frame.box!))).toBeGreaterThan(2 * 2.5);
    }
  });

  it.each([0, 2])('frame %i (triclinic; frame 2 has its own, more tilted cell): 162 features agree to 1e-5', (k) => {
    const a: FeatureMatrix = computeStructureFunctions(fromGsd[k], spec);
    const b: FeatureMatrix = computeStructureFunctions(fromDump[k], spec);
    expect(a.nRows).toBe(256);
    expect(a.nFeatures).toBe(162);
    const largest = a.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(largest).toBeGreaterThan(1);
    expect(maxAbsDiff(a.values, b.values)).toBeLessThan(1e-5 * largest);
  });
});
