import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meanPartialPairCorrelation } from '../../src/core/analysis/pairCorrelation';
import { openTrajectory } from '../../src/core/io/open';
import { readModelPreview, trainingPairCorrelationRequest } from '../../src/worker/modelPreviewData';
import type { ModelPreviewToWebview, TrainingPairCorrelation } from '../../src/protocol/modelPreviewMessages';
import { KA3D_SAMPLE, trainSampleModel } from '../unit/preview/modelFixture';
import { hasChromium, RESULTS } from './harness';
import { openModelPreviewPage, type ModelPreviewPage } from './modelPreviewPage';

// Plotly's graph div state as the tests read it (x and y copied to plain arrays).
interface Graph {
  data: Array<{ name: string; type: string; x: unknown[]; y: number[]; yaxis?: string }>;
  layout: { paper_bgcolor?: string };
}

describe.skipIf(!hasChromium)('model preview webview in chromium (stubbed host, real model)', () => {
  let p: ModelPreviewPage;
  let dir = '';
  let modelFile = '';
  let model: Extract<ModelPreviewToWebview, { type: 'model' }>;
  let gr: TrainingPairCorrelation;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'softness-model-preview-test-'));
    modelFile = await trainSampleModel(dir);
    const { message, model: loaded } = readModelPreview(modelFile);
    if (message.type !== 'model' || !loaded) throw new Error(`the trained model did not load: ${JSON.stringify(message)}`);
    model = message;
    // The host's g(r): the request it would send to its worker, computed here in-process.
    const request = trainingPairCorrelationRequest(loaded, modelFile, [path.dirname(KA3D_SAMPLE)]);
    if ('unavailable' in request) throw new Error(request.unavailable);
    const trajectory = openTrajectory(request.file);
    const { r, pairs } = meanPartialPairCorrelation(
      request.frames.map((k) => trajectory.readFrame(k)),
      trajectory.speciesNames,
      request,
    );
    gr = {
      file: request.file,
      frames: request.frames,
      r,
      pairs: pairs.map((q) => ({ label: q.label, a: trajectory.speciesNames[q.a], b: trajectory.speciesNames[q.b], g: q.g })),
    };
    trajectory.close();
    p = await openModelPreviewPage();
  }, 120_000);
  afterAll(async () => {
    await p?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const graph = (id: string): Promise<Graph> =>
    p.page.$eval(`#${id}.js-plotly-plot`, (gd) => {
      const g = gd as unknown as {
        data: Array<{ name: string; type: string; x: ArrayLike<unknown>; y: ArrayLike<number>; yaxis?: string }>;
        layout: Graph['layout'];
      };
      return {
        data: g.data.map((t) => ({ name: t.name, type: t.type, x: Array.from(t.x), y: Array.from(t.y), yaxis: t.yaxis })),
        layout: { paper_bgcolor: g.layout.paper_bgcolor },
      };
    });
  const draws = (): Promise<number> => p.page.$eval('#model-preview', (el) => Number((el as HTMLElement).dataset.draws ?? 0));
  const waitDraws = (n: number) =>
    p.page.waitForFunction((k) => Number(document.getElementById('model-preview')?.dataset.draws ?? 0) >= k, n);

  it('shows the training summary, w(r) beside g(r) for each central species, and the angular weights', async () => {
    await p.post(model);
    await waitDraws(1);
    await p.post({ type: 'pairCorrelation', state: 'computing', file: gr.file });
    expect(await p.page.textContent('#gr-status')).toContain('Computing g(r) of');
    const before = await draws();
    await p.post({ type: 'pairCorrelation', state: 'ready', result: gr });
    await waitDraws(before + 1);

    expect(await p.page.textContent('h1')).toBe('Softness model: ka3d.softness.json');
    const rows = await p.page.$$eval('table.training tbody tr', (trs) => trs.map((tr) => Array.from(tr.children, (td) => td.textContent)));
    expect(rows.map((r) => r.slice(0, 5))).toEqual([
      ['A', '300', '300', '1', 'hinge'],
      ['B', '300', '300', '1', 'hinge'],
    ]);
    const summary = model.summary;
    expect(rows[0][5]).toBe(`${(100 * summary.species[0].cvAccuracy!).toFixed(1)}%`);
    expect(await p.page.textContent('dl.metrics')).toContain('rearrangements with S > 0');
    expect(await p.page.textContent('dl.provenance')).toContain('ka3d_is.dump.gz');
    expect(await p.page.textContent('#gr-status')).toMatch(/^g\(r\) of .*ka3d_is\.dump\.gz, averaged over frames \d+/);

    await p.page.screenshot({ path: path.join(RESULTS, 'model-preview.png'), fullPage: true });
    for (const X of ['A', 'B']) {
      const g = await graph(`weights-${X}`);
      expect(g.data.map((t) => t.name)).toEqual([`w_${X}A(r)`, `g_${X}A(r)`, `w_${X}B(r)`, `g_${X}B(r)`]);
      const w = g.data[0];
      expect(w.x.length).toBe(model.weights.r.length);
      expect(w.y).toEqual(Array.from(model.weights.species.find((s) => s.species === X)!.radial[0].perNeighbor));
      const gAB = g.data.find((t) => t.name === 'g_AB(r)' || t.name === 'g_BA(r)')!;
      expect(gAB.yaxis).toBe('y2');
      expect(Math.max(...gAB.y)).toBeGreaterThan(5); // the sharp A-B first shell of the KA inherent structures
      // Drawn in the SVG: one path per trace, themed background; the y axis is scaled to the shells
      // (weightFigures.ts denseRegion), not to the huge values below the first shell.
      const yRange = await p.page.$eval(
        `#weights-${X}.js-plotly-plot`,
        (gd) => (gd as unknown as { _fullLayout: { yaxis: { range: number[] } } })._fullLayout.yaxis.range,
      );
      expect(Math.max(...yRange.map(Math.abs))).toBeLessThan(10);
      expect(
        await p.page.$$eval(
          `#weights-${X} .scatterlayer .trace path.js-line`,
          (paths) => paths.filter((q) => (q.getAttribute('d') ?? '').length > 100).length,
        ),
      ).toBe(4);
      expect(g.layout.paper_bgcolor).toBe('#1e1e1e');
      const angular = await graph(`angular-${X}`);
      expect(angular.data.map((t) => [t.name, t.type, t.x.length])).toEqual([
        ['Ψ_AA', 'bar', 22],
        ['Ψ_AB', 'bar', 22],
        ['Ψ_BB', 'bar', 22],
      ]);
      expect(await p.page.$$eval(`#angular-${X} .barlayer path`, (bars) => bars.length)).toBe(66);
    }
    expect(p.errors).toEqual([]);
  });

  it('switches to the standardised weights against mu ([Cubuk2016] Fig. 5.16)', async () => {
    const before = await draws();
    await p.page.check('input[value=standardized]');
    await waitDraws(before + 1);
    const g = await graph('weights-A');
    expect(g.data[0].name).toBe('w_k of G_A(μ)');
    expect(g.data[0].x.length).toBe(48);
    expect(g.data[0].y).toEqual(Array.from(model.weights.species[0].radial[0].standardized));
    await p.page.check('input[value=perNeighbor]');
    await waitDraws(before + 2);
  });

  it('asks the host to apply the model, and disables the button while it runs', async () => {
    await p.page.click('#apply');
    expect((await p.posted()).filter((m) => m.type === 'apply')).toHaveLength(1);
    await p.post({ type: 'apply', state: 'running', message: 'computing softness of run.dump…' });
    expect(await p.page.isDisabled('#apply')).toBe(true);
    await p.post({ type: 'apply', state: 'done', message: 'wrote /data/run.softness.dump.gz' });
    expect(await p.page.isDisabled('#apply')).toBe(false);
    expect(await p.page.textContent('#apply-status')).toBe('wrote /data/run.softness.dump.gz');
  });

  it('says when g(r) is not available', async () => {
    await p.post({
      type: 'pairCorrelation',
      state: 'unavailable',
      reason: 'the training trajectory /elsewhere/run.dump is not on this machine',
    });
    expect(await p.page.textContent('#gr-status')).toBe(
      'g(r) not available: the training trajectory /elsewhere/run.dump is not on this machine.',
    );
  });

  it('shows P(S > 0 | R) of the held-out rearrangements, or that an older model file lacks it', async () => {
    const recall = model.summary.metrics.testSoftRecall!;
    expect(recall).toBeGreaterThan(0);
    expect(await p.page.textContent('dl.metrics')).toContain(
      `held-out rearrangements with S > 0, P(S > 0 | R)${(100 * recall).toFixed(1)}%`,
    );
    const { testSoftRecall: _dropped, ...older } = model.summary.metrics;
    await p.post({ ...model, summary: { ...model.summary, metrics: older } });
    await p.page.waitForFunction(() => document.querySelector('dl.metrics')?.textContent?.includes('not recorded in this model file'));
  });

  it('shows a clear error for a broken model file (bad field, invalid JSON)', async () => {
    const json = JSON.parse(readFileSync(modelFile, 'utf8'));
    json.species[1].w[7] = 'oops';
    const broken = path.join(dir, 'broken.softness.json');
    writeFileSync(broken, JSON.stringify(json));
    const { message } = readModelPreview(broken);
    await p.post(message);
    await p.page.waitForSelector('[data-view=error]');
    expect(await p.page.textContent('h1')).toBe('Cannot show this softness model');
    expect(await p.page.textContent('pre.error')).toMatch(/broken\.softness\.json.*species\[1\]\.w\[7\]/);
    writeFileSync(broken, '{"version": 1,');
    await p.post(readModelPreview(broken).message);
    expect(await p.page.textContent('pre.error')).toMatch(/broken\.softness\.json: not valid JSON/);
    await p.page.screenshot({ path: path.join(RESULTS, 'model-preview-error.png') });
    expect(p.errors).toEqual([]);
  });
});
