/**
 * What to compute for each particle environment: the radial and angular structure functions of
 * [Cubuk2015] Eqs. 1-2 ([Cubuk2016] Eqs. 4.1-4.2). Lengths in sigma_AA.
 */

/**
 * Radial functions G_Y(i; mu), one per neighbour species Y and centre mu.
 * - 'cubuk': exp(-(R - mu)^2 / L^2), width = L ([Cubuk2015] Eq. 1).
 * - 'schoenholz': (1/sqrt(2 pi)) exp(-(R - r)^2 / (2 sigma^2)), width = sigma, mu = r
 *   ([Schoenholz2018] Eq. 3).
 * Only neighbours with R < rCut contribute.
 */
export interface RadialSpec {
  mus: number[];
  width: number;
  convention: 'cubuk' | 'schoenholz';
  rCut: number;
}

/**
 * Angular functions Psi_YZ(i; xi, zeta, lambda) = sum over neighbour pairs of
 * exp(-(R_ij^2 + R_ik^2 + R_jk^2) / xi^2) (1 + lambda cos theta_jik)^zeta
 * ([Cubuk2015] Eq. 2), over j, k with R_ij, R_ik < rCut.
 */
export interface AngularSpec {
  triples: Array<{ xi: number; zeta: number; lambda: number }>;
  rCut: number;
}

/** A full feature definition; `preset` records the preset it came from, if any. */
export interface FeatureSpec {
  preset?: string;
  speciesNames: string[];
  radial: RadialSpec | null;
  angular: AngularSpec | null;
}

/** Largest zeta accepted: (1 + lambda cos)^zeta is evaluated by repeated squaring. */
const ZETA_MAX = 1024;

/**
 * Checks a spec before any work is done.
 * @throws RangeError naming the offending parameter and what was expected: empty or duplicate
 *   species names (or more than 256, the Uint8Array species index limit), no radial and no
 *   angular part, an empty or non-finite/negative mu list, a width or rCut that is not finite
 *   and > 0, an unknown convention, an empty triple list, xi not finite and > 0, zeta not an
 *   integer in [1, 1024], lambda not finite.
 */
export function validateFeatureSpec(spec: FeatureSpec): void {
  const names = spec.speciesNames;
  if (!Array.isArray(names) || names.length === 0 || names.length > 256) {
    throw new RangeError(`features: speciesNames must list 1 to 256 species, got ${JSON.stringify(names)}`);
  }
  if (names.some((s) => typeof s !== 'string' || s === '') || new Set(names).size !== names.length) {
    throw new RangeError(`features: speciesNames must be distinct non-empty names, got ${JSON.stringify(names)}`);
  }
  if (!spec.radial && !spec.angular) throw new RangeError('features: the spec has neither radial nor angular functions');
  if (spec.radial) {
    const { mus, width, convention, rCut } = spec.radial;
    if (!Array.isArray(mus) || mus.length === 0)
      throw new RangeError('features: radial.mus must be a non-empty list of distances (sigma_AA)');
    for (const [k, mu] of mus.entries()) requireNumber(`radial.mus[${k}]`, mu, 0, 'a finite distance >= 0 (sigma_AA)');
    requirePositive('radial.width', width);
    requirePositive('radial.rCut', rCut);
    if (convention !== 'cubuk' && convention !== 'schoenholz') {
      throw new RangeError(`features: radial.convention must be 'cubuk' or 'schoenholz', got ${JSON.stringify(convention)}`);
    }
  }
  if (spec.angular) {
    const { triples, rCut } = spec.angular;
    if (!Array.isArray(triples) || triples.length === 0)
      throw new RangeError('features: angular.triples must be a non-empty list of {xi, zeta, lambda}');
    triples.forEach(({ xi, zeta, lambda }, k) => {
      requirePositive(`angular.triples[${k}].xi`, xi);
      if (!(Number.isInteger(zeta) && zeta >= 1 && zeta <= ZETA_MAX)) {
        throw new RangeError(`features: angular.triples[${k}].zeta must be an integer in [1, ${ZETA_MAX}], got ${zeta}`);
      }
      requireNumber(`angular.triples[${k}].lambda`, lambda, -Infinity, 'a finite number (usually +1 or -1)');
    });
    requirePositive('angular.rCut', rCut);
  }
}

function requirePositive(name: string, value: number): void {
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
    throw new RangeError(`features: ${name} must be a finite positive length (sigma_AA), got ${value}`);
  }
}

function requireNumber(name: string, value: number, min: number, expected: string): void {
  if (!(typeof value === 'number' && Number.isFinite(value) && value >= min)) {
    throw new RangeError(`features: ${name} must be ${expected}, got ${value}`);
  }
}
