import { describe, expect, it } from 'vitest';
import { makeBox, minimumImage, type Box } from '../../../src/core/geometry/box';
import { d2min, d2minWithStrain } from '../../../src/core/dynamics/d2min';
import { makeFrame, rng, wrapInto } from './frames';

type Random = () => number;

function randomPositions(random: Random, n: number, side: number, dimension: 2 | 3): Float64Array {
  const p = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) for (let a = 0; a < dimension; a++) p[3 * i + a] = side * random();
  return p;
}

/** r' = F r + t for a row-major 3x3 F. */
function affine(p: Float64Array, f: number[], t: number[]): Float64Array {
  const out = new Float64Array(p.length);
  for (let o = 0; o < p.length; o += 3) {
    for (let r = 0; r < 3; r++) out[o + r] = f[3 * r] * p[o] + f[3 * r + 1] * p[o + 1] + f[3 * r + 2] * p[o + 2] + t[r];
  }
  return out;
}

function randomDeformation(random: Random, dimension: 2 | 3): number[] {
  const f = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  for (let r = 0; r < dimension; r++) for (let s = 0; s < dimension; s++) f[3 * r + s] += 0.3 * (random() - 0.5);
  return f;
}

/** Solves A x = b (dense, Gaussian elimination with partial pivoting), A row-major [m x m]. */
function solve(a: number[][], b: number[]): number[] {
  const m = b.length;
  const rows = a.map((row, r) => [...row, b[r]]);
  for (let c = 0; c < m; c++) {
    let pivot = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(rows[r][c]) > Math.abs(rows[pivot][c])) pivot = r;
    [rows[c], rows[pivot]] = [rows[pivot], rows[c]];
    for (let r = 0; r < m; r++) {
      if (r === c) continue;
      const factor = rows[r][c] / rows[c][c];
      for (let k = c; k <= m; k++) rows[r][k] -= factor * rows[c][k];
    }
  }
  return rows.map((row, r) => row[m] / row[r]);
}

/**
 * D2_min of row i by brute force: O(n) neighbour scan with the minimum image, then the full
 * least-squares problem over the d*d entries of Lambda (design matrix [d*z x d*d], normal equations).
 */
function bruteForceD2min(ref: Float64Array, cur: Float64Array, box: Box | null, i: number, rCut: number, d: 2 | 3): number {
  const bondsThen: number[][] = [];
  const bondsNow: number[][] = [];
  const n = ref.length / 3;
  for (let j = 0; j < n; j++) {
    if (j === i) continue;
    const r = [ref[3 * j] - ref[3 * i], ref[3 * j + 1] - ref[3 * i + 1], ref[3 * j + 2] - ref[3 * i + 2]];
    const s = [cur[3 * j] - cur[3 * i], cur[3 * j + 1] - cur[3 * i + 1], cur[3 * j + 2] - cur[3 * i + 2]];
    if (box) {
      minimumImage(box, r);
      minimumImage(box, s);
    }
    if (Math.hypot(...r) < rCut) {
      bondsThen.push(r.slice(0, d));
      bondsNow.push(s.slice(0, d));
    }
  }
  const unknowns = d * d; // Lambda[row][col] at row * d + col
  const normal = Array.from({ length: unknowns }, () => new Array<number>(unknowns).fill(0));
  const rhs = new Array<number>(unknowns).fill(0);
  bondsThen.forEach((r, b) => {
    for (let row = 0; row < d; row++) {
      // Equation: sum_col Lambda[row][col] r[col] = s[row]
      const design = new Array<number>(unknowns).fill(0);
      for (let col = 0; col < d; col++) design[row * d + col] = r[col];
      for (let u = 0; u < unknowns; u++) {
        rhs[u] += design[u] * bondsNow[b][row];
        for (let v = 0; v < unknowns; v++) normal[u][v] += design[u] * design[v];
      }
    }
  });
  const lambda = solve(normal, rhs);
  let residual = 0;
  bondsThen.forEach((r, b) => {
    for (let row = 0; row < d; row++) {
      let fit = 0;
      for (let col = 0; col < d; col++) fit += lambda[row * d + col] * r[col];
      residual += (bondsNow[b][row] - fit) ** 2;
    }
  });
  return residual / bondsThen.length;
}

function expectAffineZero(values: Float64Array, minimumFinite: number): void {
  let finite = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    finite++;
    expect(v).toBeLessThan(1e-10);
  }
  expect(finite).toBeGreaterThanOrEqual(minimumFinite);
}

describe('d2min', () => {
  for (const dimension of [3, 2] as const) {
    it(`is 0 for a random affine deformation in ${dimension}D and recovers Lambda`, () => {
      const random = rng(dimension);
      const n = dimension === 3 ? 120 : 80;
      const side = dimension === 3 ? 4.5 : 8;
      const ref = randomPositions(random, n, side, dimension);
      const f = randomDeformation(random, dimension);
      const cur = affine(ref, f, [0.7, -1.1, dimension === 3 ? 0.4 : 0]);
      const result = d2minWithStrain(makeFrame(ref, null, { dimension }), makeFrame(cur, null, { dimension, index: 1 }), 1.8);
      expectAffineZero(result.d2min, n - 5);
      const expectedLambda = dimension === 3 ? f : [f[0], f[1], 0, f[3], f[4], 0, 0, 0, 1];
      for (let c = 0; c < n; c++) {
        if (Number.isNaN(result.d2min[c])) continue;
        for (let k = 0; k < 9; k++) expect(result.lambda[9 * c + k]).toBeCloseTo(expectedLambda[k], 9);
      }
    });

    it(`is 0 for simple shear of a periodic triclinic ${dimension}D box whose tilt follows (and flips)`, () => {
      const random = rng(10 + dimension);
      const l = 6;
      const gamma = 0.08;
      const xy0 = 2.7; // xy0 + gamma * l = 3.18 > l/2: LAMMPS would flip the current tilt to -2.82
      const refBox = makeBox({ lo: [-1, -2, -3], lx: l, ly: l, lz: l, xy: xy0, periodic: [true, true, dimension === 3] });
      const n = dimension === 3 ? 260 : 60;
      const ref = new Float64Array(3 * n);
      for (let i = 0; i < n; i++) {
        const s = [random(), random(), dimension === 3 ? random() : 0.5];
        ref.set([-1 + l * s[0] + xy0 * s[1], -2 + l * s[1], -3 + l * s[2]], 3 * i);
      }
      // x' = x + gamma (y - ylo): the cell edges follow, b' = (xy0 + gamma l, l, 0).
      const sheared = affine(ref, [1, gamma, 0, 0, 1, 0, 0, 0, 1], [2 * gamma, 0, 0]);
      const refFrame = makeFrame(ref, refBox, { dimension });
      for (const xy of [xy0 + gamma * l, xy0 + gamma * l - l]) {
        const box = makeBox({ lo: [-1, -2, -3], lx: l, ly: l, lz: l, xy, periodic: [true, true, dimension === 3] });
        const cur = sheared.slice();
        for (let i = 0; i < n; i++) wrapInto(box, cur, 3 * i);
        expectAffineZero(d2min(refFrame, makeFrame(cur, box, { dimension, index: 1 }), 1.6), n - 3);
      }
      // The same current positions read in the ref (unsheared) box are NOT affine: the test can fail.
      const wrong = d2min(refFrame, makeFrame(sheared, refBox, { dimension, index: 1 }), 1.6);
      expect(Math.max(...wrong.filter((v) => !Number.isNaN(v)))).toBeGreaterThan(0.01);
    });
  }

  it('matches a brute-force least-squares fit when one particle is displaced on top of an affine strain', () => {
    const random = rng(42);
    const l = 5;
    const box = makeBox({ lo: [0, 0, 0], lx: l, ly: l, lz: l });
    const n = 150;
    const ref = randomPositions(random, n, l, 3);
    const cur = affine(ref, [1.02, 0.01, 0, 0, 0.99, 0.03, 0, 0, 1], [0, 0, 0]);
    const moved = 17;
    cur[3 * moved] += 0.3;
    cur[3 * moved + 1] -= 0.2;
    cur[3 * moved + 2] += 0.25;
    // The global strain is not a box deformation here, so particles near the faces also move
    // non-affinely under the minimum image; brute force and fast code must agree regardless.
    const rCut = 1.5;
    const fast = d2min(makeFrame(ref, box), makeFrame(cur, box, { index: 1 }), rCut);
    let checked = 0;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(fast[i])) continue;
      const expected = bruteForceD2min(ref, cur, box, i, rCut, 3);
      expect(Math.abs(fast[i] - expected)).toBeLessThan(1e-10 + 1e-9 * expected);
      checked++;
    }
    expect(checked).toBeGreaterThan(140);
    expect(fast[moved]).toBeGreaterThan(0.01);
  });

  it('matches brute force in 2D for a displaced particle, and honours centers', () => {
    const random = rng(5);
    const n = 60;
    const ref = randomPositions(random, n, 7, 2);
    const cur = ref.slice();
    cur[0] += 0.4;
    const centers = Int32Array.from([0, 3, 9, 11, 30]);
    const fast = d2min(makeFrame(ref, null, { dimension: 2 }), makeFrame(cur, null, { dimension: 2, index: 1 }), 2, centers);
    expect(fast.length).toBe(5);
    for (const [c, i] of centers.entries()) expect(fast[c]).toBeCloseTo(bruteForceD2min(ref, cur, null, i, 2, 2), 10);
    expect(fast[0]).toBeGreaterThan(1e-3);
  });

  it('returns NaN where Lambda is undetermined: fewer than d neighbours or coplanar bonds', () => {
    // 0-4: a centre with four neighbours in the plane z = 0; 5-6: a pair; 7: isolated.
    const ref = new Float64Array([0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 10, 10, 10, 10.9, 10, 10, 20, 20, 20]);
    const cur = ref.slice();
    cur[0] = 0.1;
    const result = d2min(makeFrame(ref, null), makeFrame(cur, null, { index: 1 }), 1.2);
    expect(result[0]).toBeNaN(); // z = 4 >= 3 but the bonds span only a plane
    expect(result[5]).toBeNaN();
    expect(result[7]).toBeNaN();
    // The same star in 2D is well posed: neighbours (1,0), (-1,0), (0,1), (0,-1) seen from (0.1, 0).
    const flat = d2min(makeFrame(ref, null, { dimension: 2 }), makeFrame(cur, null, { dimension: 2, index: 1 }), 1.2);
    expect(flat[0]).toBeCloseTo(bruteForceD2min(ref, cur, null, 0, 1.2, 2), 12);
  });

  it('rejects a cut-off beyond half a periodic width, N changes and dimension changes', () => {
    const box = makeBox({ lo: [0, 0, 0], lx: 4, ly: 4, lz: 4 });
    const p = new Float64Array(12);
    expect(() => d2min(makeFrame(p, box), makeFrame(p, box, { index: 3 }), 2.1)).toThrow(
      /rCut = 2.1 exceeds half the perpendicular width 4.0000 along x of frame 0/,
    );
    expect(() => d2min(makeFrame(p, box), makeFrame(new Float64Array(9), box, { index: 3 }), 1)).toThrow(
      /frame 3 .* N = 3 particles, expected N = 4/,
    );
    expect(() => d2min(makeFrame(p, box), makeFrame(p, box, { index: 3, dimension: 2 }), 1)).toThrow(
      /frame 3 .* is 2D but frame 0 .* is 3D/,
    );
    const bad = p.slice();
    bad[4] = NaN;
    expect(() => d2min(makeFrame(p, box), makeFrame(bad, box, { index: 3 }), 1)).toThrow(/frame 3 .* particle row 1 is not finite/);
  });
});
