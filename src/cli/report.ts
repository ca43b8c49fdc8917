import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatCell } from '../core/analysis/tableText';
import type { CellOutput } from '../core/lang/outputs';
import { snapshotFigure } from '../../webview/common/snapshotFigure';

/** One executed cell as the report shows it. */
export interface ReportCell {
  readonly kind: 'code' | 'markdown';
  readonly source: string;
  readonly outputs: readonly CellOutput[];
  readonly error: string | null;
  readonly seconds: number;
}

/**
 * A self-contained HTML report: the notebook's cells with their outputs, plotly inlined (no
 * network needed to open it), tables as HTML. Snapshots are drawn as WebGL plotly scatters.
 */
export function renderReport(title: string, cells: readonly ReportCell[], plotlySource = loadPlotly(), stylesheet = loadStylesheet()): string {
  const figures: Array<{ id: string; figure: object }> = [];
  const body = cells
    .map((cell, k) => {
      if (cell.kind === 'markdown') return `<section class="md">${markdownToHtml(cell.source)}</section>`;
      const outputs = cell.outputs.map((out, j) => renderOutput(out, `fig-${k}-${j}`, figures)).join('\n');
      const error = cell.error ? `<pre class="error">${escapeHtml(cell.error)}</pre>` : '';
      return `<section class="cell"><div class="meta">[${k + 1}] ${cell.seconds.toFixed(2)} s</div><pre class="src">${escapeHtml(cell.source)}</pre>${outputs}${error}</section>`;
    })
    .join('\n');
  const figureScript = figures
    .map(({ id, figure }) => `Plotly.newPlot(${JSON.stringify(id)}, ${JSON.stringify((figure as { data: unknown }).data)}, ${JSON.stringify((figure as { layout: unknown }).layout)}, {responsive: true});`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${stylesheet}</style>
<script>${plotlySource}</script></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
<script>${figureScript}</script>
</body></html>
`;
}

function renderOutput(out: CellOutput, id: string, figures: Array<{ id: string; figure: object }>): string {
  switch (out.kind) {
    case 'text':
      return `<pre class="text">${escapeHtml(out.text)}</pre>`;
    case 'table': {
      const head = out.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
      const rows = out.rows.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(formatCell(v))}</td>`).join('')}</tr>`).join('');
      return `<h4>${escapeHtml(out.title)} (${out.rows.length} rows)</h4><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    }
    case 'plot':
      figures.push({ id, figure: out.figure });
      return `<div class="plot" id="${id}"></div>`;
    case 'snapshot':
      figures.push({ id, figure: snapshotFigure(out) });
      return `<div class="plot" id="${id}" style="height:640px"></div>`;
  }
}

/** media/report.css, found from the bundle (dist/) or the sources (src/cli/). */
function loadStylesheet(): string {
  const candidates = [path.join(__dirname, '../media/report.css'), path.join(__dirname, '../../media/report.css')];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`report stylesheet not found (looked for ${candidates.join(', ')})`);
  return readFileSync(found, 'utf8');
}

function loadPlotly(): string {
  // The strict bundle (plotly.js 3): no eval, so the report also opens under a strict CSP.
  return readFileSync(require.resolve('plotly.js-strict-dist-min'), 'utf8');
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
