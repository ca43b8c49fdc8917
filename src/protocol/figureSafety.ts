import type { Figure } from '../core/plots/figure';

/**
 * plotly trace types drawn only from the figure's own numbers. Left out on purpose: the geo and
 * map families (scattergeo, choropleth, scattermap, densitymap, *mapbox: they fetch topojson or map
 * tiles from the network) and `image` (its `source` is a URL); a trace without `type` is a scatter.
 */
const SELF_CONTAINED_TRACES: ReadonlySet<string> = new Set([
  'scatter',
  'scattergl',
  'bar',
  'histogram',
  'histogram2d',
  'histogram2dcontour',
  'heatmap',
  'contour',
  'box',
  'violin',
  'pie',
  'scatterpolar',
  'scatterpolargl',
  'barpolar',
  'scatterternary',
  'scatter3d',
  'surface',
  'mesh3d',
  'cone',
  'streamtube',
  'isosurface',
  'volume',
  'parcoords',
  'parcats',
  'sankey',
  'sunburst',
  'treemap',
  'icicle',
  'funnel',
  'funnelarea',
  'waterfall',
  'indicator',
  'table',
  'splom',
  'candlestick',
  'ohlc',
  'carpet',
  'scattercarpet',
  'contourcarpet',
  'scattersmith',
]);

/** Layout parts that load content by URL: map tiles and styles, geo topojson, and templates (which may carry any of these). */
const URL_LOADING_LAYOUT_KEYS: ReadonlySet<string> = new Set(['geo', 'map', 'mapbox', 'template']);

/**
 * An image `source` kept: a base64 raster image inside the figure itself. It is bytes, not an
 * address: nothing is fetched, and plotly draws it as an SVG <image>, where even a script-bearing
 * format could not run (raster only, so that question does not arise).
 */
const SAFE_IMAGE_SOURCE = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$/;

/** Deeper than this, a figure's JSON is not a plotly figure (plotly's deepest attributes are ~6 levels). */
const MAX_DEPTH = 32;

/**
 * The figure without anything that makes the webview fetch remote (or any) content: traces of the
 * types not in SELF_CONTAINED_TRACES are left out, as are the layout's geo/map/mapbox/template
 * parts, and every `source` (layout.images[], anything nested) that is not a base64 PNG, JPEG,
 * GIF or WebP data: URL (an image that loses its source is left out). Parts nested deeper than
 * MAX_DEPTH are cut. The notebook renderer and the report (through decodeOutput) and both previews
 * draw only figures passed through here, so a notebook file, a model file or a trajectory cannot
 * make a plot load a URL. Pure; never throws for JSON input; returns a new figure.
 */
export function safeFigure(figure: Figure): Figure {
  const data = Array.isArray(figure?.data) ? figure.data : [];
  const traces = data.filter((trace) => SELF_CONTAINED_TRACES.has(String(trace?.type ?? 'scatter'))).map((trace) => clean(trace, 1));
  const layout = typeof figure?.layout === 'object' && figure.layout !== null ? figure.layout : {};
  const kept = Object.fromEntries(Object.entries(layout).filter(([key]) => !URL_LOADING_LAYOUT_KEYS.has(key)));
  return { data: traces as Figure['data'], layout: clean(kept, 1) as Figure['layout'] };
}

/** A copy of JSON `value` without unsafe `source` strings, sourceless `images` entries and parts deeper than MAX_DEPTH. */
function clean(value: unknown, depth: number): unknown {
  // Typed arrays (the previews' curves) hold only numbers: kept as they are.
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  if (depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'source' && !(typeof v === 'string' && SAFE_IMAGE_SOURCE.test(v))) continue;
    const cleaned = clean(v, depth + 1);
    out[key] =
      key === 'images' && Array.isArray(cleaned)
        ? cleaned.filter((image) => typeof image === 'object' && image !== null && 'source' in image)
        : cleaned;
  }
  return out;
}
