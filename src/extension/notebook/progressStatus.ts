import * as vscode from 'vscode';
import type { ProgressSink } from './cellExecution';

/** The status bar item mirroring the running cell's progress ("structure functions: frame 120/400, ..."). */
export function createProgressStatus(): ProgressSink & vscode.Disposable {
  const item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  item.name = 'Softness kernel';
  return {
    show(message, fraction) {
      item.text = `$(sync~spin) ${fraction === null ? '' : `${Math.round(100 * fraction)}% `}${message}`;
      item.tooltip = 'Softness kernel: progress of the running cell';
      item.show();
    },
    hide: () => item.hide(),
    dispose: () => item.dispose(),
  };
}
