import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/core/io/atomicWrite';
import { writeLammpsDump } from '../../../src/core/io/dumpWriter';
import type { Frame } from '../../../src/core/io/frame';
import { openLammpsDump } from '../../../src/core/io/lammpsDump';
import { openXyz } from '../../../src/core/io/xyz';
import { LAMMPS_FIXTURES, useTmpDir } from './tmpDir';

const tmp = useTmpDir();
const source = join(LAMMPS_FIXTURES, 'triclinic_image.lammpstrj');

function readAll(path: string): { frames: Frame[]; speciesNames: readonly string[] } {
  const t = openLammpsDump(path);
  const frames = Array.from({ length: t.frameCount }, (_, k) => t.readFrame(k));
  t.close();
  return { frames, speciesNames: t.speciesNames };
}

/** A softness-like Float32 column and a Float64 column, both functions of the atom position. */
function extraColumns(frame: Frame): Map<string, Float32Array | Float64Array> {
  const softness = Float32Array.from({ length: frame.n }, (_, i) => Math.sin(frame.positions[3 * i] * 7) * 3);
  const distance = Float64Array.from({ length: frame.n }, (_, i) => Math.hypot(...frame.positions.subarray(3 * i, 3 * i + 3)) / 3);
  return new Map<string, Float32Array | Float64Array>([
    ['softness', softness],
    ['v_dist', distance],
  ]);
}

const maxAbsDiff = (a: Float64Array, b: ArrayLike<number>) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('writeLammpsDump', () => {
  const input = readAll(source);

  it('round trip: triclinic dump -> write with softness -> read back equal', () => {
    const out = join(tmp.dir, 'softness.lammpstrj');
    writeLammpsDump(out, input.frames, { speciesNames: input.speciesNames, extraColumns, inputPaths: [source] });
    const back = readAll(out);
    expect(back.speciesNames).toEqual(input.speciesNames);
    expect(back.frames.length).toBe(3);
    for (const [k, frame] of input.frames.entries()) {
      const read = back.frames[k];
      expect(read.timestep).toBe(frame.timestep);
      expect(read.ids).toEqual(frame.ids);
      expect(read.species).toEqual(frame.species);
      expect(read.positions).toEqual(frame.positions);
      expect(maxAbsDiff(read.unwrapped!, frame.unwrapped!)).toBeLessThan(1e-12);
      for (const key of ['lx', 'ly', 'lz', 'xy', 'xz', 'yz'] as const) expect(read.box![key]).toBeCloseTo(frame.box![key], 13);
      expect(read.box!.periodic).toEqual([true, true, true]);
      const expected = extraColumns(frame);
      expect(Array.from(read.columns.get('softness')!, Math.fround)).toEqual(Array.from(expected.get('softness')!));
      expect(read.columns.get('v_dist')).toEqual(expected.get('v_dist'));
    }
    expect(readdirSync(tmp.dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it.skipIf(!existsSync('/usr/bin/lmp'))('LAMMPS read_dump reads the written file: its xu yu zu equal our unwrapped positions', () => {
    const dir = join(tmp.dir, 'lmp');
    execFileSync('mkdir', ['-p', dir]);
    writeLammpsDump(join(dir, 'ours.lammpstrj'), input.frames, { speciesNames: input.speciesNames });
    writeFileSync(
      join(dir, 'in.read'),
      [
        'units lj',
        'atom_style atomic',
        'region r prism 0 1 0 1 0 1 0 0 0',
        'create_box 2 r',
        'read_dump ours.lammpstrj 100 x y z ix iy iz box yes add keep',
        'write_dump all custom lammps.lammpstrj id type xu yu zu modify sort id format float %.15g',
      ].join('\n'),
    );
    execFileSync('/usr/bin/lmp', ['-in', 'in.read', '-log', 'none', '-screen', 'none'], { cwd: dir });
    const lammps = readAll(join(dir, 'lammps.lammpstrj')).frames[0];
    const ours = input.frames[2];
    expect(lammps.ids).toEqual(ours.ids);
    expect(lammps.species).toEqual(ours.species);
    expect(maxAbsDiff(lammps.unwrapped!, ours.unwrapped!)).toBeLessThan(1e-9);
    expect(lammps.box!.xy).toBeCloseTo(ours.box!.xy, 12);
    expect(lammps.box!.yz).toBeCloseTo(ours.box!.yz, 12);
  });

  it('.gz output is standard gzip of the same text', () => {
    const plain = join(tmp.dir, 'plain.lammpstrj');
    const zipped = join(tmp.dir, 'zipped.lammpstrj.gz');
    writeLammpsDump(plain, input.frames, { speciesNames: input.speciesNames, extraColumns });
    writeLammpsDump(zipped, input.frames, { speciesNames: input.speciesNames, extraColumns });
    expect(gunzipSync(readFileSync(zipped)).equals(readFileSync(plain))).toBe(true);
    expect(readdirSync(tmp.dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('never overwrites an input, also through a symlink or a relative path', () => {
    const before = readFileSync(source);
    const link = join(tmp.dir, 'link.lammpstrj');
    symlinkSync(source, link);
    for (const out of [source, link, join(LAMMPS_FIXTURES, '..', 'lammps', 'triclinic_image.lammpstrj')]) {
      expect(() => writeLammpsDump(out, input.frames, { speciesNames: input.speciesNames, inputPaths: [source] })).toThrow(
        /refusing to write .*: it is the input file/,
      );
    }
    expect(readFileSync(source).equals(before)).toBe(true);
  });

  it('is atomic: a failure mid-way leaves the old file and no temp file', () => {
    const out = tmp.file('existing.lammpstrj', 'old content\n');
    const failing = (frame: Frame) => {
      if (frame.index === 2) throw new Error('softness model failed');
      return extraColumns(frame);
    };
    expect(() => writeLammpsDump(out, input.frames, { speciesNames: input.speciesNames, extraColumns: failing })).toThrow(
      'softness model failed',
    );
    expect(readFileSync(out, 'latin1')).toBe('old content\n');
    expect(readdirSync(tmp.dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('rejects bad extra columns and unnamed species', () => {
    const out = join(tmp.dir, 'bad.lammpstrj');
    const write = (extra: Map<string, Float64Array>, speciesNames: string[] = ['A', 'B']) =>
      writeLammpsDump(out, input.frames, { speciesNames, extraColumns: () => extra });
    expect(() => write(new Map([['x', new Float64Array(32)]]))).toThrow("frame 0: cannot write extra column named 'x'");
    expect(() => write(new Map([['my col', new Float64Array(32)]]))).toThrow("cannot write extra column named 'my col'");
    expect(() => write(new Map([['softness', new Float64Array(31)]]))).toThrow(
      "frame 0: extra column 'softness' has 31 values, expected 32",
    );
    expect(() => write(new Map(), ['A'])).toThrow(/frame 0: species index 1 has no name \(speciesNames has 1\)/);
    expect(existsSync(out)).toBe(false);
  });

  it('frames without a box (XYZ) get a non-periodic bounding box', () => {
    const xyz = openXyz(tmp.file('cluster.xyz', '2\n\nAr 0 1 2\nAr 3 -1 2\n'));
    const out = join(tmp.dir, 'cluster.lammpstrj');
    writeLammpsDump(out, [xyz.readFrame(0)], { speciesNames: xyz.speciesNames });
    xyz.close();
    const back = readAll(out).frames[0];
    expect(back.box).toEqual({ lo: [0, -1, 1.5], lx: 3, ly: 2, lz: 1, xy: 0, xz: 0, yz: 0, periodic: [false, false, false] });
    expect(Array.from(back.positions)).toEqual([0, 1, 2, 3, -1, 2]);
    expect(back.unwrapped).toBeNull();
  });
});

describe('writeFileAtomic', () => {
  it('writes strings and bytes, replacing old content, leaving no temp file', () => {
    const path = join(tmp.dir, 'result.json');
    writeFileAtomic(path, '{"softness": 1}');
    expect(readFileSync(path, 'utf8')).toBe('{"softness": 1}');
    writeFileAtomic(path, new Uint8Array([104, 105]));
    expect(readFileSync(path, 'utf8')).toBe('hi');
    expect(readdirSync(tmp.dir).filter((f) => f.startsWith('result.json.tmp-'))).toEqual([]);
    expect(() => writeFileAtomic(join(tmp.dir, 'missing-dir', 'x.json'), 'x')).toThrow(/ENOENT/);
  });
});
