import * as vscode from 'vscode';
import type { CellFailure } from '../../protocol/kernelMessages';
import type { CellResult, KernelSession } from '../kernel/kernelSession';

/** Where progress of a running cell is shown (its cell status bar and the window's: progressStatus.ts). */
export interface ProgressSink {
  show(cell: vscode.NotebookCell, message: string, fraction: number | null): void;
  hide(cell: vscode.NotebookCell): void;
}

/**
 * Runs one notebook cell on the kernel through a NotebookCellExecution: queued at once, started
 * when the kernel reaches it (execution order, start time), outputs appended as they stream in,
 * progress shown in `progress` (never as an output) until the cell ends, failures as an error
 * output naming the statement's line:column. Resolves when the cell ended.
 */
export async function executeCell(
  execution: vscode.NotebookCellExecution,
  kernel: KernelSession,
  baseDir: string,
  progress: ProgressSink,
): Promise<void> {
  const { cell } = execution;
  const { id, result } = kernel.submit({
    source: cell.document.getText(),
    baseDir,
    ...(cell.notebook.uri.scheme === 'file' ? { notebookPath: cell.notebook.uri.fsPath } : {}),
    onStart: (order, startTime) => {
      execution.executionOrder = order;
      execution.start(startTime);
      void execution.clearOutput();
    },
    onOutput: (item) =>
      void execution.appendOutput(new vscode.NotebookCellOutput([new vscode.NotebookCellOutputItem(item.data, item.mime)])),
    onProgress: (message, fraction) => progress.show(cell, message, fraction),
  });
  const cancelled = execution.token.onCancellationRequested(() => kernel.cancel(id));
  const ended = await result;
  cancelled.dispose();
  progress.hide(cell);
  finish(execution, ended);
}

/** Ends the execution, appending the error output of a failed (or cancelled, started) cell. */
function finish(execution: vscode.NotebookCellExecution, result: CellResult): void {
  if (result.startTime === null) execution.start(); // never left the queue
  if (result.error && !(result.error.cancelled && result.executionOrder === null)) void execution.appendOutput(errorOutput(result.error));
  execution.end(result.error?.cancelled ? undefined : result.ok, result.endTime);
}

/** The error output: "Error at line 3:5" for a failing statement, else what stopped the cell. */
export function errorOutput(error: CellFailure): vscode.NotebookCellOutput {
  const name = error.line !== undefined ? `Error at line ${error.line}:${error.column}` : error.cancelled ? 'Cancelled' : 'Kernel error';
  return new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error({ name, message: error.message, stack: '' })]);
}
