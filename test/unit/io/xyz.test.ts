import { describe, expect, it } from 'vitest';
import { TrajectoryError } from '../../../src/core/io/frame';
import { openXyz } from '../../../src/core/io/xyz';
import { useTmpDir } from './tmpDir';

const tmp = useTmpDir();
let counter = 0;
const write = (text: string) => tmp.file(`case${counter++}.xyz`, text);

function errorOf(text: string): TrajectoryError {
  const path = write(text);
  try {
    const t = openXyz(path);
    for (let k = 0; k < t.frameCount; k++) t.readFrame(k);
    t.close();
  } catch (e) {
    expect(e).toBeInstanceOf(TrajectoryError);
    return e as TrajectoryError;
  }
  throw new Error('expected a TrajectoryError');
}

const PLAIN = [
  '3',
  'water-ish',
  'O 0 0 0',
  'H 0.75 0.5 0.25 extra',
  'Cu -1 2 3',
  '3',
  'frame two',
  'O 1 1 1',
  'H 2 2 2',
  'O 3 3 3',
  '',
].join('\n');

describe('plain XYZ', () => {
  it('keeps species names in order of first appearance, box null, ids 1..N, extra tokens ignored', () => {
    const t = openXyz(write(PLAIN));
    expect(t.format).toBe('xyz');
    expect(t.frameCount).toBe(2);
    expect(t.speciesNames).toEqual(['O', 'H', 'Cu']);
    const f = t.readFrame(0);
    expect(f.box).toBeNull();
    expect(f.dimension).toBe(3);
    expect(f.timestep).toBe(0);
    expect(Array.from(f.ids)).toEqual([1, 2, 3]);
    expect(Array.from(f.species)).toEqual([0, 1, 2]);
    expect(Array.from(f.positions)).toEqual([0, 0, 0, 0.75, 0.5, 0.25, -1, 2, 3]);
    expect(Array.from(t.readFrame(1).species)).toEqual([0, 1, 0]);
    expect(t.readFrame(1).timestep).toBe(1);
    t.close();
  });

  it('numeric species 1, 2 map to A, B like LAMMPS types; equal z means 2D', () => {
    const t = openXyz(write('2\n\n2 0 0 5\n1 1 1 5\n'));
    expect(t.speciesNames).toEqual(['A', 'B']);
    const f = t.readFrame(0);
    expect(Array.from(f.species)).toEqual([1, 0]);
    expect(f.dimension).toBe(2);
    t.close();
  });
});

const EXT = [
  '2',
  'Lattice="10 0 0 2 8 0 1 -1 6" Origin="-5 -4 -3" Properties=species:S:1:pos:R:3:id:I:1:softness:R:1:velo:R:3:name:S:1 pbc="T T F" Timestep=1500 Time=7.5',
  'B 1 2 3 20 -0.5 0.1 0.2 0.3 foo',
  'A 4 5 6 10 1.25 0.4 0.5 0.6 bar',
  '',
].join('\n');

describe('extended XYZ', () => {
  it('reads Lattice/Origin/pbc as a restricted-triclinic Box, Properties columns, id order, Timestep', () => {
    const t = openXyz(write(EXT));
    expect(t.speciesNames).toEqual(['B', 'A']);
    const f = t.readFrame(0);
    expect(f.timestep).toBe(1500);
    expect(f.box).toEqual({ lo: [-5, -4, -3], lx: 10, ly: 8, lz: 6, xy: 2, xz: 1, yz: -1, periodic: [true, true, false] });
    expect(Array.from(f.ids)).toEqual([10, 20]);
    expect(Array.from(f.species)).toEqual([1, 0]);
    expect(Array.from(f.positions)).toEqual([4, 5, 6, 1, 2, 3]);
    expect([...f.columns.keys()]).toEqual(['softness', 'velo_0', 'velo_1', 'velo_2']);
    expect(Array.from(f.columns.get('softness')!)).toEqual([1.25, -0.5]);
    expect(Array.from(f.columns.get('velo_2')!)).toEqual([0.6, 0.3]);
    t.close();
  });

  it('defaults: pbc T T T with a Lattice, Time when no Timestep, 2D cell with c = 0', () => {
    const t = openXyz(write('1\nLattice="3 0 0 0 4 0 0 0 0" Time=2.5\nA 1 1 7\n'));
    const f = t.readFrame(0);
    expect(f.timestep).toBe(2.5);
    expect(f.dimension).toBe(2);
    expect(f.box).toEqual({ lo: [0, 0, 6.5], lx: 3, ly: 4, lz: 1, xy: 0, xz: 0, yz: 0, periodic: [true, true, false] });
    t.close();
  });

  it('rejects cells that are not LAMMPS restricted triclinic, and other bad comments', () => {
    expect(errorOf('1\nLattice="0 10 0 -10 0 0 0 0 10"\nA 0 0 0\n').message).toMatch(
      /\(frame 0, line 2\): Lattice must be LAMMPS restricted triclinic \(a along x, b in the xy plane\), found a = \(0, 10, 0\)/,
    );
    expect(errorOf('1\nLattice="10 0 0 0 10 0 0 0 -10"\nA 0 0 0\n').message).toMatch(/\(frame 0, line 2\): invalid Lattice: box edge lz/);
    expect(errorOf('1\nLattice="10 0 0 0 10 0 0 0"\nA 0 0 0\n').message).toMatch(
      /\(frame 0, line 2\): expected 9 numbers in lattice="\.\.\."/,
    );
    expect(errorOf('1\nLattice="1 0 0 0 1 0 0 0 1" pbc="T X T"\nA 0 0 0\n').message).toMatch(/expected pbc="T T T"/);
    expect(errorOf('1\npbc="T T T"\nA 0 0 0\n').message).toMatch(/pbc marks periodic axes but the frame has no Lattice/);
    expect(errorOf('1\nProperties=species:S:1:pos:Q:3\nA 0 0 0\n').message).toMatch(
      /\(frame 0, line 2\): expected Properties=name:type:count/,
    );
    expect(errorOf('1\nProperties=pos:R:3\n0 0 0\n').message).toMatch(/Properties must include species and pos/);
    expect(errorOf('1\nLattice="1 0 0 0 1 0 0 0 0"\nA 0 0 0\nB 0 0 1\n'.replace('1\n', '2\n')).message).toMatch(
      /c = 0 \(2D cell\) but the z coordinates differ/,
    );
  });
});

describe('malformed XYZ', () => {
  it('truncated frames (in the atoms, or right after the count)', () => {
    const lines = (count: number) => `${PLAIN.split('\n').slice(0, count).join('\n')}\n`;
    expect(errorOf(lines(9)).message).toMatch(
      /\(frame 1, line 10\): truncated frame: expected 3 atom lines after the comment \(line 7\), file ends after 2/,
    );
    expect(errorOf(lines(6)).message).toMatch(/\(frame 1, line 7\): truncated frame: file ends after the atom count \(line 6\)/);
  });

  it('a file cut inside its last number (no final newline) is a truncated last line, not a shorter number', () => {
    const cut = PLAIN.replace('O 3 3 3\n', 'O 3 3 3.25\n').slice(0, -2);
    expect(errorOf(cut).message).toMatch(
      /\(frame 1, line 10\): truncated last line: the file ends inside line 10, without a final newline/,
    );
    // Trailing blanks after the last newline are no line.
    expect(() => openXyz(tmp.file('blanks.xyz', `${PLAIN}  \t`)).close()).not.toThrow();
  });

  it('N changing, bad count line, more atoms than N', () => {
    expect(errorOf(PLAIN.replace('3\nframe two\nO 1 1 1\n', '2\nframe two\n')).message).toMatch(
      /\(frame 1, line 6\): number of atoms changes from 3 \(frame 0\) to 2/,
    );
    expect(errorOf('x\n').message).toMatch(/\(frame 0, line 1\): expected a positive integer atom count starting an XYZ frame, found 'x'/);
    expect(errorOf('1\n\nA 0 0 0\nA 1 1 1\n').message).toMatch(
      /\(frame 1, line 4\): expected a positive integer atom count.*found 'A 1 1 1' \(frame 0 has more than its 1 atom lines\?\)/,
    );
  });

  it('bad values and value counts name the line and column', () => {
    expect(errorOf('2\n\nA 0 0 0\nA 0 nan 0\n').message).toMatch(/\(frame 0, line 4\): column 'y': expected a finite number, found 'nan'/);
    expect(errorOf('1\n\nA 0 0\n').message).toMatch(/\(frame 0, line 3\): expected 4 values \(species x y z\), found 3/);
    expect(errorOf('1\nProperties=species:S:1:pos:R:3\nA 0 0 0 1\n').message).toMatch(
      /\(frame 0, line 3\): expected 4 values \(species x y z\), found more/,
    );
    expect(errorOf('2\nProperties=species:S:1:pos:R:3:id:I:1\nA 0 0 0 4\nA 0 0 0 4\n').message).toMatch(
      /\(frame 0, line 4\): duplicate atom id 4 \(also on line 3\)/,
    );
  });

  it('a species absent from frame 0 is an error when that frame is read', () => {
    const t = openXyz(write(PLAIN.replace('H 2 2 2', 'N 2 2 2')));
    expect(() => t.readFrame(1)).toThrow(/\(frame 1, line 9\): species 'N' is not one of frame 0's species \(O, H, Cu\)/);
    t.close();
    const numeric = openXyz(write('1\n\n1 0 0 0\n1\n\n2 0 0 0\n'));
    expect(() => numeric.readFrame(1)).toThrow(/\(frame 1, line 6\): species '2' is not one of frame 0's species \(1\.\.1\)/);
    numeric.close();
  });
});

describe('declared counts the file cannot hold, and repeated names', () => {
  it('a 63-byte extended XYZ whose Properties= declares 10^9 columns is rejected before allocating', () => {
    const text = '2\nProperties=species:S:1:pos:R:3:f:R:1000000000\nA 0 0 0 1\nB 1 1 1 2\n';
    expect(text.length).toBeLessThan(70);
    expect(errorOf(text).message).toMatch(
      /\(frame 0, line 2\): Properties= declares 1000000004 columns per atom line, but the frame's atom lines can hold at most 10/,
    );
  });

  it('a repeated property name (a second id would turn the id column into species) is an error', () => {
    const text = '2\nProperties=id:I:1:species:S:1:pos:R:3:id:I:1\n1 A 0 0 0 7\n2 B 1 1 1 8\n';
    expect(errorOf(text).message).toMatch(/\(frame 0, line 2\): property 'id' appears twice in Properties=/);
    const clash = '1\nProperties=species:S:1:pos:R:3:f:R:2:f_1:R:1\nA 0 0 0 1 2 3\n';
    expect(errorOf(clash).message).toMatch(/column name 'f_1' arises twice/);
  });

  it('an atom count the frame bytes cannot hold is rejected before the columns are allocated', () => {
    // 70,000 short lines cannot hold 4 values each (560,000 bytes needed).
    const text = `70000\nc\n${'A\n'.repeat(70000)}`;
    expect(errorOf(text).message).toMatch(
      /\(frame 0, line 3\): 70000 atom lines of 4 values .* need at least 560000 bytes, but the frame holds 140000/,
    );
  });
});

describe('implausible cells', () => {
  it('a Lattice with an edge of 1e-300 is rejected at its comment line', () => {
    expect(errorOf('2\nLattice="1e-300 0 0 0 1e-300 0 0 0 1e-300"\nA 0 0 0\nB 0 0 0\n').message).toMatch(
      /\(frame 0, line 2\): implausible Lattice: .* per particle for 2 particles/,
    );
    expect(errorOf('1\nLattice="1e60 0 0 0 1 0 0 0 1"\nA 0 0 0\n').message).toMatch(
      /implausible Lattice: a cell length of 1e\+60 exceeds 1e\+50/,
    );
  });
});
