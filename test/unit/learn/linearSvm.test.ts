import { describe, expect, it } from 'vitest';
import { LinearSVM, type SvmLoss } from '../../../src/core/learn/linearSvm';
import { Rng } from '../../../src/core/learn/rng';

const f32 = (...v: number[]) => Float32Array.from(v);
const labels = (...v: number[]) => Int8Array.from(v);

/** Overlapping 2-class Gaussian data, X [n x m] and y = sign(a.x + noise). */
function blobs(n: number, m: number, seed: number): { X: Float32Array; y: Int8Array } {
  const rng = new Rng(seed);
  const X = new Float32Array(n * m);
  const y = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0.3;
    for (let k = 0; k < m; k++) {
      X[i * m + k] = rng.nextGaussian();
      s += X[i * m + k] * (k + 1) * (k % 2 ? -1 : 1);
    }
    y[i] = s + 2 * rng.nextGaussian() > 0 ? 1 : -1;
  }
  return { X, y };
}

/**
 * Independent exact solver for the squared-hinge primal with regularised intercept
 * (min 1/2|w~|^2 + C sum max(0, 1 - y w~.x~)^2, x~ = [x, s]): generalised Newton with a dense
 * Hessian I + 2C sum_{active} x~ x~^T, solved by Gaussian elimination.
 */
function squaredHingeNewton(X: Float32Array, y: Int8Array, m: number, C: number, s: number): Float64Array {
  const n = y.length;
  const d = m + 1;
  const row = (i: number) => [...Array.from(X.subarray(i * m, i * m + m)), s];
  let w = new Float64Array(d);
  for (let it = 0; it < 100; it++) {
    const g = Float64Array.from(w);
    const H = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => (a === b ? 1 : 0)));
    for (let i = 0; i < n; i++) {
      const x = row(i);
      const margin = 1 - y[i] * x.reduce((acc, v, k) => acc + v * w[k], 0);
      if (margin <= 0) continue;
      for (let a = 0; a < d; a++) {
        g[a] -= 2 * C * y[i] * x[a] * margin;
        for (let b = 0; b < d; b++) H[a][b] += 2 * C * x[a] * x[b];
      }
    }
    // Solve H step = g.
    const A = H.map((r, a) => [...r, g[a]]);
    for (let c = 0; c < d; c++) {
      let p = c;
      for (let r = c + 1; r < d; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
      [A[c], A[p]] = [A[p], A[c]];
      for (let r = 0; r < d; r++) {
        if (r === c) continue;
        const f = A[r][c] / A[c][c];
        for (let k = c; k <= d; k++) A[r][k] -= f * A[c][k];
      }
    }
    const step = A.map((r, a) => r[d] / A[a][a]);
    w = w.map((v, k) => v - step[k]);
    if (Math.max(...step.map(Math.abs)) < 1e-13) break;
  }
  return w;
}

describe('LinearSVM: analytic cases', () => {
  it('two symmetric points: hinge w = 2 min(1/2, C), b = 0', () => {
    const X = f32(1, -1);
    const y = labels(1, -1);
    for (const C of [1, 0.1]) {
      const svm = new LinearSVM({ C, loss: 'hinge', tol: 1e-10 }).fit(X, y, 1);
      expect(svm.w[0]).toBeCloseTo(2 * Math.min(0.5, C), 12);
      expect(svm.b).toBeCloseTo(0, 12);
      expect(svm.converged).toBe(true);
    }
  });

  it('two symmetric points: squared hinge w = 2 / (2 + 1/(2C))', () => {
    const svm = new LinearSVM({ C: 1, loss: 'squared_hinge', tol: 1e-12 }).fit(f32(1, -1), labels(1, -1), 1);
    expect(svm.w[0]).toBeCloseTo(0.8, 10);
    expect(svm.b).toBeCloseTo(0, 10);
  });

  it('x = 2 (soft) and x = 0 (hard): the intercept is regularised as in liblinear', () => {
    // Dual: Q = [[5, -1], [-1, 1]] with s = 1. C >= 3/2: hard margin w = 1, b = -1.
    // C = 1: alpha2 = C, alpha1 = (1 + C)/5 = 0.4 -> w~ = (0.8, -0.6).
    const X = f32(2, 0);
    const y = labels(1, -1);
    const hard = new LinearSVM({ C: 2, tol: 1e-10 }).fit(X, y, 1);
    expect([hard.w[0], hard.b].map((v) => +v.toFixed(10))).toEqual([1, -1]);
    const soft = new LinearSVM({ C: 1, tol: 1e-10 }).fit(X, y, 1);
    expect(soft.w[0]).toBeCloseTo(0.8, 10);
    expect(soft.b).toBeCloseTo(-0.6, 10);
    // interceptScaling 2, C = 0.5: alpha = (0.375, 0.5), w~ = (0.75, -0.25), b = 2 * -0.25.
    const scaled = new LinearSVM({ C: 0.5, interceptScaling: 2, tol: 1e-10 }).fit(X, y, 1);
    expect(scaled.w[0]).toBeCloseTo(0.75, 10);
    expect(scaled.b).toBeCloseTo(-0.5, 10);
  });
});

describe('LinearSVM: against an exact primal solver and itself', () => {
  const m = 5;
  const { X, y } = blobs(300, m, 1);

  it('squared hinge equals the Newton solution of the primal', () => {
    for (const [C, s] of [
      [1, 1],
      [0.05, 3],
    ]) {
      const exact = squaredHingeNewton(X, y, m, C, s);
      const svm = new LinearSVM({ C, loss: 'squared_hinge', interceptScaling: s, tol: 1e-9, maxIter: 100_000 }).fit(X, y, m);
      expect(svm.converged).toBe(true);
      for (let k = 0; k < m; k++) expect(svm.w[k]).toBeCloseTo(exact[k], 6);
      expect(svm.b).toBeCloseTo(s * exact[m], 6);
    }
  });

  it('shrinking and the seed change the path, not the solution', () => {
    for (const loss of ['hinge', 'squared_hinge'] as SvmLoss[]) {
      const a = new LinearSVM({ loss, tol: 1e-8, maxIter: 100_000, seed: 1 }).fit(X, y, m);
      const b = new LinearSVM({ loss, tol: 1e-8, maxIter: 100_000, seed: 2, shrinking: false }).fit(X, y, m);
      for (let k = 0; k < m; k++) expect(Math.abs(a.w[k] - b.w[k])).toBeLessThan(1e-5);
      expect(Math.abs(a.b - b.b)).toBeLessThan(1e-5);
    }
  });

  it('is deterministic for a given seed', () => {
    const a = new LinearSVM({ seed: 5, maxIter: 7 }).fit(X, y, m);
    const b = new LinearSVM({ seed: 5, maxIter: 7 }).fit(X, y, m);
    const c = new LinearSVM({ seed: 6, maxIter: 7 }).fit(X, y, m);
    expect(b.w).toEqual(a.w);
    expect(b.b).toBe(a.b);
    expect(c.w).not.toEqual(a.w);
    expect(a.converged).toBe(false);
    expect(a.nIter).toBe(7);
  });

  it('decisionFunction = w.x + b, predict = its sign, JSON round trip keeps both', () => {
    const svm = new LinearSVM({ C: 0.5 }).fit(X, y, m);
    const f = svm.decisionFunction(X);
    const p = svm.predict(X);
    for (let i = 0; i < y.length; i++) {
      let s = svm.b;
      for (let k = 0; k < m; k++) s += svm.w[k] * X[i * m + k];
      expect(f[i]).toBeCloseTo(s, 5);
      expect(p[i]).toBe(f[i] > 0 ? 1 : -1);
    }
    const back = LinearSVM.fromJSON(JSON.parse(JSON.stringify(svm.toJSON())), m);
    expect(back.decisionFunction(X)).toEqual(f);
    expect(back.C).toBe(0.5);
    expect(back.loss).toBe('hinge');
  });
});

describe('LinearSVM: bad input', () => {
  const X = f32(1, 2, 3, 4);
  it('names the problem', () => {
    expect(() => new LinearSVM({ C: 0 })).toThrow(/C must be/);
    expect(() => new LinearSVM({ C: -1 })).toThrow(/C must be/);
    expect(() => new LinearSVM({ loss: 'log' as SvmLoss })).toThrow(/loss/);
    expect(() => new LinearSVM({ maxIter: 0 })).toThrow(/maxIter/);
    expect(() => new LinearSVM().fit(f32(1, NaN, 3, 4), labels(1, -1), 2)).toThrow(/X has a non-finite value \(NaN\) at row 0, feature 1/);
    expect(() => new LinearSVM().fit(X, labels(1, 1), 2)).toThrow(/single class/);
    expect(() => new LinearSVM().fit(X, labels(1, 0), 2)).toThrow(/y\[1\] = 0/);
    expect(() => new LinearSVM().fit(X, labels(1, -1, 1), 2)).toThrow(/y has 3 labels but X has 2 rows/);
    expect(() => new LinearSVM().fit(X, labels(1, -1), 3)).toThrow(/nSamples x 3/);
    expect(() => new LinearSVM().decisionFunction(X)).toThrow(/before fit/);
    expect(() => new LinearSVM().fit(X, labels(1, -1), 2).decisionFunction(f32(1, 2, 3))).toThrow(/nSamples x 2/);
    expect(() => LinearSVM.fromJSON({ ...new LinearSVM().fit(X, labels(1, -1), 2).toJSON(), w: [1] }, 2)).toThrow(
      /svm\.w: expected 2 entries/,
    );
  });
});
