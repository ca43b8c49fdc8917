import type { NeighborList } from '../neighbors/cellList';
import { compileAngularPass, type AngularPass } from './angularPass';
import type { FeatureLayout } from './names';
import type { AngularSpec } from './spec';

/**
 * An AngularSpec compiled for the hot loop, plus per-center scratch space (so one kernel must
 * not be used by two computations at once; each worker compiles its own).
 */
export interface AngularKernel {
  readonly rCut: number;
  /** The compiled loop over pairs and its pair tables (angularPass.ts), one add() per species pair block. */
  readonly pass: AngularPass;
  /** Exponentials evaluated per pair. */
  readonly exponentials: number;
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
   * Unordered pairs (j < k) grouped by species pair block (Y <= Z, layout order): block b holds
   * pairs blockStart[b] .. blockStart[b + 1] - 1 (Int32Array [nBlocks + 1]), an even count (a
   * padding pair completes an odd one). Their exponent sums S = R_ij^2 + R_ik^2 + R_jk^2 and
   * cosines go to the pass's tables (AngularPass.sums / coss).
   */
  blockStart: Int32Array;
}

/** Compiles a (validated) AngularSpec (see compileAngularPass). Throws nothing. */
export function compileAngular(spec: AngularSpec): AngularKernel {
  const pass = compileAngularPass(spec);
  return { rCut: spec.rCut, pass, exponentials: pass.exponentials, scratch: makeScratch(0, 0) };
}

function makeScratch(m: number, nSpecies: number): AngularScratch {
  return {
    vectors: new Float64Array(3 * m),
    r2: new Float64Array(m),
    invR: new Float64Array(m),
    speciesStart: new Int32Array(nSpecies + 1),
    cursor: new Int32Array(nSpecies),
    blockStart: new Int32Array((nSpecies * (nSpecies + 1)) / 2 + 1),
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
 * (R_ij R_ik), straight from the bond vectors (no second minimum image). Per pair, each
 * exponential and each power of 1 + lambda cos is evaluated once and shared by the triples that
 * use it (near-equal xi share one exponential times a series correction; see angularPass.ts).
 * Terms with exponent >= 42.25 + 1/64 (< 4.4e-19) are dropped (expNeg returns 0).
 *
 * Loop order (speed): neighbours are sorted by species and pairs grouped by species pair
 * block; exponent sums and cosines are tabulated for all pairs in one long loop (into the
 * WebAssembly memory of the pass); then the compiled pass runs once per block, two pairs per
 * instruction, keeping every triple's sum in a register (no read-modify-write of `row` per pair).
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
  const { pass } = kernel;
  const nBlocks = (nSpecies * (nSpecies + 1)) / 2;
  pass.reserve((m * (m - 1)) / 2 + nBlocks);
  tabulatePairs(kernel.scratch, nSpecies, pass);
  const { blockStart } = kernel.scratch;
  let b = 0;
  for (let y = 0; y < nSpecies; y++) {
    for (let z = y; z < nSpecies; z++, b++) {
      if (blockStart[b] < blockStart[b + 1]) pass.add(blockStart[b], blockStart[b + 1], row, pairStart[y * nSpecies + z]);
    }
  }
}

/**
 * Fills blockStart and the pass's sums and coss for the gathered neighbours, pairs grouped by
 * species pair block, each block padded to an even count (AngularPass.paddingSum).
 */
function tabulatePairs(scratch: AngularScratch, nSpecies: number, pass: AngularPass): void {
  const { vectors: v, r2, invR, speciesStart, blockStart } = scratch;
  const { sums, coss } = pass;
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
      if ((p - blockStart[b]) % 2 === 1) {
        sums[p] = pass.paddingSum;
        coss[p++] = 0;
      }
    }
  }
  blockStart[b] = p;
}

/**
 * Copies the neighbours of center c with R < rCut into the kernel's scratch, sorted by species
 * (counting sort; speciesStart delimits them), growing the scratch when needed. Returns their count.
 */
function gatherInside(kernel: AngularKernel, list: NeighborList, c: number, species: Uint8Array, nSpecies: number): number {
  const { rCut } = kernel;
  const first = list.offsets[c];
  const last = list.offsets[c + 1];
  const { distances, neighbors, vectors } = list;
  if (kernel.scratch.speciesStart.length !== nSpecies + 1) kernel.scratch = makeScratch(0, nSpecies);
  const start = kernel.scratch.speciesStart;
  start.fill(0);
  for (let p = first; p < last; p++) if (distances[p] < rCut) start[species[neighbors[p]] + 1]++;
  for (let y = 0; y < nSpecies; y++) start[y + 1] += start[y];
  const m = start[nSpecies];
  if (kernel.scratch.r2.length < m) {
    kernel.scratch = makeScratch(Math.ceil(1.25 * m), nSpecies);
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
