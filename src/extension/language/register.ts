import * as vscode from 'vscode';
import type { ValueKind } from '../../core/lang/values';
import { completionsAt, definedNames, diagnose, hoverAt, type CompletionEntry, type KnownNames } from './analysis';

const LANGUAGE = 'softness';
/** Wait for a pause in typing before re-checking a cell. */
const DEBOUNCE_MS = 200;

const COMPLETION_KIND: Record<CompletionEntry['kind'], vscode.CompletionItemKind> = {
  statement: vscode.CompletionItemKind.Keyword,
  parameter: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.EnumMember,
  result: vscode.CompletionItemKind.Variable,
};

/**
 * Language support for `softness` cells while typing: diagnostics (debounced), completions
 * (triggered by ' ' and '=') and hovers. The analysis itself is the pure `./analysis` module; this
 * only translates positions (vscode 0-based, analysis 1-based) and finds the names that earlier
 * cells of the same notebook define.
 */
export function registerLanguageFeatures(context: vscode.ExtensionContext): void {
  const diagnostics = vscode.languages.createDiagnosticCollection(LANGUAGE);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const check = (document: vscode.TextDocument): void => {
    const problems = diagnose(document.getText(), namesBefore(document)).map((d) => {
      const range = new vscode.Range(d.line - 1, d.column - 1, d.line - 1, d.endColumn - 1);
      const severity = d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
      const diagnostic = new vscode.Diagnostic(range, d.message, severity);
      diagnostic.source = LANGUAGE;
      return diagnostic;
    });
    diagnostics.set(document.uri, problems);
  };
  const schedule = (document: vscode.TextDocument): void => {
    if (document.languageId !== LANGUAGE) return;
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        if (!document.isClosed) check(document);
      }, DEBOUNCE_MS),
    );
  };
  // A cell's names reach the cells below it, so a change re-checks the whole notebook.
  const scheduleNotebookOf = (document: vscode.TextDocument): void => {
    const notebook = notebookOf(document);
    if (notebook) for (const cell of notebook.getCells()) schedule(cell.document);
    else schedule(document);
  };

  context.subscriptions.push(
    diagnostics,
    vscode.workspace.onDidOpenTextDocument(schedule),
    vscode.workspace.onDidChangeTextDocument((e) => scheduleNotebookOf(e.document)),
    // Only added, removed or moved cells change what is defined above a cell (not streamed outputs).
    vscode.workspace.onDidChangeNotebookDocument((e) => {
      if (e.contentChanges.length > 0) for (const cell of e.notebook.getCells()) schedule(cell.document);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      clearTimeout(timers.get(document.uri.toString()));
      diagnostics.delete(document.uri);
    }),
    vscode.languages.registerCompletionItemProvider(
      LANGUAGE,
      {
        provideCompletionItems(document, position) {
          const entries = completionsAt(document.getText(), position.line + 1, position.character + 1, namesBefore(document));
          return entries.map((e, index) => {
            const item = new vscode.CompletionItem(e.label, COMPLETION_KIND[e.kind]);
            item.insertText = e.insertText;
            item.detail = e.detail;
            item.documentation = new vscode.MarkdownString(e.documentation);
            // Right after `key=` a value follows; keep the choices' spec order instead of A-Z.
            item.sortText = String(index).padStart(4, '0');
            return item;
          });
        },
      },
      ' ',
      '=',
    ),
    vscode.languages.registerHoverProvider(LANGUAGE, {
      provideHover(document, position) {
        const hover = hoverAt(document.getText(), position.line + 1, position.character + 1);
        if (!hover) return undefined;
        const range = new vscode.Range(position.line, hover.column - 1, position.line, hover.endColumn - 1);
        return new vscode.Hover(new vscode.MarkdownString(hover.markdown), range);
      },
    }),
    {
      dispose: () => {
        for (const timer of timers.values()) clearTimeout(timer);
      },
    },
  );
  vscode.workspace.textDocuments.forEach(schedule);
}

function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  return vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document === document));
}

/** Names defined by the `softness` code cells above this one in its notebook (none outside one). */
function namesBefore(document: vscode.TextDocument): KnownNames {
  const names = new Map<string, ValueKind | null>();
  const cells = notebookOf(document)?.getCells() ?? [];
  for (const cell of cells) {
    if (cell.document === document) break;
    if (cell.kind === vscode.NotebookCellKind.Code && cell.document.languageId === LANGUAGE) {
      for (const [name, kind] of definedNames(cell.document.getText())) names.set(name, kind);
    }
  }
  return names;
}
