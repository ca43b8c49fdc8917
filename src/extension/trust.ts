import * as vscode from 'vscode';

/**
 * Whether an action that runs engine code (reading trajectories and models other than the file a
 * preview shows, computing, writing files) may run: only in a trusted workspace. Otherwise it shows
 * a warning naming `action` and why, and returns false; the caller then does nothing. Commands check
 * this in their handler as well as through package.json `enablement: isWorkspaceTrusted`, since a
 * webview button or another extension can call a command the palette hides.
 */
export function allowedByTrust(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(
    `Softness: ${action} needs a trusted workspace: it runs the engine on files of this workspace. ` +
      'Trust the workspace (command "Workspaces: Manage Workspace Trust") to use it.',
  );
  return false;
}
