import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KernelRegistry } from '../kernel/kernelRegistry';
import { executeCell, type ProgressSink } from './cellExecution';

export const NOTEBOOK_TYPE = 'softness-notebook';

const UNTRUSTED_MESSAGE =
  'Softness cells do not run in an untrusted workspace: they read trajectories and write model and result files. ' +
  'Trust this workspace (command "Workspaces: Manage Workspace Trust") to run them.';

/**
 * The notebook controller of `softness-notebook`: cells of language `softness` run in the
 * notebook's KernelSession, in the order they are submitted. In an untrusted workspace no cell
 * runs; each gets an error output saying why. Interrupt cancels the running and queued cells.
 */
export function createController(kernels: KernelRegistry, progress: ProgressSink): vscode.NotebookController {
  const controller = vscode.notebooks.createNotebookController('softness-kernel', NOTEBOOK_TYPE, 'Softness');
  controller.supportedLanguages = ['softness'];
  controller.supportsExecutionOrder = true;
  controller.description = 'Softness Studio kernel (worker thread)';
  controller.executeHandler = async (cells, notebook) => {
    const executions = cells.map((cell) => controller.createNotebookCellExecution(cell));
    if (!vscode.workspace.isTrusted) {
      for (const execution of executions) refuseUntrusted(execution);
      return;
    }
    const kernel = kernels.get(notebook.uri.toString());
    await Promise.all(executions.map((execution) => executeCell(execution, kernel, notebookDir(notebook), progress)));
  };
  controller.interruptHandler = (notebook) => kernels.get(notebook.uri.toString()).cancelAll();
  return controller;
}

function refuseUntrusted(execution: vscode.NotebookCellExecution): void {
  execution.start(Date.now());
  void execution.replaceOutput(
    new vscode.NotebookCellOutput([
      vscode.NotebookCellOutputItem.error({ name: 'Untrusted workspace', message: UNTRUSTED_MESSAGE, stack: '' }),
    ]),
  );
  execution.end(false, Date.now());
}

/** Where a notebook's relative paths start: its folder, else the first workspace folder, else home. */
function notebookDir(notebook: vscode.NotebookDocument): string {
  if (notebook.uri.scheme === 'file') return path.dirname(notebook.uri.fsPath);
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
}
