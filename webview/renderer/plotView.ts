import type { PlotOutput } from '../../src/core/lang/outputs';
import type { ValueSelectionMeta } from '../../src/core/plots/figure';
import { h } from '../common/dom';
import { PLOT_CONFIG, type Plotly, type PlotlyEvents } from '../common/plotly';
import { themedLayout, type Theme } from '../common/theme';
import { publishValueRange } from './valueRangeBus';

/**
 * Draws a plot output (any plotly figure JSON: P(S) and P(S|R), P_R(S) on a log axis with error
 * bars, overlap curves, ...) into `root`, coloured by the VS Code theme. A figure marked with
 * ValueSelectionMeta (P_R(S)) publishes what the user selects — box or lasso selection, or a
 * click on a point — as a value range on the webview's bus (the union of the selected points'
 * bin edges), and a cleared selection (double-click) as null. Resolves to the plotly element
 * (to purge on dispose) once plotly has drawn it.
 */
export async function renderPlot(root: HTMLElement, plot: PlotOutput, plotly: Plotly, theme: Theme): Promise<HTMLElement> {
  const graph = h('div', { className: 'softness-plot' });
  graph.style.height = '420px';
  root.append(graph);
  const drawn = await plotly.newPlot(graph, plot.figure.data, themedLayout(plot.figure.layout, theme), PLOT_CONFIG);
  const valueName = (plot.figure.layout as { meta?: Partial<ValueSelectionMeta> }).meta?.selectsValue;
  if (valueName) publishSelections(drawn, valueName);
  return graph;
}

/** One selected or clicked point as plotly reports it; customdata holds its bin edges [lo, hi]. */
interface SelectedPoints {
  points?: ReadonlyArray<{ customdata?: unknown }>;
}

function publishSelections(graph: PlotlyEvents, valueName: string): void {
  const publish = (event: unknown): void => publishValueRange({ valueName, range: binRange(event as SelectedPoints | undefined) });
  graph.on('plotly_selected', publish);
  graph.on('plotly_click', publish);
  graph.on('plotly_deselect', () => publishValueRange({ valueName, range: null }));
}

/** [min lo, max hi] over the points' bin edges, or null when no point (with edges) is selected. */
function binRange(event: SelectedPoints | undefined): { lo: number; hi: number } | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const point of event?.points ?? []) {
    const edges = point.customdata;
    if (!Array.isArray(edges) || edges.length !== 2) continue;
    lo = Math.min(lo, Number(edges[0]));
    hi = Math.max(hi, Number(edges[1]));
  }
  return lo <= hi ? { lo, hi } : null;
}
