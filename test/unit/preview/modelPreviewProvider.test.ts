import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { activate, deactivate } from '../../../src/extension/extension';
import { MODEL_PREVIEW_VIEW_TYPE } from '../../../src/extension/preview/modelPreviewProvider';
import type { ModelPreviewToHost, ModelPreviewToWebview } from '../../../src/protocol/modelPreviewMessages';
import { EventEmitter, grantTrust, recorded, resetMock, Uri, workspace } from '../../mocks/vscode';
import { trainSampleModel } from './modelFixture';

const root = path.resolve(__dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'softness-model-provider-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let modelFile = '';
beforeAll(async () => {
  // The real worker bundle in a temp extension folder (dist/modelPreviewWorker.js), and a real model.
  await build({
    entryPoints: { modelPreviewWorker: path.join(root, 'src/worker/modelPreviewWorker.ts') },
    outdir: path.join(dir, 'ext', 'dist'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  modelFile = await trainSampleModel(dir);
}, 120_000);
beforeEach(() => {
  resetMock();
  // The samples' folder is a workspace folder: the preview may read the model's training trajectory there.
  workspace.workspaceFolders = [{ uri: Uri.file(path.join(root, 'samples')) }];
  activate({ subscriptions: [], extensionUri: Uri.file(path.join(dir, 'ext')) } as never);
  return deactivate;
});

/** A stand-in WebviewPanel: records the page and the posted messages, lets the test speak as the webview. */
function fakePanel() {
  const received = new EventEmitter<ModelPreviewToHost>();
  const disposed = new EventEmitter<void>();
  const posted: ModelPreviewToWebview[] = [];
  let wake: () => void = () => {};
  const webview = {
    options: {},
    html: '',
    cspSource: 'vscode-webview://test',
    asWebviewUri: (uri: Uri) => ({ toString: () => `vscode-webview://test${uri.fsPath}` }),
    postMessage: async (message: ModelPreviewToWebview) => {
      posted.push(message);
      wake();
      return true;
    },
    onDidReceiveMessage: received.event,
  };
  const panel = { webview, onDidDispose: disposed.event };
  /** Resolves once `count` messages were posted. */
  const until = async (count: number): Promise<void> => {
    while (posted.length < count) await new Promise<void>((resolve) => (wake = resolve));
  };
  return { panel, webview, posted, until, send: (m: ModelPreviewToHost) => received.fire(m), dispose: () => disposed.fire() };
}

const open = (file: string) => {
  const view = fakePanel();
  recorded.customEditors.get(MODEL_PREVIEW_VIEW_TYPE)!.provider.resolveCustomEditor({ uri: Uri.file(file) }, view.panel);
  return view;
};
const summarise = (m: ModelPreviewToWebview) => (m.type === 'pairCorrelation' ? `${m.type}:${m.state}` : m.type);

describe('model preview custom editor (host side)', () => {
  it('registers the editor for *.softness.json and the palette command; the page loads dist/modelPreview.js with a nonce', () => {
    expect(recorded.customEditors.has(MODEL_PREVIEW_VIEW_TYPE)).toBe(true);
    expect(recorded.commands.has('softness.applyModelToTrajectory')).toBe(true);
    const { webview } = open(modelFile);
    expect(webview.html).toMatch(/<script nonce="[0-9a-f]{32}" src="vscode-webview:\/\/test.*\/ext\/dist\/modelPreview\.js"><\/script>/);
    expect(webview.html).toContain('<main id="model-preview"');
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(manifest.contributes.customEditors).toContainEqual(
      expect.objectContaining({ viewType: MODEL_PREVIEW_VIEW_TYPE, selector: [{ filenamePattern: '*.softness.json' }] }),
    );
    expect(manifest.contributes.commands).toContainEqual({
      command: 'softness.applyModelToTrajectory',
      title: 'Apply Model to Trajectory…',
      category: 'Softness',
      enablement: 'isWorkspaceTrusted',
    });
  });

  it('on ready: the model, then g(r) from the worker; a rebuilt page gets both again without recomputing; a change on disk reloads', async () => {
    const { posted, until, send } = open(modelFile);
    expect(posted).toEqual([]);
    send({ type: 'ready' });
    await until(3);
    expect(posted.map(summarise)).toEqual(['model', 'pairCorrelation:computing', 'pairCorrelation:ready']);
    const ready = posted[2] as Extract<ModelPreviewToWebview, { state: 'ready' }>;
    expect(ready.result.frames).toHaveLength(8);
    expect(ready.result.pairs.map((p) => p.label)).toEqual(['A-A', 'A-B', 'B-B']);
    expect(ready.result.r).toBeInstanceOf(Float64Array);
    send({ type: 'ready' });
    await until(5);
    expect(posted.slice(3).map(summarise)).toEqual(['model', 'pairCorrelation:ready']);
    expect(posted[4]).toBe(posted[2]);
    // The file is rewritten (e.g. a notebook exported it again): read again, g(r) recomputed.
    recorded.watchers.at(-1)!.change.fire(Uri.file(modelFile));
    await until(8);
    expect(posted.slice(5).map(summarise)).toEqual(['model', 'pairCorrelation:computing', 'pairCorrelation:ready']);
  }, 60_000);

  it('shows the error of a broken file and computes no g(r); closing the panel stops the worker and the watcher', async () => {
    const broken = path.join(dir, 'broken.softness.json');
    writeFileSync(broken, readFileSync(modelFile, 'utf8').replace('"version": 1', '"version": 7'));
    const bad = open(broken);
    bad.send({ type: 'ready' });
    await bad.until(1);
    expect(bad.posted).toEqual([
      { type: 'error', message: expect.stringMatching(/broken\.softness\.json.*version.*reads softness model version 1, the file has 7/) },
    ]);

    const good = open(modelFile);
    good.send({ type: 'ready' });
    await good.until(2);
    good.dispose();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(good.posted.map(summarise)).toEqual(['model', 'pairCorrelation:computing']);
    expect(recorded.watchers.at(-1)!.disposed).toBe(true);
  }, 60_000);

  it('a model claiming rCut = 1e6 with huge arrays costs the host thread only the worker start', async () => {
    interface Json {
      featureSpec: { radial: { rCut: number; mus: number[] } };
      provenance: { frames: number[] };
    }
    const json: Json = JSON.parse(readFileSync(modelFile, 'utf8'));
    json.featureSpec.radial.rCut = 1e6;
    json.featureSpec.radial.mus = Array.from({ length: 2_000_000 }, (_, k) => k * 0.5);
    json.provenance.frames = Array.from({ length: 2_000_000 }, (_, k) => k);
    const hostile = path.join(dir, 'hostile.softness.json');
    writeFileSync(hostile, JSON.stringify(json));
    const started = performance.now();
    const view = open(hostile);
    view.send({ type: 'ready' });
    view.send({ type: 'ready' });
    recorded.watchers.at(-1)!.change.fire(Uri.file(hostile));
    const elapsed = performance.now() - started;
    // Opening, a rebuilt page and a change on disk: each only starts or relays a worker (two starts here, ~20 ms
    // each); parsing this 30 MB file alone takes ~2 s, and computing its weights on the host took minutes.
    expect(elapsed).toBeLessThan(200);
    // Whatever the worker makes of the file arrives later, as a message; closing the panel stops it.
    expect(view.posted).toEqual([]);
    view.dispose();
  }, 60_000);

  it('in an untrusted workspace shows the model and says why it reads no training trajectory', async () => {
    workspace.isTrusted = false;
    const { posted, until, send } = open(modelFile);
    send({ type: 'ready' });
    await until(2);
    expect(posted.map(summarise)).toEqual(['model', 'pairCorrelation:unavailable']);
    expect(posted[1]).toMatchObject({ reason: expect.stringMatching(/read only in a trusted workspace/) });
    // Trusting the workspace reads the model again, now with the g(r).
    grantTrust();
    await until(5);
    expect(posted.slice(2).map(summarise)).toEqual(['model', 'pairCorrelation:computing', 'pairCorrelation:ready']);
  }, 60_000);
});
