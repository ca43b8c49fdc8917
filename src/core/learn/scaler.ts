import { checkMatrix } from './matrix';
import { readFloat64Array, readNumber, readObject } from './jsonFields';

/** JSON form of a fitted StandardScaler (inside `*.softness.json`). */
export interface StandardScalerJSON {
  mean: number[];
  scale: number[];
  nSamplesSeen: number;
}

/**
 * Per-feature standardisation z = (x - mean) / scale, as scikit-learn's StandardScaler (1.2):
 * mean and population standard deviation (ddof = 0) accumulated in Float64 with the two-pass
 * algorithm; a feature whose variance is indistinguishable from zero (sklearn's
 * `_is_constant_feature` bound var <= n eps var + (n mean eps)^2, eps = 2^-52) gets scale 1, so it
 * is centred but not blown up. Structure functions have very different magnitudes (a radial
 * G at the first peak vs. one at 5 sigma_AA), and the SVM's C penalty is only meaningful once
 * every feature has unit variance ([Cubuk2015] trains on standardised features).
 */
export class StandardScaler {
  /** Per-feature mean, Float64Array [nFeatures], in the features' unit. */
  mean: Float64Array = new Float64Array(0);
  /** Per-feature scale (standard deviation, or 1 for a constant feature), Float64Array [nFeatures]. */
  scale: Float64Array = new Float64Array(0);
  nSamplesSeen = 0;

  get nFeatures(): number {
    return this.mean.length;
  }

  /**
   * Learns mean and scale from X, Float32Array row-major [nSamples x nFeatures].
   * Throws RangeError on a bad shape or a NaN/infinite entry (naming row and feature).
   */
  fit(X: Float32Array, nFeatures: number): this {
    const n = checkMatrix(X, nFeatures, 'X');
    const mean = new Float64Array(nFeatures);
    const variance = new Float64Array(nFeatures);
    for (let i = 0; i < n; i++) {
      const off = i * nFeatures;
      for (let k = 0; k < nFeatures; k++) mean[k] += X[off + k];
    }
    for (let k = 0; k < nFeatures; k++) mean[k] /= n;
    for (let i = 0; i < n; i++) {
      const off = i * nFeatures;
      for (let k = 0; k < nFeatures; k++) {
        const d = X[off + k] - mean[k];
        variance[k] += d * d;
      }
    }
    const scale = new Float64Array(nFeatures);
    const eps = Number.EPSILON;
    for (let k = 0; k < nFeatures; k++) {
      const v = variance[k] / n;
      const constant = v <= n * eps * v + (n * mean[k] * eps) ** 2;
      scale[k] = constant ? 1 : Math.sqrt(v);
    }
    this.mean = mean;
    this.scale = scale;
    this.nSamplesSeen = n;
    return this;
  }

  /**
   * Standardised copy of X: Float32Array row-major [nSamples x nFeatures] -> same shape.
   * Throws Error if not fitted, RangeError on a width mismatch or a non-finite entry.
   */
  transform(X: Float32Array): Float32Array {
    const m = this.nFeatures;
    if (m === 0) throw new Error('StandardScaler.transform called before fit');
    const n = checkMatrix(X, m, 'X');
    const out = new Float32Array(X.length);
    for (let i = 0; i < n; i++) {
      const off = i * m;
      for (let k = 0; k < m; k++) out[off + k] = (X[off + k] - this.mean[k]) / this.scale[k];
    }
    return out;
  }

  /** fit(X, nFeatures) then transform(X). */
  fitTransform(X: Float32Array, nFeatures: number): Float32Array {
    return this.fit(X, nFeatures).transform(X);
  }

  toJSON(): StandardScalerJSON {
    return { mean: Array.from(this.mean), scale: Array.from(this.scale), nSamplesSeen: this.nSamplesSeen };
  }

  /**
   * Rebuilds a fitted scaler with `nFeatures` features. Throws ModelFieldError naming
   * `field.mean[k]` etc. when a field is missing, has the wrong length, is not finite, or a
   * scale is not > 0.
   */
  static fromJSON(json: unknown, nFeatures: number, field = 'scaler'): StandardScaler {
    const o = readObject(json, field);
    const scaler = new StandardScaler();
    scaler.mean = readFloat64Array(o.mean, `${field}.mean`, nFeatures);
    scaler.scale = readFloat64Array(o.scale, `${field}.scale`, nFeatures, true);
    scaler.nSamplesSeen = readNumber(o.nSamplesSeen, `${field}.nSamplesSeen`, { min: 1, integer: true });
    return scaler;
  }
}
