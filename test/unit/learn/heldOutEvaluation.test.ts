import { describe, expect, it } from 'vitest';
import { accuracy, crossValidate, crossValidationSteps } from '../../../src/core/learn/crossValidation';
import { heldOutEvaluationSteps } from '../../../src/core/learn/heldOutEvaluation';
import { LinearSVM } from '../../../src/core/learn/linearSvm';
import { Rng } from '../../../src/core/learn/rng';

/** n samples of m Gaussian features, y = +1 with probability sigmoid(3 x0) (a noisy linear boundary). */
function noisyData(n: number, m: number, seed: number): { X: Float32Array; y: Int8Array } {
  const rng = new Rng(seed);
  const X = new Float32Array(n * m);
  const y = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < m; k++) X[i * m + k] = rng.nextGaussian();
    y[i] = rng.nextFloat() < 1 / (1 + Math.exp(-3 * X[i * m])) ? 1 : -1;
  }
  return { X, y };
}

/** Runs a step generator to its end; returns the result and the number of pauses. */
function drain<R>(steps: Generator<unknown, R>): { value: R; pauses: number } {
  let pauses = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { value: step.value, pauses };
    pauses++;
  }
}

describe('crossValidationSteps', () => {
  it('pauses once before each fold fit and returns what crossValidate returns', () => {
    const { X, y } = noisyData(90, 2, 1);
    const make = () => new LinearSVM({ C: 0.5 });
    let fits = 0;
    const counting = () => {
      fits++;
      return make();
    };
    const steps = crossValidationSteps(counting, X, y, 2, { k: 4, seed: 3 });
    const seen: number[] = [];
    let step = steps.next();
    while (!step.done) {
      // The fold about to be fitted has not been fitted yet.
      expect(fits).toBe(seen.length);
      seen.push(step.value);
      step = steps.next();
    }
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(step.value).toEqual(crossValidate(make, X, y, 2, { k: 4, seed: 3 }));
  });
});

describe('heldOutEvaluationSteps', () => {
  it('is k-fold CV on the training set plus one fit scored on both sets, with k + 1 pauses', () => {
    const train = noisyData(200, 3, 2);
    const test = noisyData(100, 3, 3);
    const make = () => new LinearSVM({ C: 1, seed: 7 });
    const { value, pauses } = drain(heldOutEvaluationSteps(make, train, test, 3, { k: 5, seed: 4 }));
    expect(pauses).toBe(6);
    expect(value.cv).toEqual(crossValidate(make, train.X, train.y, 3, { k: 5, seed: 4 }));
    const reference = make().fit(train.X, train.y, 3);
    expect(Array.from(value.fitted.w)).toEqual(Array.from(reference.w));
    expect(value.trainAccuracy).toBe(accuracy(train.y, reference.predict(train.X)));
    expect(value.testAccuracy).toBe(accuracy(test.y, reference.predict(test.X)));
    // sigmoid(3 x0) labels: the Bayes accuracy is E[max(p, 1 - p)] ~ 0.80; a linear SVM gets close.
    expect(value.testAccuracy).toBeGreaterThan(0.7);
    expect(value.testAccuracy).toBeLessThan(0.92);
    // Recall of the soft class, counted by hand from the reference's predictions.
    const predicted = reference.predict(test.X);
    let soft = 0;
    let found = 0;
    for (let i = 0; i < test.y.length; i++) {
      if (test.y[i] !== 1) continue;
      soft++;
      if (predicted[i] === 1) found++;
    }
    expect(soft).toBeGreaterThan(20);
    expect(value.testSoftRecall).toBe(found / soft);
    expect(value.testSoftRecall).toBeGreaterThan(0.6);
  });

  it('reports NaN soft recall when the test set has no soft sample, 1 when every soft one is found', () => {
    const X = Float32Array.from([-3, -2, -1, 1, 2, 3, -2.5, -1.5, 1.5, 2.5]);
    const y = Int8Array.from([-1, -1, -1, 1, 1, 1, -1, -1, 1, 1]);
    const make = () => new LinearSVM({ C: 10, seed: 1 });
    const separable = drain(
      heldOutEvaluationSteps(make, { X, y }, { X: Float32Array.from([2, 4]), y: Int8Array.from([1, 1]) }, 1, { k: 2, seed: 0 }),
    ).value;
    expect(separable.testSoftRecall).toBe(1);
    const noSoft = drain(
      heldOutEvaluationSteps(make, { X, y }, { X: Float32Array.from([-2]), y: Int8Array.from([-1]) }, 1, { k: 2, seed: 0 }),
    ).value;
    expect(noSoft.testSoftRecall).toBeNaN();
  });

  it('throws the CV error (class too small for k folds) at the first step', () => {
    const X = Float32Array.from([0, 1, 2, 3, 4, 5]);
    const y = Int8Array.from([1, 1, -1, -1, -1, -1]);
    expect(() => heldOutEvaluationSteps(() => new LinearSVM(), { X, y }, { X, y }, 1, { k: 3, seed: 0 }).next()).toThrow(
      /class 1 has 2 samples/,
    );
  });
});
