import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { featureNames } from '../../../src/core/features/names';
import type { FeatureSpec } from '../../../src/core/features/spec';
import { LinearSVM } from '../../../src/core/learn/linearSvm';
import { takeRows } from '../../../src/core/learn/matrix';
import { MAX_MODEL_CUTOFF } from '../../../src/core/learn/featureSpecJson';
import { loadModel, MAX_MODEL_NESTING, modelToJSON, saveModel, softness, type SoftnessModel } from '../../../src/core/learn/model';
import { Rng } from '../../../src/core/learn/rng';
import { StandardScaler } from '../../../src/core/learn/scaler';

const dir = mkdtempSync(join(tmpdir(), 'softness-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Radial functions at mu = 1, 2 around each of species A, B, C: 6 columns. */
const spec: FeatureSpec = {
  preset: 'test',
  speciesNames: ['A', 'B', 'C'],
  radial: { mus: [1, 2], width: 0.2, convention: 'cubuk', rCut: 3 },
  angular: null,
};
const m = 6;
const n = 120;
const rng = new Rng(12);
/** Raw features with species-dependent offsets/scales; species 0 = A, 1 = B, 2 = C (untrained). */
const species = Uint8Array.from({ length: n }, (_, i) => i % 3);
const X = Float32Array.from({ length: n * m }, (_, j) => 3 + (species[Math.floor(j / m)] + 1) * rng.nextGaussian() + (j % m));
const y = Int8Array.from({ length: n }, (_, i) => (X[i * m] + 0.5 * rng.nextGaussian() > 3 ? 1 : -1));

function rowsOf(s: number): Int32Array {
  return Int32Array.from(Array.from({ length: n }, (_, i) => i).filter((i) => species[i] === s));
}

function trainModel(): SoftnessModel {
  const entries = [0, 1].map((s) => {
    const rows = rowsOf(s);
    const scaler = new StandardScaler().fit(takeRows(X, m, rows), m);
    const svm = new LinearSVM({ C: 1 }).fit(scaler.transform(takeRows(X, m, rows)), takeRows(y, 1, rows), m);
    return { species: ['A', 'B'][s], scaler, svm, trainingCounts: { soft: 20, hard: 20 }, cvAccuracy: 0.9, testAccuracy: null };
  });
  return {
    version: 1,
    featureSpec: spec,
    featureNames: featureNames(spec),
    species: entries,
    metrics: { testAccuracy: 0.88, cvAccuracy: null },
    provenance: {
      inputs: [{ path: join(dir, 'traj.dump'), bytes: 1234 }],
      frames: [0, 10, 20],
      seeds: { sampling: 1, svm: 0 },
      parameters: { pC: 0.6, offsetFrames: 2 },
      codeVersion: 'test',
      createdAt: '2024-01-01T00:00:00Z',
    },
  };
}

describe('softness', () => {
  const model = trainModel();
  it('equals the decision function of the species scaler + SVM (not normalised by |w|)', () => {
    const trained = Array.from({ length: n }, (_, i) => i).filter((i) => species[i] !== 2);
    const rows = Int32Array.from(trained);
    const S = softness(
      model,
      takeRows(X, m, rows),
      Uint8Array.from(trained, (i) => species[i]),
    );
    for (const s of [0, 1]) {
      const own = rowsOf(s);
      const entry = model.species[s];
      const expected = entry.svm.decisionFunction(entry.scaler.transform(takeRows(X, m, own)));
      for (const [r, i] of own.entries()) expect(S[trained.indexOf(i)]).toBeCloseTo(expected[r], 5);
    }
  });

  it('refuses untrained species unless asked for NaN', () => {
    expect(() => softness(model, X, species)).toThrow(
      /particle row 2 has species C, for which the model has no hyperplane \(trained: A, B\)/,
    );
    const S = softness(model, X, species, { untrainedSpecies: 'nan' });
    expect(Number.isNaN(S[2])).toBe(true);
    expect(Number.isFinite(S[0])).toBe(true);
    expect(() => softness(model, X.subarray(0, 18), species)).toThrow(/species has 120 entries but features has 3 rows/);
    expect(() => softness(model, new Float32Array(7), species)).toThrow(/nSamples x 6/);
  });
});

describe('saveModel / loadModel', () => {
  const model = trainModel();

  it('round-trips exactly and writes atomically', () => {
    const path = join(dir, 'a.softness.json');
    saveModel(path, model);
    const back = loadModel(path);
    expect(modelToJSON(back)).toEqual(modelToJSON(model));
    expect(softness(back, X, species, { untrainedSpecies: 'nan' })).toEqual(softness(model, X, species, { untrainedSpecies: 'nan' }));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to overwrite an input', () => {
    const input = model.provenance.inputs[0].path;
    writeFileSync(input, 'ITEM: TIMESTEP\n');
    expect(() => saveModel(input, model)).toThrow(/refusing to write .*: it is the input file/);
    expect(readFileSync(input, 'utf8')).toBe('ITEM: TIMESTEP\n');
  });

  it('refuses a model with a NaN weight before writing anything', () => {
    const bad = trainModel();
    bad.species[1].svm.w[2] = NaN;
    const path = join(dir, 'nan.softness.json');
    expect(() => saveModel(path, bad)).toThrow(/species\[1\]\.w\[2\]: expected a finite number, got null/);
    expect(readdirSync(dir)).not.toContain('nan.softness.json');
  });

  /** Writes the model JSON after `edit`, then expects loadModel to fail with `message`. */
  // biome-ignore lint/suspicious/noExplicitAny: the edits write deliberately ill-typed JSON into the model file
  function expectLoadError(edit: (json: any) => void, message: RegExp): void {
    const json = JSON.parse(JSON.stringify(modelToJSON(model)));
    edit(json);
    const path = join(dir, 'edited.softness.json');
    writeFileSync(path, JSON.stringify(json));
    expect(() => loadModel(path)).toThrow(message);
  }

  it('names the bad field on load', () => {
    expectLoadError((j) => (j.version = 2), /edited\.softness\.json: version: this build reads softness model version 1, the file has 2/);
    expectLoadError((j) => j.species[0].w.pop(), /species\[0\]\.w: expected 6 entries, got 5/);
    expectLoadError((j) => (j.species[1].scaler.scale[3] = 0), /species\[1\]\.scaler\.scale\[3\]: expected a finite number > 0, got 0/);
    expectLoadError((j) => (j.species[0].b = 'x'), /species\[0\]\.b: expected a finite number/);
    expectLoadError((j) => (j.species[0].C = -1), /species\[0\]\.C: expected a finite number > 0, got -1/);
    expectLoadError((j) => (j.species[0].loss = 'log'), /species\[0\]\.loss: expected 'hinge' or 'squared_hinge'/);
    expectLoadError((j) => (j.species[1].species = 'D'), /species\[1\]\.species: "D" is not one of featureSpec\.speciesNames \[A, B, C\]/);
    expectLoadError((j) => (j.species[1].species = 'A'), /species\[1\]\.species: species "A" has a second entry/);
    expectLoadError((j) => (j.species[0].cvAccuracy = 1.5), /species\[0\]\.cvAccuracy: expected a finite number >= 0 and <= 1, got 1.5/);
    expectLoadError((j) => (j.species[0].trainingCounts.soft = 2.5), /trainingCounts\.soft: expected a finite integer/);
    expectLoadError((j) => delete j.featureSpec.angular, /featureSpec: expected both radial and angular/);
    expectLoadError((j) => (j.featureNames = []), /featureNames: expected at least one feature name/);
    expectLoadError((j) => (j.provenance.inputs[0].bytes = -1), /provenance\.inputs\[0\]\.bytes/);
    expectLoadError((j) => delete j.provenance.createdAt, /provenance\.createdAt: expected a string, got nothing \(missing\)/);
    expectLoadError((j) => (j.metrics.testAccuracy = 'high'), /metrics\.testAccuracy: expected a finite number/);
    expectLoadError((j) => (j.featureSpec.radial.mus = [1, 2, 3]), /featureNames: expected 9 names \(the columns of featureSpec\), got 6/);
  });

  it('validates the whole feature spec with the field named, never a TypeError', () => {
    const angular = (triples: unknown) => (j: { featureSpec: Record<string, unknown> }) => {
      j.featureSpec.angular = { triples, rCut: 3 };
    };
    expectLoadError(angular([null]), /edited\.softness\.json: featureSpec\.angular\.triples\[0\]: expected an object, got null/);
    expectLoadError(angular('x'), /featureSpec\.angular\.triples: expected an array, got "x"/);
    expectLoadError(angular([{ xi: 1, zeta: 0.5, lambda: 1 }]), /featureSpec\.angular\.triples\[0\]\.zeta: expected a finite integer >= 1/);
    expectLoadError((j) => (j.featureSpec.radial = null), /featureSpec: the spec has neither radial nor angular functions/);
    expectLoadError((j) => (j.featureSpec.radial.convention = 'other'), /featureSpec: radial\.convention must be 'cubuk' or 'schoenholz'/);
    expectLoadError(
      (j) => (j.featureSpec.radial.mus = [1, null]),
      /featureSpec\.radial\.mus\[1\]: expected a finite number >= 0, got null/,
    );
    expectLoadError((j) => (j.featureSpec.speciesNames = ['A', 'A', 'C']), /featureSpec: speciesNames must be distinct/);
    expectLoadError(
      (j) => (j.featureSpec.radial.width = 1e-6),
      /featureSpec\.radial\.width: expected a finite number >= 0\.0003, got 0\.000001/,
    );
    for (const rCut of [1e4, 1e6]) {
      expectLoadError(
        (j) => (j.featureSpec.radial.rCut = rCut),
        new RegExp(`featureSpec\\.radial\\.rCut: expected a finite number > 0 and <= ${MAX_MODEL_CUTOFF}, got ${rCut}`),
      );
    }
  });

  it('refuses weights, scales and intercepts whose folded hyperplane overflows', () => {
    expectLoadError((j) => (j.species[0].w[1] = 1e308), /species\[0\]\.w\[1\]: w \/ scaler\.scale = 1e\+308 \/ .* overflows/);
    expectLoadError((j) => (j.species[1].scaler.scale[2] = 1e-320), /species\[1\]\.w\[2\]: .* overflows/);
    expectLoadError((j) => {
      j.species[0].w[0] = 100;
      j.species[0].scaler.scale[0] = 1;
      j.species[0].scaler.mean[0] = 1e308;
    }, /species\[0\]\.w\[0\]: .* overflows/);
    expectLoadError(
      (j) => (j.species[0].b = 1e39),
      /species\[0\]\.b: the intercept .* overflows: expected an intercept within the Float32 range/,
    );
    expectLoadError((j) => (j.species[0].w[2] = 1e39), /species\[0\]\.w\[2\]: .* overflows/);
    expectLoadError((j) => (j.species[0].seed = 1e308), /species\[0\]\.seed: expected a finite integer >= 0, got 1e\+308/);
    expectLoadError((j) => (j.species[0].b = 'NaN'), /species\[0\]\.b: expected a finite number, got "NaN"/);
  });

  it('refuses deep nesting and describes big values without serialising them', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const path = join(dir, 'deep.softness.json');
    writeFileSync(path, `{"version": 1, "provenance": {"parameters": {"x": ${deep}}}}`);
    expect(() => loadModel(path)).toThrow(`${path}: (root): objects and arrays nested deeper than ${MAX_MODEL_NESTING} levels`);
    writeFileSync(path, deep);
    expect(() => loadModel(path)).toThrow(/deep\.softness\.json: \(root\): objects and arrays nested deeper/);
    expectLoadError((j) => (j.version = new Array(1e6).fill(0)), /version: expected a finite integer, got an array of 1000000 entries/);
  });

  it('fails with the row named instead of writing an infinite softness for huge features', () => {
    const huge = Float32Array.from(X);
    huge.fill(3e38, 0, m);
    expect(() => softness(model, huge, species, { untrainedSpecies: 'nan' })).toThrow(
      /^softness of particle row 0 \(species A\) is \S+: its features are too large for the model's weights$/,
    );
  });

  it('names the file for invalid JSON', () => {
    const path = join(dir, 'broken.softness.json');
    writeFileSync(path, '{"version": 1,');
    expect(() => loadModel(path)).toThrow(/broken\.softness\.json: not valid JSON/);
  });
});
