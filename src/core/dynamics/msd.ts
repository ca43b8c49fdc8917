import { requireFrameArray, requireInteger } from './shape';
import { timeOrigins } from './timeOrigins';

/** Options of `meanSquaredDisplacement`. */
export interface MsdOptions {
  /** Largest lag computed, in frames; default nFrames - 1. */
  maxLag?: number;
  /** Spacing of the time origins, in frames; default 1 (every frame is an origin). */
  originStride?: number;
}

/** Mean squared displacement per species and lag, with the number of time origins behind each lag. */
export interface MeanSquaredDisplacement {
  /** MSD (sigma_AA^2), Float64Array row-major [nSpecies x (maxLag + 1)]; NaN for a species without particles. */
  readonly msd: Float64Array;
  /** Time origins averaged at each lag, Int32Array [maxLag + 1]. */
  readonly origins: Int32Array;
  readonly nSpecies: number;
  readonly maxLag: number;
}

/**
 * Mean squared displacement of each species,
 *
 *   MSD_s(t) = < (1/N_s) sum_{i in s} |r_i(t0 + t) - r_i(t0)|^2 >_{t0},
 *
 * averaged over the N_s particles of species s and over the time origins t0 of `timeOrigins`
 * (every originStride-th frame, so long lags have fewer origins), as in [KobAndersen1995] for the
 * A and B particles. Lags are counted in frames of equally spaced dumps. Cost O(nOrigins *
 * (maxLag + 1) * n), like `overlap`.
 *
 * @param unwrapped Float64Array row-major [nFrames x n x 3], unwrapped positions (sigma_AA).
 * @param species Uint8Array [n], species index of each particle row, each < nSpecies.
 * @throws RangeError on a shape mismatch, a species index >= nSpecies, nSpecies < 1, maxLag
 *   outside [0, nFrames - 1], or originStride < 1.
 */
export function meanSquaredDisplacement(
  unwrapped: Float64Array,
  nFrames: number,
  n: number,
  species: Uint8Array,
  nSpecies: number,
  options: MsdOptions = {},
): MeanSquaredDisplacement {
  requireFrameArray('msd: unwrapped positions', unwrapped, nFrames, n, 3);
  requireInteger('msd: nSpecies', nSpecies, 1);
  if (species.length !== n) throw new RangeError(`msd: species has ${species.length} entries, expected n = ${n}`);
  const count = new Float64Array(nSpecies);
  for (const s of species) {
    if (s >= nSpecies) throw new RangeError(`msd: species index ${s} is not below nSpecies = ${nSpecies}`);
    count[s]++;
  }
  const lags = timeOrigins('msd', nFrames, options.maxLag ?? nFrames - 1, options.originStride ?? 1);
  const width = lags.maxLag + 1;
  const msd = new Float64Array(nSpecies * width);
  const frameSize = 3 * n;
  lags.forEachPair((t0, lag) => {
    const origin = t0 * frameSize;
    const later = (t0 + lag) * frameSize;
    for (let i = 0, o = 0; i < n; i++, o += 3) {
      const dx = unwrapped[later + o] - unwrapped[origin + o];
      const dy = unwrapped[later + o + 1] - unwrapped[origin + o + 1];
      const dz = unwrapped[later + o + 2] - unwrapped[origin + o + 2];
      msd[species[i] * width + lag] += dx * dx + dy * dy + dz * dz;
    }
  });
  for (let s = 0; s < nSpecies; s++) {
    for (let lag = 0; lag < width; lag++) msd[s * width + lag] = count[s] > 0 ? msd[s * width + lag] / (count[s] * lags.origins[lag]) : NaN;
  }
  return { msd, origins: lags.origins, nSpecies, maxLag: lags.maxLag };
}
