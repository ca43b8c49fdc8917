// The SVM's WebAssembly row kernels give the same bits as matrix.ts's rowDot and a plain
// w[k] += d x[k], for every remainder of nFeatures mod 4 and on any row.
import { describe, expect, it } from 'vitest';
import { rowDot } from '../../../src/core/learn/matrix';
import { Rng } from '../../../src/core/learn/rng';
import { rowKernels } from '../../../src/core/learn/rowKernels';

describe('rowKernels', () => {
  it('dot and axpy are bit-identical to the scalar loops (nFeatures 1..9, 160, 161; first, middle and last rows)', () => {
    const rng = new Rng(4);
    for (const m of [1, 2, 3, 4, 5, 6, 7, 8, 9, 160, 161]) {
      const n = 37;
      const X = Float32Array.from({ length: n * m }, () => rng.nextGaussian());
      const rows = rowKernels(X, m);
      const w = Float64Array.from({ length: m + 1 }, () => rng.nextGaussian());
      rows.w.set(w);
      for (const i of [0, 18, n - 1]) {
        expect(rows.dot(i), `m = ${m}, row ${i}`).toBe(rowDot(w, X, i * m, m));
        const d = rng.nextGaussian();
        rows.axpy(i, d);
        for (let k = 0; k < m; k++) w[k] += d * X[i * m + k];
        expect([...rows.w], `m = ${m}, row ${i}`).toEqual([...w]);
      }
    }
  });
});
