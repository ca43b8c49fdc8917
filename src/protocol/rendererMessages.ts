/**
 * Messages between the notebook renderer `softness-renderer` (webview/renderer, in the output
 * webview) and the extension host (src/extension/notebook/rendererMessaging.ts), through VS Code's
 * renderer messaging (`context.postMessage` in the renderer, `vscode.notebooks.createRendererMessaging`
 * in the host; package.json declares `requiresMessaging: "optional"`). Both ends see `unknown`, so
 * each checks what it receives with the guards below.
 */

/** The renderer id of package.json `contributes.notebookRenderer`. */
export const RENDERER_ID = 'softness-renderer';

/** Renderer -> host: save this table as CSV (the user clicked Export CSV under a table output). */
export interface ExportCsvRequest {
  readonly type: 'softness.exportCsv';
  /** Chosen by the renderer, echoed in the result, so that each table shows its own outcome. */
  readonly requestId: number;
  /** The table's title; the save dialog offers csvFileName(title) beside the notebook. */
  readonly title: string;
  /** The whole table as CSV (src/core/analysis/tableText.ts toCsv), in the order shown. */
  readonly csv: string;
}

/** What became of a save: written to `path`, cancelled in the dialog, or failed with `error`. */
export type ExportCsvOutcome =
  | { readonly outcome: 'saved'; readonly path: string }
  | { readonly outcome: 'cancelled' }
  | { readonly outcome: 'failed'; readonly error: string };

/** Host -> renderer: the outcome of the ExportCsvRequest `requestId`. */
export type ExportCsvResult = { readonly type: 'softness.exportCsvResult'; readonly requestId: number } & ExportCsvOutcome;

/** True when `message` is an ExportCsvRequest with fields of the right types. */
export function isExportCsvRequest(message: unknown): message is ExportCsvRequest {
  const m = message as Partial<ExportCsvRequest> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.type === 'softness.exportCsv' &&
    typeof m.requestId === 'number' &&
    typeof m.title === 'string' &&
    typeof m.csv === 'string'
  );
}

/** True when `message` is an ExportCsvResult (its outcome-specific field included). */
export function isExportCsvResult(message: unknown): message is ExportCsvResult {
  const m = message as { type?: unknown; requestId?: unknown; outcome?: unknown; path?: unknown; error?: unknown } | null;
  if (typeof m !== 'object' || m === null || m.type !== 'softness.exportCsvResult' || typeof m.requestId !== 'number') return false;
  if (m.outcome === 'saved') return typeof m.path === 'string';
  if (m.outcome === 'failed') return typeof m.error === 'string';
  return m.outcome === 'cancelled';
}
