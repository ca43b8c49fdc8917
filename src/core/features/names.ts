import type { FeatureSpec } from './spec';

/**
 * Column layout of a feature row, the same for every central species X (the model is trained
 * per central species): for each neighbour species Y in speciesNames order, all radial mus in
 * spec order; then for each unordered species pair (Y, Z), Y <= Z in speciesNames order
 * (AA, AB, BB for two species), all angular triples in spec order.
 */
export interface FeatureLayout {
  readonly nSpecies: number;
  readonly nMus: number;
  readonly nTriples: number;
  /** First angular column (= nSpecies * nMus). */
  readonly angularStart: number;
  /**
   * Column of the first triple of pair (Y, Z), Int32Array [nSpecies x nSpecies], symmetric:
   * pairStart[Y * nSpecies + Z] = pairStart[Z * nSpecies + Y].
   */
  readonly pairStart: Int32Array;
  readonly nFeatures: number;
}

/** The column layout of `spec` (see FeatureLayout). Throws nothing; spec assumed validated. */
export function featureLayout(spec: FeatureSpec): FeatureLayout {
  const nSpecies = spec.speciesNames.length;
  const nMus = spec.radial ? spec.radial.mus.length : 0;
  const nTriples = spec.angular ? spec.angular.triples.length : 0;
  const angularStart = nSpecies * nMus;
  const pairStart = new Int32Array(nSpecies * nSpecies);
  let block = 0;
  for (let y = 0; y < nSpecies; y++) {
    for (let z = y; z < nSpecies; z++) {
      pairStart[y * nSpecies + z] = pairStart[z * nSpecies + y] = angularStart + block * nTriples;
      block++;
    }
  }
  return { nSpecies, nMus, nTriples, angularStart, pairStart, nFeatures: angularStart + block * nTriples };
}

/**
 * Stable readable column names in FeatureLayout order: `G_B(1.10)` for a radial function
 * (neighbour species B, mu = 1.10 sigma_AA, at least 2 decimals, more only if mu has them) and
 * `Psi_AB(2.554,1,-1)` for an angular one (species pair, xi, zeta, lambda).
 * Source: notation of [Cubuk2015] Eqs. 1-2 (central species X left implicit).
 */
export function featureNames(spec: FeatureSpec): string[] {
  const species = spec.speciesNames;
  const names: string[] = [];
  for (const y of species) {
    for (const mu of spec.radial?.mus ?? []) names.push(`G_${y}(${formatMu(mu)})`);
  }
  for (let y = 0; y < species.length; y++) {
    for (let z = y; z < species.length; z++) {
      for (const { xi, zeta, lambda } of spec.angular?.triples ?? []) {
        names.push(`Psi_${species[y]}${species[z]}(${xi},${zeta},${lambda})`);
      }
    }
  }
  return names;
}

function formatMu(mu: number): string {
  const fixed = mu.toFixed(2);
  return Number(fixed) === mu ? fixed : String(mu);
}
