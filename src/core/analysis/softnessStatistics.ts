import { binIndex, type Bins } from './binning';

/**
 * Softness statistics over particle-frames ([Schoenholz2018] Sec. 3.3 and Eq. 10).
 *
 * Inputs are aligned flat arrays over the same particle-frames:
 * `softness` Float32Array [nFrames x n] and `rearranging` Uint8Array [nFrames x n] (1 = rearranging at
 * that frame, e.g. p_hop > 0.2; 0 = not; 255 = unknown, e.g. p_hop undefined at the trajectory's
 * edges — such entries are skipped everywhere).
 */
export interface SoftnessStatistics {
  readonly bins: Bins;
  /** Particle-frames per bin (all, and rearranging), Float64Array [nBins]. */
  readonly counts: Float64Array;
  readonly rearrangingCounts: Float64Array;
  /** P(S): probability density over the bins (integrates to the fraction inside [lo, hi]). */
  readonly pS: Float64Array;
  /** P(S|R): the same density restricted to rearranging particle-frames ([Schoenholz2018] Fig. 3c). */
  readonly pSGivenR: Float64Array;
  /** P_R(S): fraction of the particle-frames of each bin that rearrange (direct counting, [Schoenholz2018] below Eq. 10); NaN for an empty bin. */
  readonly pR: Float64Array;
  /** Binomial standard error sqrt(P_R (1 - P_R) / n_bin) of each P_R(S) bin. */
  readonly pRError: Float64Array;
  /** Particle-frames with a known label, and how many of them rearrange. */
  readonly total: number;
  readonly totalRearranging: number;
}

/**
 * Computes P(S), P(S|R) and P_R(S) in one pass (the S > 0 fractions are `rearrangementCapture`).
 * Throws RangeError when the arrays differ in length or no particle-frame is labelled.
 * Source: [Schoenholz2018] Eq. 10 — P_R(S) = P(S|R) P(R) / P(S) — evaluated by the
 * equivalent direct count "fraction of particles rearranging, binned by softness".
 */
export function softnessStatistics(softness: Float32Array, rearranging: Uint8Array, bins: Bins): SoftnessStatistics {
  if (softness.length !== rearranging.length) {
    throw new RangeError(`softness (${softness.length}) and rearranging (${rearranging.length}) must cover the same particle-frames`);
  }
  const counts = new Float64Array(bins.count);
  const rearrangingCounts = new Float64Array(bins.count);
  let total = 0;
  let totalRearranging = 0;
  for (let k = 0; k < softness.length; k++) {
    const label = rearranging[k];
    const s = softness[k];
    if (label > 1 || !Number.isFinite(s)) continue;
    total++;
    if (label === 1) totalRearranging++;
    const b = binIndex(bins, s);
    if (b < 0) continue;
    counts[b]++;
    if (label === 1) rearrangingCounts[b]++;
  }
  if (total === 0) throw new RangeError('no particle-frame has both a finite softness and a rearrangement label');
  const pS = new Float64Array(bins.count);
  const pSGivenR = new Float64Array(bins.count);
  const pR = new Float64Array(bins.count);
  const pRError = new Float64Array(bins.count);
  for (let b = 0; b < bins.count; b++) {
    pS[b] = counts[b] / (total * bins.width);
    pSGivenR[b] = totalRearranging > 0 ? rearrangingCounts[b] / (totalRearranging * bins.width) : 0;
    const p = counts[b] > 0 ? rearrangingCounts[b] / counts[b] : NaN;
    pR[b] = p;
    pRError[b] = counts[b] > 0 ? Math.sqrt((p * (1 - p)) / counts[b]) : NaN;
  }
  return {
    bins,
    counts,
    rearrangingCounts,
    pS,
    pSGivenR,
    pR,
    pRError,
    total,
    totalRearranging,
  };
}
