import * as vscode from 'vscode';
import { trajectoryFileFilters } from '../../core/io/formatNames';
import type { WebviewToPreview } from '../../protocol/previewMessages';
import { allowedByTrust } from '../trust';
import { openTrajectoryInNotebook } from './trajectoryNotebook';
import { TrajectoryWorker } from './trajectoryWorker';
import { setWebviewPage, type WebviewPage } from './webviewPage';

export const TRAJECTORY_PREVIEW_VIEW_TYPE = 'softness.trajectoryPreview';
export const OPEN_IN_NOTEBOOK_COMMAND = 'softness.openTrajectoryInNotebook';
export const SHOW_PAIR_CORRELATION_COMMAND = 'softness.showPairCorrelation';
/** The preview's page: dist/trajectoryPreview.js and .css filling <main id="trajectory-preview">. */
export const TRAJECTORY_PREVIEW_PAGE: WebviewPage = {
  bundle: 'trajectoryPreview',
  title: 'Trajectory preview',
  rootId: 'trajectory-preview',
  loading: 'Opening the trajectory…',
};

/** An open preview: its file and panel. */
interface OpenPreview {
  readonly uri: vscode.Uri;
  readonly panel: vscode.WebviewPanel;
  /** Brings the g(r) plot into view; resolves once the page has drawn the current frame's g(r), or the panel closed. */
  revealPairCorrelation(): Promise<void>;
}

/**
 * Registers the read-only custom editor for trajectories (package.json customEditors,
 * `softness.trajectoryPreview`) and the commands "Softness: Open Trajectory in Notebook" and
 * "Softness: Show g(r) of Current Frame". Each preview gets its own preview worker
 * (dist/previewWorker.js), which parses and indexes off the extension host thread and is closed
 * with the editor. The webview is not kept alive while hidden (retainContextWhenHidden: false
 * saves its WebGL context and frame arrays): the worker keeps the index, and a page rebuilt on
 * show gets the file's state replayed and asks again for its frame (kept in the webview state).
 */
export function registerTrajectoryPreview(context: vscode.ExtensionContext): void {
  const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
  const workerPath = vscode.Uri.joinPath(dist, 'previewWorker.js').fsPath;
  const previews = new Set<OpenPreview>();
  const provider: vscode.CustomReadonlyEditorProvider = {
    openCustomDocument: (uri) => ({ uri, dispose: () => {} }),
    resolveCustomEditor: (document, panel) => {
      const preview = { uri: document.uri, panel, ...showTrajectoryPreview(document.uri, panel, dist, workerPath) };
      previews.add(preview);
      panel.onDidDispose(() => previews.delete(preview));
    },
  };
  const activePreview = (): OpenPreview | undefined => [...previews].find((p) => p.panel.active);
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(TRAJECTORY_PREVIEW_VIEW_TYPE, provider, {
      webviewOptions: { retainContextWhenHidden: false },
      supportsMultipleEditorsPerDocument: false,
    }),
    vscode.commands.registerCommand(OPEN_IN_NOTEBOOK_COMMAND, async (uri?: vscode.Uri) => {
      if (!allowedByTrust('opening a trajectory in a notebook')) return undefined;
      const file = uri instanceof vscode.Uri ? uri : (activePreview()?.uri ?? (await pickTrajectory()));
      return file ? openTrajectoryInNotebook(file.fsPath, workerPath) : undefined;
    }),
    vscode.commands.registerCommand(SHOW_PAIR_CORRELATION_COMMAND, () => {
      const preview = activePreview() ?? (previews.size === 1 ? [...previews][0] : undefined);
      if (!preview) return vscode.window.showWarningMessage('Softness: open a trajectory preview to see the g(r) of its current frame.');
      return showPairCorrelation(preview);
    }),
  );
}

/**
 * Reveals the preview and its g(r) plot, with a cancellable progress in the status bar until the
 * webview says the current frame's g(r) is drawn (it may still be computing in the worker).
 */
function showPairCorrelation(preview: OpenPreview): Thenable<void> {
  preview.panel.reveal();
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Softness: g(r) of the current frame', cancellable: true },
    (_progress, token) =>
      Promise.race([preview.revealPairCorrelation(), new Promise<void>((resolve) => token.onCancellationRequested(() => resolve()))]),
  );
}

/** Asks for a trajectory file with the open dialog. */
async function pickTrajectory(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: trajectoryFileFilters(),
    openLabel: 'Open in Softness Notebook',
  });
  return picked?.[0];
}

/** How long the file must stay quiet after a change before the preview reopens it (a write comes in several events). */
export const FILE_CHANGE_SETTLE_MS = 300;

/**
 * Fills one preview panel: the page, a preview worker for the file, and the relay between them.
 * The worker starts with the panel (indexing begins at once) and is closed when the panel is.
 * When the file changes on disk (rewritten, replaced, deleted) the worker is replaced by a new one
 * on the new content and the page is told (`fileChanged`) to start over, so no frame of the old
 * data is served. Returns the panel's g(r) reveal (asked again of a page rebuilt meanwhile).
 */
function showTrajectoryPreview(
  uri: vscode.Uri,
  panel: vscode.WebviewPanel,
  dist: vscode.Uri,
  workerPath: string,
): Pick<OpenPreview, 'revealPairCorrelation'> {
  const webview = panel.webview;
  setWebviewPage(webview, dist, TRAJECTORY_PREVIEW_PAGE);
  // Live messages go only to a page that said `ready`; a page rebuilt after hiding gets the replay.
  let pageReady = false;
  const startWorker = (): TrajectoryWorker =>
    new TrajectoryWorker(workerPath, uri.fsPath, (message) => void (pageReady && webview.postMessage(message)));
  let worker = startWorker();
  let settle: ReturnType<typeof setTimeout> | undefined;
  const reopen = (): void => {
    worker.close();
    worker = startWorker();
    if (pageReady) void webview.postMessage({ type: 'fileChanged' });
  };
  const onFileEvent = (): void => {
    clearTimeout(settle);
    settle = setTimeout(reopen, FILE_CHANGE_SETTLE_MS);
  };
  const watcher = vscode.workspace.createFileSystemWatcher(
    new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), uri.path.split('/').pop() ?? ''),
  );
  watcher.onDidChange(onFileEvent);
  watcher.onDidCreate(onFileEvent);
  watcher.onDidDelete(onFileEvent);
  const revealWaiters: Array<() => void> = [];
  const revealed = (): void => {
    for (const resolve of revealWaiters.splice(0)) resolve();
  };
  panel.onDidDispose(() => {
    clearTimeout(settle);
    watcher.dispose();
    worker.close();
    revealed();
  });
  panel.onDidChangeViewState(() => {
    if (!panel.visible) pageReady = false;
  });
  webview.onDidReceiveMessage((message: WebviewToPreview) => {
    switch (message.type) {
      case 'ready':
        pageReady = true;
        for (const known of worker.replay()) void webview.postMessage(known);
        if (revealWaiters.length > 0) void webview.postMessage({ type: 'revealPairCorrelation' });
        break;
      case 'pairCorrelationShown':
        revealed();
        break;
      case 'requestFrame':
        worker.request(message.request, message.frame);
        break;
      case 'openInNotebook':
        void vscode.commands.executeCommand(OPEN_IN_NOTEBOOK_COMMAND, uri);
        break;
    }
  });
  return {
    revealPairCorrelation: () =>
      new Promise<void>((resolve) => {
        revealWaiters.push(resolve);
        // A page being rebuilt (hidden, now revealed) is asked when it says `ready`.
        if (pageReady) void webview.postMessage({ type: 'revealPairCorrelation' });
      }),
  };
}
