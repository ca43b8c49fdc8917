import * as vscode from 'vscode';
import { decodeOutput, MIME } from '../protocol/outputMime';
import type { TableOutput } from '../core/lang/outputs';
import type { KernelRegistry } from './kernel/kernelRegistry';
import { NOTEBOOK_TYPE } from './notebook/controller';
import { SoftnessSerializer } from './notebook/serializer';
import { toCsv } from '../core/analysis/tableText';

/** Registers the palette commands (package.json `contributes.commands`). */
export function registerCommands(context: vscode.ExtensionContext, kernels: KernelRegistry): void {
  const register = (id: string, run: () => Promise<unknown>): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, run));
  };
  register('softness.newNotebook', async () => {
    const cell = new vscode.NotebookCellData(vscode.NotebookCellKind.Code, '', 'softness');
    const notebook = await vscode.workspace.openNotebookDocument(NOTEBOOK_TYPE, new vscode.NotebookData([cell]));
    await vscode.window.showNotebookDocument(notebook);
  });
  register('softness.openQuickstart', () => openQuickstart(context));
  register('softness.restartKernel', async () => {
    const notebook = activeSoftnessNotebook();
    if (!notebook) return vscode.window.showWarningMessage('Softness: open a softness notebook to restart its kernel.');
    const lost = kernels.restart(notebook.uri.toString());
    const detail = lost && lost.length > 0 ? ` Results cleared: ${lost.join(', ')}.` : '';
    return vscode.window.showInformationMessage(`Softness: kernel restarted.${detail}`);
  });
  register('softness.exportResults', exportResults);
}

/**
 * Opens the quickstart shipped with the extension as an untitled copy: run as it is, its export cell
 * would write quickstart.report/ into the extension's install folder (read-only, or wiped on update).
 * The copy reads the bundled sample by absolute path; its exports land where an untitled notebook's
 * relative paths start (the workspace folder, else home), and nothing is written until it runs.
 */
async function openQuickstart(context: vscode.ExtensionContext): Promise<unknown> {
  const uri = vscode.Uri.joinPath(context.extensionUri, 'examples', 'quickstart.softnb');
  let content: Uint8Array;
  try {
    content = await vscode.workspace.fs.readFile(uri);
  } catch {
    return vscode.window.showErrorMessage(`Softness: the quickstart notebook is missing from the extension (${uri.fsPath}).`);
  }
  const samples = vscode.Uri.joinPath(context.extensionUri, 'samples').fsPath.replace(/\\/g, '/');
  const data = new SoftnessSerializer(() => false).deserializeNotebook(content);
  for (const cell of data.cells) cell.value = cell.value.replaceAll('"../samples/', `"${samples}/`);
  return vscode.window.showNotebookDocument(await vscode.workspace.openNotebookDocument(NOTEBOOK_TYPE, data));
}

function activeSoftnessNotebook(): vscode.NotebookDocument | undefined {
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  return notebook?.notebookType === NOTEBOOK_TYPE ? notebook : undefined;
}

/** Export Results…: picks one of the notebook's table outputs and saves it as CSV. */
async function exportResults(): Promise<unknown> {
  const notebook = activeSoftnessNotebook();
  if (!notebook) return vscode.window.showWarningMessage('Softness: open a softness notebook to export its results.');
  const tables = notebookTables(notebook);
  if (tables.length === 0)
    return vscode.window.showWarningMessage('Softness: this notebook has no table outputs yet; run its cells first.');
  const picked =
    tables.length === 1
      ? tables[0]
      : (
          await vscode.window.showQuickPick(
            tables.map((table) => ({ label: table.title, table })),
            { placeHolder: 'Table to export as CSV' },
          )
        )?.table;
  if (!picked) return undefined;
  const defaultUri = vscode.Uri.joinPath(notebook.uri, '..', `${picked.title.replace(/[^\w.-]+/g, '_') || 'table'}.csv`);
  const target = await vscode.window.showSaveDialog({ defaultUri, filters: { CSV: ['csv'] } });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(toCsv(picked.columns, picked.rows)));
  return vscode.window.showInformationMessage(`Softness: saved ${picked.rows.length} rows to ${target.fsPath}.`);
}

/** The table outputs currently shown under the notebook's cells, in cell order. */
export function notebookTables(notebook: vscode.NotebookDocument): TableOutput[] {
  return notebook
    .getCells()
    .flatMap((cell) => cell.outputs.flatMap((output) => output.items))
    .filter((item) => item.mime === MIME.table)
    .map((item) => decodeOutput(item.mime, item.data) as TableOutput);
}
