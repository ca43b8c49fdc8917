import type { RendererContext } from 'vscode-notebook-renderer';
import { csvFileName } from '../../src/core/analysis/tableText';
import { type ExportCsvRequest, type ExportCsvResult, isExportCsvResult } from '../../src/protocol/rendererMessages';
import { h } from '../common/dom';

/**
 * Saves a table's CSV (`title` names the table, `csv` is the whole table in the order shown) and
 * resolves to the status line the table shows afterwards ('' for none).
 */
export type CsvExport = (title: string, csv: string) => Promise<string>;

/**
 * Export CSV in VS Code: the extension host saves the file (src/extension/notebook/rendererMessaging.ts
 * shows the save dialog) on an ExportCsvRequest and answers with an ExportCsvResult, whose
 * outcome becomes the status line. Without renderer messaging (a VS Code that does not offer it),
 * falls back to downloadCsv.
 */
export function messagingCsvExport(context: RendererContext<unknown>): CsvExport {
  const { postMessage, onDidReceiveMessage } = context;
  if (!postMessage || !onDidReceiveMessage) return downloadCsv;
  const waiting = new Map<number, (result: ExportCsvResult) => void>();
  onDidReceiveMessage((message: unknown) => {
    if (!isExportCsvResult(message)) return;
    waiting.get(message.requestId)?.(message);
    waiting.delete(message.requestId);
  });
  let lastId = 0;
  return (title, csv) =>
    new Promise((resolve) => {
      const request: ExportCsvRequest = { type: 'softness.exportCsv', requestId: ++lastId, title, csv };
      waiting.set(request.requestId, (result) => resolve(statusText(result)));
      postMessage(request);
    });
}

/**
 * Export CSV without an extension host (the CLI's HTML report in a browser): clicks a data: URL
 * download link named csvFileName(title), which the browser saves as a download.
 */
export const downloadCsv: CsvExport = async (title, csv) => {
  let binary = '';
  for (const byte of new TextEncoder().encode(csv)) binary += String.fromCharCode(byte);
  h('a', { href: `data:text/csv;base64,${btoa(binary)}`, download: csvFileName(title) }).click();
  return '';
};

function statusText(result: ExportCsvResult): string {
  if (result.outcome === 'saved') return `saved ${result.path}`;
  if (result.outcome === 'failed') return `not saved: ${result.error}`;
  return '';
}
