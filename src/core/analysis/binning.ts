/**
 * Uniform bins over [lo, hi): the shared binning of every softness histogram, so P(S), P(S|R)
 * and P_R(S) of one analysis always use the same edges.
 */
export interface Bins {
  readonly lo: number;
  readonly hi: number;
  readonly count: number;
  /** Bin centres, Float64Array [count]. */
  readonly centers: Float64Array;
  readonly width: number;
}

/** Throws RangeError unless lo < hi (both finite) and count is a positive integer. */
export function uniformBins(lo: number, hi: number, count: number): Bins {
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) throw new RangeError(`bins need finite lo < hi, got [${lo}, ${hi}]`);
  if (!(Number.isInteger(count) && count > 0)) throw new RangeError(`bin count must be a positive integer, got ${count}`);
  const width = (hi - lo) / count;
  const centers = new Float64Array(count);
  for (let b = 0; b < count; b++) centers[b] = lo + (b + 0.5) * width;
  return { lo, hi, count, centers, width };
}

/** Bin index of v, or -1 when v is outside [lo, hi] or not finite (hi itself goes to the last bin). */
export function binIndex(bins: Bins, v: number): number {
  if (!(v >= bins.lo && v <= bins.hi)) return -1;
  return Math.min(bins.count - 1, Math.floor((v - bins.lo) / bins.width));
}

/**
 * Bins spanning the finite values of `values` between the given quantiles (default: all of them),
 * so a few outliers do not squeeze the distribution into one bin.
 * Throws RangeError when there is no finite value or all finite values are equal.
 */
export function binsForValues(values: ArrayLike<number>, count: number, quantile = 0): Bins {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  if (finite.length === 0) throw new RangeError('no finite value to bin');
  finite.sort((a, b) => a - b);
  const lo = finite[Math.floor(quantile * (finite.length - 1))];
  const hi = finite[Math.ceil((1 - quantile) * (finite.length - 1))];
  if (!(hi > lo)) throw new RangeError(`all values equal ${lo}: nothing to bin`);
  return uniformBins(lo, hi, count);
}
