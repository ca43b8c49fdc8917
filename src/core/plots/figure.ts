/**
 * A plotly figure as plain JSON: `data` traces and `layout` (plotly 3 object titles, `title: {text}`).
 * The one figure type of the project: the figures of src/core/plots, the notebook's plot outputs
 * (src/core/lang/outputs.ts, serialised by src/protocol/outputMime.ts) and the previews' figures
 * are all drawn by plotly after webview/common/theme.ts has coloured the layout.
 */
export interface Figure {
  readonly data: ReadonlyArray<Record<string, unknown>>;
  readonly layout: Record<string, unknown>;
}

/**
 * `layout.meta` of a figure whose x axis is a per-particle value (here softness S) and whose
 * points carry their bin edges as `customdata` [lo, hi]: selecting points (box, lasso, click)
 * selects that value range, which the notebook renderer passes on to the snapshots of the same
 * notebook.
 */
export interface ValueSelectionMeta {
  /** The value the x axis shows, matched against a snapshot's valueName ('S'). */
  readonly selectsValue: string;
}
