import type { Classifier } from './crossValidation';
import { LinearSVM, type LinearSvmOptions } from './linearSvm';
import { StandardScaler } from './scaler';

/**
 * StandardScaler followed by LinearSVM as one classifier (scikit-learn's
 * `make_pipeline(StandardScaler(), LinearSVC())`), so that cross-validation refits the scaler on
 * each training fold and never standardises with statistics of its test fold.
 * X: Float32Array row-major [nSamples x nFeatures] of raw structure functions; y: Int8Array ±1.
 */
export class ScaledSvm implements Classifier {
  readonly scaler = new StandardScaler();
  readonly svm: LinearSVM;

  constructor(options: LinearSvmOptions = {}) {
    this.svm = new LinearSVM(options);
  }

  /** Fits the scaler, then the SVM on the standardised X. Throws what either throws. */
  fit(X: Float32Array, y: Int8Array, nFeatures: number): this {
    this.svm.fit(this.scaler.fit(X, nFeatures).transform(X), y, nFeatures);
    return this;
  }

  /** ±1 predictions, Int8Array [nSamples]. */
  predict(X: Float32Array): Int8Array {
    return this.svm.predict(this.scaler.transform(X));
  }
}
