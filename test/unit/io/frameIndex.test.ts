import { openSync, readFileSync, writeSync, closeSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexFrames } from '../../../src/core/io/frameIndex';
import { lammpsDumpSplitter } from '../../../src/core/io/lammpsDumpIndex';
import { openLammpsDump } from '../../../src/core/io/lammpsDump';
import { xyzSplitter } from '../../../src/core/io/xyzIndex';
import { useTmpDir } from './tmpDir';

const tmp = useTmpDir();

/** Dump text of `frames` frames of `n` atoms; atom i of frame k sits at x = k + i / 1000. */
function syntheticDump(frames: number, n: number, crlf = false): string {
  const out: string[] = [];
  for (let k = 0; k < frames; k++) {
    out.push(
      `ITEM: TIMESTEP\n${k * 10}\nITEM: NUMBER OF ATOMS\n${n}\nITEM: BOX BOUNDS pp pp pp\n0 50\n0 50\n0 50\nITEM: ATOMS id type x y z`,
    );
    for (let i = n; i >= 1; i--) out.push(`${i} ${1 + (i % 2)} ${k + i / 1000} ${i % 7} ${(i * k) % 11}`);
  }
  return out.join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n');
}

/** Brute-force reference: split the whole text into lines and find the `ITEM: TIMESTEP` lines. */
function bruteForceStarts(text: string): { offsets: number[]; lines: number[] } {
  const offsets: number[] = [];
  const lines: number[] = [];
  let offset = 0;
  text.split('\n').forEach((line, i) => {
    if (line.startsWith('ITEM: TIMESTEP')) {
      offsets.push(offset);
      lines.push(i + 1);
    }
    offset += line.length + 1;
  });
  return { offsets, lines };
}

describe('indexFrames', () => {
  it('finds the same frame starts as a brute-force split, for any chunk size (lines cut across chunks)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 300 }),
        fc.boolean(),
        (frames, n, chunk, crlf) => {
          const text = syntheticDump(frames, n, crlf);
          const path = tmp.file('prop.lammpstrj', text);
          const index = indexFrames(path, lammpsDumpSplitter(path), undefined, chunk);
          const expected = bruteForceStarts(text);
          expect(index.offsets).toEqual(expected.offsets);
          expect(index.lines).toEqual(expected.lines);
          expect(index.lengths.reduce((a, b) => a + b, 0)).toBe(text.length);
          expect(index.totalBytes).toBe(text.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('XYZ: frame k starts at line k (N + 2) + 1, whatever the chunk size', () => {
    const text = Array.from({ length: 5 }, (_, k) => `3\nframe ${k}\nA 0 0 ${k}\nB 1 1 1\nA 2 2 2\n`).join('');
    const path = tmp.file('five.xyz', text);
    for (const chunk of [1, 7, 64, 1 << 20]) {
      const index = indexFrames(path, xyzSplitter(path), undefined, chunk);
      expect(index.lines).toEqual([1, 6, 11, 16, 21]);
      expect(index.lengths).toEqual([34, 34, 34, 34, 34]);
    }
  });

  it('reports progress up to the file size', () => {
    const text = syntheticDump(3, 50);
    const path = tmp.file('progress.lammpstrj', text);
    const calls: [number, number][] = [];
    indexFrames(path, lammpsDumpSplitter(path), (done, total) => calls.push([done, total]), 1000);
    expect(calls.length).toBeGreaterThanOrEqual(Math.floor(text.length / 1000));
    expect(calls.at(-1)).toEqual([text.length, text.length]);
    expect(calls.every(([done], i) => i === 0 || done >= calls[i - 1][0])).toBe(true);
  });
});

describe('lazy random access', () => {
  it('reads frames in any order without touching the others (other frames corrupted after indexing)', () => {
    const frames = 400;
    const text = syntheticDump(frames, 5);
    const path = tmp.file('many.lammpstrj', text);
    const t = openLammpsDump(path);
    expect(t.frameCount).toBe(frames);
    // Overwrite frame 200's atom lines with garbage of the same length after indexing.
    const start = text.indexOf('ITEM: TIMESTEP\n2000\n');
    const atoms = text.indexOf('ITEM: ATOMS', start) + 'ITEM: ATOMS id type x y z\n'.length;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.from('#'.repeat(20)), 0, 20, atoms);
    closeSync(fd);
    for (const k of [399, 0, 201, 7, 199, 123, 398]) {
      const f = t.readFrame(k);
      expect(f.index).toBe(k);
      expect(f.timestep).toBe(k * 10);
      expect(Array.from(f.ids)).toEqual([1, 2, 3, 4, 5]);
      expect(f.positions[3 * 4]).toBeCloseTo(k + 5 / 1000, 12);
      expect(f.positions[3 * 2 + 2]).toBe((3 * k) % 11);
    }
    expect(() => t.readFrame(200)).toThrow(/\(frame 200, line 2810\): column 'id': expected a number, found '#+/);
    expect(() => t.readFrame(400)).toThrow(RangeError);
    expect(() => t.readFrame(-1)).toThrow(RangeError);
    expect(() => t.readFrame(1.5)).toThrow(RangeError);
    t.close();
    expect(readFileSync(path).length).toBe(text.length);
  });
});
