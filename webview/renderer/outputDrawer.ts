import { decodeOutput } from '../../src/protocol/outputMime';
import { h } from '../common/dom';
import { loadPlotly } from '../common/plotly';
import { readTheme } from '../common/theme';
import type { CsvExport } from './csvExport';
import { renderPlot } from './plotView';
import { renderSnapshot } from './snapshotView';
import { ensureStyles } from './styles';
import { renderTable } from './tableView';

/** Draws outputs into elements and releases what they hold; one per output webview or report page. */
export interface OutputDrawer {
  /**
   * Draws the output `bytes` of type `mime` (src/protocol/outputMime.ts) into `element`, replacing
   * what an earlier draw of the same `id` left. A malformed output is shown as an error message
   * in the element instead of throwing, so one bad output does not blank the others.
   */
  draw(id: string, mime: string, bytes: Uint8Array, element: HTMLElement, signal?: AbortSignal): Promise<void>;
  /** Releases the plotly graph or WebGL context of output `id`, or of every output when `id` is undefined. */
  release(id?: string): void;
}

/**
 * The drawing half of the notebook renderer, shared with the CLI's report: plots with plotly and
 * snapshots with three.js (each loaded on first use), tables as paginated sortable HTML whose
 * Export CSV button calls `exportCsv`.
 */
export function createOutputDrawer(exportCsv: CsvExport): OutputDrawer {
  // What releases each output's plotly graph or WebGL context, by output id.
  const releases = new Map<string, () => void>();
  const release = (id: string): void => {
    const run = releases.get(id);
    releases.delete(id);
    run?.();
  };
  return {
    async draw(id, mime, bytes, element, signal) {
      release(id);
      ensureStyles();
      const root = h('div', { className: 'softness-output' });
      element.replaceChildren(root);
      try {
        const output = decodeOutput(mime, bytes);
        if (output.kind === 'text') root.append(h('pre', { textContent: output.text }));
        else if (output.kind === 'table') renderTable(root, output, exportCsv);
        else if (output.kind === 'snapshot') releases.set(id, await renderSnapshot(root, output));
        else {
          const plotly = await loadPlotly();
          if (signal?.aborted) return;
          const graph = await renderPlot(root, output, plotly, readTheme(element));
          releases.set(id, () => plotly.purge(graph));
        }
      } catch (error) {
        root.append(h('pre', { className: 'softness-error', textContent: `Cannot show this ${mime} output: ${(error as Error).message}` }));
      }
    },
    release(id) {
      for (const key of id === undefined ? [...releases.keys()] : [id]) release(key);
    },
  };
}
