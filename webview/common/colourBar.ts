import { cssGradient, speciesColour, type ColourStops } from './colourScales';

/** What the colour bar shows: a continuous scale with limits, or one swatch per species. */
export type ColourKey =
  | { readonly kind: 'scale'; readonly title: string; readonly stops: ColourStops; readonly lo: number; readonly hi: number }
  | { readonly kind: 'species'; readonly title: string; readonly speciesNames: readonly string[] };

/** Tick labels on a continuous colour bar: both ends, the middle and the quarters. */
const TICKS = 5;

/**
 * Fills `bar` (a DOM element, kept as HTML so tests and screen readers read it) with the key;
 * styled through the CSSOM only (no <style> element), so it works under a webview CSP without
 * 'unsafe-inline' styles. For a scale: the title, a vertical CSS gradient (low at the bottom) and TICKS labels
 * (`.softness-colourbar-tick`, value in `data-value`); for species, one swatch and name per
 * species (`.softness-colourbar-species`).
 */
export function renderColourBar(bar: HTMLElement, key: ColourKey): void {
  const title = element('div', 'softness-colourbar-title', key.title);
  if (key.kind === 'species') {
    const rows = key.speciesNames.map((name, s) => {
      const row = element('div', 'softness-colourbar-species', '');
      const swatch = element('span', 'softness-colourbar-swatch', '');
      Object.assign(swatch.style, {
        display: 'inline-block',
        width: '10px',
        height: '10px',
        borderRadius: '50%',
        background: `rgb(${speciesColour(s).join(',')})`,
      });
      row.append(swatch, ` ${name}`);
      return row;
    });
    bar.replaceChildren(title, ...rows);
    return;
  }
  const gradient = element('div', 'softness-colourbar-gradient', '');
  Object.assign(gradient.style, { width: '14px', background: cssGradient(key.stops) });
  const ticks = element('div', 'softness-colourbar-ticks', '');
  Object.assign(ticks.style, { position: 'relative', flex: '1' });
  for (let k = 0; k < TICKS; k++) {
    const value = key.lo + ((key.hi - key.lo) * k) / (TICKS - 1);
    const tick = element('span', 'softness-colourbar-tick', formatTick(value));
    tick.dataset.value = String(value);
    Object.assign(tick.style, {
      position: 'absolute',
      left: '4px',
      bottom: `${(100 * k) / (TICKS - 1)}%`,
      transform: 'translateY(50%)',
      whiteSpace: 'nowrap',
    });
    ticks.append(tick);
  }
  const body = element('div', 'softness-colourbar-body', '', gradient, ticks);
  Object.assign(body.style, { display: 'flex', flex: '1', margin: '8px 0' });
  bar.replaceChildren(title, body);
}

/** Three significant digits, no exponent for ordinary magnitudes, and an exact "0". */
function formatTick(value: number): string {
  if (Math.abs(value) < 1e-12) return '0';
  return Number(value.toPrecision(3)).toString();
}

function element(tag: string, className: string, text: string, ...children: Node[]): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  if (text) node.textContent = text;
  node.append(...children);
  return node;
}
