import * as vscode from 'vscode';
import type { SoftnessModel } from '../../core/learn/model';
import type { ModelPreviewToHost, ModelPreviewToWebview } from '../../protocol/modelPreviewMessages';
import type { KernelSession } from '../kernel/kernelSession';
import { APPLY_MODEL_COMMAND, applyModelToTrajectory } from './modelApply';
import { computePairCorrelation, type PairCorrelationJob } from './modelPairCorrelation';
import { readModelPreview, trainingPairCorrelationRequest } from './modelPreviewData';
import { MODEL_PREVIEW_PAGE } from './modelPreviewHtml';
import { setWebviewPage } from './webviewPage';

export const MODEL_PREVIEW_VIEW_TYPE = 'softness.modelPreview';

/**
 * Registers the read-only custom editor for `*.softness.json` (package.json customEditors) and
 * the command "Softness: Apply Model to Trajectory…". `newKernel` makes a kernel session of its
 * own for each apply run (the worker in which softness is computed).
 */
export function registerModelPreview(context: vscode.ExtensionContext, newKernel: () => KernelSession): void {
  const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
  const provider: vscode.CustomReadonlyEditorProvider = {
    openCustomDocument: (uri) => ({ uri, dispose: () => {} }),
    resolveCustomEditor: (document, panel) => showModelPreview(document.uri, panel, dist, newKernel),
  };
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(MODEL_PREVIEW_VIEW_TYPE, provider, { webviewOptions: { retainContextWhenHidden: false } }),
    vscode.commands.registerCommand(APPLY_MODEL_COMMAND, (model?: vscode.Uri) =>
      applyModelToTrajectory(newKernel, model instanceof vscode.Uri ? model : undefined),
    ),
  );
}

/**
 * Fills one preview panel: the page, then on the webview's `ready` the model (or its error) and
 * the training trajectory's g(r), computed in a worker; re-read when the file changes on disk.
 * The g(r) worker is stopped when the panel closes.
 */
function showModelPreview(uri: vscode.Uri, panel: vscode.WebviewPanel, dist: vscode.Uri, newKernel: () => KernelSession): void {
  const webview = panel.webview;
  setWebviewPage(webview, dist, MODEL_PREVIEW_PAGE);
  const post = (message: ModelPreviewToWebview): void => void webview.postMessage(message);
  let job: PairCorrelationJob | null = null;
  let pairCorrelation: ModelPreviewToWebview | null = null;

  // `ready` comes again whenever a hidden panel is shown (its page is rebuilt): the model is
  // re-read (small), the g(r) is re-sent if known; a change of the file recomputes it.
  const load = (fileChanged: boolean): void => {
    const { message, model } = readModelPreview(uri.fsPath);
    post(message);
    if (!model) return;
    if (!fileChanged && job) {
      if (pairCorrelation) post(pairCorrelation);
      return;
    }
    job?.cancel();
    pairCorrelation = null;
    startPairCorrelation(model);
  };
  const startPairCorrelation = (model: SoftnessModel): void => {
    const request = trainingPairCorrelationRequest(model, uri.fsPath);
    if ('unavailable' in request) {
      pairCorrelation = { type: 'pairCorrelation', state: 'unavailable', reason: request.unavailable };
      post(pairCorrelation);
      return;
    }
    pairCorrelation = { type: 'pairCorrelation', state: 'computing', file: request.file };
    post(pairCorrelation);
    const started = computePairCorrelation(vscode.Uri.joinPath(dist, 'pairCorrelationWorker.js').fsPath, request);
    job = started;
    void started.result.then((outcome) => {
      if (job !== started || outcome.cancelled) return;
      pairCorrelation = outcome.ok
        ? { type: 'pairCorrelation', state: 'ready', result: outcome.result }
        : { type: 'pairCorrelation', state: 'unavailable', reason: outcome.message };
      post(pairCorrelation);
    });
  };

  const watcher = vscode.workspace.createFileSystemWatcher(
    new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), uri.path.split('/').pop() ?? ''),
  );
  panel.onDidDispose(() => {
    job?.cancel();
    watcher.dispose();
  });
  watcher.onDidChange(() => load(true));
  watcher.onDidCreate(() => load(true));
  webview.onDidReceiveMessage((message: ModelPreviewToHost) => {
    if (message.type === 'ready') load(false);
    else if (message.type === 'apply')
      void applyModelToTrajectory(newKernel, uri, (state, text) => post({ type: 'apply', state, message: text }));
  });
}
