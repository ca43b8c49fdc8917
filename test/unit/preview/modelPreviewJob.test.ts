import { build } from 'esbuild';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { meanPartialPairCorrelation } from '../../../src/core/analysis/pairCorrelation';
import { openTrajectory } from '../../../src/core/io/open';
import { startModelPreviewJob } from '../../../src/extension/preview/modelPreviewJob';
import type { ModelPreviewWorkerData, ModelPreviewWorkerMessage } from '../../../src/protocol/modelPreviewMessages';
import { PAIR_CORRELATION_BIN } from '../../../src/worker/modelPreviewData';
import { workerScript } from '../extension/workers';
import { KA3D_SAMPLE, trainSampleModel } from './modelFixture';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'softness-model-job-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let workerPath = '';
let modelFile = '';
beforeAll(async () => {
  // The real worker entry, bundled as scripts/build.mjs does.
  workerPath = path.join(root, 'node_modules/.cache/softness-model-preview-test', `modelPreviewWorker-${process.pid}.js`);
  await build({
    entryPoints: [path.join(root, 'src/worker/modelPreviewWorker.ts')],
    outfile: workerPath,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  modelFile = await trainSampleModel(dir);
}, 120_000);

/** Runs a job to its last message (or `limitMs`) and returns every message it delivered. */
function run(path_: string, data: ModelPreviewWorkerData, limitMs = 30_000): Promise<ModelPreviewWorkerMessage[]> {
  const messages: ModelPreviewWorkerMessage[] = [];
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(messages), limitMs);
    startModelPreviewJob(path_, data, (message) => {
      messages.push(message);
      if (message.type === 'error' || (message.type === 'pairCorrelation' && message.state !== 'computing')) {
        clearTimeout(timer);
        resolve(messages);
      }
    });
  });
}
const summarise = (m: ModelPreviewWorkerMessage) => (m.type === 'pairCorrelation' ? `${m.type}:${m.state}` : m.type);

describe('startModelPreviewJob (the model, its weights and the training g(r) in a worker)', () => {
  it('posts the model, then the g(r) averaged exactly as the core does in-process', async () => {
    const messages = await run(workerPath, { modelFile, readableRoots: [dir, path.dirname(KA3D_SAMPLE)] });
    expect(messages.map(summarise)).toEqual(['model', 'pairCorrelation:computing', 'pairCorrelation:ready']);
    const ready = messages[2] as Extract<ModelPreviewWorkerMessage, { state: 'ready' }>;
    const { result } = ready;
    expect(result.frames).toHaveLength(8);
    const trajectory = openTrajectory(KA3D_SAMPLE);
    const expected = meanPartialPairCorrelation(
      result.frames.map((k) => trajectory.readFrame(k)),
      trajectory.speciesNames,
      { rMax: 5, binWidth: PAIR_CORRELATION_BIN },
    );
    trajectory.close();
    expect(result.r).toBeInstanceOf(Float64Array);
    expect(Array.from(result.r)).toEqual(Array.from(expected.r));
    expect(result.pairs.map((p) => [p.label, p.a, p.b])).toEqual([
      ['A-A', 'A', 'A'],
      ['A-B', 'A', 'B'],
      ['B-B', 'B', 'B'],
    ]);
    for (const [k, p] of result.pairs.entries()) expect(Array.from(p.g)).toEqual(Array.from(expected.pairs[k].g));
  }, 60_000);

  it('reads no training trajectory outside the allowed folders or in an untrusted workspace', async () => {
    const outside = await run(workerPath, { modelFile, readableRoots: [dir] });
    expect(outside.map(summarise)).toEqual(['model', 'pairCorrelation:unavailable']);
    expect(outside[1]).toMatchObject({ reason: expect.stringMatching(/outside them, so it is not read/) });
    const untrusted = await run(workerPath, { modelFile, readableRoots: null });
    expect(untrusted[1]).toMatchObject({ reason: expect.stringMatching(/read only in a trusted workspace/) });
  }, 60_000);

  it('reports a missing model file, and stops delivering after cancel', async () => {
    const missing = await run(workerPath, { modelFile: path.join(dir, 'missing.softness.json'), readableRoots: [dir] });
    expect(missing).toEqual([{ type: 'error', message: expect.stringMatching(/missing\.softness\.json/) }]);
    const messages: ModelPreviewWorkerMessage[] = [];
    startModelPreviewJob(workerPath, { modelFile, readableRoots: [dir] }, (m) => messages.push(m)).cancel();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(messages).toEqual([]);
  }, 60_000);

  it('turns a worker that crashes or ends early into the last message, naming why', async () => {
    const data = { modelFile: '/m.softness.json', readableRoots: null };
    expect(await run(workerScript(''), data)).toEqual([
      { type: 'error', message: '/m.softness.json: the model preview worker exited (code 0) before it was done' },
    ]);
    expect(await run(workerScript(`throw new Error('no disk');`), data)).toEqual([
      { type: 'error', message: '/m.softness.json: the model preview worker crashed: no disk' },
    ]);
    const afterModel = workerScript(`port.postMessage({ type: 'model' }); setTimeout(() => process.exit(133), 20);`);
    expect(
      (await run(afterModel, data)).map((m) => (m.type === 'pairCorrelation' && m.state === 'unavailable' ? m.reason : m.type)),
    ).toEqual(['model', 'the model preview worker exited (code 133) before it was done']);
  });
});
