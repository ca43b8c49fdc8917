import { LinearSVM } from '../src/core/learn/linearSvm';
import { Rng } from '../src/core/learn/rng';
import { StandardScaler } from '../src/core/learn/scaler';

/**
 * Softness-like synthetic training data: nFeatures correlated features (AR(1) along the feature
 * index with rho = 0.7, like structure functions at neighbouring r, plus a common density-like
 * factor), a hidden linear rule on 30 features, Gaussian noise and 3% flipped labels, so the
 * classes overlap (~85% linear accuracy) as real soft/hard sets do. Standardised.
 * Returns X Float32Array row-major [nSamples x nFeatures] and y Int8Array [nSamples] of +-1.
 */
function softnessLikeData(nSamples: number, nFeatures: number, seed: number): { X: Float32Array; y: Int8Array } {
  const rng = new Rng(seed);
  const rho = 0.7;
  const hidden = new Float64Array(nFeatures);
  for (let j = 0; j < 30; j++) hidden[rng.nextInt(nFeatures)] = rng.nextGaussian();
  const raw = new Float32Array(nSamples * nFeatures);
  const y = new Int8Array(nSamples);
  for (let i = 0; i < nSamples; i++) {
    const common = 0.5 * rng.nextGaussian();
    let z = rng.nextGaussian();
    let score = 0;
    for (let k = 0; k < nFeatures; k++) {
      if (k > 0) z = rho * z + Math.sqrt(1 - rho * rho) * rng.nextGaussian();
      raw[i * nFeatures + k] = z + common;
      score += hidden[k] * (z + common);
    }
    y[i] = score + 2 * rng.nextGaussian() > 0 ? 1 : -1;
    if (rng.nextFloat() < 0.03) y[i] = -y[i];
  }
  return { X: new StandardScaler().fitTransform(raw, nFeatures), y };
}

/**
 * Wall-clock time of one LinearSVM fit with the default settings (C = 1, hinge loss, tol 1e-4,
 * at most 1000 passes) on 12,000 x 160 softness-like standardised samples, single thread.
 * Target: <= 3 s. Data generation is not timed.
 */
export function benchSvm(): { nSamples: number; nFeatures: number; seconds: number; nIter: number; converged: boolean } {
  const nSamples = 12_000;
  const nFeatures = 160;
  const { X, y } = softnessLikeData(nSamples, nFeatures, 2015);
  const start = performance.now();
  const svm = new LinearSVM().fit(X, y, nFeatures);
  const seconds = (performance.now() - start) / 1000;
  return { nSamples, nFeatures, seconds, nIter: svm.nIter, converged: svm.converged };
}
