import { describe, expect, it } from 'vitest';
import { accuracy, crossValidate, stratifiedKFold, trainTestSplit } from '../../../src/core/learn/crossValidation';
import { LinearSVM } from '../../../src/core/learn/linearSvm';
import { takeRows } from '../../../src/core/learn/matrix';
import { Rng } from '../../../src/core/learn/rng';

/** 23 soft (+1) and 41 hard (-1), interleaved irregularly. */
const y = Int8Array.from({ length: 64 }, (_, i) => (i % 3 === 0 ? 1 : -1));
const nSoft = y.filter((v) => v === 1).length;

describe('accuracy', () => {
  it('counts agreements', () => {
    expect(accuracy(Int8Array.from([1, -1, 1, 1]), Int8Array.from([1, 1, 1, -1]))).toBe(0.5);
    expect(() => accuracy(new Int8Array(2), new Int8Array(3))).toThrow(/yTrue has 2 labels, yPred 3/);
    expect(() => accuracy(new Int8Array(0), new Int8Array(0))).toThrow(/no labels/);
  });
});

describe('stratifiedKFold', () => {
  it('partitions the samples with floor/ceil of each class per fold', () => {
    expect(nSoft).toBe(22);
    const k = 5;
    const folds = stratifiedKFold(y, k, 3);
    expect(folds.length).toBe(k);
    const all = folds.flatMap((f) => Array.from(f)).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 64 }, (_, i) => i));
    for (const fold of folds) {
      const soft = Array.from(fold).filter((i) => y[i] === 1).length;
      const hard = fold.length - soft;
      expect([4, 5]).toContain(soft); // 22 / 5
      expect([8, 9]).toContain(hard); // 42 / 5
      expect([12, 13]).toContain(fold.length);
      for (let j = 1; j < fold.length; j++) expect(fold[j]).toBeGreaterThan(fold[j - 1]);
    }
  });

  it('is seeded', () => {
    expect(stratifiedKFold(y, 4, 1)).toEqual(stratifiedKFold(y, 4, 1));
    expect(stratifiedKFold(y, 4, 1)).not.toEqual(stratifiedKFold(y, 4, 2));
  });

  it('rejects too few folds or too small classes', () => {
    expect(() => stratifiedKFold(y, 1, 0)).toThrow(/k \(number of folds\)/);
    expect(() => stratifiedKFold(Int8Array.from([1, 1, -1, -1, -1]), 3, 0)).toThrow(/class 1 has 2 samples/);
  });
});

describe('trainTestSplit', () => {
  it('holds out round(f * n_c) of each class, disjoint and complete', () => {
    const { train, test } = trainTestSplit(y, 0.25, 8);
    expect(Array.from(test).filter((i) => y[i] === 1).length).toBe(Math.round(0.25 * 22));
    expect(Array.from(test).filter((i) => y[i] === -1).length).toBe(Math.round(0.25 * 42));
    expect([...train, ...test].sort((a, b) => a - b)).toEqual(Array.from({ length: 64 }, (_, i) => i));
    expect(trainTestSplit(y, 0.25, 8)).toEqual({ train, test });
    expect(() => trainTestSplit(y, 1, 0)).toThrow(/testFraction/);
    expect(() => trainTestSplit(Int8Array.from([1, 1, -1, -1, -1]), 0.1, 0)).toThrow(/leaves class -1 \(3 samples\) empty/);
  });
});

describe('crossValidate', () => {
  it('equals fitting and scoring each fold by hand', () => {
    const rng = new Rng(2);
    const m = 3;
    const X = new Float32Array(64 * m);
    for (let i = 0; i < 64; i++) for (let k = 0; k < m; k++) X[i * m + k] = rng.nextGaussian() + (k === 0 ? 0.8 * y[i] : 0);
    const make = () => new LinearSVM({ C: 0.3 });
    const { meanAccuracy, foldAccuracy } = crossValidate(make, X, y, m, { k: 4, seed: 6 });
    const folds = stratifiedKFold(y, 4, 6);
    const expected = folds.map((testIdx) => {
      const trainIdx = Int32Array.from(Array.from({ length: 64 }, (_, i) => i).filter((i) => !testIdx.includes(i)));
      const svm = make().fit(takeRows(X, m, trainIdx), takeRows(y, 1, trainIdx), m);
      return accuracy(takeRows(y, 1, testIdx), svm.predict(takeRows(X, m, testIdx)));
    });
    expect(Array.from(foldAccuracy)).toEqual(expected);
    expect(meanAccuracy).toBeCloseTo(expected.reduce((a, b) => a + b) / 4, 15);
    expect(meanAccuracy).toBeGreaterThan(0.6); // the signal is real
  });

  it('scores 1 on separable data', () => {
    const X = Float32Array.from(y, (v, i) => v * (1 + (i % 5)));
    const { meanAccuracy, foldAccuracy } = crossValidate(() => new LinearSVM(), X, y, 1, { k: 3, seed: 0 });
    expect(meanAccuracy).toBe(1);
    expect(foldAccuracy.length).toBe(3);
  });
});
