import { build } from 'esbuild';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { meanPartialPairCorrelation } from '../../../src/core/analysis/pairCorrelation';
import { openTrajectory } from '../../../src/core/io/open';
import { computePairCorrelation } from '../../../src/extension/preview/modelPairCorrelation';
import { workerScript } from '../extension/workers';
import { KA3D_SAMPLE } from './modelFixture';

const root = path.resolve(__dirname, '../../..');
let workerPath = '';
beforeAll(async () => {
  // The real worker entry, bundled as scripts/build.mjs does.
  workerPath = path.join(root, 'node_modules/.cache/softness-model-preview-test', `pairCorrelationWorker-${process.pid}.js`);
  await build({
    entryPoints: [path.join(root, 'src/worker/pairCorrelationWorker.ts')],
    outfile: workerPath,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
}, 60_000);

describe('computePairCorrelation (g(r) of the training trajectory in a worker)', () => {
  it('averages the requested frames exactly as the core does in-process', async () => {
    const request = { file: KA3D_SAMPLE, frames: [4, 50, 109, 100000], rMax: 5, binWidth: 0.04 };
    const outcome = await computePairCorrelation(workerPath, request).result;
    if (!outcome.ok) throw new Error(outcome.message);
    const { result } = outcome;
    expect(result.frames).toEqual([4, 50, 109]); // frames beyond the file are skipped
    const trajectory = openTrajectory(KA3D_SAMPLE);
    const expected = meanPartialPairCorrelation(
      [4, 50, 109].map((k) => trajectory.readFrame(k)),
      trajectory.speciesNames,
      request,
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
  });

  it('reports a missing file and frames that are not in the file, and can be cancelled', async () => {
    const missing = await computePairCorrelation(workerPath, { file: '/nonexistent/run.dump', frames: [0], rMax: 3, binWidth: 0.1 }).result;
    expect(missing).toMatchObject({ ok: false, message: expect.stringMatching(/run\.dump/) });
    const beyond = await computePairCorrelation(workerPath, { file: KA3D_SAMPLE, frames: [5000], rMax: 3, binWidth: 0.1 }).result;
    expect(beyond).toMatchObject({
      ok: false,
      message: expect.stringMatching(/has 350 frames; the model's training frames \(5000\) are not in it/),
    });
    const job = computePairCorrelation(workerPath, { file: KA3D_SAMPLE, frames: [0, 1, 2], rMax: 5, binWidth: 0.04 });
    job.cancel();
    expect(await job.result).toEqual({ ok: false, message: 'cancelled', cancelled: true });
  });

  it('resolves a worker that crashes or ends without an answer to an error naming why', async () => {
    const request = { file: KA3D_SAMPLE, frames: [0], rMax: 3, binWidth: 0.1 };
    const silent = await computePairCorrelation(workerScript(''), request).result;
    expect(silent).toEqual({ ok: false, message: 'the g(r) worker exited (code 0) without a result' });
    const throwing = await computePairCorrelation(workerScript(`throw new Error('no disk');`), request).result;
    expect(throwing).toEqual({ ok: false, message: 'the g(r) worker crashed: no disk' });
  });
});
