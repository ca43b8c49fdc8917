import type { NeighborList } from '../neighbors/cellList';
import { compileAngularPass, type AngularPass } from './angularPass';
import type { FeatureLayout } from './names';
import type { AngularSpec } from './spec';

/**
 * An AngularSpec compiled for the hot loop, plus per-center scratch space (so one kernel must
 * not be used by two computations at once; computations are synchronous, so they never are).
 */
export interface AngularKernel {
  readonly rCut: number;
  /** The compiled loop over pairs and its neighbour slots (angularPass.ts), one add() per species pair block. */
  readonly pass: AngularPass;
  /** Exponentials evaluated per pair. */
  readonly exponentials: number;
  /**
   * Neighbours of the current center are put in the pass's slots by species, each species'
   * run followed by one padding slot: run y is slots speciesStart[y] .. speciesEnd[y] - 1,
   * padding at speciesEnd[y], next run at speciesEnd[y] + 1. Int32Array [nSpecies] each.
   */
  speciesStart: Int32Array;
  speciesEnd: Int32Array;
  /** Neighbour-list entries inside rCut of the current center, Int32Array grown on demand. */
  inside: Int32Array;
}

/** Compiles a (validated) AngularSpec (see compileAngularPass). Throws nothing. */
export function compileAngular(spec: AngularSpec): AngularKernel {
  const pass = compileAngularPass(spec);
  return {
    rCut: spec.rCut,
    pass,
    exponentials: pass.exponentials,
    speciesStart: new Int32Array(0),
    speciesEnd: new Int32Array(0),
    inside: new Int32Array(64),
  };
}

/**
 * Adds Psi_YZ(i; xi, zeta, lambda) for center c of `list` to `row`.
 *
 * PAIR CONVENTION: each unordered neighbour pair {j, k} (j != k, R_ij and R_ik < rCut) is
 * counted ONCE, in the block of its species pair (Y, Z), Y <= Z. Relative to the double sum of
 * [Cubuk2015] Eq. 2 read literally with j of species Y and k of species Z, this is half of it for
 * Y = Z and equal to it for Y != Z. Why: every triplet (i, {j, k}) then contributes exactly once,
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
 * Loop order (speed): the neighbours inside rCut are copied, sorted by species, into the
 * WebAssembly memory of the compiled pass; it runs once per species pair block, computing R_jk^2
 * and cos theta of two pairs per instruction and keeping every triple's sum in a register (no
 * read-modify-write of `row` per pair).
 *
 * @param list neighbour list (cut-off >= kernel.rCut); c is the center's index in it.
 * @param species species index per particle row, Uint8Array [n]; caller checked < nSpecies.
 * @param layout column layout (names.ts): nSpecies and the first column of each species pair's block.
 * @param row accumulator, Float64Array [nFeatures].
 * Source: [Cubuk2015] Eq. 2 ([Cubuk2016] Eq. 4.2). Throws nothing.
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
  const { pass, speciesStart, speciesEnd } = kernel;
  for (let y = 0; y < nSpecies; y++) {
    if (speciesStart[y] === speciesEnd[y]) continue;
    for (let z = y; z < nSpecies; z++) {
      if (speciesStart[z] === speciesEnd[z]) continue;
      pass.add(speciesStart[y], speciesEnd[y], speciesStart[z], speciesEnd[z], y === z, row, pairStart[y * nSpecies + z]);
    }
  }
}

/**
 * Puts the neighbours of center c with R < rCut into the pass's slots, by species (counting
 * sort over the entries found inside rCut), with a padding slot after each species' run.
 */
function gatherInside(kernel: AngularKernel, list: NeighborList, c: number, species: Uint8Array, nSpecies: number): void {
  const { rCut, pass } = kernel;
  const first = list.offsets[c];
  const last = list.offsets[c + 1];
  const { distances, neighbors, vectors } = list;
  if (kernel.speciesStart.length !== nSpecies) {
    kernel.speciesStart = new Int32Array(nSpecies);
    kernel.speciesEnd = new Int32Array(nSpecies);
  }
  if (kernel.inside.length < last - first) kernel.inside = new Int32Array(2 * (last - first));
  const { inside, speciesStart: start, speciesEnd: end } = kernel;
  end.fill(0);
  let m = 0;
  for (let p = first; p < last; p++) {
    if (distances[p] < rCut) {
      inside[m++] = p;
      end[species[neighbors[p]]]++;
    }
  }
  // Runs: start[y] = after the previous run and its padding slot; end[y] = fill cursor, then end.
  let slot = 0;
  for (let y = 0; y < nSpecies; y++) {
    const count = end[y];
    start[y] = end[y] = slot;
    slot += count + 1;
  }
  pass.reserve(slot);
  const { x, y: yy, z, r2, invR } = pass;
  for (let q = 0; q < m; q++) {
    const p = inside[q];
    const s = end[species[neighbors[p]]]++;
    const r = distances[p];
    x[s] = vectors[3 * p];
    yy[s] = vectors[3 * p + 1];
    z[s] = vectors[3 * p + 2];
    r2[s] = r * r;
    invR[s] = 1 / r;
  }
  for (let y = 0; y < nSpecies; y++) {
    const s = end[y];
    x[s] = yy[s] = z[s] = invR[s] = 0;
    r2[s] = pass.paddingR2;
  }
}
