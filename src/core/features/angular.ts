import type { NeighborList } from '../neighbors/cellList';
import { expNeg } from './fastExp';
import type { FeatureLayout } from './names';
import type { AngularSpec } from './spec';

type Triple = AngularSpec['triples'][number];

/**
 * An AngularSpec compiled for the hot loop, plus per-center scratch space (so one kernel must
 * not be used by two computations at once; each worker compiles its own).
 */
export interface AngularKernel {
  readonly rCut: number;
  /** Distinct 1/xi^2, Float64Array [nXi]. */
  readonly xiCoef: Float64Array;
  /** Distinct (lambda, zeta) of the triples, Float64Array / Int32Array [nFactors]. */
  readonly factorLambda: Float64Array;
  readonly factorZeta: Int32Array;
  /**
   * Triples sharing an xi, in chunks of 4: chunkXi Int32Array [nChunks] (index into xiCoef),
   * chunkFactor and chunkColumn Int32Array [nChunks x 4] (factor index; column within a species
   * pair block). Short chunks are padded with factor nFactors, an all-zero row whose sums are
   * exactly 0. One pass over the pairs then evaluates each exponential once for 4 triples.
   */
  readonly chunkXi: Int32Array;
  readonly chunkFactor: Int32Array;
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
   * Per unordered pair (j < k), flat index p = pairBase[j] + k - j - 1 (pairBase Int32Array [m]):
   * exponent sums and cosines [nPairs], angular factors [(nFactors + 1) x nPairs].
   */
  pairBase: Int32Array;
  sums: Float64Array;
  coss: Float64Array;
  factors: Float64Array;
}

/** Compiles a (validated) AngularSpec: distinct xi and (lambda, zeta) values are shared by triples. */
export function compileAngular(spec: AngularSpec): AngularKernel {
  const xis = [...new Set(spec.triples.map((t) => t.xi))];
  const factorKeys = [...new Set(spec.triples.map((t) => `${t.lambda} ${t.zeta}`))];
  const factorOf = (t: Triple) => factorKeys.indexOf(`${t.lambda} ${t.zeta}`);
  const chunkXi: number[] = [];
  const chunkFactor: number[] = [];
  const chunkColumn: number[] = [];
  xis.forEach((xi, q) => {
    const columns = spec.triples.flatMap((t, column) => (t.xi === xi ? [column] : []));
    for (let k = 0; k < columns.length; k += 4) {
      chunkXi.push(q);
      for (let slot = k; slot < k + 4; slot++) {
        // Padding slots: zero factor row, added (as +0) to the chunk's last real column.
        chunkFactor.push(slot < columns.length ? factorOf(spec.triples[columns[slot]]) : factorKeys.length);
        chunkColumn.push(columns[Math.min(slot, columns.length - 1)]);
      }
    }
  });
  return {
    rCut: spec.rCut,
    xiCoef: Float64Array.from(xis, (xi) => 1 / (xi * xi)),
    factorLambda: Float64Array.from(factorKeys, (k) => Number(k.split(' ')[0])),
    factorZeta: Int32Array.from(factorKeys, (k) => Number(k.split(' ')[1])),
    chunkXi: Int32Array.from(chunkXi),
    chunkFactor: Int32Array.from(chunkFactor),
    chunkColumn: Int32Array.from(chunkColumn),
    scratch: makeScratch(0, 0, 0),
  };
}

function makeScratch(m: number, nSpecies: number, nFactors: number): AngularScratch {
  const nPairs = (m * (m - 1)) / 2;
  return {
    vectors: new Float64Array(3 * m),
    r2: new Float64Array(m),
    invR: new Float64Array(m),
    speciesStart: new Int32Array(nSpecies + 1),
    cursor: new Int32Array(nSpecies),
    pairBase: new Int32Array(m),
    sums: new Float64Array(nPairs),
    coss: new Float64Array(nPairs),
    factors: new Float64Array((nFactors + 1) * nPairs),
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
 * evaluated once per pair and distinct xi (again only if an xi has > 4 triples), powers once per
 * pair and distinct (lambda, zeta), by repeated squaring (zeta is an integer, no Math.pow).
 * Terms with exponent >= 42.25 + 1/64 (< 4.4e-19) are dropped (expNeg returns 0).
 *
 * Loop order (speed): neighbours are sorted by species; exponent sums, cosines and the factors
 * of each distinct (lambda, zeta) are tabulated for all pairs in long loops; then each chunk of
 * up to 4 triples sharing an xi is one pass over the partners k of one j and species, computing
 * the exponential once and keeping the 4 sums in registers (no read-modify-write of `row` per pair).
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
  const m = gatherInside(kernel, list, c, species, nSpecies);
  const nPairs = (m * (m - 1)) / 2;
  const { vectors: v, r2, invR, speciesStart, pairBase, sums, coss, factors } = kernel.scratch;
  const { xiCoef, factorLambda, factorZeta, chunkXi, chunkFactor, chunkColumn } = kernel;
  const nFactors = factorZeta.length;

  let p = 0;
  for (let a = 0; a < m; a++) {
    pairBase[a] = p;
    const ax = v[3 * a];
    const ay = v[3 * a + 1];
    const az = v[3 * a + 2];
    const r2a = r2[a];
    const invRa = invR[a];
    for (let b = a + 1; b < m; b++, p++) {
      const dot = ax * v[3 * b] + ay * v[3 * b + 1] + az * v[3 * b + 2];
      sums[p] = 2 * (r2a + r2[b] - dot);
      coss[p] = dot * invRa * invR[b];
    }
  }
  for (let f = 0; f < nFactors; f++) {
    const lambda = factorLambda[f];
    const zeta = factorZeta[f];
    const o = f * nPairs;
    for (let k = 0; k < nPairs; k++) factors[o + k] = intPow(1 + lambda * coss[k], zeta);
  }
  factors.fill(0, nFactors * nPairs, (nFactors + 1) * nPairs); // the padding row

  let y = 0;
  for (let a = 0; a < m; a++) {
    while (a >= speciesStart[y + 1]) y++;
    // Partners k > j of species z >= y (sorted), one block per species pair.
    for (let z = y; z < nSpecies; z++) {
      const from = pairBase[a] + Math.max(a + 1, speciesStart[z]) - a - 1;
      const to = pairBase[a] + speciesStart[z + 1] - a - 1;
      if (from >= to) continue;
      const block = pairStart[y * nSpecies + z];
      for (let g = 0; g < chunkXi.length; g++) {
        const coef = xiCoef[chunkXi[g]];
        const f0 = chunkFactor[4 * g] * nPairs;
        const f1 = chunkFactor[4 * g + 1] * nPairs;
        const f2 = chunkFactor[4 * g + 2] * nPairs;
        const f3 = chunkFactor[4 * g + 3] * nPairs;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let k = from; k < to; k++) {
          const wk = expNeg(sums[k] * coef);
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

/**
 * Copies the neighbours of center c with R < rCut into the kernel's scratch, sorted by species
 * (counting sort; speciesStart delimits them); returns their count m.
 */
function gatherInside(kernel: AngularKernel, list: NeighborList, c: number, species: Uint8Array, nSpecies: number): number {
  const { rCut, factorZeta } = kernel;
  const first = list.offsets[c];
  const last = list.offsets[c + 1];
  const { distances, neighbors, vectors } = list;
  if (kernel.scratch.speciesStart.length !== nSpecies + 1) kernel.scratch = makeScratch(0, nSpecies, factorZeta.length);
  const start = kernel.scratch.speciesStart;
  start.fill(0);
  for (let p = first; p < last; p++) if (distances[p] < rCut) start[species[neighbors[p]] + 1]++;
  for (let y = 0; y < nSpecies; y++) start[y + 1] += start[y];
  const m = start[nSpecies];
  if (kernel.scratch.r2.length < m) {
    // Pair tables grow as m^2: size them for this m (with 25% headroom), not for the whole list.
    kernel.scratch = makeScratch(Math.ceil(1.25 * m), nSpecies, factorZeta.length);
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
  return m;
}

/** x^n for integer n >= 1 by repeated squaring (exact sequence of multiplications, no Math.pow). */
function intPow(x: number, n: number): number {
  let result = 1;
  while (n > 0) {
    if (n & 1) result *= x;
    x *= x;
    n >>= 1;
  }
  return result;
}
