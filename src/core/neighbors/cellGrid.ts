import { isTriclinic, perpendicularWidths, type Box } from '../geometry/box';

/** The part of a Frame the neighbour search reads. */
export interface PositionsLike {
  readonly n: number;
  readonly dimension: 2 | 3;
  readonly box: Box | null;
  /** Cartesian positions, Float64Array row-major [n x 3]. */
  readonly positions: Float64Array;
}

/**
 * All particles binned on a grid of cells laid out in fractional (cell) coordinates, so that
 * orthogonal and tilted cells are binned alike. Lengths are in the frame's unit (sigma_AA).
 */
export interface CellGrid {
  /** Cells along the a, b, c axes, [nx, ny, nz] (nz = 1 in 2D). */
  readonly counts: readonly [number, number, number];
  /**
   * Cell offsets to search around a particle's cell, Int32Array [nOffsets x 3] (da, db, dc):
   * every pair closer than rCut sits in cells whose indices differ by one of them. Offsets run
   * up to `reach` cells per axis (reach = ceil(rCut / cell thickness)), minus those whose two
   * cells are everywhere >= rCut apart. On a periodic axis an offset may exceed the number of
   * cells: the same cell is then visited again through another periodic image.
   */
  readonly stencil: Int32Array;
  readonly periodic: readonly [boolean, boolean, boolean];
  /**
   * Edge vectors of the periodic cell as the upper-triangular entries [ax, bx, by, cx, cy, cz]
   * (= lx, xy, ly, xz, yz, lz); image (u, v, w) is shifted by u*a + v*b + w*c.
   */
  readonly edges: Float64Array;
  /** CSR start of each cell's slots, Int32Array [nCells + 1], cell = (cz*ny + cy)*nx + cx. */
  readonly cellStart: Int32Array;
  /** Particle row stored in each slot, Int32Array [n], slots grouped by cell. */
  readonly slotRows: Int32Array;
  /** Wrapped positions in slot order, Float64Array row-major [n x 3] (z = 0 in 2D). */
  readonly slotPositions: Float64Array;
  /** Slot of each particle row, Int32Array [n]. */
  readonly slotOf: Int32Array;
  /** Cell coordinates of each particle row, Int32Array row-major [n x 3]. */
  readonly cellOf: Int32Array;
  /**
   * Expected number of neighbours per center (density times the sphere of radius rCut, each
   * open axis clipped to the particles' extent), counting periodic images: what a list will
   * cost, known before any pair is tested.
   */
  readonly pairsPerCenter: number;
  /** Widths the search spans per axis: perpendicular widths on periodic axes, the particles' extent on open ones. */
  readonly spans: readonly [number, number, number];
}

/**
 * What the neighbour search agrees to allocate: cell offsets of the stencil (each one a cell
 * visit per center; their count grows as (rCut / cell width)^3, so an rCut of 1e4 in a cell of
 * 1e-300 would ask for ~1e912), and neighbour pairs per list (36 bytes each: row, vector,
 * distance) and per streamed pass. Real analyses stay far below: rCut = 5 at density 1.2
 * lists ~630 neighbours per particle, 4 million pairs for 6,400 particles.
 */
export const NEIGHBOR_LIMITS = {
  stencilOffsets: 1 << 20,
  pairsPerList: 1 << 25,
  pairsPerPass: 2 ** 30,
} as const;

/** Relative margins that keep float round-off on cell edges from ever losing a pair. */
const WIDTH_SAFETY = 1 - 1e-8;
const REACH_SAFETY = 1 + 1e-9;
/**
 * Above this many particles per rCut-sized cell, cells of rCut / 2.5 with the pruned stencil test
 * ~1.6x fewer pairs than rCut / 2 cells (2,800 vs 4,300 per particle at rCut = 5, density 1.2,
 * N = 1000) and were ~15% faster (measured); rCut-sized cells otherwise.
 */
const DENSE_CELL = 20;
const DENSE_CELL_WIDTH = 1 / 2.5;

/**
 * Bins every particle of `frame` into cells for a neighbour search with cut-off `rCut`.
 *
 * Periodic axes are wrapped into [0, 1) in fractional coordinates and binned over the whole cell
 * (width = `perpendicularWidths`); non-periodic axes (and every axis of an open-boundary frame,
 * `box: null`) are binned over the bounding range of the positions. In 2D z is ignored. The
 * caller validates rCut (> 0, finite) and the positions (finite).
 *
 * Throws RangeError when the positions span more than a double holds, and (naming rCut, the
 * cell and the limit) when the search stencil would exceed
 * NEIGHBOR_LIMITS.stencilOffsets, before it is allocated: an rCut of many cell widths (a
 * model's rCut of 1e4, or a cell of 1e-300) would otherwise allocate without bound.
 */
export function binParticles(frame: PositionsLike, rCut: number): CellGrid {
  const { n, box, positions } = frame;
  const is3d = frame.dimension === 3;
  // Edge vectors; open boundaries use the identity, so fractional = Cartesian.
  const edges = box
    ? Float64Array.of(box.lx, box.xy, box.ly, is3d ? box.xz : 0, is3d ? box.yz : 0, is3d ? box.lz : 1)
    : Float64Array.of(1, 0, 1, 0, 0, 1);
  const lo = box ? box.lo : ([0, 0, 0] as const);
  const periodic: [boolean, boolean, boolean] = box ? [box.periodic[0], box.periodic[1], is3d && box.periodic[2]] : [false, false, false];
  const widths = latticeWidths(box, is3d);
  const [ax, bx, by, cx, cy, cz] = edges;

  // Fractional coordinates s = h^-1 (r - lo) by back-substitution, and wrapped positions
  // r - h*floor(s) (subtracting whole lattice vectors keeps in-cell positions bit-exact).
  const frac = new Float64Array(3 * n);
  const wrapped = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const p = 3 * i;
    let x = positions[p];
    let y = positions[p + 1];
    let z = is3d ? positions[p + 2] : lo[2];
    let sz = (z - lo[2]) / cz;
    let sy = (y - lo[1] - cy * sz) / by;
    let sx = (x - lo[0] - bx * sy - cx * sz) / ax;
    const kz = periodic[2] ? wrapImage(sz) : 0;
    const ky = periodic[1] ? wrapImage(sy) : 0;
    const kx = periodic[0] ? wrapImage(sx) : 0;
    sz -= kz;
    sy -= ky;
    sx -= kx;
    x -= kx * ax + ky * bx + kz * cx;
    y -= ky * by + kz * cy;
    z -= kz * cz;
    frac[p] = sx;
    frac[p + 1] = sy;
    frac[p + 2] = sz;
    wrapped[p] = x;
    wrapped[p + 1] = y;
    wrapped[p + 2] = is3d ? z : 0;
  }

  // Per axis: fractional range binned, and its extent as a perpendicular length.
  const sMin = [0, 0, 0];
  const sSpan = [1, 1, 1];
  const extent = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    if (!periodic[a]) {
      let mn = Infinity;
      let mx = -Infinity;
      for (let i = 0; i < n; i++) {
        const s = frac[3 * i + a];
        if (s < mn) mn = s;
        if (s > mx) mx = s;
      }
      sMin[a] = n > 0 ? mn : 0;
      sSpan[a] = n > 0 ? mx - mn : 0;
    }
    extent[a] = a === 2 && !is3d ? 0 : sSpan[a] * widths[a];
  }

  // Finite positions can still span more than a double holds (x = -1e308 and 1e308 in open boundaries).
  if (!extent.every(Number.isFinite)) {
    throw new RangeError(
      `neighbour search: the positions span ${extent.join(' x ')} (sigma_AA), beyond what distances can be computed over`,
    );
  }
  const counts = cellCounts(extent, rCut, n);
  const reach = [0, 1, 2].map((a) => {
    if (extent[a] === 0) return 0;
    const m = Math.ceil(((rCut * counts[a]) / extent[a]) * REACH_SAFETY);
    return periodic[a] ? m : Math.min(m, counts[a] - 1);
  });
  const spans: [number, number, number] = [extent[0], extent[1], extent[2]];
  const offsets = reach.reduce((product, r) => product * (2 * r + 1), 1);
  if (!(offsets <= NEIGHBOR_LIMITS.stencilOffsets)) throw tooManyOffsets(rCut, spans, periodic, offsets);
  const thickness = [0, 1, 2].map((a) => (extent[a] === 0 ? 0 : (extent[a] / counts[a]) * WIDTH_SAFETY));
  const stencil = searchStencil(reach, thickness, rCut, box !== null && isTriclinic(box));

  // Cell coordinates, then a counting sort of the particles by cell.
  const [nx, ny, nz] = counts;
  const cellOf = new Int32Array(3 * n);
  const cellStart = new Int32Array(nx * ny * nz + 1);
  const cellIndex = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < 3; a++) {
      const t = sSpan[a] > 0 ? (frac[3 * i + a] - sMin[a]) / sSpan[a] : 0;
      cellOf[3 * i + a] = Math.min(counts[a] - 1, Math.max(0, Math.floor(t * counts[a])));
    }
    const cell = (cellOf[3 * i + 2] * ny + cellOf[3 * i + 1]) * nx + cellOf[3 * i];
    cellIndex[i] = cell;
    cellStart[cell + 1]++;
  }
  for (let c = 0; c < nx * ny * nz; c++) cellStart[c + 1] += cellStart[c];
  const fill = cellStart.slice(0, nx * ny * nz);
  const slotRows = new Int32Array(n);
  const slotOf = new Int32Array(n);
  const slotPositions = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const slot = fill[cellIndex[i]]++;
    slotRows[slot] = i;
    slotOf[i] = slot;
    slotPositions[3 * slot] = wrapped[3 * i];
    slotPositions[3 * slot + 1] = wrapped[3 * i + 1];
    slotPositions[3 * slot + 2] = wrapped[3 * i + 2];
  }
  const pairsPerCenter = expectedNeighbors(n, spans, periodic, rCut);
  return { counts, stencil, periodic, edges, cellStart, slotRows, slotPositions, slotOf, cellOf, pairsPerCenter, spans };
}

/**
 * Particles (with their periodic images) expected within rCut of a center: n times the
 * fraction of the spanned region the sphere covers, per axis 2 rCut / span on a periodic axis
 * (> 1 counts images), min(2 rCut, span) / span on an open one, times the sphere-to-cube ratio
 * of the axes that have a span (pi/6 in 3D, pi/4 in 2D). An estimate, not a bound: lists are
 * counted exactly before they are allocated.
 */
function expectedNeighbors(n: number, spans: readonly number[], periodic: readonly boolean[], rCut: number): number {
  let fraction = 1;
  let dims = 0;
  for (let a = 0; a < 3; a++) {
    if (spans[a] === 0) continue;
    dims++;
    fraction *= periodic[a] ? (2 * rCut) / spans[a] : Math.min(2 * rCut, spans[a]) / spans[a];
  }
  const shape = [1, 1, Math.PI / 4, Math.PI / 6][dims];
  return n * fraction * shape;
}

/** The RangeError for a stencil above NEIGHBOR_LIMITS.stencilOffsets (rCut far above the cell). */
function tooManyOffsets(rCut: number, spans: readonly number[], periodic: readonly boolean[], offsets: number): RangeError {
  const used = [0, 1, 2].filter((a) => spans[a] > 0);
  const images = used.reduce((product, a) => product * (periodic[a] ? 2 * Math.ceil(rCut / spans[a]) + 1 : 1), 1);
  const cell = used.map((a) => spans[a].toPrecision(3)).join(' x ');
  const ratio = Math.max(...used.map((a) => rCut / spans[a]));
  return new RangeError(
    [
      `neighbour search: rCut = ${rCut} sigma_AA needs ${offsets.toPrecision(2)} cell offsets`,
      `(${images.toPrecision(2)} periodic images of a cell ${cell} wide);`,
      `at most ${NEIGHBOR_LIMITS.stencilOffsets} are supported (here rCut is ${ratio.toPrecision(3)} cell widths; a cut-off of a few widths at most makes sense)`,
    ].join(' '),
  );
}

/**
 * The offsets (da, db, dc), |d| <= reach per axis, whose cells can hold two points closer than
 * rCut. Two cells |d| apart along an axis are at least (|d| - 1) * thickness apart across its
 * faces; with orthogonal axes those gaps add in quadrature, with tilted axes each alone is still
 * a lower bound on the distance (so tilted boxes prune only by the largest gap).
 */
function searchStencil(reach: number[], thickness: number[], rCut: number, tilted: boolean): Int32Array {
  const offsets: number[] = [];
  const gap = (d: number, a: number) => Math.max(0, Math.abs(d) - 1) * thickness[a];
  for (let dc = -reach[2]; dc <= reach[2]; dc++) {
    for (let db = -reach[1]; db <= reach[1]; db++) {
      for (let da = -reach[0]; da <= reach[0]; da++) {
        const gaps = [gap(da, 0), gap(db, 1), gap(dc, 2)];
        const lowerBound = tilted ? Math.max(...gaps) : Math.hypot(...gaps);
        if (lowerBound < rCut) offsets.push(da, db, dc);
      }
    }
  }
  return Int32Array.from(offsets);
}

/** Integer image of a fractional coordinate, such that s - image lies in [0, 1). */
function wrapImage(s: number): number {
  const k = Math.floor(s);
  // s slightly below an integer can round to s - k === 1; that point belongs to the next image.
  return s - k >= 1 ? k + 1 : k;
}

/** Distances between opposite faces along a, b, c; 1 for open boundaries (identity lattice). */
function latticeWidths(box: Box | null, is3d: boolean): [number, number, number] {
  if (!box) return [1, 1, 1];
  if (is3d) return perpendicularWidths(box);
  // 2D: the cell is the parallelogram (a, b); the c tilts do not exist.
  return [box.lx * (box.ly / Math.hypot(box.xy, box.ly)), box.ly, 1];
}

/**
 * Cells per axis: about rCut wide, or rCut / 2.5 when cells would be dense, never more than ~4n
 * cells in total (sparse open-boundary data would otherwise allocate a huge empty grid).
 */
function cellCounts(extent: number[], rCut: number, n: number): [number, number, number] {
  let perRCutCell = n;
  for (const e of extent) if (e > rCut) perRCutCell *= rCut / e;
  const cellWidth = perRCutCell >= DENSE_CELL ? rCut * DENSE_CELL_WIDTH : rCut;
  const counts = extent.map((e) => Math.max(1, Math.floor((e / cellWidth) * WIDTH_SAFETY)));
  const limit = 4 * n + 64;
  const total = counts[0] * counts[1] * counts[2];
  if (total > limit) {
    const f = (limit / total) ** (1 / counts.filter((c) => c > 1).length);
    for (let a = 0; a < 3; a++) counts[a] = Math.max(1, Math.floor(counts[a] * f));
  }
  return counts as [number, number, number];
}
