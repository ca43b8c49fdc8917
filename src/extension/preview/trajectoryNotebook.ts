import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PreviewToWebview, TrajectorySummary } from '../../protocol/previewMessages';
import { NOTEBOOK_TYPE } from '../notebook/controller';
import { TrajectoryWorker } from './trajectoryWorker';

/**
 * The first cell of a notebook on `file`: a comment with what the file holds (from its summary)
 * and the `load` statement (docs/language.md). The path is relative to `baseDir` (where the
 * notebook's relative paths start) when the file lies below it, else absolute; quotes and
 * backslashes are escaped as the cell language's strings require.
 */
export function loadCellSource(file: string, summary: TrajectorySummary, baseDir: string | null): string {
  const relative = baseDir === null ? null : path.relative(baseDir, file);
  const shown = relative !== null && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file;
  const species = summary.speciesNames.map((name, s) => `${name} ${summary.speciesCounts[s]}`).join(', ');
  return `# ${path.basename(file)}: ${summary.n} particles (${species}), ${summary.dimension}D\ntraj = load "${shown.replace(/[\\"]/g, '\\$&')}"`;
}

/**
 * "Softness: Open Trajectory in Notebook": checks that `file` opens (a preview worker decodes its
 * frame 0, with a cancellable progress notification), then opens a new untitled softness notebook
 * whose first cell loads it. A file that cannot be read is reported with its error instead.
 * Resolves to the notebook, or undefined when cancelled or failed.
 */
export async function openTrajectoryInNotebook(file: string, workerPath: string): Promise<vscode.NotebookDocument | undefined> {
  const checked = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Softness: reading ${path.basename(file)}`, cancellable: true },
    (progress, token) => firstSummary(file, workerPath, token, (frames) => progress.report({ message: `${frames} frames indexed` })),
  );
  if (checked === null) return undefined;
  if (checked.type === 'fatal') {
    void vscode.window.showErrorMessage(`Softness: cannot load the trajectory. ${checked.error.message}`);
    return undefined;
  }
  const baseDir = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? null;
  const cell = new vscode.NotebookCellData(vscode.NotebookCellKind.Code, loadCellSource(file, checked.summary, baseDir), 'softness');
  const notebook = await vscode.workspace.openNotebookDocument(NOTEBOOK_TYPE, new vscode.NotebookData([cell]));
  await vscode.window.showNotebookDocument(notebook);
  return notebook;
}

/** Runs a preview worker on `file` until its summary or fatal error (null when cancelled), then closes it. */
function firstSummary(
  file: string,
  workerPath: string,
  token: vscode.CancellationToken,
  onFrames: (frames: number) => void,
): Promise<Extract<PreviewToWebview, { type: 'summary' | 'fatal' }> | null> {
  return new Promise((resolve) => {
    const worker = new TrajectoryWorker(workerPath, file, (message) => {
      if (message.type === 'progress') onFrames(message.frames);
      if (message.type !== 'summary' && message.type !== 'fatal') return;
      worker.close();
      resolve(message);
    });
    token.onCancellationRequested(() => {
      worker.close();
      resolve(null);
    });
  });
}
