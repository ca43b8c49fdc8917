import * as vscode from 'vscode';
import { csvFileName } from '../../core/analysis/tableText';
import { assertNotAnInput, writeFileAtomic } from '../../core/io/atomicWrite';
import { type ExportCsvOutcome, type ExportCsvResult, isExportCsvRequest, RENDERER_ID } from '../../protocol/rendererMessages';

/**
 * The extension side of the renderer's messages (src/protocol/rendererMessages.ts): an Export CSV
 * click under a notebook table (ExportCsvRequest) opens a save dialog and writes the CSV there;
 * the renderer is answered with an ExportCsvResult, shown under the table. VS Code activates the
 * extension for the renderer's first message (activation event onRenderer:softness-renderer).
 */
export function registerRendererMessaging(): vscode.Disposable {
  const messaging = vscode.notebooks.createRendererMessaging(RENDERER_ID);
  return messaging.onDidReceiveMessage(async ({ editor, message }) => {
    if (!isExportCsvRequest(message)) return;
    const outcome = await saveCsvWithDialog(editor.notebook.uri, message.title, message.csv);
    const result: ExportCsvResult = { type: 'softness.exportCsvResult', requestId: message.requestId, ...outcome };
    await messaging.postMessage(result, editor);
  });
}

/**
 * Asks where to save the CSV of table `title` (offering csvFileName(title) beside the notebook, or
 * in the first workspace folder for an untitled notebook) and writes `csv` there atomically
 * (temporary file, then rename). Never writes over the notebook file itself. A failure is shown
 * as a VS Code error message naming the path, and returned as outcome 'failed'.
 */
export async function saveCsvWithDialog(notebookUri: vscode.Uri, title: string, csv: string): Promise<ExportCsvOutcome> {
  const folder = notebookUri.scheme === 'file' ? vscode.Uri.joinPath(notebookUri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  const defaultUri = folder ? vscode.Uri.joinPath(folder, csvFileName(title)) : undefined;
  const target = await vscode.window.showSaveDialog({ defaultUri, filters: { CSV: ['csv'] }, title: `Export ${title} as CSV` });
  if (!target) return { outcome: 'cancelled' };
  try {
    if (target.scheme !== 'file') throw new Error('only files on this machine can be written');
    if (notebookUri.scheme === 'file') assertNotAnInput(target.fsPath, [notebookUri.fsPath]);
    writeFileAtomic(target.fsPath, csv);
    return { outcome: 'saved', path: target.fsPath };
  } catch (error) {
    const reason = (error as Error).message;
    void vscode.window.showErrorMessage(`Softness: could not save the CSV of '${title}' to ${target.fsPath}: ${reason}`);
    return { outcome: 'failed', error: reason };
  }
}
