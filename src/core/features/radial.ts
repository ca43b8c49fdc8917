import type { NeighborList } from '../neighbors/cellList';
import { EXP_ARG_MAX, expNeg } from './fastExp';
import type { RadialSpec } from './spec';

/** A RadialSpec compiled for the hot loop. */
export interface RadialKernel {
  readonly rCut: number;
  /** mus sorted ascending, Float64Array [nMus], and their column in spec order, Int32Array [nMus]. */
  readonly sortedMus: Float64Array;
  readonly column: Int32Array;
  /** Term = prefactor * exp(-(R - mu)^2 * inverseWidth2). */
  readonly prefactor: number;
  readonly inverseWidth2: number;
  /** Terms with |R - mu| > window have exponent > EXP_ARG_MAX and are skipped. */
  readonly window: number;
  /**
   * Start of the mu window by distance bucket: firstMu[floor(R / bucket)] is the first sorted
   * mu >= (bucket start) - window, Int32Array [floor(rCut / bucket) + 1]; replaces a
   * bisection per neighbour (unpredictable branches) by one lookup and rarely a step or two.
   */
  readonly bucket: number;
  readonly firstMu: Int32Array;
}

/**
 * Compiles a (validated) RadialSpec. 'cubuk': prefactor 1, 1/L^2 (Cubuk et al. PRL 2015, Eq. 1);
 * 'schoenholz': prefactor 1/sqrt(2 pi), 1/(2 sigma^2) (Schoenholz et al. review, Eq. 3).
 * The window is sqrt(42.25) = 6.5 L ('cubuk') or 6.5*sqrt(2) = 9.2 sigma ('schoenholz'): the
 * skipped terms are < 4.5e-19 each, below float32 resolution of any sum with a term near its peak.
 */
export function compileRadial(spec: RadialSpec): RadialKernel {
  const order = spec.mus.map((_, k) => k).sort((a, b) => spec.mus[a] - spec.mus[b]);
  const schoenholz = spec.convention === 'schoenholz';
  const inverseWidth2 = schoenholz ? 1 / (2 * spec.width * spec.width) : 1 / (spec.width * spec.width);
  const window = Math.sqrt(EXP_ARG_MAX / inverseWidth2);
  const sortedMus = Float64Array.from(order, (k) => spec.mus[k]);
  const bucket = window / 16;
  const firstMu = new Int32Array(Math.floor(spec.rCut / bucket) + 1);
  let s = 0;
  for (let k = 0; k < firstMu.length; k++) {
    while (s < sortedMus.length && sortedMus[s] < k * bucket - window) s++;
    firstMu[k] = s;
  }
  return {
    rCut: spec.rCut,
    sortedMus,
    column: Int32Array.from(order),
    prefactor: schoenholz ? 1 / Math.sqrt(2 * Math.PI) : 1,
    inverseWidth2,
    window,
    bucket,
    firstMu,
  };
}

/**
 * Adds G_Y(i; mu) for center c of `list` to `row`: for every neighbour j with R_ij < rCut, of
 * species Y, row[Y * nMus + column(mu)] += prefactor * exp(-(R_ij - mu)^2 * inverseWidth2).
 *
 * @param list neighbour list (built with a cut-off >= kernel.rCut); c is the center's index in it.
 * @param species species index per particle row, Uint8Array [n]; caller checked < nSpecies.
 * @param row accumulator, Float64Array [nFeatures]; radial columns start at 0 (FeatureLayout).
 * Source: Cubuk et al. PRL 2015, Eq. 1; Schoenholz et al. review, Eq. 3. Throws nothing.
 */
export function addRadial(kernel: RadialKernel, list: NeighborList, c: number, species: Uint8Array, row: Float64Array): void {
  const { rCut, sortedMus, column, prefactor, inverseWidth2, window, bucket, firstMu } = kernel;
  const nMus = sortedMus.length;
  const { neighbors, distances } = list;
  for (let p = list.offsets[c]; p < list.offsets[c + 1]; p++) {
    const r = distances[p];
    if (r >= rCut) continue;
    const base = species[neighbors[p]] * nMus;
    // First mu >= r - window: bucket lookup, then step past the few mus still below it.
    const from = r - window;
    let lo = firstMu[Math.floor(r / bucket)];
    while (lo < nMus && sortedMus[lo] < from) lo++;
    const to = r + window;
    for (let s = lo; s < nMus && sortedMus[s] <= to; s++) {
      const d = r - sortedMus[s];
      row[base + column[s]] += prefactor * expNeg(d * d * inverseWidth2);
    }
  }
}
