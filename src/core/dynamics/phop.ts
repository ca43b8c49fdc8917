import { requireFrameArray, requireInteger } from './shape';

/**
 * Hop indicator p_hop(i, t) of every particle at every frame ([Schoenholz2018] Eq. 2; [Candelier2010]):
 *
 *   p_hop(i,t) = sqrt( <(x_i - <x_i>_B)^2>_A  <(x_i - <x_i>_A)^2>_B ),
 *   A = [t - t_R/2, t],  B = [t, t + t_R/2].
 *
 * Window convention: `windowFrames` = t_R divided by the frame spacing (the caller converts t_R in
 * tau, e.g. 10 tau, using the spacing between dumps), and must be even. With h = windowFrames / 2,
 * A is frames k-h..k and B is frames k..k+h: both ends inclusive, so frame k belongs to BOTH
 * intervals, exactly as the sums sum_{t'=t-t_R/2}^{t} of [Schoenholz2018] Eq. 2 do. Each average
 * is a true mean over its h + 1 frames ([Schoenholz2018] writes the prefactor 2/t_R, which counts h
 * instead of h + 1 terms; the true mean is used so a static particle caged with variance v gives
 * p_hop = v).
 * For a particle that sits at x0 and jumps by a (|a| in sigma_AA) between frames t0 - 1 and t0,
 * p_hop(k) = a^2 f^(3/2), with f the fraction of the opposite-side interval that lies across the
 * jump; its peak, at k = t0 - 1 and k = t0, is a^2 (h / (h + 1))^(3/2).
 * The squares sum over all three axes; a 2D trajectory has a constant z, which contributes 0.
 *
 * Cost O(nFrames * n) through per-particle Float64 prefix sums of x and |x|^2. To limit
 * cancellation in <x^2> - <x>^2, every particle's coordinates are taken relative to its own
 * position in frame 0, and each factor is evaluated as var + (<x>_A - <x>_B)^2 with the variance
 * clamped at 0 (it can only dip below by rounding); the absolute error in p_hop is about
 * 1e-16 * nFrames * D^2 for a particle that wanders a distance D (sigma_AA) from its start.
 *
 * @param unwrapped Float64Array row-major [nFrames x n x 3], unwrapped positions (sigma_AA), e.g.
 *   from `unwrapPositions`; inherent-structure positions give the cleanest signal ([Schoenholz2018] Sec. 3).
 * @param windowFrames t_R in frames, even integer >= 2.
 * @returns Float32Array row-major [nFrames x n], p_hop in sigma_AA^2. NaN at frames whose window
 *   is incomplete: the first and the last h frames (all frames when nFrames < windowFrames + 1).
 * @throws RangeError when the array length is not nFrames * n * 3, when n or nFrames is not a
 *   positive integer, or when windowFrames is not an even integer >= 2.
 */
export function pHop(unwrapped: Float64Array, nFrames: number, n: number, windowFrames: number): Float32Array {
  requireFrameArray('pHop: unwrapped positions', unwrapped, nFrames, n, 3);
  requireInteger('pHop: windowFrames (t_R in frames)', windowFrames, 2);
  if (windowFrames % 2 !== 0) {
    throw new RangeError(`pHop: windowFrames (t_R in frames) must be even so that t = t_R/2 is a frame, got ${windowFrames}`);
  }
  const h = windowFrames / 2;
  const out = new Float32Array(nFrames * n).fill(NaN);
  if (nFrames < windowFrames + 1) return out;
  // Prefix sums over frames for one particle: sum[k] = sum over frames f < k.
  const sumX = new Float64Array((nFrames + 1) * 3);
  const sumSq = new Float64Array(nFrames + 1);
  const perInterval = 1 / (h + 1);
  const stride = 3 * n;
  for (let i = 0; i < n; i++) {
    const x0 = unwrapped[3 * i];
    const y0 = unwrapped[3 * i + 1];
    const z0 = unwrapped[3 * i + 2];
    for (let f = 0, o = 3 * i; f < nFrames; f++, o += stride) {
      const dx = unwrapped[o] - x0;
      const dy = unwrapped[o + 1] - y0;
      const dz = unwrapped[o + 2] - z0;
      const p = 3 * f;
      sumX[p + 3] = sumX[p] + dx;
      sumX[p + 4] = sumX[p + 1] + dy;
      sumX[p + 5] = sumX[p + 2] + dz;
      sumSq[f + 1] = sumSq[f] + dx * dx + dy * dy + dz * dz;
    }
    for (let k = h; k < nFrames - h; k++) {
      // A = frames [k - h, k] -> prefix indices (k - h, k + 1); B = [k, k + h] -> (k, k + h + 1).
      const a0 = k - h;
      const a1 = k + 1;
      const b0 = k;
      const b1 = k + h + 1;
      let meanSqA = (sumSq[a1] - sumSq[a0]) * perInterval;
      let meanSqB = (sumSq[b1] - sumSq[b0]) * perInterval;
      let gap = 0;
      for (let axis = 0; axis < 3; axis++) {
        const meanA = (sumX[3 * a1 + axis] - sumX[3 * a0 + axis]) * perInterval;
        const meanB = (sumX[3 * b1 + axis] - sumX[3 * b0 + axis]) * perInterval;
        meanSqA -= meanA * meanA;
        meanSqB -= meanB * meanB;
        gap += (meanA - meanB) * (meanA - meanB);
      }
      // <(x - <x>_B)^2>_A = var_A + |<x>_A - <x>_B|^2, and symmetrically for B.
      const factorA = Math.max(meanSqA, 0) + gap;
      const factorB = Math.max(meanSqB, 0) + gap;
      out[k * n + i] = Math.sqrt(factorA * factorB);
    }
  }
  return out;
}
