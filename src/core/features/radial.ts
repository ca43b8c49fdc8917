import type { NeighborList } from '../neighbors/cellList';
import { EXP_ARG_MAX, expNeg } from './fastExp';
import type { FeatureLayout } from './names';
import { compileRadialPass, type RadialPass } from './radialPass';
import type { RadialSpec } from './spec';

/**
 * A grid counts as evenly spaced (recurrence, see addRadial) when treating its mus as exactly
 * mu_0 + k h changes no term by more than this relative amount; other grids use one exponential
 * per term.
 */
const GRID_TOLERANCE = 1e-12;

/** A RadialSpec compiled for the hot loop, with scratch space (one computation at a time). */
export interface RadialKernel {
  readonly rCut: number;
  /** mus sorted ascending, Float64Array [nMus], and their column in spec order, Int32Array [nMus]. */
  readonly sortedMus: Float64Array;
  readonly column: Int32Array;
  /** Term = prefactor * exp(-(R - mu)^2 * inverseWidth2). */
  readonly prefactor: number;
  readonly inverseWidth2: number;
  /** Terms with |R - mu| > window have exponent > EXP_ARG_MAX (< 4.5e-19) and may be left out. */
  readonly window: number;
  /** Spacing h of an evenly spaced grid (GRID_TOLERANCE), or 0: one exponential per term. */
  readonly step: number;
  /**
   * Uneven grids only. Start of the mu window by distance bucket: firstMu[floor(R / bucket)] is
   * the first sorted mu >= (bucket start) - window, Int32Array [floor(rCut / bucket) + 1];
   * replaces a bisection per neighbour (unpredictable branches) by one lookup and a step or two.
   */
  readonly bucket: number;
  readonly firstMu: Int32Array;
  /** Uneven grids: per-center sums in sorted-mu order, Float64Array [nSpecies x nMus], grown on demand. */
  sums: Float64Array;
  /** Even grids: the compiled pass for the species count last used (radialPass.ts). */
  pass: RadialPass | null;
}

/**
 * Compiles a (validated) RadialSpec. 'cubuk': prefactor 1, 1/L^2 ([Cubuk2015] Eq. 1);
 * 'schoenholz': prefactor 1/sqrt(2 pi), 1/(2 sigma^2) ([Schoenholz2018] Eq. 3).
 * The window is sqrt(42.25) = 6.5 L ('cubuk') or 6.5*sqrt(2) = 9.2 sigma ('schoenholz'): the
 * skipped terms are < 4.5e-19 each, below float32 resolution of any sum with a term near its peak.
 */
export function compileRadial(spec: RadialSpec): RadialKernel {
  const order = spec.mus.map((_, k) => k).sort((a, b) => spec.mus[a] - spec.mus[b]);
  const schoenholz = spec.convention === 'schoenholz';
  const inverseWidth2 = schoenholz ? 1 / (2 * spec.width * spec.width) : 1 / (spec.width * spec.width);
  const window = Math.sqrt(EXP_ARG_MAX / inverseWidth2);
  const sortedMus = Float64Array.from(order, (k) => spec.mus[k]);
  const step = evenStep(sortedMus, inverseWidth2, window);
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
    step,
    bucket,
    firstMu,
    sums: new Float64Array(0),
    pass: null,
  };
}

/**
 * h when the sorted mus are mu_0 + k h to within GRID_TOLERANCE, else 0. Why this bound: the
 * recurrence steps by h from the mu nearest to R, so a grid deviation delta shifts a term's
 * exponent by at most 2 * inverseWidth2 * window * (2 delta).
 */
function evenStep(mus: Float64Array, inverseWidth2: number, window: number): number {
  const n = mus.length;
  if (n < 2) return 0;
  const h = (mus[n - 1] - mus[0]) / (n - 1);
  if (!(h > 0)) return 0;
  let deviation = 0;
  for (let k = 0; k < n; k++) deviation = Math.max(deviation, Math.abs(mus[k] - (mus[0] + k * h)));
  return 4 * inverseWidth2 * window * deviation <= GRID_TOLERANCE ? h : 0;
}

/**
 * Adds G_Y(i; mu) for center c of `list` to `row`: for every neighbour j with R_ij < rCut, of
 * species Y, row[Y * nMus + column(mu)] += prefactor * exp(-(R_ij - mu)^2 * inverseWidth2), for
 * the mus with |R_ij - mu| <= window at least (the others are < 4.5e-19).
 *
 * Evenly spaced grids (the presets) need 3 exponentials per neighbour, not one per mu: the
 * Gaussians of one neighbour follow from the one nearest to R by a recurrence ([GreengardLee2004]),
 * compiled to WebAssembly SIMD (radialPass.ts; < 2e-11 relative per term). Other grids take one
 * exponential per mu in the window.
 *
 * @param list neighbour list (built with a cut-off >= kernel.rCut); c is the center's index in it.
 * @param species species index per particle row, Uint8Array [n]; caller checked < nSpecies.
 * @param layout column layout (names.ts): nSpecies and nMus; radial columns start at 0.
 * @param row accumulator, Float64Array [nFeatures].
 * Source: [Cubuk2015] Eq. 1; [Schoenholz2018] Eq. 3. Throws nothing.
 */
export function addRadial(
  kernel: RadialKernel,
  list: NeighborList,
  c: number,
  species: Uint8Array,
  layout: FeatureLayout,
  row: Float64Array,
): void {
  const { rCut, sortedMus, column, prefactor, inverseWidth2, window, step } = kernel;
  const { nSpecies, nMus } = layout;
  const { neighbors, distances } = list;
  const first = list.offsets[c];
  const end = list.offsets[c + 1];
  let sums = kernel.sums;
  let stride = nMus;
  let offset = 0;
  if (step > 0) {
    let pass = kernel.pass;
    if (!pass || pass.sums.length !== nSpecies * pass.stride) {
      pass = kernel.pass = compileRadialPass({ mu0: sortedMus[0], h: step, nMus, a: inverseWidth2, window, nSpecies });
    }
    pass.reserve(end - first);
    const { r, species: neighbourSpecies } = pass;
    let count = 0;
    for (let p = first; p < end; p++) {
      if (distances[p] < rCut) {
        r[count] = distances[p];
        neighbourSpecies[count++] = species[neighbors[p]];
      }
    }
    pass.run(count);
    ({ sums, stride, offset } = pass);
  } else {
    if (sums.length < nSpecies * nMus) sums = kernel.sums = new Float64Array(nSpecies * nMus);
    sums.fill(0, 0, nSpecies * nMus);
    for (let p = first; p < end; p++) {
      if (distances[p] < rCut) addUnevenGrid(kernel, distances[p], sums, species[neighbors[p]] * nMus);
    }
  }
  for (let y = 0; y < nSpecies; y++) {
    for (let s = 0; s < nMus; s++) row[y * nMus + column[s]] += prefactor * sums[y * stride + offset + s];
  }
}

/** One neighbour at distance r on any grid: one exponential per mu in the window. */
function addUnevenGrid(kernel: RadialKernel, r: number, sums: Float64Array, base: number): void {
  const { sortedMus, inverseWidth2, window, bucket, firstMu } = kernel;
  const nMus = sortedMus.length;
  // First mu >= r - window: bucket lookup, then step past the few mus still below it.
  let lo = firstMu[Math.floor(r / bucket)];
  while (lo < nMus && sortedMus[lo] < r - window) lo++;
  for (let s = lo; s < nMus && sortedMus[s] <= r + window; s++) {
    const d = r - sortedMus[s];
    sums[base + s] += expNeg(d * d * inverseWidth2);
  }
}
