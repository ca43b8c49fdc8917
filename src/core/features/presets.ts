import { validateFeatureSpec, type AngularSpec, type FeatureSpec } from './spec';

export type PresetName = 'cubuk2015' | 'schoenholz2016';

/** Parameters a preset lets the user change (lengths in sigma_AA). */
export interface PresetOverrides {
  radialCut?: number;
  angularCut?: number;
  /** L ('cubuk') or sigma ('schoenholz'). */
  width?: number;
}

/**
 * The 22 (xi, zeta, lambda) triples of [Cubuk2016] Table 4.1 (xi in sigma_AA), copied row by
 * row; rows 3-4 really read 14.638, not 14.633.
 */
const CUBUK_TRIPLES: AngularSpec['triples'] = [
  [14.633, 1, -1],
  [14.633, 1, 1],
  [14.638, 2, -1],
  [14.638, 2, 1],
  [2.554, 1, -1],
  [2.554, 1, 1],
  [2.554, 2, -1],
  [2.554, 2, 1],
  [1.648, 1, 1],
  [1.648, 2, 1],
  [1.204, 1, 1],
  [1.204, 2, 1],
  [1.204, 4, 1],
  [1.204, 16, 1],
  [0.933, 1, 1],
  [0.933, 2, 1],
  [0.933, 4, 1],
  [0.933, 16, 1],
  [0.695, 1, 1],
  [0.695, 2, 1],
  [0.695, 4, 1],
  [0.695, 16, 1],
].map(([xi, zeta, lambda]) => ({ xi, zeta, lambda }));

/** first/10, (first+1)/10, ..., last/10: integer steps, so no accumulated float drift. */
function tenthsGrid(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, k) => (first + k) / 10);
}

/**
 * A published feature set, for the given species (index order = Frame.species values).
 *
 * - 'cubuk2015' ([Cubuk2015]; [Cubuk2016] Sec. 4.2, Table 4.1): radial 'cubuk' Gaussians
 *   mu = 0.3, 0.4, ..., 5.0 (48 values), L = 0.1, radial rCut = 5.0; the 22 angular triples of
 *   Table 4.1, angular rCut = 2.5. With 2 species this is 2*48 = 96 radial + 3*22 = 66 angular
 *   = 162 features. [Cubuk2016] says "94 radial" / M = 160, which this mu grid does not give
 *   (94 = 2*47); the grid as stated in the text is kept.
 * - 'schoenholz2016' ([Schoenholz2018] Eq. 3): radial only, 'schoenholz' Gaussians
 *   r = 0.1, 0.2, ..., 5.0 (50 values), sigma = 0.1, rCut = 5.0.
 *
 * @throws RangeError for an unknown preset name, an unknown override key, or invalid species
 *   names / override values (see validateFeatureSpec), naming the parameter.
 */
export function featurePreset(name: PresetName, speciesNames: string[], overrides: PresetOverrides = {}): FeatureSpec {
  for (const key of Object.keys(overrides)) {
    if (!['radialCut', 'angularCut', 'width'].includes(key)) {
      throw new RangeError(`features: unknown preset override '${key}' (expected radialCut, angularCut or width)`);
    }
  }
  let spec: FeatureSpec;
  if (name === 'cubuk2015') {
    spec = {
      preset: name,
      speciesNames: [...speciesNames],
      radial: { mus: tenthsGrid(3, 50), width: overrides.width ?? 0.1, convention: 'cubuk', rCut: overrides.radialCut ?? 5.0 },
      angular: { triples: CUBUK_TRIPLES.map((t) => ({ ...t })), rCut: overrides.angularCut ?? 2.5 },
    };
  } else if (name === 'schoenholz2016') {
    if (overrides.angularCut !== undefined) {
      throw new RangeError("features: preset 'schoenholz2016' has no angular functions, so angularCut cannot be set");
    }
    spec = {
      preset: name,
      speciesNames: [...speciesNames],
      radial: { mus: tenthsGrid(1, 50), width: overrides.width ?? 0.1, convention: 'schoenholz', rCut: overrides.radialCut ?? 5.0 },
      angular: null,
    };
  } else {
    throw new RangeError(`features: unknown preset ${JSON.stringify(name)} (expected 'cubuk2015' or 'schoenholz2016')`);
  }
  validateFeatureSpec(spec);
  return spec;
}
