import * as vscode from 'vscode';
import { parseNotebook, serializeNotebook, type NotebookCell } from '../../core/lang/notebookFile';
import { restoreOutputItem, saveOutputItem } from './savedOutputs';

const LANGUAGE = 'softness';

/**
 * Reads and writes `*.softnb` files (src/core/lang/notebookFile.ts) for the `softness-notebook`
 * type. Outputs are written only when `saveOutputs()` is true (setting softness.notebook.saveOutputs),
 * as `{ items: SavedOutputItem[] }` per output. Deserializing throws the Error of parseNotebook
 * (naming the cell and field) for a malformed file; an empty file is an empty notebook.
 */
export class SoftnessSerializer implements vscode.NotebookSerializer {
  constructor(private readonly saveOutputs: () => boolean) {}

  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    const text = new TextDecoder().decode(content);
    if (text.trim() === '') return new vscode.NotebookData([]);
    const file = parseNotebook(text, 'softness notebook');
    const cells = file.cells.map((cell, k) => {
      const kind = cell.kind === 'code' ? vscode.NotebookCellKind.Code : vscode.NotebookCellKind.Markup;
      const data = new vscode.NotebookCellData(kind, cell.source, cell.language);
      data.outputs = (cell.outputs ?? []).map((output, j) => restoreOutput(output, `softness notebook: cell ${k + 1}, output ${j + 1}`));
      return data;
    });
    const notebook = new vscode.NotebookData(cells);
    notebook.metadata = file.metadata;
    return notebook;
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    const keepOutputs = this.saveOutputs();
    const cells = data.cells.map((cell): NotebookCell => {
      const code = cell.kind === vscode.NotebookCellKind.Code;
      const outputs =
        code && keepOutputs && cell.outputs?.length ? cell.outputs.map((o) => ({ items: o.items.map(saveOutputItem) })) : undefined;
      return {
        kind: code ? 'code' : 'markdown',
        language: cell.languageId || (code ? LANGUAGE : 'markdown'),
        source: cell.value,
        ...(outputs ? { outputs } : {}),
      };
    });
    return new TextEncoder().encode(serializeNotebook({ format: 'softnb', version: 1, metadata: data.metadata ?? {}, cells }));
  }
}

function restoreOutput(output: unknown, where: string): vscode.NotebookCellOutput {
  const items = (output as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) throw new Error(`${where}: expected an object with an 'items' array`);
  return new vscode.NotebookCellOutput(
    items.map((item) => restoreOutputItem(item, where)).map((i) => new vscode.NotebookCellOutputItem(i.data, i.mime)),
  );
}
