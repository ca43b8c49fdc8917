/**
 * The few plotly.js calls the webviews make (notebook renderer, previews, report), from plotly's
 * strict bundle (plotly.js 3): the same traces, but its WebGL code (regl) is precompiled instead
 * of generated with `new Function`, so it runs under a content security policy without
 * 'unsafe-eval'. plotly is ~4.6 MB, so it is imported dynamically: each webview bundle is a single
 * file (no code splitting in scripts/build.mjs), so esbuild keeps plotly inside it but defers
 * evaluating it until the first plot is drawn, and only once per webview.
 */
export interface Plotly {
  newPlot(root: HTMLElement, data: readonly object[], layout: object, config?: object): Promise<HTMLElement & PlotlyEvents>;
  react(root: HTMLElement, data: readonly object[], layout: object, config?: object): Promise<HTMLElement>;
  purge(root: HTMLElement): void;
}

/** plotly's event emitter on a graph element (plotly_selected, plotly_click, plotly_deselect, ...). */
export interface PlotlyEvents {
  on(event: string, listener: (data: unknown) => void): void;
}

let loading: Promise<Plotly> | undefined;

/** The plotly module, evaluated on the first call. */
export function loadPlotly(): Promise<Plotly> {
  loading ??= import('plotly.js-strict-dist-min').then((m: { default?: Plotly }) => (m.default ?? m) as Plotly);
  return loading;
}

/** Config for every figure: no plotly cloud link or logo (no remote content), resize with the output. */
export const PLOT_CONFIG = { responsive: true, displaylogo: false, showLink: false, showSendToCloud: false } as const;
