import { accuracy, crossValidationSteps, type Classifier, type CrossValidationResult } from './crossValidation';

/** Labelled samples: X Float32Array row-major [nSamples x nFeatures], y Int8Array [nSamples] of ±1. */
export interface LabelledSamples {
  readonly X: Float32Array;
  readonly y: Int8Array;
}

/** What one classifier setting achieves: k-fold CV on the training samples, then one fit scored on both sets. */
export interface HeldOutEvaluation<C extends Classifier> {
  /** Per-fold accuracies, Float64Array [k], and their mean, in [0, 1]. */
  readonly cv: CrossValidationResult;
  /** The classifier fitted on all training samples. */
  readonly fitted: C;
  /** Accuracy of `fitted` on its own training samples (above testAccuracy when it overfits; [Cubuk2016] Fig. 4.4). */
  readonly trainAccuracy: number;
  /** Accuracy of `fitted` on the held-out test samples. */
  readonly testAccuracy: number;
  /**
   * Fraction of the held-out soft samples (label +1: about to rearrange) that `fitted` puts on the
   * soft side, S > 0: the training population's estimate of P(S > 0 | R) ([Cubuk2015],
   * ~0.9 in 3D; [Schoenholz2018] Sec. 3.3). NaN when the test set has no soft sample.
   */
  readonly testSoftRecall: number;
}

/**
 * The evaluation protocol of `train` ([Cubuk2016] Sec. 4.3.1; scikit-learn's cross_val_score
 * followed by a refit): stratified k-fold cross-validation of fresh classifiers from
 * `makeClassifier` on `train`, then one classifier fitted on all of `train` and scored on `train`
 * and on `test`, which no fit has seen. Use a factory that also fits the scaler (ScaledSvm) so that
 * no standardisation peeks at a test fold.
 *
 * A generator of k + 1 fits: it pauses before each fit (the values it yields mean nothing) so an async caller can
 * check for cancellation in between, and returns the HeldOutEvaluation.
 * @param nFeatures width of both X matrices.
 * @throws RangeError on bad shapes, a class with fewer than k training samples, or an empty test
 *   set (from crossValidationSteps / accuracy), and whatever the classifier throws.
 */
export function* heldOutEvaluationSteps<C extends Classifier>(
  makeClassifier: () => C,
  train: LabelledSamples,
  test: LabelledSamples,
  nFeatures: number,
  options: { k: number; seed: number },
): Generator<unknown, HeldOutEvaluation<C>> {
  const cv = yield* crossValidationSteps(makeClassifier, train.X, train.y, nFeatures, options);
  yield;
  const fitted = makeClassifier();
  fitted.fit(train.X, train.y, nFeatures);
  const testPredicted = fitted.predict(test.X);
  return {
    cv,
    fitted,
    trainAccuracy: accuracy(train.y, fitted.predict(train.X)),
    testAccuracy: accuracy(test.y, testPredicted),
    testSoftRecall: softRecall(test.y, testPredicted),
  };
}

/** Fraction of the +1 labels of `yTrue` predicted +1 (Int8Array, same length); NaN without any +1. */
function softRecall(yTrue: Int8Array, yPred: Int8Array): number {
  let soft = 0;
  let found = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrue[i] !== 1) continue;
    soft++;
    if (yPred[i] === 1) found++;
  }
  return soft > 0 ? found / soft : NaN;
}
