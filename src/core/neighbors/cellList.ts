import { binParticles, NEIGHBOR_LIMITS, type CellGrid, type PositionsLike } from './cellGrid';

/** Neighbours within a cut-off of chosen particles, in CSR layout. Lengths in sigma_AA. */
export interface NeighborList {
  /** Particle rows that have lists, Int32Array [nCenters]. */
  readonly centers: Int32Array;
  /** CSR offsets, Int32Array [nCenters + 1]; neighbours of centers[c] are offsets[c]..offsets[c+1]-1. */
  readonly offsets: Int32Array;
  /** Neighbour rows j, Int32Array [nPairs]. */
  readonly neighbors: Int32Array;
  /**
   * Minimum-image bond vectors r_j - r_i, Float64Array row-major [nPairs x 3] (z = 0 in 2D);
   * one entry per image when rCut exceeds half a perpendicular width (see buildNeighborList).
   */
  readonly vectors: Float64Array;
  /** |r_j - r_i|, Float64Array [nPairs]. */
  readonly distances: Float64Array;
}

/**
 * Lists, for each center i, every particle j with 0 < |r_j - r_i| < rCut (tested as
 * r^2 < rCut^2), i itself excluded, using a cell list in fractional coordinates.
 *
 * Works for orthogonal and triclinic periodic cells of any tilt (LAMMPS restricted triclinic,
 * e.g. xy = 0.45*lx after `fix deform`), partially periodic cells, and open boundaries
 * (`box: null`: cells cover the bounding box of the positions). In 2D z is ignored and the
 * vectors have z = 0.
 *
 * Periodic images: when rCut <= min(perpendicularWidths)/2 every neighbour appears once, with
 * its minimum-image vector. For larger rCut (small cells) MULTIPLE IMAGES ARE HANDLED, not
 * rejected: every periodic image closer than rCut is listed as its own pair (the same row j
 * may then appear several times with different vectors, and i may list its own images at
 * r > 0), which is what sums over neighbours in a periodic system need.
 *
 * Within a center, neighbours come in cell-traversal order (deterministic, not sorted).
 * Cost: binning is O(n) for all particles; only the centers' lists are built.
 *
 * @param frame n particles, Cartesian positions Float64Array row-major [n x 3] (sigma_AA), box or null.
 * @param rCut cut-off radius (sigma_AA), finite and > 0.
 * @param centers particle rows to list, Int32Array [nCenters] (default: all rows, in order).
 * @throws RangeError when rCut is not finite and > 0, when positions is shorter than 3n, when a
 *   position is not finite (naming the row), when a center is not a row in [0, n), and, before
 *   allocating, when the search would exceed NEIGHBOR_LIMITS (cell offsets for an rCut of many
 *   cell widths, or more than pairsPerList pairs, estimated then counted), naming rCut, the
 *   cell and the limit.
 */
export function buildNeighborList(frame: PositionsLike, rCut: number, centers?: Int32Array): NeighborList {
  const rows = validate(frame, rCut, centers);
  const grid = binParticles(frame, rCut);
  checkPairBudget(grid, rCut, rows.length, NEIGHBOR_LIMITS.pairsPerList, 'one list');
  return listChunk(grid, rows, rCut * rCut, null, rCut);
}

/**
 * The same lists as buildNeighborList(frame, rCut, centers), streamed: particles are binned
 * once, then `visit(list, first)` receives the list of centers[first .. first + chunkSize - 1].
 * The list's arrays are views into buffers REUSED by the next chunk, valid only during the
 * call. Why: first touches of fresh memory cost more than the distance tests (~4 ms per
 * 1 MB on the 2-core VM), so a feature pass over 10^4 environments at rCut = 5 (250 MB of
 * pairs) is much faster through a few reused megabytes.
 *
 * @param centers particle rows, Int32Array [nCenters]; chunkSize an integer >= 1.
 * @throws RangeError as buildNeighborList (the pair limits apply per chunk, and
 *   NEIGHBOR_LIMITS.pairsPerPass to the whole pass), or for a chunkSize that is not an integer >= 1.
 */
export function forEachNeighborChunk(
  frame: PositionsLike,
  rCut: number,
  centers: Int32Array,
  chunkSize: number,
  visit: (list: NeighborList, first: number) => void,
): void {
  if (!(Number.isInteger(chunkSize) && chunkSize >= 1)) {
    throw new RangeError(`neighbour search: chunkSize must be an integer >= 1, got ${chunkSize}`);
  }
  const rows = validate(frame, rCut, centers);
  const grid = binParticles(frame, rCut);
  checkPairBudget(grid, rCut, rows.length, NEIGHBOR_LIMITS.pairsPerPass, 'one pass');
  checkPairBudget(grid, rCut, Math.min(chunkSize, rows.length), NEIGHBOR_LIMITS.pairsPerList, 'one chunk');
  const pool: PairArrays = { neighbors: new Int32Array(0), vectors: new Float64Array(0), distances: new Float64Array(0) };
  for (let first = 0; first < rows.length; first += chunkSize) {
    visit(listChunk(grid, rows.subarray(first, first + chunkSize), rCut * rCut, pool, rCut), first);
  }
}

/**
 * Lists of `rows` on a binned grid. Without a pool: two sweeps, count then fill, so the output
 * is allocated once at its exact size (touching fresh memory, not the distance tests,
 * dominates; growing buffers would copy it several times). With a pool: one sweep into the
 * pool's buffers, grown (rarely, by doubling) when a chunk needs more; views are returned.
 */
function listChunk(grid: CellGrid, rows: Int32Array, rc2: number, pool: PairArrays | null, rCut: number): NeighborList {
  const offsets = new Int32Array(rows.length + 1);
  let out = pool;
  if (!out) {
    sweep(grid, rows, rc2, offsets, null, false);
    const n = offsets[rows.length];
    if (n > NEIGHBOR_LIMITS.pairsPerList) throw tooManyPairs(grid, rCut, rows.length, n, NEIGHBOR_LIMITS.pairsPerList, 'one list');
    out = { neighbors: new Int32Array(n), vectors: new Float64Array(3 * n), distances: new Float64Array(n) };
  }
  sweep(grid, rows, rc2, offsets, out, pool !== null, (needed) => {
    if (needed > NEIGHBOR_LIMITS.pairsPerList)
      throw tooManyPairs(grid, rCut, rows.length, needed, NEIGHBOR_LIMITS.pairsPerList, 'one chunk');
  });
  const nPairs = offsets[rows.length];
  const neighbors = out.neighbors.subarray(0, nPairs);
  // Slots were stored during the sweep (one less indirection in the hot loop); map to rows.
  for (let p = 0; p < nPairs; p++) neighbors[p] = grid.slotRows[neighbors[p]];
  return { centers: rows, offsets, neighbors, vectors: out.vectors.subarray(0, 3 * nPairs), distances: out.distances.subarray(0, nPairs) };
}

/** Replaces the buffers of `out` by ones holding at least `needed` pairs, keeping the first `kept`. */
function growPairs(out: PairArrays, needed: number, kept: number): void {
  const capacity = Math.max(needed, 2 * out.distances.length);
  const neighbors = new Int32Array(capacity);
  const vectors = new Float64Array(3 * capacity);
  const distances = new Float64Array(capacity);
  neighbors.set(out.neighbors.subarray(0, kept));
  vectors.set(out.vectors.subarray(0, 3 * kept));
  distances.set(out.distances.subarray(0, kept));
  Object.assign(out, { neighbors, vectors, distances });
}

interface PairArrays {
  neighbors: Int32Array;
  vectors: Float64Array;
  distances: Float64Array;
}

/**
 * Visits, for each center, the cells of `grid.stencil` (through periodic images where needed)
 * and tests every particle there against r^2 < rc2, r^2 > 0. Without `out` it only counts,
 * writing CSR offsets[c + 1]; with `out` it also writes slot indices, vectors and distances
 * there, growing out's buffers when they could overflow if `growable` (else they are exact).
 */
function sweep(
  grid: CellGrid,
  rows: Int32Array,
  rc2: number,
  offsets: Int32Array,
  out: PairArrays | null,
  growable: boolean,
  checkGrowth: (needed: number) => void = () => {},
): void {
  const { counts, stencil, periodic, edges, cellStart, slotPositions: pos, slotOf, cellOf } = grid;
  const [nx, ny, nz] = counts;
  const [ax, bx, by, cx, cy, cz] = edges;
  const [px, py, pz] = periodic;
  let neighbors = out?.neighbors;
  let vectors = out?.vectors;
  let distances = out?.distances;
  let count = 0;
  for (let c = 0; c < rows.length; c++) {
    const i = rows[c];
    const si = 3 * slotOf[i];
    const xi = pos[si];
    const yi = pos[si + 1];
    const zi = pos[si + 2];
    const ci = 3 * i;
    const [cellX, cellY, cellZ] = [cellOf[ci], cellOf[ci + 1], cellOf[ci + 2]];
    for (let o = 0; o < stencil.length; o += 3) {
      const kz = cellZ + stencil[o + 2];
      if (!pz && (kz < 0 || kz >= nz)) continue;
      const ky = cellY + stencil[o + 1];
      if (!py && (ky < 0 || ky >= ny)) continue;
      const kx = cellX + stencil[o];
      if (!px && (kx < 0 || kx >= nx)) continue;
      // Periodic image of the visited cell (0 on open axes), folded into the center's position.
      const wz = pz ? Math.floor(kz / nz) : 0;
      const wy = py ? Math.floor(ky / ny) : 0;
      const wx = px ? Math.floor(kx / nx) : 0;
      const cell = ((kz - wz * nz) * ny + (ky - wy * ny)) * nx + kx - wx * nx;
      const x0 = xi - (wx * ax + wy * bx + wz * cx);
      const y0 = yi - (wy * by + wz * cy);
      const z0 = zi - wz * cz;
      const end = cellStart[cell + 1];
      if (growable && out && count + end - cellStart[cell] > out.distances.length) {
        checkGrowth(count + end - cellStart[cell]);
        growPairs(out, count + end - cellStart[cell], count);
        ({ neighbors, vectors, distances } = out);
      }
      for (let s = cellStart[cell]; s < end; s++) {
        const dx = pos[3 * s] - x0;
        const dy = pos[3 * s + 1] - y0;
        const dz = pos[3 * s + 2] - z0;
        const r2 = dx * dx + dy * dy + dz * dz;
        if (r2 < rc2 && r2 > 0) {
          if (neighbors && vectors && distances) {
            neighbors[count] = s;
            vectors[3 * count] = dx;
            vectors[3 * count + 1] = dy;
            vectors[3 * count + 2] = dz;
            distances[count] = Math.sqrt(r2);
          }
          count++;
        }
      }
    }
    offsets[c + 1] = count;
  }
}

/**
 * Throws RangeError before any pair is tested when `centers` centers are expected to list more
 * than `limit` pairs (grid.pairsPerCenter; the estimate may be off by a boundary layer, so it
 * must exceed the limit twice over; exact counts are checked again before allocating).
 */
function checkPairBudget(grid: CellGrid, rCut: number, centers: number, limit: number, what: string): void {
  const expected = grid.pairsPerCenter * centers;
  if (expected > 2 * limit) throw tooManyPairs(grid, rCut, centers, expected, limit, what, 'about ');
}

function tooManyPairs(grid: CellGrid, rCut: number, centers: number, pairs: number, limit: number, what: string, about = ''): RangeError {
  const cell = grid.spans
    .filter((w) => w > 0)
    .map((w) => w.toPrecision(3))
    .join(' x ');
  return new RangeError(
    [
      `neighbour search: rCut = ${rCut} sigma_AA gives ${about}${pairs.toPrecision(3)} neighbour pairs for ${centers} centers`,
      `(${grid.pairsPerCenter.toPrecision(3)} each, periodic images included) in a cell ${cell} wide;`,
      `at most ${limit} are supported in ${what}: use a smaller rCut or fewer centers`,
    ].join(' '),
  );
}

/** Checks the inputs; returns a private copy of the center rows (default: every row, in order). */
function validate(frame: PositionsLike, rCut: number, centers: Int32Array | undefined): Int32Array {
  const { n, positions } = frame;
  if (!(Number.isFinite(rCut) && rCut > 0)) {
    throw new RangeError(`neighbour search: rCut must be a finite positive length (sigma_AA), got ${rCut}`);
  }
  if (!(Number.isInteger(n) && n >= 0) || positions.length < 3 * n) {
    throw new RangeError(`neighbour search: positions must hold 3*n = ${3 * n} numbers (n = ${n}), got ${positions.length}`);
  }
  const dims = frame.dimension === 3 ? 3 : 2;
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < dims; a++) {
      if (!Number.isFinite(positions[3 * i + a])) {
        throw new RangeError(`neighbour search: position of particle row ${i} is not finite (${'xyz'[a]} = ${positions[3 * i + a]})`);
      }
    }
  }
  if (centers) {
    for (let c = 0; c < centers.length; c++) {
      if (centers[c] < 0 || centers[c] >= n) {
        throw new RangeError(`neighbour search: centers[${c}] = ${centers[c]} is not a particle row in [0, ${n})`);
      }
    }
  }
  return centers ? Int32Array.from(centers) : Int32Array.from({ length: n }, (_, i) => i);
}
