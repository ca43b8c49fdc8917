import type { PlotOutput } from '../../src/core/lang/outputs';
import { h } from './dom';
import { PLOT_CONFIG, type Plotly } from './plotly';
import { themedLayout, type Theme } from './theme';

/**
 * Draws a plot output (any plotly figure JSON: P(S) and P(S|R), P_R(S) on a log axis with error
 * bars, overlap curves, ...) into `root`, coloured by the VS Code theme. Resolves to the plotly
 * element (to purge on dispose) once plotly has drawn it.
 */
export async function renderPlot(root: HTMLElement, plot: PlotOutput, plotly: Plotly, theme: Theme): Promise<HTMLElement> {
  const graph = h('div', { className: 'softness-plot' });
  graph.style.height = '420px';
  root.append(graph);
  await plotly.newPlot(graph, plot.figure.data.slice(), themedLayout(plot.figure.layout, theme), PLOT_CONFIG);
  return graph;
}
