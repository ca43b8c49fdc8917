import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRunContext } from '../../../src/core/lang/context';
import { features } from '../../../src/core/lang/statements/features';
import { train } from '../../../src/core/lang/statements/train';
import { load } from '../../../src/core/lang/statements/load';
import type { FeaturesValue, ModelValue, RearrangementsValue, TrainingSetValue, TrajectoryValue } from '../../../src/core/lang/values';
import { buildNeighborList } from '../../../src/core/neighbors/cellList';

/**
 * Alignment check of features -> train on the real 3D sample: label particles by a purely
 * structural property (coordination number within 1.3 sigma_AA above or below its median)
 * instead of dynamics. Radial structure functions encode that property almost linearly, so a
 * linear SVM must separate it nearly perfectly; a mismatch between feature rows and labels
 * (wrong frame, particle or species) would drop the accuracy to about 50%.
 */
describe('features and training on a structural label', () => {
  it('recovers coordination-number labels with > 90% test accuracy', async () => {
    const ctx = makeRunContext({ baseDir: process.cwd(), emit: () => {}, progress: () => {} });
    const traj = (await load.run(
      { file: path.resolve('samples/ka3d/ka3d_is.dump.gz'), dt: 0.005, start: 0, stop: 40, every: 10, dimension: 'auto' },
      ctx,
    )) as TrajectoryValue;
    const frame: number[] = [];
    const particle: number[] = [];
    const label: number[] = [];
    for (let row = 0; row < traj.frames.length; row++) {
      const f = traj.trajectory.readFrame(traj.frames[row]);
      const list = buildNeighborList(f, 1.3);
      const z = Array.from({ length: f.n }, (_, i) => list.offsets[i + 1] - list.offsets[i]);
      for (let i = 0; i < f.n; i++) {
        if (f.species[i] !== 0 || z[i] === 12) continue;
        frame.push(row);
        particle.push(i);
        label.push(z[i] > 12 ? 1 : -1);
      }
    }
    const ev = { kind: 'rearrangements', source: traj } as unknown as RearrangementsValue;
    const ts: TrainingSetValue = {
      kind: 'trainingSet',
      source: ev,
      frame: Int32Array.from(frame),
      particle: Int32Array.from(particle),
      label: Int8Array.from(label),
      parameters: { seed: 1 },
    };
    const X = (await features.run({ trainingSet: ts, preset: 'schoenholz2016', radialCut: null, angularCut: null }, ctx)) as FeaturesValue;
    const { model } = (await train.run({ features: X, C: 1, loss: 'hinge', folds: 3, testFraction: 0.25, seed: 1 }, ctx)) as ModelValue;
    expect(model.species).toHaveLength(1);
    expect(model.species[0].testAccuracy).toBeGreaterThan(0.9);
    traj.trajectory.close();
  });
});
