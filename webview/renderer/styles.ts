/** The renderer's stylesheet, coloured only by --vscode-* variables so every theme applies. */
const CSS = `
.softness-output { font-family: var(--vscode-font-family, sans-serif); color: var(--vscode-editor-foreground, #333); }
.softness-output h4 { margin: 4px 0; }
.softness-controls { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; margin: 4px 0; font-size: 0.9em; }
.softness-output button { background: var(--vscode-button-background, #0e639c); color: var(--vscode-button-foreground, #fff); border: none; padding: 3px 10px; cursor: pointer; border-radius: 2px; }
.softness-output button:disabled { opacity: 0.5; cursor: default; }
.softness-output input[type=number], .softness-output select { width: 6em; background: var(--vscode-input-background, #fff); color: var(--vscode-input-foreground, #333); border: 1px solid var(--vscode-input-border, #ccc); }
.softness-output input[type=range] { width: 8em; vertical-align: middle; accent-color: var(--vscode-button-background, #0e639c); }
.softness-output table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
.softness-output th, .softness-output td { padding: 2px 8px; border-bottom: 1px solid var(--vscode-editorWidget-border, #ddd); text-align: right; }
.softness-output th { cursor: pointer; user-select: none; }
.softness-output .softness-note { opacity: 0.75; font-size: 0.85em; }
.softness-output .softness-error { color: var(--vscode-errorForeground, #c00); white-space: pre-wrap; }
`;

/** Adds the stylesheet to the output webview once. */
export function ensureStyles(): void {
  if (document.getElementById('softness-renderer-style')) return;
  const style = document.createElement('style');
  style.id = 'softness-renderer-style';
  style.textContent = CSS;
  document.head.append(style);
}
