import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RadialSpec } from '../../../src/core/features/spec';
import { loadModel } from '../../../src/core/learn/model';
import {
  PAIR_CORRELATION_BIN,
  PAIR_CORRELATION_FRAMES,
  PAIR_CORRELATION_MAX_R,
  readModelPreview,
  trainingPairCorrelationRequest,
} from '../../../src/worker/modelPreviewData';
import { KA3D_SAMPLE, trainSampleModel } from './modelFixture';

const dir = mkdtempSync(path.join(tmpdir(), 'softness-model-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let modelFile = '';
beforeAll(async () => {
  modelFile = await trainSampleModel(dir);
}, 120_000);

/** The parts of a model file's JSON that the variants below edit. */
interface ModelJson {
  species: Array<{ scaler: { scale: number[] } }>;
  featureNames: string[];
  provenance: { inputs: Array<{ path: string }>; frames: number[] };
}

/** Writes a variant of the trained model file with `edit` applied to its JSON. */
function variant(name: string, edit: (json: ModelJson) => void): string {
  const json: ModelJson = JSON.parse(readFileSync(modelFile, 'utf8'));
  edit(json);
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(json));
  return file;
}

describe('readModelPreview', () => {
  it('summarises a real model: species, set sizes, C, accuracies, intercepts, features, provenance', () => {
    const { message, model } = readModelPreview(modelFile);
    expect(message.type).toBe('model');
    if (message.type !== 'model' || !model) return;
    const { summary, weights } = message;
    expect(summary.file).toBe(modelFile);
    expect(summary.speciesNames).toEqual(['A', 'B']);
    expect(summary.preset).toBe('cubuk2015');
    expect(summary.nFeatures).toBe(162);
    expect(summary.radial).toEqual({ count: 48, muMin: 0.3, muMax: 5, width: 0.1, convention: 'cubuk', rCut: 5 });
    expect(summary.angular).toEqual({ triples: 22, rCut: 2.5 });
    expect(summary.species.map((s) => [s.species, s.soft, s.hard, s.C, s.loss])).toEqual([
      ['A', 300, 300, 1, 'hinge'],
      ['B', 300, 300, 1, 'hinge'],
    ]);
    expect(summary.species[0].cvAccuracy).toBe(model.species[0].cvAccuracy);
    expect(summary.metrics).toEqual(model.metrics);
    expect(summary.provenance.inputs[0].path).toBe(KA3D_SAMPLE);
    // The intercept b' = b - sum_k w_k mean_k / scale_k, recomputed here from the file.
    const e = model.species[1];
    let b = e.svm.b;
    for (let k = 0; k < e.svm.w.length; k++) b -= (e.svm.w[k] * e.scaler.mean[k]) / e.scaler.scale[k];
    expect(summary.species[1].intercept).toBeCloseTo(b, 9);
    expect(weights.r.length).toBe(200); // 0 .. 5 sigma in steps of width / 4
    expect(weights.species.map((s) => [s.species, s.radial.map((c) => c.neighbor), s.angular.length])).toEqual([
      ['A', ['A', 'B'], 66],
      ['B', ['A', 'B'], 66],
    ]);
    // The first shells of the KA mixture: A-B neighbours are common from ~0.8, A-A from ~1.0 sigma_AA.
    const [aa, ab] = weights.species[0].radial;
    expect(aa.denseFrom).toBeGreaterThanOrEqual(0.9);
    expect(aa.denseFrom).toBeLessThanOrEqual(1.1);
    expect(ab.denseFrom).toBeGreaterThanOrEqual(0.7);
    expect(ab.denseFrom).toBeLessThan(aa.denseFrom!);
  });

  it('turns a malformed file into an error message naming the file and what is wrong', () => {
    const badField = variant('bad-field.softness.json', (j) => (j.species[0].scaler.scale[3] = -1));
    expect(readModelPreview(badField).message).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/bad-field\.softness\.json.*species\[0\]\.scaler\.scale\[3\]/),
    });
    const badLayout = variant('bad-layout.softness.json', (j) => (j.featureNames[5] = 'G_A(9.99)'));
    expect(readModelPreview(badLayout).message).toMatchObject({
      type: 'error',
      message: expect.stringMatching(
        /^.*bad-layout\.softness\.json: featureNames\[5\]: expected "G_\w\([\d.]+\)" \(the column featureSpec puts there\)/,
      ),
    });
    const notJson = path.join(dir, 'not-json.softness.json');
    writeFileSync(notJson, '{ "version": 1, ');
    expect(readModelPreview(notJson)).toMatchObject({
      model: null,
      message: { type: 'error', message: expect.stringMatching(/not-json\.softness\.json: not valid JSON/) },
    });
    expect(readModelPreview(path.join(dir, 'missing.softness.json')).message).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/ENOENT: no such file or directory, open .*missing\.softness\.json/),
    });
  });
});

/** The folders the preview may read from: the model's and the one holding the samples (a workspace folder). */
const roots = () => [dir, path.dirname(KA3D_SAMPLE)];

describe('trainingPairCorrelationRequest', () => {
  it('asks for 8 evenly spaced training frames of the recorded trajectory, out to the largest cut-off', () => {
    const model = loadModel(modelFile);
    const request = trainingPairCorrelationRequest(model, modelFile, roots());
    if ('unavailable' in request) throw new Error(request.unavailable);
    const used = [...model.provenance.frames].sort((a, b) => a - b);
    expect(request.file).toBe(KA3D_SAMPLE);
    expect(request.frames).toHaveLength(PAIR_CORRELATION_FRAMES);
    expect(request.frames[0]).toBe(used[0]);
    expect(request.frames.at(-1)).toBe(used.at(-1));
    expect(request.frames.every((f) => used.includes(f))).toBe(true);
    expect([request.rMax, request.binWidth]).toEqual([5, PAIR_CORRELATION_BIN]);
  });

  it('resolves a relative input against the model folder, and says when the file is missing', () => {
    const local = path.join(dir, 'local.dump.gz');
    copyFileSync(KA3D_SAMPLE, local);
    const relative = variant('relative.softness.json', (j) => (j.provenance.inputs[0].path = 'local.dump.gz'));
    expect(trainingPairCorrelationRequest(loadModel(relative), relative, roots())).toMatchObject({ file: local });
    const elsewhere = variant('elsewhere.softness.json', (j) => (j.provenance.inputs[0].path = '/elsewhere/run.dump'));
    expect(trainingPairCorrelationRequest(loadModel(elsewhere), elsewhere, [...roots(), '/elsewhere'])).toEqual({
      unavailable: 'the training trajectory /elsewhere/run.dump is not on this machine',
    });
    const none = variant('none.softness.json', (j) => (j.provenance.inputs = []));
    expect(trainingPairCorrelationRequest(loadModel(none), none, roots())).toEqual({
      unavailable: 'the model records no training trajectory',
    });
    const noFrames = variant('no-frames.softness.json', (j) => (j.provenance.frames = []));
    expect(trainingPairCorrelationRequest(loadModel(noFrames), noFrames, roots())).toMatchObject({ frames: [0] });
  });

  it('reads only inside the model folder or a workspace folder, never in an untrusted workspace, and says why', () => {
    const outsideWhy = /^the preview reads a training trajectory only from the model's folder or a workspace folder; .* is outside them/;
    // /etc/passwd exists: the answer must not depend on that (the panel never tells what exists elsewhere).
    for (const target of ['/etc/passwd', '/nonexistent/run.dump', '../../../../etc/hostname']) {
      const named = variant('named.softness.json', (j) => (j.provenance.inputs[0].path = target));
      expect(trainingPairCorrelationRequest(loadModel(named), named, roots())).toEqual({ unavailable: expect.stringMatching(outsideWhy) });
    }
    // The sample is read when its folder is a workspace folder, not when only the model's folder is allowed.
    expect(trainingPairCorrelationRequest(loadModel(modelFile), modelFile, [dir])).toEqual({
      unavailable: expect.stringMatching(outsideWhy),
    });
    // A symbolic link the folder's owner put inside the model folder is followed (a model file cannot make one).
    const link = path.join(dir, 'linked');
    mkdirSync(link, { recursive: true });
    symlinkSync(KA3D_SAMPLE, path.join(link, 'run.dump.gz'));
    const linked = variant('linked.softness.json', (j) => (j.provenance.inputs[0].path = 'linked/run.dump.gz'));
    expect(trainingPairCorrelationRequest(loadModel(linked), linked, [dir])).toMatchObject({ file: path.join(link, 'run.dump.gz') });
    expect(trainingPairCorrelationRequest(loadModel(modelFile), modelFile, null)).toEqual({
      unavailable: expect.stringMatching(/is read only in a trusted workspace/),
    });
  });

  it('bounds the g(r) range whatever cut-off the model claims', () => {
    const model = loadModel(modelFile);
    const claimed = { ...model, featureSpec: { ...model.featureSpec, radial: { ...(model.featureSpec.radial as RadialSpec), rCut: 1e6 } } };
    expect(trainingPairCorrelationRequest(claimed, modelFile, roots())).toMatchObject({ rMax: PAIR_CORRELATION_MAX_R });
  });
});
