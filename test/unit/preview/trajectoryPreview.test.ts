import { build } from 'esbuild';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeRunContext } from '../../../src/core/lang/context';
import { Session } from '../../../src/core/lang/session';
import { activate, deactivate } from '../../../src/extension/extension';
import { loadCellSource } from '../../../src/extension/preview/trajectoryNotebook';
import { TRAJECTORY_PREVIEW_VIEW_TYPE } from '../../../src/extension/preview/trajectoryPreview';
import { TrajectoryWorker } from '../../../src/extension/preview/trajectoryWorker';
import type { PreviewToWebview, TrajectorySummary, WebviewToPreview } from '../../../src/protocol/previewMessages';
import { EventEmitter, type NotebookData, progressToken, recorded, resetMock, Uri, workspace } from '../../mocks/vscode';
import { workerScript } from '../extension/workers';
import { useTmpDir } from '../io/tmpDir';

const root = path.resolve(__dirname, '../../..');
const KA3D = path.join(root, 'samples/ka3d/ka3d_is.dump.gz');
const tmp = useTmpDir();

/** The real preview worker bundle, built into a temp extension folder (dist/previewWorker.js). */
let extensionDir = '';
beforeAll(async () => {
  extensionDir = mkdtempSync(path.join(tmpdir(), 'softness-preview-ext-'));
  await build({
    entryPoints: { previewWorker: path.join(root, 'src/worker/previewWorker.ts') },
    outdir: path.join(extensionDir, 'dist'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
}, 60_000);
afterAll(() => rmSync(extensionDir, { recursive: true, force: true }));
beforeEach(resetMock);

/** A stand-in WebviewPanel recording the page and the posted messages. */
function fakePanel() {
  const received = new EventEmitter<WebviewToPreview>();
  const disposed = new EventEmitter<void>();
  const posted: PreviewToWebview[] = [];
  const waiters: Array<() => void> = [];
  const webview = {
    options: {} as { enableScripts?: boolean; localResourceRoots?: Uri[] },
    html: '',
    cspSource: 'vscode-webview://test',
    asWebviewUri: (uri: Uri) => ({ toString: () => `vscode-webview://test${uri.fsPath}` }),
    postMessage: async (message: PreviewToWebview) => {
      posted.push(message);
      for (const w of waiters.splice(0)) w();
      return true;
    },
    onDidReceiveMessage: received.event,
  };
  const panel = {
    webview,
    active: true,
    visible: true,
    reveal: () => {},
    onDidDispose: disposed.event,
    onDidChangeViewState: new EventEmitter<void>().event,
  };
  const until = async (type: PreviewToWebview['type']): Promise<PreviewToWebview> => {
    for (;;) {
      const found = posted.find((m) => m.type === type);
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { panel, webview, posted, until, send: (m: WebviewToPreview) => received.fire(m), dispose: () => disposed.fire() };
}

/** Open file descriptors of this process (Linux), to check that a closed preview releases its file. */
const openFds = () => readdirSync('/proc/self/fd').length;

describe('trajectory preview custom editor (host side)', () => {
  it('registers the editor and the two commands; the page has a strict CSP with a nonce and no eval', async () => {
    activate({ subscriptions: [], extensionUri: Uri.file(extensionDir) } as never);
    const registered = recorded.customEditors.get(TRAJECTORY_PREVIEW_VIEW_TYPE)!;
    expect(registered.options).toEqual({ webviewOptions: { retainContextWhenHidden: false }, supportsMultipleEditorsPerDocument: false });
    expect(recorded.commands.has('softness.openTrajectoryInNotebook')).toBe(true);
    expect(recorded.commands.has('softness.showPairCorrelation')).toBe(true);
    const { panel, webview, dispose } = fakePanel();
    registered.provider.resolveCustomEditor({ uri: Uri.file(KA3D) }, panel);
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(webview.html)![1];
    const nonce = /'nonce-([0-9a-f]{32})'/.exec(csp)![1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval|https?:/);
    expect(webview.html).toContain(
      `<script nonce="${nonce}" src="vscode-webview://test${extensionDir}/dist/trajectoryPreview.js"></script>`,
    );
    expect(webview.html.match(/<script/g)).toHaveLength(1);
    expect(webview.options.localResourceRoots!.map((u) => u.fsPath)).toEqual([path.join(extensionDir, 'dist')]);
    dispose();
    deactivate();
  });

  it('relays the worker: replay on ready, a requested frame as typed arrays; closing releases the file', async () => {
    activate({ subscriptions: [], extensionUri: Uri.file(extensionDir) } as never);
    const before = openFds();
    const { panel, posted, until, send, dispose } = fakePanel();
    recorded.customEditors.get(TRAJECTORY_PREVIEW_VIEW_TYPE)!.provider.resolveCustomEditor({ uri: Uri.file(KA3D) }, panel);
    // Let the worker get ahead of the page: what it said before `ready` is replayed, in order.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(posted).toEqual([]);
    send({ type: 'ready' });
    const summary = (await until('summary')) as Extract<PreviewToWebview, { type: 'summary' }>;
    expect(summary.summary).toMatchObject({ n: 1000, speciesNames: ['A', 'B'], speciesCounts: [800, 200], dimension: 3 });
    expect((await until('indexed')) as object).toMatchObject({ frames: 350 });
    send({ type: 'requestFrame', request: 7, frame: 42 });
    const answer = (await until('frame')) as Extract<PreviewToWebview, { type: 'frame' }>;
    expect(answer.request).toBe(7);
    expect(answer.frame.index).toBe(42);
    expect(answer.frame.positions).toBeInstanceOf(Float32Array);
    expect(answer.frame.positions.length).toBe(3000);
    expect(answer.frame.species).toBeInstanceOf(Uint8Array);
    dispose();
    deactivate();
    await expect.poll(openFds, { timeout: 3000 }).toBeLessThanOrEqual(before);
  });

  it('a file rewritten on disk: the worker is replaced, the page told, and no frame of the old data is served', async () => {
    activate({ subscriptions: [], extensionUri: Uri.file(extensionDir) } as never);
    const frameText = (t: number) =>
      `ITEM: TIMESTEP\n${t}\nITEM: NUMBER OF ATOMS\n2\nITEM: BOX BOUNDS pp pp pp\n0 5\n0 5\n0 5\nITEM: ATOMS id type x y z\n1 1 0 0 0\n2 1 1 1 1\n`;
    const file = tmp.file('rewritten.dump', [0, 1, 2, 3, 4].map(frameText).join(''));
    const { panel, posted, until, send, dispose } = fakePanel();
    recorded.customEditors.get(TRAJECTORY_PREVIEW_VIEW_TYPE)!.provider.resolveCustomEditor({ uri: Uri.file(file) }, panel);
    send({ type: 'ready' });
    expect((await until('indexed')) as object).toMatchObject({ frames: 5 });
    // Rewritten with 2 frames (e.g. a model applied again): several events, one reopen once they settle.
    writeFileSync(file, [100, 101].map(frameText).join(''));
    const watcher = recorded.watchers.at(-1)!;
    expect(watcher.pattern).toMatchObject({ pattern: 'rewritten.dump' });
    posted.length = 0;
    watcher.change.fire(Uri.file(file));
    watcher.create.fire(Uri.file(file));
    expect((await until('indexed')) as object).toMatchObject({ frames: 2 });
    expect(posted.map((m) => m.type).filter((t) => t !== 'progress')).toEqual(['fileChanged', 'summary', 'indexed']);
    expect(posted.find((m) => m.type === 'summary')).toMatchObject({ summary: { firstTimestep: 100 } });
    send({ type: 'requestFrame', request: 1, frame: 4 });
    send({ type: 'requestFrame', request: 2, frame: 1 });
    const answer = (await until('frame')) as Extract<PreviewToWebview, { type: 'frame' }>;
    expect([answer.request, answer.frame.index, answer.frame.timestep]).toEqual([2, 1, 101]);
    dispose();
    expect(watcher.disposed).toBe(true);
    deactivate();
  });

  it('a broken file: the page gets a fatal message naming file, frame and line, and nothing to draw', async () => {
    const broken = tmp.file(
      'broken.dump',
      'ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n2\nITEM: BOX BOUNDS pp pp pp\n0 5\n0 5\n0 5\nITEM: ATOMS id type x y z\n1 1 0 0 0\n',
    );
    const messages: PreviewToWebview[] = [];
    const worker = new TrajectoryWorker(path.join(extensionDir, 'dist/previewWorker.js'), broken, (m) => messages.push(m));
    await expect.poll(() => messages.filter((m) => m.type === 'fatal').length, { timeout: 5000 }).toBe(1);
    const fatal = messages.find((m) => m.type === 'fatal');
    expect(fatal).toEqual({
      type: 'fatal',
      error: {
        file: broken,
        frame: 0,
        line: 11,
        message: expect.stringMatching(/broken\.dump \(frame 0, line 11\): truncated frame: expected 2 atom lines/),
      },
    });
    expect(messages.filter((m) => m.type !== 'fatal' && m.type !== 'progress')).toEqual([]);
    expect(worker.replay()[0]).toEqual(fatal);
    worker.close();
  });

  it('a crashed worker: one fatal message naming the file and the cause, kept for a rebuilt page', async () => {
    const messages: PreviewToWebview[] = [];
    const worker = new TrajectoryWorker(workerScript(`throw new Error('boom');`), KA3D, (m) => messages.push(m));
    await expect.poll(() => messages.length).toBe(1);
    const fatal = {
      type: 'fatal',
      error: { file: KA3D, message: `${KA3D}: the preview worker crashed: boom; close and reopen the preview to try again` },
    };
    expect(messages).toEqual([fatal]);
    expect(worker.replay()).toEqual([fatal]);
    worker.close();
  });

  it('Open Trajectory in Notebook: a new softness notebook whose first cell loads the file', async () => {
    activate({ subscriptions: [], extensionUri: Uri.file(extensionDir) } as never);
    workspace.workspaceFolders = [{ uri: Uri.file(root) }];
    const opened: unknown[] = [];
    workspace.openNotebookDocument = async (...args: unknown[]) => {
      opened.push(...args);
      return {};
    };
    await recorded.commands.get('softness.openTrajectoryInNotebook')!(Uri.file(KA3D));
    expect(opened[0]).toBe('softness-notebook');
    const cell = (opened[1] as NotebookData).cells[0] as unknown as { value: string; languageId: string };
    expect(cell.languageId).toBe('softness');
    expect(cell.value).toBe('# ka3d_is.dump.gz: 1000 particles (A 800, B 200), 3D\ntraj = load "samples/ka3d/ka3d_is.dump.gz"');
    // The cell runs as written, relative to the workspace folder (where an untitled notebook's paths start).
    const session = new Session();
    await session.runCell(cell.value, makeRunContext({ baseDir: root, emit: () => {}, progress: () => {} }));
    expect(session.get('traj')).toMatchObject({ kind: 'trajectory', n: 1000 });
    deactivate();
  });

  it('Open Trajectory in Notebook on a broken file shows the error and opens nothing', async () => {
    activate({ subscriptions: [], extensionUri: Uri.file(extensionDir) } as never);
    const broken = tmp.file('notadump.lammpstrj', 'hello\n');
    let opened = false;
    workspace.openNotebookDocument = async () => {
      opened = true;
      return {};
    };
    await recorded.commands.get('softness.openTrajectoryInNotebook')!(Uri.file(broken));
    expect(opened).toBe(false);
    expect(recorded.messages).toEqual([
      {
        level: 'error',
        text: expect.stringMatching(/cannot load the trajectory\. .*notadump\.lammpstrj \(frame 0, line 1\): expected an 'ITEM:' line/),
      },
    ]);
    deactivate();
  });

  it('Show g(r) of Current Frame without a preview warns; with one, reveals its g(r) panel, with progress until drawn or cancelled', async () => {
    activate({ subscriptions: [], extensionUri: Uri.file(extensionDir) } as never);
    await recorded.commands.get('softness.showPairCorrelation')!();
    expect(recorded.messages[0]).toMatchObject({ level: 'warning', text: expect.stringMatching(/open a trajectory preview/) });
    const { panel, posted, send, dispose } = fakePanel();
    recorded.customEditors.get(TRAJECTORY_PREVIEW_VIEW_TYPE)!.provider.resolveCustomEditor({ uri: Uri.file(KA3D) }, panel);
    // A page still loading (or rebuilt after hiding) is asked once it says `ready` ...
    let finished = false;
    const shown = Promise.resolve(recorded.commands.get('softness.showPairCorrelation')!()).then(() => (finished = true));
    expect(posted).toEqual([]);
    send({ type: 'ready' });
    expect(posted).toContainEqual({ type: 'revealPairCorrelation' });
    // ... and the command's progress lasts until the page says the g(r) is drawn ...
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(finished).toBe(false);
    send({ type: 'pairCorrelationShown', frame: 0 });
    await shown;
    // ... or until the user cancels it, or the panel closes.
    const cancelled = recorded.commands.get('softness.showPairCorrelation')!();
    progressToken.cancel();
    await cancelled;
    const closed = recorded.commands.get('softness.showPairCorrelation')!();
    dispose();
    await closed;
    deactivate();
  });

  it('loadCellSource: absolute path outside the workspace, quotes and backslashes escaped', () => {
    const summary = { n: 4, speciesNames: ['A'], speciesCounts: [4], dimension: 2 } as unknown as TrajectorySummary;
    expect(loadCellSource('/data/a "b"\\c.xyz', summary, '/work')).toBe(
      '# a "b"\\c.xyz: 4 particles (A 4), 2D\ntraj = load "/data/a \\"b\\"\\\\c.xyz"',
    );
    expect(loadCellSource('/work/sub/x.gsd', summary, '/work')).toContain('traj = load "sub/x.gsd"');
    expect(loadCellSource('/work/x.gsd', summary, null)).toContain('traj = load "/work/x.gsd"');
  });
});
