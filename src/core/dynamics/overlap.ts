import { requireFrameArray } from './shape';
import { timeOrigins } from './timeOrigins';

/** Options of `overlap`. */
export interface OverlapOptions {
  /** Mobility threshold a (sigma_AA); default 0.3, the usual cage-size convention. */
  a?: number;
  /** Largest lag computed, in frames; default nFrames - 1. */
  maxLag?: number;
  /** Spacing of the time origins, in frames; default 1 (every frame is an origin). */
  originStride?: number;
}

/**
 * Self overlap q(t) ([Schoenholz2018] Eq. 1), as the fraction of particles that have NOT moved
 * farther than a:
 *
 *   q(t) = < (1/N) sum_i Theta(a - |r_i(t0 + t) - r_i(t0)|) >_{t0},   Theta(0) = 1,
 *
 * so q(0) = 1 and q decays to 0 (the Theta notation of [Schoenholz2018] can be read either way;
 * this is the common convention in which tau_alpha is where q falls to 1/e). The average runs over the time
 * origins t0 = 0, s, 2s, ... (s = originStride) with t0 + t inside the trajectory, so long lags
 * have fewer origins (`timeOrigins`). Lags are counted in frames: the frames must be equally spaced in time
 * (log-spaced dumps need their own origin bookkeeping).
 * Cost O(nOrigins * (maxLag + 1) * n); raise originStride or lower maxLag for long trajectories.
 *
 * @param unwrapped Float64Array row-major [nFrames x n x 3], unwrapped positions (sigma_AA).
 * @returns Float64Array [maxLag + 1], q at lags 0..maxLag frames (dimensionless, in [0, 1]).
 * @throws RangeError on a shape mismatch, a not finite or non-positive a, maxLag outside
 *   [0, nFrames - 1], or originStride < 1.
 */
export function overlap(unwrapped: Float64Array, nFrames: number, n: number, options: OverlapOptions = {}): Float64Array {
  requireFrameArray('overlap: unwrapped positions', unwrapped, nFrames, n, 3);
  const a = options.a ?? 0.3;
  if (!(Number.isFinite(a) && a > 0)) throw new RangeError(`overlap: a must be a finite positive length (sigma_AA), got ${a}`);
  const lags = timeOrigins('overlap', nFrames, options.maxLag ?? nFrames - 1, options.originStride ?? 1);
  const a2 = a * a;
  const stayed = new Float64Array(lags.maxLag + 1);
  const frameSize = 3 * n;
  lags.forEachPair((t0, lag) => {
    const origin = t0 * frameSize;
    const later = (t0 + lag) * frameSize;
    let count = 0;
    for (let o = 0; o < frameSize; o += 3) {
      const dx = unwrapped[later + o] - unwrapped[origin + o];
      const dy = unwrapped[later + o + 1] - unwrapped[origin + o + 1];
      const dz = unwrapped[later + o + 2] - unwrapped[origin + o + 2];
      if (dx * dx + dy * dy + dz * dz <= a2) count++;
    }
    stayed[lag] += count;
  });
  for (let lag = 0; lag <= lags.maxLag; lag++) stayed[lag] /= lags.origins[lag] * n;
  return stayed;
}

/**
 * Structural relaxation time tau_alpha: the first time at which q(t) drops below 1/e, linearly
 * interpolated between the last sample at or above 1/e and the first one below.
 *
 * @param q q(t) samples (dimensionless), e.g. from `overlap`, length m >= 1.
 * @param times the lag time of each sample (tau), length m, strictly increasing.
 * @returns tau_alpha in the units of `times` (tau); times[0] if q[0] is already below 1/e.
 * @throws RangeError when the lengths differ, a value is not finite, times are not increasing,
 *   or q never drops below 1/e (the trajectory is too short: the message gives the last q).
 */
export function tauAlpha(q: ArrayLike<number>, times: ArrayLike<number>): number {
  const m = q.length;
  if (m === 0 || times.length !== m) {
    throw new RangeError(`tauAlpha: q and times must have the same non-zero length, got ${m} and ${times.length}`);
  }
  for (let k = 0; k < m; k++) {
    if (!Number.isFinite(q[k]) || !Number.isFinite(times[k])) {
      throw new RangeError(`tauAlpha: sample ${k} is not finite (q = ${q[k]}, time = ${times[k]})`);
    }
    if (k > 0 && !(times[k] > times[k - 1])) {
      throw new RangeError(
        `tauAlpha: times must be strictly increasing, but times[${k}] = ${times[k]} <= times[${k - 1}] = ${times[k - 1]}`,
      );
    }
  }
  const level = Math.exp(-1);
  if (q[0] < level) return times[0];
  for (let k = 1; k < m; k++) {
    if (q[k] < level) {
      // q[k - 1] >= level > q[k], so the denominator is positive.
      const fraction = (q[k - 1] - level) / (q[k - 1] - q[k]);
      return times[k - 1] + fraction * (times[k] - times[k - 1]);
    }
  }
  throw new RangeError(
    `tauAlpha: q(t) never drops below 1/e = ${level.toFixed(4)}; last sample q(${times[m - 1]}) = ${q[m - 1]} — the trajectory is shorter than tau_alpha`,
  );
}
