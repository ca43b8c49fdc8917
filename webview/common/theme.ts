/** Colours and font of the VS Code theme, read from the --vscode-* CSS variables of a webview (output webview or preview). */
export interface Theme {
  readonly foreground: string;
  readonly background: string;
  readonly fontFamily: string;
  readonly fontSize: number;
}

/** Used outside VS Code (e.g. a plain browser page) where the --vscode-* variables are unset. */
const FALLBACK: Theme = { foreground: '#333333', background: '#ffffff', fontFamily: 'sans-serif', fontSize: 12 };

/** The current theme as seen from `element` (the variables are inherited from the webview body). */
export function readTheme(element: Element): Theme {
  const style = getComputedStyle(element);
  const get = (name: string): string => style.getPropertyValue(name).trim();
  const fontSize = Number.parseFloat(get('--vscode-editor-font-size'));
  return {
    foreground: get('--vscode-editor-foreground') || FALLBACK.foreground,
    background: get('--vscode-editor-background') || FALLBACK.background,
    fontFamily: get('--vscode-font-family') || FALLBACK.fontFamily,
    fontSize: Number.isFinite(fontSize) && fontSize > 0 ? fontSize : FALLBACK.fontSize,
  };
}

/**
 * A copy of a plotly `layout` coloured by the theme: background, font, and the grid, zero and axis
 * lines of every 2D axis (xaxis, yaxis2, ...; no figure has a 3D scene: snapshots are drawn with
 * three.js). Grid lines use the foreground at low alpha so they read on light and dark themes
 * alike. Existing axis settings (titles, log type, ranges) are kept; the input is not modified.
 */
export function themedLayout(layout: object, theme: Theme): Record<string, unknown> {
  const grid = withAlpha(theme.foreground, 0.2);
  const axisColours = { color: theme.foreground, gridcolor: grid, zerolinecolor: grid, linecolor: grid };
  const out: Record<string, unknown> = {
    ...layout,
    paper_bgcolor: theme.background,
    plot_bgcolor: theme.background,
    font: { ...(layout as { font?: object }).font, color: theme.foreground, family: theme.fontFamily, size: theme.fontSize },
    legend: { bgcolor: 'rgba(0,0,0,0)', ...(layout as { legend?: object }).legend },
  };
  for (const [key, value] of Object.entries(layout)) {
    if (/^[xy]axis\d*$/.test(key)) out[key] = { ...(value as object), ...axisColours };
  }
  return out;
}

/**
 * `colour` (#rgb, #rrggbb[aa] or rgb()/rgba()) as rgba() with the given alpha; plotly parses only
 * plain colour syntax (no color-mix), so the theme's foreground is converted here. Unparseable
 * colours give mid grey.
 */
export function withAlpha(colour: string, alpha: number): string {
  const c = colour.trim();
  let rgb: number[] | null = null;
  const hex = /^#([0-9a-f]{3,8})$/i.exec(c)?.[1];
  if (hex && (hex.length === 3 || hex.length === 4)) rgb = [0, 1, 2].map((k) => 17 * Number.parseInt(hex[k], 16));
  else if (hex && (hex.length === 6 || hex.length === 8)) rgb = [0, 2, 4].map((k) => Number.parseInt(hex.slice(k, k + 2), 16));
  else {
    const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(c);
    if (m) rgb = [m[1], m[2], m[3]].map(Number);
  }
  const [r, g, b] = rgb ?? [128, 128, 128];
  return `rgba(${r},${g},${b},${alpha})`;
}
