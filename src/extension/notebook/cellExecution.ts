import * as vscode from 'vscode';
import type { CellFailure } from '../../protocol/kernelMessages';
import type { CellResult, KernelSession } from '../kernel/kernelSession';

/** Where progress of the running cell is mirrored besides the cell (the status bar item). */
export interface ProgressSink {
  show(message: string, fraction: number | null): void;
  hide(): void;
}

/**
 * Runs one notebook cell on the kernel through a NotebookCellExecution: queued at once, started
 * when the kernel reaches it (execution order, start time), outputs appended as they stream in,
 * progress shown as one replaceable text output (removed at the end) and in `progress`, failures
 * as an error output naming the statement's line:column. Resolves when the cell ended.
 */
export async function executeCell(execution: vscode.NotebookCellExecution, kernel: KernelSession, baseDir: string, progress: ProgressSink): Promise<void> {
  const outputs: vscode.NotebookCellOutput[] = [];
  let progressOutput: vscode.NotebookCellOutput | null = null;
  const { id, result } = kernel.submit({
    source: execution.cell.document.getText(),
    baseDir,
    onStart: (order, startTime) => {
      execution.executionOrder = order;
      execution.start(startTime);
      void execution.clearOutput();
    },
    onOutput: (item) => {
      const output = new vscode.NotebookCellOutput([new vscode.NotebookCellOutputItem(item.data, item.mime)]);
      outputs.push(output);
      void execution.appendOutput(output);
    },
    onProgress: (message, fraction) => {
      progress.show(message, fraction);
      const item = vscode.NotebookCellOutputItem.text(message);
      if (progressOutput) void execution.replaceOutputItems(item, progressOutput);
      else {
        progressOutput = new vscode.NotebookCellOutput([item]);
        void execution.appendOutput(progressOutput);
      }
    },
  });
  const cancelled = execution.token.onCancellationRequested(() => kernel.cancel(id));
  const ended = await result;
  cancelled.dispose();
  if (progressOutput) progress.hide();
  finish(execution, ended, progressOutput ? outputs : null);
}

/** Ends the execution; `keptOutputs` (when the progress line must go) replaces the cell's outputs. */
function finish(execution: vscode.NotebookCellExecution, result: CellResult, keptOutputs: vscode.NotebookCellOutput[] | null): void {
  if (result.startTime === null) execution.start(); // never left the queue
  const errors = result.error && !(result.error.cancelled && result.executionOrder === null) ? [errorOutput(result.error)] : [];
  if (keptOutputs) void execution.replaceOutput([...keptOutputs, ...errors]);
  else if (errors.length > 0) void execution.appendOutput(errors);
  execution.end(result.error?.cancelled ? undefined : result.ok, result.endTime);
}

/** The error output: "Error at line 3:5" for a failing statement, else what stopped the cell. */
export function errorOutput(error: CellFailure): vscode.NotebookCellOutput {
  const name = error.line !== undefined ? `Error at line ${error.line}:${error.column}` : error.cancelled ? 'Cancelled' : 'Kernel error';
  return new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error({ name, message: error.message, stack: '' })]);
}
