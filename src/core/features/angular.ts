import type { NeighborList } from '../neighbors/cellList';
import { EXP_STEPS_PER_UNIT, expNegScaled } from './fastExp';
import type { FeatureLayout } from './names';
import type { AngularSpec } from './spec';

type Triple = AngularSpec['triples'][number];

/**
 * Two xi share one exponential when |1/xi_1^2 - 1/xi_2^2| * S_max <= 2^-12, S_max = 6 rCut^2
 * the largest R_ij^2 + R_ik^2 + R_jk^2: the cubic series of the correction exp(-x) (|x| <=
 * 2^-12) then errs by < x^4/24 < 1.5e-16 relative, below double rounding.
 */
const SHARED_EXP_MAX = 2 ** -12;

/** How a factor row is computed from the pair tables (see AngularKernel.rowKind). */
const BASE = 0;
const PRODUCT = 1;
const SHIFTED = 2;

/**
 * An AngularSpec compiled for the hot loop, plus per-center scratch space (so one kernel must
 * not be used by two computations at once; each worker compiles its own).
 */
export interface AngularKernel {
  readonly rCut: number;
  /**
   * Factor rows, tabulated per neighbour pair in this order, Int8Array / Int32Array /
   * Float64Array [nRows]: BASE rows 1 + rowValue * cos theta (one per distinct lambda), PRODUCT
   * rows row[rowA] * row[rowB] (squares build (1 + lambda cos)^(2^k), then products of those
   * give any integer zeta), SHIFTED rows row[rowA] * exp(-rowValue * S) by a cubic series (the
   * xi correction of a triple that shares its chunk's exponential, |rowValue * S| <= 2^-12).
   * Row nRows is all zeros (padding).
   */
  readonly rowKind: Int8Array;
  readonly rowA: Int32Array;
  readonly rowB: Int32Array;
  readonly rowValue: Float64Array;
  /**
   * Triples in chunks of 4 sharing one exponential exp(-chunkCoef * S / 64) (chunkCoef
   * Float64Array [nChunks], 64/xi^2 for the expNegScaled table): chunkRow and chunkColumn
   * Int32Array [nChunks x 4] (factor row; column within a species pair block). Short chunks are
   * padded with the zero row, added (as +0) to the chunk's last real column. One pass over the
   * pairs then evaluates each exponential once for 4 triples.
   */
  readonly chunkCoef: Float64Array;
  readonly chunkRow: Int32Array;
  readonly chunkColumn: Int32Array;
  /** Scratch, grown on demand; see gatherInside and addAngular. */
  scratch: AngularScratch;
}

interface AngularScratch {
  /** Neighbours inside rCut sorted by species: bond vectors [m x 3], R^2 and 1/R [m]. */
  vectors: Float64Array;
  r2: Float64Array;
  invR: Float64Array;
  /** First sorted neighbour of each species, Int32Array [nSpecies + 1]; fill cursors [nSpecies]. */
  speciesStart: Int32Array;
  cursor: Int32Array;
  /**
   * Unordered pairs (j < k) grouped by species pair block (Y <= Z, layout order):
   * block b holds pairs blockStart[b] .. blockStart[b + 1] - 1 (Int32Array [nBlocks + 1]).
   * Per pair: exponent sums S = R_ij^2 + R_ik^2 + R_jk^2 and cosines [capacity], factor rows
   * [(nRows + 1) x capacity] (row r at r * capacity; the last row stays zero).
   */
  blockStart: Int32Array;
  sums: Float64Array;
  coss: Float64Array;
  factors: Float64Array;
}

/**
 * Compiles a (validated) AngularSpec. Triples are grouped by xi, near-equal xi (see
 * SHARED_EXP_MAX) sharing the first one's exponential; factors (lambda, zeta) are built by
 * repeated squaring of 1 + lambda cos (zeta is an integer, no Math.pow), shared by triples.
 */
export function compileAngular(spec: AngularSpec): AngularKernel {
  const rows: Array<{ kind: number; a: number; b: number; value: number }> = [];
  const addRow = (kind: number, a: number, b: number, value: number) => rows.push({ kind, a, b, value }) - 1;
  // ladders.get(lambda)[k] = row of (1 + lambda cos)^(2^k).
  const ladders = new Map<number, number[]>();
  const powers = new Map<string, number>();
  const powerRow = (lambda: number, zeta: number): number => {
    const key = `${lambda} ${zeta}`;
    const known = powers.get(key);
    if (known !== undefined) return known;
    const ladder = ladders.get(lambda) ?? [addRow(BASE, 0, 0, lambda)];
    ladders.set(lambda, ladder);
    while (2 ** ladder.length <= zeta) ladder.push(addRow(PRODUCT, ladder[ladder.length - 1], ladder[ladder.length - 1], 0));
    let row = -1;
    for (let k = 0; 2 ** k <= zeta; k++) {
      if (Math.floor(zeta / 2 ** k) % 2 === 1) row = row < 0 ? ladder[k] : addRow(PRODUCT, row, ladder[k], 0);
    }
    powers.set(key, row);
    return row;
  };

  const sMax = 6 * spec.rCut * spec.rCut;
  const coefs = [...new Set(spec.triples.map((t) => 1 / (t.xi * t.xi)))];
  const bases: number[] = [];
  for (const c of coefs) if (!bases.some((b) => Math.abs(c - b) * sMax <= SHARED_EXP_MAX)) bases.push(c);
  const chunkCoef: number[] = [];
  const chunkRow: number[] = [];
  const chunkColumn: number[] = [];
  for (const base of bases) {
    const members = spec.triples.flatMap((t: Triple, column) => {
      const coef = 1 / (t.xi * t.xi);
      if (Math.abs(coef - base) * sMax > SHARED_EXP_MAX) return [];
      const row = powerRow(t.lambda, t.zeta);
      return [{ column, row: coef === base ? row : addRow(SHIFTED, row, 0, coef - base) }];
    });
    for (let k = 0; k < members.length; k += 4) {
      chunkCoef.push(base * EXP_STEPS_PER_UNIT);
      for (let slot = k; slot < k + 4; slot++) {
        // Padding slots: the zero row (index rows.length), added as +0 to the last real column.
        chunkRow.push(slot < members.length ? members[slot].row : -1);
        chunkColumn.push(members[Math.min(slot, members.length - 1)].column);
      }
    }
  }
  return {
    rCut: spec.rCut,
    rowKind: Int8Array.from(rows, (r) => r.kind),
    rowA: Int32Array.from(rows, (r) => r.a),
    rowB: Int32Array.from(rows, (r) => r.b),
    rowValue: Float64Array.from(rows, (r) => r.value),
    chunkCoef: Float64Array.from(chunkCoef),
    chunkRow: Int32Array.from(chunkRow, (r) => (r < 0 ? rows.length : r)),
    chunkColumn: Int32Array.from(chunkColumn),
    scratch: makeScratch(0, 0, 0),
  };
}

function makeScratch(m: number, nSpecies: number, nRows: number): AngularScratch {
  const capacity = (m * (m - 1)) / 2;
  return {
    vectors: new Float64Array(3 * m),
    r2: new Float64Array(m),
    invR: new Float64Array(m),
    speciesStart: new Int32Array(nSpecies + 1),
    cursor: new Int32Array(nSpecies),
    blockStart: new Int32Array((nSpecies * (nSpecies + 1)) / 2 + 1),
    sums: new Float64Array(capacity),
    coss: new Float64Array(capacity),
    factors: new Float64Array((nRows + 1) * capacity),
  };
}

/**
 * Adds Psi_YZ(i; xi, zeta, lambda) for center c of `list` to `row`.
 *
 * PAIR CONVENTION: each unordered neighbour pair {j, k} (j != k, R_ij and R_ik < rCut) is
 * counted ONCE, in the block of its species pair (Y, Z), Y <= Z. Relative to the double sum
 * of Eq. 2 read literally with j of species Y and k of species Z, this is half of it for Y = Z
 * and equal to it for Y != Z. Why: every triplet (i, {j, k}) then contributes exactly once,
 * so Psi_AA + Psi_AB + Psi_BB equals the species-blind sum over unordered pairs, and same- and
 * mixed-species blocks are on the same scale. (A constant factor per column does not change a
 * linear SVM trained on standardised features.)
 *
 * Each term is exp(-(R_ij^2 + R_ik^2 + R_jk^2) / xi^2) (1 + lambda cos theta_jik)^zeta with
 * R_jk^2 = |r_ik - r_ij|^2 = R_ij^2 + R_ik^2 - 2 r_ij . r_ik and cos theta = r_ij . r_ik /
 * (R_ij R_ik), straight from the bond vectors (no second minimum image). Exponentials are
 * evaluated once per pair and chunk of 4 triples (near-equal xi share one, times a series
 * correction, see compileAngular); factors once per pair and factor row.
 * Terms with exponent >= 42.25 + 1/64 (< 4.4e-19) are dropped (expNeg returns 0).
 *
 * Loop order (speed): neighbours are sorted by species and pairs grouped by species pair
 * block; exponent sums, cosines and factor rows are tabulated for all pairs in long loops; then
 * each chunk is one pass over a block's pairs, computing the exponential once and keeping the
 * 4 sums in registers (no read-modify-write of `row` per pair).
 *
 * @param list neighbour list (cut-off >= kernel.rCut); c is the center's index in it.
 * @param species species index per particle row, Uint8Array [n]; caller checked < nSpecies.
 * @param layout column layout (names.ts): nSpecies and the first column of each species pair's block.
 * @param row accumulator, Float64Array [nFeatures].
 * Source: Cubuk et al. PRL 2015, Eq. 2 (thesis Eq. 4.2). Throws nothing.
 */
export function addAngular(
  kernel: AngularKernel,
  list: NeighborList,
  c: number,
  species: Uint8Array,
  layout: FeatureLayout,
  row: Float64Array,
): void {
  const { nSpecies, pairStart } = layout;
  gatherInside(kernel, list, c, species, nSpecies);
  tabulatePairs(kernel.scratch, nSpecies);
  tabulateFactors(kernel);
  const { sums, factors, blockStart } = kernel.scratch;
  const stride = sums.length;
  const { chunkCoef, chunkRow, chunkColumn } = kernel;
  let b = 0;
  for (let y = 0; y < nSpecies; y++) {
    for (let z = y; z < nSpecies; z++, b++) {
      const from = blockStart[b];
      const to = blockStart[b + 1];
      if (from >= to) continue;
      const block = pairStart[y * nSpecies + z];
      for (let g = 0; g < chunkCoef.length; g++) {
        const coef = chunkCoef[g];
        const f0 = chunkRow[4 * g] * stride;
        const f1 = chunkRow[4 * g + 1] * stride;
        const f2 = chunkRow[4 * g + 2] * stride;
        const f3 = chunkRow[4 * g + 3] * stride;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let k = from; k < to; k++) {
          const wk = expNegScaled(sums[k] * coef);
          s0 += wk * factors[f0 + k];
          s1 += wk * factors[f1 + k];
          s2 += wk * factors[f2 + k];
          s3 += wk * factors[f3 + k];
        }
        row[block + chunkColumn[4 * g]] += s0;
        row[block + chunkColumn[4 * g + 1]] += s1;
        row[block + chunkColumn[4 * g + 2]] += s2;
        row[block + chunkColumn[4 * g + 3]] += s3;
      }
    }
  }
}

/** Fills blockStart, sums and coss for the gathered neighbours, pairs grouped by species pair block. */
function tabulatePairs(scratch: AngularScratch, nSpecies: number): void {
  const { vectors: v, r2, invR, speciesStart, blockStart, sums, coss } = scratch;
  let p = 0;
  let b = 0;
  for (let y = 0; y < nSpecies; y++) {
    for (let z = y; z < nSpecies; z++, b++) {
      blockStart[b] = p;
      for (let a = speciesStart[y]; a < speciesStart[y + 1]; a++) {
        const ax = v[3 * a];
        const ay = v[3 * a + 1];
        const az = v[3 * a + 2];
        const r2a = r2[a];
        const invRa = invR[a];
        for (let k = Math.max(a + 1, speciesStart[z]); k < speciesStart[z + 1]; k++, p++) {
          const dot = ax * v[3 * k] + ay * v[3 * k + 1] + az * v[3 * k + 2];
          sums[p] = 2 * (r2a + r2[k] - dot);
          coss[p] = dot * invRa * invR[k];
        }
      }
    }
  }
  blockStart[b] = p;
}

/** Fills the factor rows (see AngularKernel.rowKind) for the tabulated pairs. */
function tabulateFactors(kernel: AngularKernel): void {
  const { rowKind, rowA, rowB, rowValue } = kernel;
  const { sums, coss, factors, blockStart } = kernel.scratch;
  const nPairs = blockStart[blockStart.length - 1];
  const stride = sums.length;
  for (let r = 0; r < rowKind.length; r++) {
    const o = r * stride;
    const a = rowA[r] * stride;
    const value = rowValue[r];
    if (rowKind[r] === BASE) {
      for (let k = 0; k < nPairs; k++) factors[o + k] = 1 + value * coss[k];
    } else if (rowKind[r] === PRODUCT) {
      const b = rowB[r] * stride;
      for (let k = 0; k < nPairs; k++) factors[o + k] = factors[a + k] * factors[b + k];
    } else {
      for (let k = 0; k < nPairs; k++) {
        const x = value * sums[k];
        factors[o + k] = factors[a + k] * (1 - x * (1 - x * (0.5 - x * (1 / 6))));
      }
    }
  }
}

/**
 * Copies the neighbours of center c with R < rCut into the kernel's scratch, sorted by species
 * (counting sort; speciesStart delimits them), growing the scratch when needed.
 */
function gatherInside(kernel: AngularKernel, list: NeighborList, c: number, species: Uint8Array, nSpecies: number): void {
  const { rCut, rowKind } = kernel;
  const first = list.offsets[c];
  const last = list.offsets[c + 1];
  const { distances, neighbors, vectors } = list;
  if (kernel.scratch.speciesStart.length !== nSpecies + 1) kernel.scratch = makeScratch(0, nSpecies, rowKind.length);
  const start = kernel.scratch.speciesStart;
  start.fill(0);
  for (let p = first; p < last; p++) if (distances[p] < rCut) start[species[neighbors[p]] + 1]++;
  for (let y = 0; y < nSpecies; y++) start[y + 1] += start[y];
  const m = start[nSpecies];
  if (kernel.scratch.r2.length < m) {
    // Pair tables grow as m^2: size them for this m (with 25% headroom), not for the whole list.
    kernel.scratch = makeScratch(Math.ceil(1.25 * m), nSpecies, rowKind.length);
    kernel.scratch.speciesStart.set(start);
  }
  const { vectors: v, r2, invR, cursor } = kernel.scratch;
  cursor.set(kernel.scratch.speciesStart.subarray(0, nSpecies));
  for (let p = first; p < last; p++) {
    const r = distances[p];
    if (r >= rCut) continue;
    const slot = cursor[species[neighbors[p]]]++;
    v[3 * slot] = vectors[3 * p];
    v[3 * slot + 1] = vectors[3 * p + 1];
    v[3 * slot + 2] = vectors[3 * p + 2];
    r2[slot] = r * r;
    invR[slot] = 1 / r;
  }
}
