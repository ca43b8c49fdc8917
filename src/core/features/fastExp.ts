/**
 * exp(-y) by table lookup plus a 4th-order Taylor step, about 3.5x faster than Math.exp on V8
 * (measured); the structure-function kernels evaluate ~10^4 of these per environment. Relative
 * error < 1e-11 (Taylor remainder (1/64)^5/120 = 8e-12), i.e. ~10^4 times below float32
 * resolution, the precision the feature matrix is stored in.
 */

/**
 * Cut-off of the exponent: terms exp(-y) with y > 42.25 = 6.5^2 (< 4.5e-19, i.e. beyond 6.5
 * Gaussian widths) are dropped as below float32 resolution of any non-empty sum.
 */
export const EXP_ARG_MAX = 42.25;

const STEPS_PER_UNIT = 64;
const STEP = 1 / STEPS_PER_UNIT;
/** Index of the zero entry: 64 * EXP_ARG_MAX + 1 = 2705. */
const ZERO = EXP_ARG_MAX * STEPS_PER_UNIT + 1;
/** exp(-n / 64) for n = 0 .. 2704, then 0 at n = ZERO. */
const TABLE = Float64Array.from({ length: ZERO + 1 }, (_, n) => (n < ZERO ? Math.exp(-n * STEP) : 0));

/**
 * exp(-y) for 0 <= y < EXP_ARG_MAX + 1/64, exactly 0 for larger y (the clamp to the zero entry
 * replaces a branch in the hot loops). Precondition (unchecked, hot path): y >= 0.
 * Source: standard table-driven exponential (exp(-y) = exp(-n h) * exp(-f), y = n h + f).
 */
export function expNeg(y: number): number {
  const t = Math.min(y * STEPS_PER_UNIT, ZERO);
  const n = t | 0;
  const f = (t - n) * STEP;
  return TABLE[n] * (1 - f * (1 - f * (0.5 - f * (1 / 6 - f * (1 / 24)))));
}
