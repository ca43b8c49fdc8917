import { decodeOutput } from '../../src/protocol/outputMime';
import { h } from '../common/dom';
import { loadPlotly } from '../common/plotly';
import type { ActivationFunction, RendererContext } from './rendererApi';
import { renderPlot } from './plotView';
import { renderSnapshot } from './snapshotView';
import { ensureStyles } from './styles';
import { renderTable } from './tableView';
import { readTheme } from '../common/theme';

/**
 * The notebook renderer `softness-renderer` (package.json contributes.notebookRenderer): draws the
 * MIME types of src/protocol/outputMime.ts — plots with plotly and snapshots with three.js (each
 * loaded on first use), tables as paginated sortable HTML. A malformed item is shown as an error
 * message in the output instead of throwing, so one bad output does not blank the others.
 */
export const activate: ActivationFunction = (context) => {
  // What releases each output's plotly graph or WebGL context, by output item id: called when
  // VS Code disposes or re-renders the item.
  const releases = new Map<string, () => void>();
  const purge = (id: string): void => {
    const release = releases.get(id);
    releases.delete(id);
    release?.();
  };
  return {
    async renderOutputItem(item, element, signal) {
      purge(item.id);
      ensureStyles();
      const root = h('div', { className: 'softness-output' });
      element.replaceChildren(root);
      try {
        const output = decodeOutput(item.mime, item.data());
        if (output.kind === 'text') root.append(h('pre', { textContent: output.text }));
        else if (output.kind === 'table') renderTable(root, output, (fileName, csv) => exportCsv(context, fileName, csv));
        else if (output.kind === 'snapshot') releases.set(item.id, await renderSnapshot(root, output));
        else {
          const plotly = await loadPlotly();
          if (signal?.aborted) return;
          const graph = await renderPlot(root, output, plotly, readTheme(element));
          releases.set(item.id, () => plotly.purge(graph));
        }
      } catch (error) {
        root.append(
          h('pre', { className: 'softness-error', textContent: `Cannot show this ${item.mime} output: ${(error as Error).message}` }),
        );
      }
    },
    disposeOutputItem(id) {
      for (const key of id === undefined ? [...releases.keys()] : [id]) purge(key);
    },
  };
};

/**
 * Hands a table's CSV to the extension ({type: 'softness.exportCsv', fileName, csv}) when it
 * listens for renderer messages; otherwise clicks a data: URL download link, which VS Code's
 * output webview turns into a save dialog (and a plain browser into a download).
 */
function exportCsv(context: RendererContext, fileName: string, csv: string): void {
  if (context.postMessage) {
    context.postMessage({ type: 'softness.exportCsv', fileName, csv });
    return;
  }
  let binary = '';
  for (const byte of new TextEncoder().encode(csv)) binary += String.fromCharCode(byte);
  h('a', { href: `data:text/csv;base64,${btoa(binary)}`, download: fileName }).click();
}
