import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CellOutput } from '../core/lang/outputs';
import { encodeOutput } from '../protocol/outputMime';

/** One executed cell as the report shows it. */
export interface ReportCell {
  readonly kind: 'code' | 'markdown';
  readonly source: string;
  readonly outputs: readonly CellOutput[];
  readonly error: string | null;
  readonly seconds: number;
}

/**
 * A self-contained HTML report (opens offline, no network): the notebook's cells with their
 * sources, timings and errors. Text outputs are plain HTML; plots, tables and snapshots are kept
 * as their notebook output bytes (src/protocol/outputMime.ts, base64 in data attributes) and
 * drawn by `reportScript` — dist/report.js (webview/report/index.ts), the notebook renderer with
 * plotly's strict bundle and three.js, inlined — so the report shows the same views as the
 * notebook: P_R(S) selections highlight the snapshot, tables sort and export CSV.
 * Throws Error when the stylesheet or the report script cannot be found (run `npm run build`).
 */
export function renderReport(
  title: string,
  cells: readonly ReportCell[],
  reportScript = loadReportScript(),
  stylesheet = loadStylesheet(),
): string {
  const body = cells
    .map((cell, k) => {
      if (cell.kind === 'markdown') return `<section class="md">${markdownToHtml(cell.source)}</section>`;
      const outputs = cell.outputs.map(renderOutput).join('\n');
      const error = cell.error ? `<pre class="error">${escapeHtml(cell.error)}</pre>` : '';
      return `<section class="cell"><div class="meta">[${k + 1}] ${cell.seconds.toFixed(2)} s</div><pre class="src">${escapeHtml(cell.source)}</pre>${outputs}${error}</section>`;
    })
    .join('\n');
  // "</script" inside the inlined bundle would end the script element early.
  const script = reportScript.replace(/<\/script/gi, '<\\/script');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${reportCsp(script)}">
<link rel="icon" href="data:,"><title>${escapeHtml(title)}</title>
<style>${stylesheet}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
<script>${script}</script>
</body></html>
`;
}

/**
 * The report's content security policy (a meta element: the file is opened from disk, no server
 * sends headers): nothing is loaded from anywhere (default-src 'none'), the one inline script runs
 * by its SHA-256 hash (so no other script, injected or not, can run, and neither eval nor
 * new Function), styles may be inline (the stylesheet, and plotly and the renderer add <style>
 * elements and style attributes), images only from data: and blob: URLs (plotly's and the colour
 * bars' generated images); no frames, forms, base URL or plugins (frame-ancestors is not
 * honoured in a meta element, so it is not given).
 */
export function reportCsp(inlineScript: string): string {
  const hash = createHash('sha256').update(inlineScript, 'utf8').digest('base64');
  return [
    "default-src 'none'",
    `script-src 'sha256-${hash}'`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function renderOutput(out: CellOutput): string {
  if (out.kind === 'text') return `<pre class="text">${escapeHtml(out.text)}</pre>`;
  const item = encodeOutput(out);
  return `<div class="output" data-softness-mime="${item.mime}" data-softness-bytes="${Buffer.from(item.data).toString('base64')}"></div>`;
}

/** media/report.css, found from the bundle (dist/) or the sources (src/cli/). */
function loadStylesheet(): string {
  return readFirst('report stylesheet', [path.join(__dirname, '../media/report.css'), path.join(__dirname, '../../media/report.css')]);
}

/** dist/report.js, found beside the CLI bundle (dist/cli.js) or from the sources (src/cli/). */
function loadReportScript(): string {
  return readFirst('report script (run npm run build)', [path.join(__dirname, 'report.js'), path.join(__dirname, '../../dist/report.js')]);
}

/** The first of `candidates` that exists, as UTF-8; throws Error naming `what` and every candidate otherwise. */
function readFirst(what: string, candidates: readonly string[]): string {
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`${what} not found (looked for ${candidates.join(', ')})`);
  return readFileSync(found, 'utf8');
}

/** Headings, paragraphs and inline code only: notebook prose, not a full markdown engine. */
function markdownToHtml(source: string): string {
  return source
    .split(/\n{2,}/)
    .map((block) => {
      const heading = /^(#{1,4})\s+(.*)$/.exec(block.trim());
      const inline = (s: string): string => escapeHtml(s).replace(/`([^`]+)`/g, '<code>$1</code>');
      return heading ? `<h${heading[1].length + 1}>${inline(heading[2])}</h${heading[1].length + 1}>` : `<p>${inline(block)}</p>`;
    })
    .join('\n');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
