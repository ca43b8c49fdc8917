import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTrajectory } from '../../../src/core/io/open';
import { LAMMPS_FIXTURES, useTmpDir } from './tmpDir';

const tmp = useTmpDir();
const DUMP =
  'ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n1\nITEM: BOX BOUNDS pp pp pp\n0 1\n0 1\n0 1\nITEM: ATOMS id type x y z\n1 1 0.5 0.5 0.5\n';
const XYZ = '1\ncomment\nAr 0.5 0.5 0.5\n';

describe('openTrajectory', () => {
  it('dispatches on the extension, case-insensitively', () => {
    for (const name of ['a.lammpstrj', 'b.dump', 'c.atom', 'D.LAMMPSTRJ'])
      expect(openTrajectory(tmp.file(name, DUMP)).format).toBe('lammps-dump');
    for (const name of ['e.xyz', 'f.extxyz', 'G.XYZ']) expect(openTrajectory(tmp.file(name, XYZ)).format).toBe('xyz');
    expect(openTrajectory(join(LAMMPS_FIXTURES, 'ortho.xyz')).frameCount).toBe(3);
  });

  it('sniffs unknown extensions from the first line', () => {
    const dump = openTrajectory(tmp.file('dump.lj.100', DUMP));
    expect(dump.format).toBe('lammps-dump');
    expect(Array.from(dump.readFrame(0).positions)).toEqual([0.5, 0.5, 0.5]);
    expect(openTrajectory(tmp.file('traj.txt', XYZ)).format).toBe('xyz');
    expect(() => openTrajectory(tmp.file('notes.txt', 'hello world\n'))).toThrow(
      /notes\.txt \(line 1\): unknown trajectory format: .*found 'hello world'/,
    );
  });

  it('dispatches .gsd (any case) to the GSD reader, even when the text looks like a dump', () => {
    expect(() => openTrajectory(tmp.file('run.GSD', DUMP))).toThrow(/run\.GSD: file is 121 bytes, shorter than the 256-byte GSD header/);
  });

  it('passes options through (dimension forced to 2 on a 3D file)', () => {
    const t = openTrajectory(join(LAMMPS_FIXTURES, 'ortho_image.lammpstrj'), { dimension: 2 });
    expect(t.readFrame(1).dimension).toBe(2);
    t.close();
  });
});
