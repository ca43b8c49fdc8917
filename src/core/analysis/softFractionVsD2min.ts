/**
 * P(soft | D2_min): the fraction of particles classified soft (S > 0) as a function of their
 * D2_min, on logarithmic D2_min bins ([Cubuk2015] Fig. 2).
 */
export interface SoftFractionCurve {
  /** Geometric bin centres in sigma_AA^2, Float64Array [nBins]. */
  readonly d2minCenters: Float64Array;
  /** Fraction with S > 0 per bin (NaN for an empty bin), and the particles per bin. */
  readonly softFraction: Float64Array;
  readonly counts: Float64Array;
}

/**
 * `softness` Float32Array and `d2min` Float64Array cover the same particles ([nIntervals x n] flat,
 * D2_min in sigma_AA^2). Non-finite or non-positive D2_min entries are skipped.
 * Throws RangeError on a length mismatch, nBins < 1 or when no positive finite D2_min exists.
 */
export function softFractionVsD2min(softness: Float32Array, d2min: Float64Array, nBins = 30): SoftFractionCurve {
  if (softness.length !== d2min.length) throw new RangeError(`softness (${softness.length}) and d2min (${d2min.length}) lengths differ`);
  if (!(Number.isInteger(nBins) && nBins >= 1)) throw new RangeError(`nBins must be a positive integer, got ${nBins}`);
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < d2min.length; k++) {
    const d = d2min[k];
    if (d > 0 && Number.isFinite(d) && Number.isFinite(softness[k])) {
      lo = Math.min(lo, d);
      hi = Math.max(hi, d);
    }
  }
  if (!(hi >= lo)) throw new RangeError('no positive finite D2_min value');
  const logLo = Math.log10(lo);
  const step = Math.max((Math.log10(hi) - logLo) / nBins, 1e-12);
  const counts = new Float64Array(nBins);
  const softCounts = new Float64Array(nBins);
  for (let k = 0; k < d2min.length; k++) {
    const d = d2min[k];
    if (!(d > 0 && Number.isFinite(d) && Number.isFinite(softness[k]))) continue;
    const b = Math.min(nBins - 1, Math.floor((Math.log10(d) - logLo) / step));
    counts[b]++;
    if (softness[k] > 0) softCounts[b]++;
  }
  const d2minCenters = new Float64Array(nBins);
  const softFraction = new Float64Array(nBins);
  for (let b = 0; b < nBins; b++) {
    d2minCenters[b] = 10 ** (logLo + (b + 0.5) * step);
    softFraction[b] = counts[b] > 0 ? softCounts[b] / counts[b] : NaN;
  }
  return { d2minCenters, softFraction, counts };
}
