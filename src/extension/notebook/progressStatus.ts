import * as vscode from 'vscode';
import type { ProgressSink } from './cellExecution';

/**
 * Progress of running cells ("features: frame 120/400, 8000 environments/s, ETA 3 s"), shown in
 * the running cell's own status bar (beside its timing) and in the window's status bar. Why not
 * as a cell output: removing a progress output at the end re-lays out the cell's other outputs,
 * which code-server (VS Code 1.100) drew over one another (seen in the end-to-end screenshots).
 */
export function createProgressStatus(notebookType: string): ProgressSink & vscode.Disposable {
  const item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  item.name = 'Softness kernel';
  item.tooltip = 'Softness kernel: progress of the running cell';
  /** Progress text by cell document URI. */
  const running = new Map<string, string>();
  const changed = new vscode.EventEmitter<void>();
  const provider = vscode.notebooks.registerNotebookCellStatusBarItemProvider(notebookType, {
    onDidChangeCellStatusBarItems: changed.event,
    provideCellStatusBarItems: (cell) => {
      const text = running.get(cell.document.uri.toString());
      if (text === undefined) return [];
      const status = new vscode.NotebookCellStatusBarItem(text, vscode.NotebookCellStatusBarAlignment.Left);
      status.tooltip = 'Softness kernel: progress of this cell';
      return [status];
    },
  });
  return {
    show(cell, message, fraction) {
      const text = `$(sync~spin) ${fraction === null ? '' : `${Math.round(100 * fraction)}% `}${message}`;
      running.set(cell.document.uri.toString(), text);
      changed.fire();
      item.text = text;
      item.show();
    },
    hide(cell) {
      if (running.delete(cell.document.uri.toString())) changed.fire();
      if (running.size === 0) item.hide();
    },
    dispose() {
      provider.dispose();
      changed.dispose();
      item.dispose();
    },
  };
}
