import { describe, expect, it } from 'vitest';
import { toFractional } from '../../../src/core/geometry/box';
import type { Frame, Trajectory } from '../../../src/core/io/frame';
import { openGsd } from '../../../src/core/io/gsd';
import { GsdFile } from '../../../src/core/io/gsdFile';
import { expectedGsd, gsdFixture, type ExpectedGsdFrame } from './gsdFixtures';

function readAll(trajectory: Trajectory): Frame[] {
  try {
    return Array.from({ length: trajectory.frameCount }, (_, k) => trajectory.readFrame(k));
  } finally {
    trajectory.close();
  }
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** Every Frame field against what gsd.hoomd read from the same file. */
function expectFrame(frame: Frame, expected: ExpectedGsdFrame, k: number, speciesNames: readonly string[]): void {
  expect(frame.index).toBe(k);
  expect(frame.timestep).toBe(expected.step);
  expect(frame.n).toBe(expected.N);
  expect(frame.dimension).toBe(expected.dimensions);
  expect(Array.from(frame.ids)).toEqual(Array.from({ length: expected.N }, (_, i) => i + 1));
  expect(Array.from(frame.species, (s) => speciesNames[s])).toEqual(expected.species);
  expect(Array.from(frame.positions)).toEqual(expected.position);
  const [Lx, Ly, Lz, xy, xz, yz] = expected.box;
  const box = frame.box!;
  expect([box.lx, box.ly]).toEqual([Lx, Ly]);
  // HOOMD tilt factors are fractions of the edge they lean along; LAMMPS's are lengths.
  expect(box.xy).toBeCloseTo(xy * Ly, 12);
  if (expected.dimensions === 3) {
    expect(box.lz).toBe(Lz);
    expect(box.xz).toBeCloseTo(xz * Lz, 12);
    expect(box.yz).toBeCloseTo(yz * Lz, 12);
    expect(box.periodic).toEqual([true, true, true]);
  } else {
    expect([box.lz, box.xz, box.yz, box.lo[2]]).toEqual([1, 0, 0, -0.5]);
    expect(box.periodic).toEqual([true, true, false]);
  }
  // The fixture put every particle inside HOOMD's centred cell, so all must sit inside Box's cell.
  const s = [0, 0, 0];
  for (let i = 0; i < frame.n; i++) {
    toFractional(box, frame.positions[3 * i], frame.positions[3 * i + 1], frame.positions[3 * i + 2], s);
    expect(Math.min(...s)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...s)).toBeLessThan(1);
  }
  if (expected.unwrapped) expect(maxAbsDiff(frame.unwrapped!, expected.unwrapped)).toBeLessThan(1e-12);
  else expect(frame.unwrapped).toBeNull();
  expect(Object.fromEntries([...frame.columns].map(([name, values]) => [name, Array.from(values)]))).toEqual(expected.columns);
}

describe.each([
  ['ka3d.gsd', [2, 0]],
  ['ka3d_v1.gsd', [1, 0]],
])('%s (3D triclinic, Kob-Andersen-like)', (name, version) => {
  const expected = expectedGsd.ka3d;
  const trajectory = openGsd(gsdFixture(name));
  const speciesNames = trajectory.speciesNames;
  const frames = readAll(trajectory);

  it(`is file layer ${version.join('.')} with 4 frames and species A, B`, () => {
    const file = new GsdFile(gsdFixture(name));
    expect(file.version).toEqual(version);
    expect(file.schema).toBe('hoomd');
    file.close();
    expect(trajectory.format).toBe('gsd');
    expect(speciesNames).toEqual(expected.types);
    expect(frames).toHaveLength(4);
  });

  it('matches gsd.hoomd in every field of every frame', () => {
    for (const [k, frame] of frames.entries()) expectFrame(frame, expected.frames[k], k, speciesNames);
  });

  it('takes chunks a frame lacks from frame 0, not from the previous frame', () => {
    const stored = expected.frames.map((f) => f.stored);
    expect(stored[2]).toEqual(expect.arrayContaining(['configuration/box', 'particles/typeid', 'particles/types']));
    for (const chunk of ['configuration/box', 'particles/typeid', 'particles/types', 'particles/diameter']) {
      expect(stored[3]).not.toContain(chunk);
    }
    expect(frames[3].box).toEqual(frames[0].box);
    expect(frames[3].box).not.toEqual(frames[2].box);
    expect(frames[3].species).toEqual(frames[0].species);
    expect(frames[3].columns.get('diameter')).toEqual(frames[0].columns.get('diameter'));
  });

  it('maps a frame with its own type list onto frame 0 species by name', () => {
    expect(expected.frames[2].types).toEqual(['B', 'A']);
    const b = frames[2].species.reduce((count, s) => count + s, 0);
    expect(b).toBeGreaterThan(40);
    expect(b).toBeLessThan(60);
  });
});

describe('twod.gsd (2D, three species)', () => {
  const expected = expectedGsd.twod;
  const trajectory = openGsd(gsdFixture('twod.gsd'));
  const speciesNames = trajectory.speciesNames;
  const frames = readAll(trajectory);

  it('matches gsd.hoomd, dimension 2 from configuration/dimensions, slab cell', () => {
    expect(speciesNames).toEqual(expected.types);
    expect(frames.map((f) => f.timestep)).toEqual([0, 500]);
    for (const [k, frame] of frames.entries()) expectFrame(frame, expected.frames[k], k, speciesNames);
  });

  it('reads a file-layer 2.0 chunk name longer than 64 bytes', () => {
    const { name, values } = expected.log;
    expect(name.length).toBeGreaterThan(64);
    const file = new GsdFile(gsdFixture('twod.gsd'));
    try {
      expect(file.names).toContain(name);
      for (const [k, v] of values.entries()) expect(Array.from(file.readNumbers(file.find(k, name)!))).toEqual(v);
    } finally {
      file.close();
    }
  });

  it('can be forced to 3D by options.dimension without changing the cell', () => {
    const forced = openGsd(gsdFixture('twod.gsd'), { dimension: 3 });
    const frame = forced.readFrame(1);
    forced.close();
    expect(frame.dimension).toBe(3);
    expect(frame.box).toEqual(frames[1].box);
  });
});

describe('GsdFile on a file written by the gsd 1.x C library', () => {
  const expected = expectedGsd.reference_v1;

  it('reads the v1 header, the 64-byte name segments and every chunk', () => {
    const file = new GsdFile(gsdFixture('reference_v1.gsd'));
    try {
      expect(file.version).toEqual(expected.version);
      expect(file.application).toBe(expected.application);
      expect(file.schema).toBe(expected.schema);
      expect(file.frameCount).toBe(expected.frameCount);
      expect([...file.names].sort()).toEqual([...expected.names].sort());
      for (let k = 0; k < expected.frameCount; k++) {
        for (const name of expected.names) {
          const chunk = file.find(k, name)!;
          expect(chunk.type).toBe('int32');
          expect(Array.from(file.readNumbers(chunk))).toEqual(expected.values[k][name]);
        }
      }
      expect(file.find(0, 'particles/position')).toBeNull();
      expect(file.find(expected.frameCount, '0')).toBeNull();
    } finally {
      file.close();
    }
  });
});
