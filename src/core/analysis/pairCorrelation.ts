import { boxVolume } from '../geometry/box';
import type { Frame } from '../io/frame';
import { forEachNeighborChunk } from '../neighbors/cellList';

/** The part of a Frame that g(r) reads. */
export type PairCorrelationFrame = Pick<Frame, 'n' | 'dimension' | 'box' | 'positions' | 'species'>;

export interface PairCorrelationOptions {
  /** Largest distance binned (sigma_AA), finite and > 0; may exceed half the cell (images are counted). */
  readonly rMax: number;
  /** Requested bin width (sigma_AA), finite, > 0 and <= rMax; adjusted to rMax / round(rMax / binWidth). */
  readonly binWidth: number;
}

export interface PartialPairCorrelation {
  /** Bin centres, Float64Array [nBins] (sigma_AA); bin k covers [k*w, (k+1)*w) with w = rMax / nBins. */
  readonly r: Float64Array;
  /** One entry per unordered species pair a <= b, in the order (0,0), (0,1), ..., (1,1), ... */
  readonly pairs: Array<{
    readonly a: number;
    readonly b: number;
    /** 'A-B' from the species names. */
    readonly label: string;
    /** g_ab(r) per bin, Float64Array [nBins]; NaN everywhere when the pair cannot occur (N_a = 0, or a = b with N_a = 1). */
    readonly g: Float64Array;
  }>;
}

/** Centers listed per neighbour-search chunk: a few MB of pair buffers, reused (see forEachNeighborChunk). */
const CHUNK = 512;
/** More bins than this is a unit mistake (e.g. binWidth in nm with rMax in Angstrom), not a histogram. */
const MAX_BINS = 1_000_000;

/**
 * Partial radial distribution functions g_ab(r) of one frame, for every unordered species pair.
 *
 *   g_ab(r) = V / (N_a N_b') * <number of (i in a, j in b, j != i) with |r_ij| in the shell> / V_shell(r)
 *
 * with N_b' = N_b for a != b and N_a - 1 for a = b (so an ideal gas gives g = 1 without a 1/N bias),
 * V_shell the exact shell volume 4/3 pi (r_hi^3 - r_lo^3) in 3D or area pi (r_hi^2 - r_lo^2) in 2D,
 * and V the cell volume (3D) or area (2D). Counts come from the cell-list neighbour search
 * (`src/core/neighbors`), so orthogonal and triclinic cells of any tilt work; when rMax exceeds half
 * a perpendicular width every periodic image is counted, including a particle's own images for a = b
 * (they appear as peaks at the lattice vectors of a small cell).
 *
 * Open boundaries (`box: null`, e.g. experimental granular data) and non-periodic axes of a box:
 * V is the bounding box of the positions (open) or the box volume (partial periodicity). No edge
 * correction is made: a particle near a free surface has part of its shell outside the sample, so
 * g(r) is biased low by the mean fraction of the shell outside, ~ r S / (4 V) for a 3D sample of
 * surface S (1.5 r / L for a cube of side L: 16% at r = 1 sigma for 1000 particles at density 1.2)
 * and ~ r P / (pi A) for a 2D sample of perimeter P. Read the peak positions, not the absolute level,
 * of such data.
 *
 * Cost: one neighbour search to rMax (O(N rho rMax^d)), chunked so memory stays a few MB.
 *
 * @param frame positions Float64Array row-major [n x 3] (sigma_AA), species Uint8Array [n] indexing speciesNames.
 * @param speciesNames labels of the species indices (the trajectory's `speciesNames`).
 * @throws RangeError when rMax or binWidth is not finite and > 0, binWidth > rMax, more than 10^6 bins,
 *   speciesNames is empty, a species index has no name (naming the row), the frame has no particles,
 *   an open-boundary frame spans zero area/volume, or a position is not finite (from the neighbour search).
 */
export function partialPairCorrelation(
  frame: PairCorrelationFrame,
  speciesNames: readonly string[],
  options: PairCorrelationOptions,
): PartialPairCorrelation {
  const { rMax, binWidth } = options;
  if (!(Number.isFinite(rMax) && rMax > 0)) throw new RangeError(`g(r): rMax must be a finite positive length (sigma_AA), got ${rMax}`);
  if (!(Number.isFinite(binWidth) && binWidth > 0))
    throw new RangeError(`g(r): binWidth must be a finite positive length (sigma_AA), got ${binWidth}`);
  if (binWidth > rMax) throw new RangeError(`g(r): binWidth (${binWidth}) must not exceed rMax (${rMax})`);
  const nBins = Math.round(rMax / binWidth);
  if (nBins > MAX_BINS) throw new RangeError(`g(r): rMax / binWidth = ${nBins} bins exceeds ${MAX_BINS}; check the units`);
  const nSpecies = speciesNames.length;
  if (nSpecies === 0) throw new RangeError('g(r): speciesNames is empty');
  if (frame.n === 0) throw new RangeError('g(r): the frame has no particles');
  const perSpecies = countSpecies(frame, nSpecies, speciesNames);
  const width = rMax / nBins;
  const volume = frame.box ? boxVolume(frame.box, frame.dimension) : boundingVolume(frame);

  // pairIndex[a * nSpecies + b] for a <= b: the row of that pair in `hist`.
  const pairIndex = new Int32Array(nSpecies * nSpecies);
  const pairs: PartialPairCorrelation['pairs'] = [];
  for (let a = 0; a < nSpecies; a++) {
    for (let b = a; b < nSpecies; b++) {
      pairIndex[a * nSpecies + b] = pairs.length;
      pairs.push({ a, b, label: `${speciesNames[a]}-${speciesNames[b]}`, g: new Float64Array(nBins) });
    }
  }
  const hist = new Float64Array(pairs.length * nBins);
  const { species } = frame;
  const everyRow = Int32Array.from({ length: frame.n }, (_, i) => i);
  forEachNeighborChunk(frame, rMax, everyRow, CHUNK, (list, first) => {
    for (let c = 0; c < list.centers.length; c++) {
      const si = species[first + c];
      for (let p = list.offsets[c]; p < list.offsets[c + 1]; p++) {
        const sj = species[list.neighbors[p]];
        // Each unordered a != b pair is counted once, from its a side; a = b pairs twice (i->j, j->i).
        if (sj < si) continue;
        const bin = Math.min(nBins - 1, Math.floor(list.distances[p] / width));
        hist[pairIndex[si * nSpecies + sj] * nBins + bin]++;
      }
    }
  });

  const r = new Float64Array(nBins);
  const shell = new Float64Array(nBins);
  for (let k = 0; k < nBins; k++) {
    r[k] = (k + 0.5) * width;
    shell[k] = shellVolume(k * width, (k + 1) * width, frame.dimension);
  }
  for (const [p, pair] of pairs.entries()) {
    const na = perSpecies[pair.a];
    const nb = pair.a === pair.b ? perSpecies[pair.a] - 1 : perSpecies[pair.b];
    const pairDensity = (na * nb) / volume;
    for (let k = 0; k < nBins; k++) pair.g[k] = pairDensity > 0 ? hist[p * nBins + k] / (pairDensity * shell[k]) : NaN;
  }
  return { r, pairs };
}

/** Volume (3D) or area (2D) between radii lo and hi. */
function shellVolume(lo: number, hi: number, dimension: 2 | 3): number {
  return dimension === 3 ? ((4 * Math.PI) / 3) * (hi ** 3 - lo ** 3) : Math.PI * (hi ** 2 - lo ** 2);
}

/** Particles per species, Float64Array [nSpecies]; throws naming the first row whose species has no name. */
function countSpecies(frame: PairCorrelationFrame, nSpecies: number, speciesNames: readonly string[]): Float64Array {
  const counts = new Float64Array(nSpecies);
  for (let i = 0; i < frame.n; i++) {
    const s = frame.species[i];
    if (s >= nSpecies) {
      throw new RangeError(
        `g(r): particle row ${i} has species index ${s}, but only ${nSpecies} species are named (${speciesNames.join(', ')})`,
      );
    }
    counts[s]++;
  }
  return counts;
}

/** Volume (3D) or area (2D) of the axis-aligned bounding box of the positions (open boundaries). */
function boundingVolume(frame: PairCorrelationFrame): number {
  const dims = frame.dimension;
  let volume = 1;
  for (let a = 0; a < dims; a++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < frame.n; i++) {
      const v = frame.positions[3 * i + a];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    volume *= hi - lo;
  }
  if (!(volume > 0)) {
    throw new RangeError(
      `g(r): the open-boundary frame spans zero ${dims === 3 ? 'volume' : 'area'} (all particles on a ${dims === 3 ? 'plane' : 'line'}); g(r) needs a density`,
    );
  }
  return volume;
}

/**
 * partialPairCorrelation averaged over frames with equal weight (e.g. several frames of one
 * trajectory, whose N and volume do not change): smoother curves, same normalisation.
 * Frames are consumed one at a time, so only one sits in memory.
 * @throws RangeError when `frames` yields no frame, or as partialPairCorrelation (naming the frame's index in the sequence).
 */
export function meanPartialPairCorrelation(
  frames: Iterable<PairCorrelationFrame>,
  speciesNames: readonly string[],
  options: PairCorrelationOptions,
): PartialPairCorrelation {
  let sum: PartialPairCorrelation | null = null;
  let count = 0;
  for (const frame of frames) {
    let one: PartialPairCorrelation;
    try {
      one = partialPairCorrelation(frame, speciesNames, options);
    } catch (error) {
      throw new RangeError(`frame ${count} of the average: ${(error as Error).message}`);
    }
    if (!sum) sum = one;
    else {
      for (const [p, pair] of sum.pairs.entries()) {
        for (let k = 0; k < pair.g.length; k++) pair.g[k] += one.pairs[p].g[k];
      }
    }
    count++;
  }
  if (!sum) throw new RangeError('g(r): no frame to average');
  for (const pair of sum.pairs) for (let k = 0; k < pair.g.length; k++) pair.g[k] /= count;
  return sum;
}
