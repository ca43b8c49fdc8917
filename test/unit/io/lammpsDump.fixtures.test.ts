import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toFractional } from '../../../src/core/geometry/box';
import { imagesBetween, unwrapWithImages } from '../../../src/core/io/cellVectors';
import type { Frame } from '../../../src/core/io/frame';
import { openLammpsDump } from '../../../src/core/io/lammpsDump';
import { openXyz } from '../../../src/core/io/xyz';
import { LAMMPS_FIXTURES } from './tmpDir';

// Fixtures written by LAMMPS itself (test/fixtures/io/lammps/make_fixtures.sh): the same run
// dumped with different column sets, so every decoding path is checked against LAMMPS.
const fixture = (name: string) => join(LAMMPS_FIXTURES, name);

function readAll(name: string): Frame[] {
  const trajectory = openLammpsDump(fixture(name));
  try {
    return Array.from({ length: trajectory.frameCount }, (_, k) => trajectory.readFrame(k));
  } finally {
    trajectory.close();
  }
}

/** Positions moved by whole lattice vectors onto the unwrapped ones; throws if a position is outside the cell. */
function imagesRestore(frame: Frame): Float64Array {
  const s = new Float64Array(3);
  for (let i = 0; i < frame.n; i++) {
    toFractional(frame.box!, frame.positions[3 * i], frame.positions[3 * i + 1], frame.positions[3 * i + 2], s);
    if (s.some((v) => v < -1e-12 || v >= 1 + 1e-12)) throw new Error(`position ${i} outside the cell`);
  }
  return unwrapWithImages(frame.positions, Float64Array.from(imagesBetween(frame.positions, frame.unwrapped!, frame.box!)), frame.box!);
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describe.each(['ortho', 'triclinic'])('%s LAMMPS dumps', (cell) => {
  const image = readAll(`${cell}_image.lammpstrj`);
  const scaled = readAll(`${cell}_scaled.lammpstrj`);
  const unwrapped = readAll(`${cell}_unwrapped.lammpstrj`);

  it('has 3 frames at timesteps 0, 50, 100 with 32 atoms sorted by id', () => {
    for (const frames of [image, scaled, unwrapped]) {
      expect(frames.map((f) => f.timestep)).toEqual([0, 50, 100]);
      for (const f of frames) {
        expect(f.n).toBe(32);
        expect(Array.from(f.ids)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
        expect(f.dimension).toBe(3);
      }
    }
  });

  it('scaled xs ys zs, converted through the (tilted) cell, match LAMMPS x y z to 1e-9', () => {
    for (let k = 0; k < 3; k++) {
      expect(maxAbsDiff(scaled[k].positions, image[k].positions)).toBeLessThan(1e-9);
      expect(scaled[k].box).toEqual(image[k].box);
    }
  });

  it('x + image flags reproduces LAMMPS xu yu zu to 1e-9, and atoms did cross the boundaries', () => {
    let crossed = 0;
    for (let k = 0; k < 3; k++) {
      expect(maxAbsDiff(image[k].unwrapped!, unwrapped[k].unwrapped!)).toBeLessThan(1e-9);
      // A dump with only xu yu zu gets positions folded into the cell: the same as LAMMPS's x y z
      // modulo a lattice vector, so both sets give the same unwrapped positions.
      expect(maxAbsDiff(imagesRestore(unwrapped[k]), unwrapped[k].unwrapped!)).toBeLessThan(1e-9);
      crossed += maxAbsDiff(image[k].unwrapped!, image[k].positions) > 1 ? 1 : 0;
    }
    expect(crossed).toBeGreaterThan(0);
    expect(scaled[2].unwrapped).toBeNull();
  });

  it('species follow LAMMPS types (8 of 32 set to type 2 = B) in every variant', () => {
    expect(image[0].species.reduce((s, t) => s + t, 0)).toBe(8);
    for (const frames of [scaled, unwrapped]) for (let k = 0; k < 3; k++) expect(frames[k].species).toEqual(image[k].species);
  });
});

describe('triclinic box bounds', () => {
  it('converts LAMMPS bounding-box bounds back to the cell LAMMPS was given', () => {
    const [first, , last] = readAll('triclinic_image.lammpstrj');
    // change_box: 2 fcc cells of a = (4/0.8442)^(1/3); tilts set to 0.6a, 0.4a, -0.5a.
    const a = Math.cbrt(4 / 0.8442);
    const box = first.box!;
    expect(box.lo[0]).toBeCloseTo(0, 12);
    expect(box.lo[1]).toBeCloseTo(0, 12);
    expect(box.lx).toBeCloseTo(2 * a, 12);
    expect(box.ly).toBeCloseTo(2 * a, 12);
    expect(box.xy).toBeCloseTo(0.6 * a, 12);
    expect(box.xz).toBeCloseTo(0.4 * a, 12);
    expect(box.yz).toBeCloseTo(-0.5 * a, 12);
    // fix deform xy erate 0.2 for 100 steps of 0.005: xy grows by 0.2 * 0.5 * ly.
    expect(last.box!.xy - box.xy).toBeCloseTo(0.2 * 0.5 * box.ly, 10);
    expect(last.box!.lx).toBeCloseTo(box.lx, 12);
  });

  it('reads xsu ysu zsu (scaled unwrapped) in a shuffled column order', () => {
    const reference = readAll('triclinic_unwrapped.lammpstrj');
    const frames = readAll('triclinic_scaled_unwrapped.lammpstrj');
    for (let k = 0; k < 3; k++) {
      expect(maxAbsDiff(frames[k].unwrapped!, reference[k].unwrapped!)).toBeLessThan(1e-9);
    }
  });
});

describe('other LAMMPS layouts', () => {
  const image = readAll('ortho_image.lammpstrj');

  it('shuffled columns (c_pe zs iz vx type ys id iy xs ix) give the same frames, extra columns kept', () => {
    const shuffled = readAll('ortho_shuffled.lammpstrj');
    for (let k = 0; k < 3; k++) {
      expect(maxAbsDiff(shuffled[k].positions, image[k].positions)).toBeLessThan(1e-9);
      expect(maxAbsDiff(shuffled[k].unwrapped!, image[k].unwrapped!)).toBeLessThan(1e-9);
      expect(shuffled[k].species).toEqual(image[k].species);
      expect([...shuffled[k].columns.keys()]).toEqual(['c_pe', 'vx']);
    }
    // LJ pair energy per atom of a dense liquid is negative, of order -6 epsilon.
    const pe = shuffled[0].columns.get('c_pe')!;
    expect(Math.max(...pe)).toBeLessThan(0);
    expect(Math.min(...pe)).toBeGreaterThan(-10);
  });

  it('dump atom (default xs ys zs, 6 digits) agrees to 1e-5', () => {
    const atom = readAll('ortho_atom.lammpstrj');
    for (let k = 0; k < 3; k++) expect(maxAbsDiff(atom[k].positions, image[k].positions)).toBeLessThan(1e-5);
  });

  it('LAMMPS dump xyz (numeric types, sorted by id) gives the same positions and species A/B', () => {
    const trajectory = openXyz(fixture('ortho.xyz'));
    expect(trajectory.speciesNames).toEqual(['A', 'B']);
    for (let k = 0; k < 3; k++) {
      const f = trajectory.readFrame(k);
      expect(f.box).toBeNull();
      expect(maxAbsDiff(f.positions, image[k].positions)).toBeLessThan(1e-9);
      expect(f.species).toEqual(image[k].species);
    }
    trajectory.close();
  });

  it('2D run: dimension 2, z = 0, periodic box, unwrapping matches xu yu', () => {
    const frames = readAll('twod_image.lammpstrj');
    const reference = readAll('twod_unwrapped.lammpstrj');
    for (let k = 0; k < 3; k++) {
      expect(frames[k].dimension).toBe(2);
      expect(frames[k].n).toBe(36);
      expect(maxAbsDiff(frames[k].unwrapped!, reference[k].unwrapped!)).toBeLessThan(1e-9);
    }
    expect(frames[0].box!.periodic).toEqual([true, true, true]);
    expect(frames[0].box!.lx * frames[0].box!.ly).toBeCloseTo(36 / 0.8, 9);
  });

  it('shrink-wrapped boundaries (ss ss ss) keep the box but mark it non-periodic', () => {
    const frames = readAll('open_shrink.lammpstrj');
    for (const f of frames) expect(f.box!.periodic).toEqual([false, false, false]);
    // Frame 0 bounds as LAMMPS printed them: -3.3591923827650146e-04 3.3595283020032909e+00.
    expect(frames[0].box!.lo).toEqual([-3.3591923827650146e-4, -3.3591923827650146e-4, -3.3591923827650146e-4]);
    expect(frames[0].box!.lx).toBe(3.3595283020032909 + 3.3591923827650146e-4);
  });
});
