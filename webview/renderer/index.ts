import { decodeOutput } from '../../src/protocol/outputMime';
import { h } from './dom';
import { loadPlotly } from './plotly';
import type { ActivationFunction, RendererContext } from './rendererApi';
import { renderPlot } from './plotView';
import { renderSnapshot } from './snapshotView';
import { ensureStyles } from './styles';
import { renderTable } from './tableView';
import { readTheme } from './theme';

/**
 * The notebook renderer `softness-renderer` (package.json contributes.notebookRenderer): draws the
 * MIME types of src/protocol/outputMime.ts — plots and snapshots with plotly (loaded on first
 * use), tables as paginated sortable HTML. A malformed item is shown as an error message in the
 * output instead of throwing, so one bad output does not blank the others.
 */
export const activate: ActivationFunction = (context) => {
  // plotly elements by output item id, purged when VS Code disposes or re-renders the item.
  const graphs = new Map<string, HTMLElement>();
  const purge = (id: string): void => {
    const graph = graphs.get(id);
    graphs.delete(id);
    if (graph) void loadPlotly().then((plotly) => plotly.purge(graph));
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
        else {
          const plotly = await loadPlotly();
          if (signal?.aborted) return;
          const theme = readTheme(element);
          graphs.set(item.id, output.kind === 'plot' ? await renderPlot(root, output, plotly, theme) : await renderSnapshot(root, output, plotly, theme));
        }
      } catch (error) {
        root.append(h('pre', { className: 'softness-error', textContent: `Cannot show this ${item.mime} output: ${(error as Error).message}` }));
      }
    },
    disposeOutputItem(id) {
      for (const key of id === undefined ? [...graphs.keys()] : [id]) purge(key);
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
