// Guards the committed LAMMPS samples (samples/README.md) against accidental regeneration with
// other parameters: frame layout, spacing in tau, box, and LAMMPS's own unwrapping (xu, yu) of
// the tilted 2D box. Parsing here is deliberately minimal and independent of src/core/io.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

interface DumpFrame {
  step: number;
  bounds: number[][]; // 3 rows of the BOX BOUNDS item (2 or 3 numbers each)
  columns: string[];
  rows: number[][]; // [nAtoms][nColumns]
}

function readDump(path: string): DumpFrame[] {
  const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n');
  const frames: DumpFrame[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== 'ITEM: TIMESTEP') continue;
    const n = Number(lines[i + 3]);
    const bounds = [5, 6, 7].map((k) => lines[i + k].trim().split(/\s+/).map(Number));
    const columns = lines[i + 8].split(/\s+/).slice(2);
    const rows = lines.slice(i + 9, i + 9 + n).map((l) => l.split(' ').map(Number));
    frames.push({ step: Number(lines[i + 1]), bounds, columns, rows });
    i += 8 + n;
  }
  return frames;
}

const DT = 0.005;

describe('samples/ka3d inherent structures', () => {
  const frames = readDump('samples/ka3d/ka3d_is.dump.gz');

  it('has 350 frames 1 tau apart, N = 1000 (800 A + 200 B), density 1.2', () => {
    expect(frames.length).toBe(350);
    for (const [k, f] of frames.entries()) expect(f.step * DT).toBeCloseTo(k, 12);
    expect(frames[0].columns).toEqual(['id', 'type', 'xu', 'yu', 'zu']);
    const types = frames[0].rows.map((r) => r[1]);
    expect(types.filter((t) => t === 1).length).toBe(800);
    expect(types.filter((t) => t === 2).length).toBe(200);
    const L = frames[0].bounds[0][1] - frames[0].bounds[0][0];
    expect(1000 / L ** 3).toBeCloseTo(1.2, 10);
  });

  it('lists ids 1..N in order in every frame', () => {
    for (const f of [frames[0], frames[349]]) {
      expect(f.rows.map((r) => r[0])).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    }
  });
});

describe('samples/shear2d sheared glass', () => {
  const frames = readDump('samples/shear2d/shear2d.dump.gz');

  it('has 201 frames 1 tau apart with tilt xy = 0.001 * k * ly', () => {
    expect(frames.length).toBe(201);
    frames.forEach((f, k) => {
      expect(f.step * DT).toBeCloseTo(k, 12);
      const ly = f.bounds[1][1] - f.bounds[1][0];
      expect(f.bounds[0][2] / ly).toBeCloseTo(0.001 * k, 9);
    });
  });

  it('agrees with LAMMPS unwrapping xu = x + ix lx + iy xy, yu = y + iy ly (1e-4 dump precision)', () => {
    const f = frames[200];
    const [x, y, z, ix, iy, xu, yu] = ['x', 'y', 'z', 'ix', 'iy', 'xu', 'yu'].map((c) => f.columns.indexOf(c));
    const xy = f.bounds[0][2];
    const lx = f.bounds[0][1] - f.bounds[0][0] - xy; // bounding box: xhi_bound = xhi + xy for xy >= 0
    const ly = f.bounds[1][1] - f.bounds[1][0];
    let maxErr = 0;
    let crossed = 0;
    for (const r of f.rows) {
      maxErr = Math.max(maxErr, Math.abs(r[x] + r[ix] * lx + r[iy] * xy - r[xu]), Math.abs(r[y] + r[iy] * ly - r[yu]));
      if (r[ix] !== 0 || r[iy] !== 0) crossed++;
      expect(r[z]).toBe(0);
    }
    expect(maxErr).toBeLessThan(1.5e-4);
    expect(crossed).toBeGreaterThan(0); // otherwise the identity above tests nothing
  });

  it('shows plastic stress drops after an elastic rise', () => {
    const rows = readFileSync('samples/shear2d/shear2d_stress.dat', 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split(' ').map(Number));
    expect(rows.length).toBe(800);
    const meanStress = (lo: number, hi: number) => {
      const s = rows.filter((r) => r[1] >= lo && r[1] < hi).map((r) => r[2]);
      return s.reduce((a, b) => a + b, 0) / s.length;
    };
    expect(meanStress(0.05, 0.06)).toBeGreaterThan(0.6);
    expect(meanStress(0.07, 0.08)).toBeLessThan(meanStress(0.05, 0.06) - 0.2);
  });
});
