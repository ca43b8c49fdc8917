import { readFileSync } from 'node:fs';
import { assertNotAnInput, writeFileAtomic } from '../io/atomicWrite';
import { LinearSVM } from './linearSvm';
import { ModelFieldError, nestsDeeperThan, readArray, readNumber, readNumberOrNull, readObject, readString } from './jsonFields';
import { readFeatureSpec } from './featureSpecJson';
import { checkMatrix } from './matrix';
import { StandardScaler } from './scaler';

/** Largest finite Float32 value: a softness beyond it would be stored as Infinity. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** Version written into every `*.softness.json`; loadModel accepts exactly this version. */
export const SOFTNESS_MODEL_VERSION = 1;

/**
 * The feature definition as the features module serialises it. Only `speciesNames` is read here
 * (to map species indices to per-species hyperplanes); the rest is kept verbatim.
 */
export interface FeatureSpecJSON {
  preset?: string;
  speciesNames: readonly string[];
  radial: unknown;
  angular: unknown;
}

/** Hyperplane and diagnostics for particles of one central species. */
export interface SpeciesSoftnessModel {
  /** Central species name, one of featureSpec.speciesNames. */
  species: string;
  /** Standardisation fitted on this species' training environments. */
  scaler: StandardScaler;
  /** Fitted SVM: w (standardised units), b, C, loss and solver settings. */
  svm: LinearSVM;
  trainingCounts: { soft: number; hard: number };
  /** Mean stratified k-fold accuracy on the training set, in [0, 1], or null if not run. */
  cvAccuracy: number | null;
  /** Accuracy on the held-out test split, in [0, 1], or null if not run. */
  testAccuracy: number | null;
}

/** Where a model came from, enough to re-run the training. */
export interface ModelProvenance {
  /** Input files (paths as given, resolved against the working directory) and their sizes. */
  inputs: { path: string; bytes: number }[];
  /** Frame indices the training environments were taken from. */
  frames: number[];
  /** Every seed used, by purpose (e.g. `{ sampling: 1, split: 2, svm: 0 }`). */
  seeds: Record<string, number>;
  /** Labelling and training parameters (p_c, offsets, thresholds, ...), any JSON. */
  parameters: Record<string, unknown>;
  codeVersion: string;
  /** ISO 8601 time stamp. */
  createdAt: string;
}

/** A trained softness model: the content of a `*.softness.json` file. */
export interface SoftnessModel {
  version: typeof SOFTNESS_MODEL_VERSION;
  featureSpec: FeatureSpecJSON;
  /** One name per feature column, [nFeatures]; fixes the column order of every feature matrix. */
  featureNames: string[];
  /** One entry per trained central species (at most one per species). */
  species: SpeciesSoftnessModel[];
  /** Global metrics (e.g. overall test accuracy), each finite or null. */
  metrics: Record<string, number | null>;
  provenance: ModelProvenance;
}

/** The JSON document written by saveModel (typed arrays become plain arrays). */
export function modelToJSON(model: SoftnessModel): Record<string, unknown> {
  return {
    version: model.version,
    featureSpec: model.featureSpec,
    featureNames: model.featureNames,
    species: model.species.map((e) => ({
      species: e.species,
      scaler: e.scaler.toJSON(),
      ...e.svm.toJSON(),
      trainingCounts: e.trainingCounts,
      cvAccuracy: e.cvAccuracy,
      testAccuracy: e.testAccuracy,
    })),
    metrics: model.metrics,
    provenance: model.provenance,
  };
}

function readStringList(value: unknown, field: string): string[] {
  return readArray(value, field).map((v, k) => readString(v, `${field}[${k}]`));
}

function readRecord<T>(value: unknown, field: string, read: (v: unknown, f: string) => T): Record<string, T> {
  const o = readObject(value, field);
  return Object.fromEntries(Object.entries(o).map(([key, v]) => [key, read(v, `${field}.${key}`)]));
}

function readProvenance(value: unknown): ModelProvenance {
  const o = readObject(value, 'provenance');
  return {
    inputs: readArray(o.inputs, 'provenance.inputs').map((v, k) => {
      const input = readObject(v, `provenance.inputs[${k}]`);
      return {
        path: readString(input.path, `provenance.inputs[${k}].path`),
        bytes: readNumber(input.bytes, `provenance.inputs[${k}].bytes`, { min: 0, integer: true }),
      };
    }),
    frames: readArray(o.frames, 'provenance.frames').map((v, k) => readNumber(v, `provenance.frames[${k}]`, { min: 0, integer: true })),
    seeds: readRecord(o.seeds, 'provenance.seeds', (v, f) => readNumber(v, f, { min: 0, integer: true })),
    parameters: readObject(o.parameters, 'provenance.parameters'),
    codeVersion: readString(o.codeVersion, 'provenance.codeVersion'),
    createdAt: readString(o.createdAt, 'provenance.createdAt'),
  };
}

/** Deepest nesting of objects and arrays a model file may have (a valid model nests about 4 deep). */
export const MAX_MODEL_NESTING = 64;

/**
 * Validates a parsed `*.softness.json` document and rebuilds the model. Checks the nesting depth
 * (at most MAX_MODEL_NESTING, so no later copy or message recurses without bound), the version,
 * the feature spec (readFeatureSpec: typed, validateFeatureSpec, cut-offs bounded, as many columns
 * as featureNames), that every scaler/w has featureNames.length finite entries (scales > 0), b/C
 * finite (C > 0), that the folded hyperplane w_k / scale_k, w_k mean_k / scale_k and its intercept
 * are finite, counts are non-negative integers, accuracies are in [0, 1] or null, species are
 * distinct members of featureSpec.speciesNames. Throws ModelFieldError naming the first bad field
 * (e.g. `species[0].w[12]`).
 */
export function modelFromJSON(json: unknown): SoftnessModel {
  if (nestsDeeperThan(json, MAX_MODEL_NESTING)) {
    throw new ModelFieldError('(root)', `objects and arrays nested deeper than ${MAX_MODEL_NESTING} levels`);
  }
  const o = readObject(json, '(root)');
  const version = readNumber(o.version, 'version', { integer: true });
  if (version !== SOFTNESS_MODEL_VERSION) {
    throw new ModelFieldError('version', `this build reads softness model version ${SOFTNESS_MODEL_VERSION}, the file has ${version}`);
  }
  const featureNames = readStringList(o.featureNames, 'featureNames');
  if (featureNames.length === 0) throw new ModelFieldError('featureNames', 'expected at least one feature name');
  const featureSpec: FeatureSpecJSON = readFeatureSpec(o.featureSpec, featureNames);
  const speciesNames = featureSpec.speciesNames;
  const m = featureNames.length;
  const seen = new Set<string>();
  const species = readArray(o.species, 'species').map((v, k): SpeciesSoftnessModel => {
    const field = `species[${k}]`;
    const e = readObject(v, field);
    const name = readString(e.species, `${field}.species`);
    if (!speciesNames.includes(name)) {
      throw new ModelFieldError(
        `${field}.species`,
        `${JSON.stringify(name)} is not one of featureSpec.speciesNames [${speciesNames.join(', ')}]`,
      );
    }
    if (seen.has(name)) throw new ModelFieldError(`${field}.species`, `species ${JSON.stringify(name)} has a second entry`);
    seen.add(name);
    const counts = readObject(e.trainingCounts, `${field}.trainingCounts`);
    const scaler = StandardScaler.fromJSON(e.scaler, m, `${field}.scaler`);
    const svm = LinearSVM.fromJSON(e, m, field);
    checkHyperplane(scaler, svm, field);
    return {
      species: name,
      scaler,
      svm,
      trainingCounts: {
        soft: readNumber(counts.soft, `${field}.trainingCounts.soft`, { min: 0, integer: true }),
        hard: readNumber(counts.hard, `${field}.trainingCounts.hard`, { min: 0, integer: true }),
      },
      cvAccuracy: readNumberOrNull(e.cvAccuracy, `${field}.cvAccuracy`, { min: 0, max: 1 }),
      testAccuracy: readNumberOrNull(e.testAccuracy, `${field}.testAccuracy`, { min: 0, max: 1 }),
    };
  });
  if (species.length === 0) throw new ModelFieldError('species', 'expected at least one trained species');
  return {
    version: SOFTNESS_MODEL_VERSION,
    featureSpec,
    featureNames,
    species,
    metrics: readRecord(o.metrics, 'metrics', (v, f) => readNumberOrNull(v, f)),
    provenance: readProvenance(o.provenance),
  };
}

/**
 * Softness S = w . z + b of every particle, z = (x - mean) / scale standardised with the scaler
 * of the particle's species ([Schoenholz2018] Sec. 3.3; [Cubuk2015]).
 * S is the SVM decision value — sklearn's `decision_function`, the same number as
 * LinearSVM.decisionFunction — and w is NOT normalised: the "signed distance" w^.G + b of
 * [Schoenholz2018] with a unit normal differs from S by the factor |w|. Since softness is defined
 * only up to S -> alpha S + beta ([Schoenholz2018] Sec. 3.3), we keep the decision value everywhere.
 * The scaler is folded into the hyperplane (w_k / scale_k, b - sum w_k mean_k / scale_k) and
 * accumulated in Float64, so no standardised copy of the features is made.
 *
 * features: Float32Array row-major [nParticles x nFeatures] in model.featureNames order;
 * species: Uint8Array [nParticles], indices into model.featureSpec.speciesNames.
 * Returns Float32Array [nParticles] (dimensionless). A particle whose species has no entry makes
 * it throw RangeError, or, with `untrainedSpecies: 'nan'`, gets NaN (meaning "no model").
 * Also throws RangeError on shape mismatches, non-finite features (naming row and feature), a
 * softness that overflows Float32 (naming the row: features far outside the training range), or an
 * entry whose species or weight count does not match the model's featureSpec/featureNames.
 */
export function softness(
  model: SoftnessModel,
  features: Float32Array,
  species: Uint8Array,
  options: { untrainedSpecies?: 'throw' | 'nan' } = {},
): Float32Array {
  const m = model.featureNames.length;
  const n = checkMatrix(features, m, 'features');
  if (species.length !== n) throw new RangeError(`species has ${species.length} entries but features has ${n} rows`);
  const names = model.featureSpec.speciesNames;
  const planes: ({ w: Float64Array; b: number } | undefined)[] = new Array(256);
  for (const entry of model.species) {
    const index = names.indexOf(entry.species);
    if (index < 0 || entry.svm.w.length !== m || entry.scaler.nFeatures !== m) {
      throw new RangeError(`model entry for species ${entry.species} does not match featureSpec.speciesNames / ${m} featureNames`);
    }
    const { mean, scale } = entry.scaler;
    const w = new Float64Array(m);
    let b = entry.svm.b;
    for (let k = 0; k < m; k++) {
      w[k] = entry.svm.w[k] / scale[k];
      b -= w[k] * mean[k];
    }
    planes[index] = { w, b };
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const plane = planes[species[i]];
    if (plane === undefined) {
      if (options.untrainedSpecies === 'nan') {
        out[i] = NaN;
        continue;
      }
      const name = names[species[i]] ?? `#${species[i]}`;
      throw new RangeError(
        `particle row ${i} has species ${name}, for which the model has no hyperplane (trained: ${model.species.map((e) => e.species).join(', ')})`,
      );
    }
    const off = i * m;
    let s = plane.b;
    for (let k = 0; k < m; k++) s += plane.w[k] * features[off + k];
    if (!(Math.abs(s) <= FLOAT32_MAX)) {
      throw new RangeError(
        `softness of particle row ${i} (species ${names[species[i]]}) is ${s}: its features are too large for the model's weights`,
      );
    }
    out[i] = s;
  }
  return out;
}

/**
 * Throws ModelFieldError unless the hyperplane folded with the scaler (what softness() evaluates)
 * fits the Float32 range softness is stored in: |w_k / scale_k| and |w_k mean_k / scale_k| for
 * every k, and |b - sum_k w_k mean_k / scale_k|, at most FLOAT32_MAX (larger ones give an infinite
 * softness for features of order one).
 */
function checkHyperplane(scaler: StandardScaler, svm: LinearSVM, field: string): void {
  let intercept = svm.b;
  for (let k = 0; k < svm.w.length; k++) {
    const perUnit = svm.w[k] / scaler.scale[k];
    if (!(Math.abs(perUnit) <= FLOAT32_MAX && Math.abs(perUnit * scaler.mean[k]) <= FLOAT32_MAX)) {
      throw new ModelFieldError(
        `${field}.w[${k}]`,
        `w / scaler.scale = ${svm.w[k]} / ${scaler.scale[k]} (mean ${scaler.mean[k]}) overflows: expected weights per unit feature within the Float32 range of softness`,
      );
    }
    intercept -= perUnit * scaler.mean[k];
  }
  if (!(Math.abs(intercept) <= FLOAT32_MAX)) {
    throw new ModelFieldError(
      `${field}.b`,
      'the intercept b - sum_k w_k mean_k / scale_k overflows: expected an intercept within the Float32 range of softness',
    );
  }
}

/** Runs `read`, adding `file` to any ModelFieldError it throws. */
function naming<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof ModelFieldError) throw new ModelFieldError(e.field, e.what, file);
    throw e;
  }
}

/**
 * Writes the model as JSON to `path` atomically (a temporary file in the same directory, then
 * rename), so a crash never leaves a half-written model. The model is validated first by
 * round-tripping it through modelFromJSON (a NaN weight, for instance, is refused).
 * Throws Error if `path` is one of provenance.inputs (a trajectory must never be overwritten by
 * its model), ModelFieldError for an invalid model, and the fs error if writing fails.
 */
export function saveModel(path: string, model: SoftnessModel): void {
  assertNotAnInput(
    path,
    model.provenance.inputs.map((input) => input.path),
  );
  const text = `${JSON.stringify(modelToJSON(model), null, 1)}\n`;
  try {
    modelFromJSON(JSON.parse(text));
  } catch (e) {
    if (e instanceof ModelFieldError) throw new ModelFieldError(e.field, e.what, `model for ${path}`);
    throw e;
  }
  writeFileAtomic(path, text);
}

/**
 * Reads and validates a `*.softness.json` file. Throws ModelFieldError naming the file and field
 * for invalid content, Error naming the file for invalid JSON, and the fs error if unreadable.
 */
export function loadModel(path: string): SoftnessModel {
  const text = readFileSync(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${(e as Error).message})`);
  }
  return naming(path, () => modelFromJSON(json));
}
