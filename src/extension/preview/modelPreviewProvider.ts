import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ModelPreviewToHost, ModelPreviewToWebview } from '../../protocol/modelPreviewMessages';
import type { KernelSession } from '../kernel/kernelSession';
import { APPLY_MODEL_COMMAND, applyModelToTrajectory } from './modelApply';
import { type ModelPreviewJob, startModelPreviewJob } from './modelPreviewJob';
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
 * Fills one preview panel: the page, then on the webview's `ready` what the model preview worker
 * posts (the model or its error, then the training trajectory's g(r)); read again when the file
 * changes on disk. The host thread only relays: the worker is stopped when the panel closes. The
 * worker may read the training trajectory only inside the model's folder or a workspace folder,
 * and none in an untrusted workspace (package.json capabilities.untrustedWorkspaces).
 */
function showModelPreview(uri: vscode.Uri, panel: vscode.WebviewPanel, dist: vscode.Uri, newKernel: () => KernelSession): void {
  const webview = panel.webview;
  setWebviewPage(webview, dist, MODEL_PREVIEW_PAGE);
  const post = (message: ModelPreviewToWebview): void => void webview.postMessage(message);
  let job: ModelPreviewJob | null = null;
  // The worker's latest model (or error) and g(r) messages, re-sent to a page rebuilt after hiding.
  let known: { model: ModelPreviewToWebview | null; pairCorrelation: ModelPreviewToWebview | null } = {
    model: null,
    pairCorrelation: null,
  };

  // `ready` comes again whenever a hidden panel is shown (its page is rebuilt): what is known is
  // re-sent, the rest follows from the running worker; a change of the file starts a new worker.
  const load = (fileChanged: boolean): void => {
    if (!fileChanged && job) {
      for (const message of [known.model, known.pairCorrelation]) if (message) post(message);
      return;
    }
    job?.cancel();
    known = { model: null, pairCorrelation: null };
    const readableRoots = vscode.workspace.isTrusted
      ? [path.dirname(uri.fsPath), ...(vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath)]
      : null;
    job = startModelPreviewJob(workerPath, { modelFile: uri.fsPath, readableRoots }, (message) => {
      if (message.type === 'pairCorrelation') known.pairCorrelation = message;
      else known.model = message;
      post(message);
    });
  };
  const workerPath = vscode.Uri.joinPath(dist, 'modelPreviewWorker.js').fsPath;

  const watcher = vscode.workspace.createFileSystemWatcher(
    new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), uri.path.split('/').pop() ?? ''),
  );
  // Trusted now: read the model again, this time with its training trajectory's g(r).
  const trusted = vscode.workspace.onDidGrantWorkspaceTrust(() => load(true));
  panel.onDidDispose(() => {
    job?.cancel();
    watcher.dispose();
    trusted.dispose();
  });
  watcher.onDidChange(() => load(true));
  watcher.onDidCreate(() => load(true));
  webview.onDidReceiveMessage((message: ModelPreviewToHost) => {
    if (message.type === 'ready') load(false);
    else if (message.type === 'apply')
      void applyModelToTrajectory(newKernel, uri, (state, text) => post({ type: 'apply', state, message: text }));
  });
}
