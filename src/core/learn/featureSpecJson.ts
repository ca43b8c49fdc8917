import { featureLayout, featureNames } from '../features/names';
import { type FeatureSpec, validateFeatureSpec } from '../features/spec';
import { ModelFieldError, readArray, readNumber, readObject, readString } from './jsonFields';

/**
 * Largest cut-off (radial.rCut, angular.rCut) a model file may declare, in the trajectory's length
 * unit (sigma_AA). Structure functions use 2.5-5 sigma_AA ([Cubuk2015]; [Schoenholz2018] Sec. 3.2);
 * the bound keeps a hostile file (rCut = 1e6) from implying unbounded neighbour lists or curves.
 */
export const MAX_MODEL_CUTOFF = 100;

/**
 * Largest radial.rCut / radial.width a model file may declare (presets use 50). Evaluating the
 * radial functions bins distances up to rCut in steps of a fraction of the width, so the ratio
 * bounds those tables; 1e4 leaves room for any width a Gaussian of [Cubuk2015] Eq. 1 is given.
 */
export const MAX_CUTOFF_OVER_WIDTH = 1e4;

/**
 * Reads the `featureSpec` of a model file: every field typed (speciesNames strings; radial null or
 * {mus: numbers, width, convention, rCut}; angular null or {triples: [{xi, zeta, lambda}], rCut}),
 * then checked by validateFeatureSpec, cut-offs at most MAX_MODEL_CUTOFF, radial.rCut / radial.width
 * at most MAX_CUTOFF_OVER_WIDTH, and the column count of
 * the spec's layout equal to the length of `names` (the model's featureNames), each name the one
 * the spec gives that column (featureNames of src/core/features/names.ts). Extra fields are kept.
 * Throws ModelFieldError naming the field (e.g. `featureSpec.angular.triples[0]: expected an object, got null`).
 */
export function readFeatureSpec(value: unknown, names: readonly string[]): FeatureSpec {
  const o = readObject(value, 'featureSpec');
  if (!('radial' in o && 'angular' in o)) {
    throw new ModelFieldError('featureSpec', 'expected both radial and angular entries (null when unused)');
  }
  const spec: FeatureSpec = {
    ...o,
    speciesNames: readArray(o.speciesNames, 'featureSpec.speciesNames').map((v, k) => readString(v, `featureSpec.speciesNames[${k}]`)),
    radial: o.radial === null ? null : readRadial(o.radial),
    angular: o.angular === null ? null : readAngular(o.angular),
  };
  if (o.preset !== undefined) spec.preset = readString(o.preset, 'featureSpec.preset');
  try {
    validateFeatureSpec(spec);
  } catch (error) {
    if (error instanceof RangeError) throw new ModelFieldError('featureSpec', error.message.replace(/^features: /, ''));
    throw error;
  }
  // The count first: a spec of many species and triples would make a very long list of names.
  const columns = featureLayout(spec).nFeatures;
  if (columns !== names.length) {
    throw new ModelFieldError('featureNames', `expected ${columns} names (the columns of featureSpec), got ${names.length}`);
  }
  const expected = featureNames(spec);
  const k = expected.findIndex((name, j) => names[j] !== name);
  if (k >= 0) {
    throw new ModelFieldError(
      `featureNames[${k}]`,
      `expected ${JSON.stringify(expected[k])} (the column featureSpec puts there), got a different name`,
    );
  }
  return spec;
}

function readRadial(value: unknown): FeatureSpec['radial'] {
  const o = readObject(value, 'featureSpec.radial');
  const rCut = readNumber(o.rCut, 'featureSpec.radial.rCut', { above: 0, max: MAX_MODEL_CUTOFF });
  return {
    ...o,
    mus: readArray(o.mus, 'featureSpec.radial.mus').map((v, k) => readNumber(v, `featureSpec.radial.mus[${k}]`, { min: 0 })),
    width: readNumber(o.width, 'featureSpec.radial.width', { min: rCut / MAX_CUTOFF_OVER_WIDTH }),
    convention: readString(o.convention, 'featureSpec.radial.convention') as 'cubuk' | 'schoenholz',
    rCut,
  };
}

function readAngular(value: unknown): FeatureSpec['angular'] {
  const o = readObject(value, 'featureSpec.angular');
  return {
    ...o,
    triples: readArray(o.triples, 'featureSpec.angular.triples').map((v, k) => {
      const field = `featureSpec.angular.triples[${k}]`;
      const t = readObject(v, field);
      return {
        xi: readNumber(t.xi, `${field}.xi`, { above: 0 }),
        zeta: readNumber(t.zeta, `${field}.zeta`, { min: 1, integer: true }),
        lambda: readNumber(t.lambda, `${field}.lambda`),
      };
    }),
    rCut: readNumber(o.rCut, 'featureSpec.angular.rCut', { above: 0, max: MAX_MODEL_CUTOFF }),
  };
}
