import { requireInteger } from './shape';

/** The (origin, lag) pairs of a time-origin average; see `timeOrigins`. */
export interface TimeOrigins {
  /** Longest lag, frames. */
  readonly maxLag: number;
  /** Number of origins at each lag, Int32Array [maxLag + 1] (fewer at long lags). */
  readonly origins: Int32Array;
  /** Calls `visit(t0, lag)` for every pair, origin by origin, lags increasing; the caller adds up its sums. */
  forEachPair(visit: (t0: number, lag: number) => void): void;
}

/**
 * The time-origin average of the dynamics (`overlap`, `meanSquaredDisplacement`): for nFrames
 * equally spaced frames, the origins t0 = 0, s, 2s, ... (s = originStride) and the lags
 * 0..maxLag with t0 + lag < nFrames, so long lags have fewer origins. Lags are counted in frames
 * (log-spaced dumps need their own origin bookkeeping).
 *
 * @param label names the caller in error messages ("overlap").
 * @throws RangeError when nFrames < 1, maxLag is not an integer in [0, nFrames - 1], or
 *   originStride is not an integer >= 1.
 */
export function timeOrigins(label: string, nFrames: number, maxLag: number, originStride: number): TimeOrigins {
  requireInteger(`${label}: nFrames`, nFrames, 1);
  requireInteger(`${label}: maxLag (frames)`, maxLag, 0);
  if (maxLag > nFrames - 1) throw new RangeError(`${label}: maxLag must be <= nFrames - 1 = ${nFrames - 1}, got ${maxLag}`);
  requireInteger(`${label}: originStride (frames)`, originStride, 1);
  const lastLag = (t0: number): number => Math.min(maxLag, nFrames - 1 - t0);
  const origins = new Int32Array(maxLag + 1);
  for (let t0 = 0; t0 < nFrames; t0 += originStride) for (let lag = 0; lag <= lastLag(t0); lag++) origins[lag]++;
  return {
    maxLag,
    origins,
    forEachPair(visit) {
      for (let t0 = 0; t0 < nFrames; t0 += originStride) for (let lag = 0; lag <= lastLag(t0); lag++) visit(t0, lag);
    },
  };
}
