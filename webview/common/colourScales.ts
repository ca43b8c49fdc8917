import { speciesColour as plotSpeciesColour } from '../../src/core/plots/speciesColours';

/**
 * Colour scales of the particle views, DOM-free: the diverging scale of the softness snapshots
 * (red = soft, S > 0; blue = hard, as in [Cubuk2015] Fig. 3), a sequential scale for
 * any other column, and a categorical palette for species.
 */

export type Rgb = readonly [number, number, number];
/** Stops [t in 0..1, colour] in increasing t, first at 0 and last at 1. */
export type ColourStops = ReadonlyArray<readonly [number, Rgb]>;

/** plotly's 'RdBu' (blue low, grey centre, red high), so the canvas matches the plotly figures. */
export const DIVERGING: ColourStops = [
  [0, [5, 10, 172]],
  [0.35, [106, 137, 247]],
  [0.5, [190, 190, 190]],
  [0.6, [220, 170, 132]],
  [0.7, [230, 145, 90]],
  [1, [178, 10, 28]],
];

/** viridis (perceptually uniform, readable in grey and by colour-blind readers), 5 stops. */
export const SEQUENTIAL: ColourStops = [
  [0, [68, 1, 84]],
  [0.25, [59, 82, 139]],
  [0.5, [33, 145, 140]],
  [0.75, [94, 201, 98]],
  [1, [253, 231, 37]],
];

/**
 * Colour of species index `s` (>= 0) as RGB bytes: the palette of the plots
 * (src/core/plots/speciesColours.ts), so a species has one colour in the particle view and in
 * every figure.
 */
export function speciesColour(s: number): Rgb {
  const hex = plotSpeciesColour(s);
  return [1, 3, 5].map((k) => Number.parseInt(hex.slice(k, k + 2), 16)) as unknown as Rgb;
}

/** The colour at t (clamped to [0, 1]) by linear interpolation between the stops. */
export function colourAt(stops: ColourStops, t: number): Rgb {
  const x = Math.min(1, Math.max(0, t));
  let k = 1;
  while (k < stops.length - 1 && stops[k][0] < x) k++;
  const [t0, c0] = stops[k - 1];
  const [t1, c1] = stops[k];
  const f = t1 > t0 ? (x - t0) / (t1 - t0) : 0;
  return [0, 1, 2].map((d) => Math.round(c0[d] + f * (c1[d] - c0[d]))) as unknown as Rgb;
}

/**
 * A lookup table of `size` colours sampled evenly over the scale: Uint8Array row-major
 * [size x 3] RGB, so colouring 100,000 particles is one index per particle. The default size is
 * odd so the middle entry is exactly t = 0.5 (S = 0 on the diverging scale).
 */
export function colourTable(stops: ColourStops, size = 257): Uint8Array {
  const table = new Uint8Array(3 * size);
  for (let k = 0; k < size; k++) table.set(colourAt(stops, k / (size - 1)), 3 * k);
  return table;
}

/** A CSS linear-gradient of the scale towards `direction` ('to top': t = 0 at the bottom). */
export function cssGradient(stops: ColourStops, direction = 'to top'): string {
  return `linear-gradient(${direction}, ${stops.map(([t, [r, g, b]]) => `rgb(${r},${g},${b}) ${(100 * t).toFixed(1)}%`).join(', ')})`;
}

/**
 * The value limits a scale maps to t = 0 and t = 1, from the finite entries of `values`
 * (Float32Array [n]): diverging gives [-m, m] with m = max|v| (centred on 0, so S = 0 is grey),
 * sequential [min, max]. Degenerate cases (no finite value, all equal) widen to a unit interval
 * so the mapping stays defined.
 */
export function valueLimits(values: Float32Array, kind: 'diverging' | 'sequential'): { lo: number; hi: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(min <= max)) return kind === 'diverging' ? { lo: -1, hi: 1 } : { lo: 0, hi: 1 };
  if (kind === 'diverging') {
    const m = Math.max(Math.abs(min), Math.abs(max)) || 1;
    return { lo: -m, hi: m };
  }
  return min < max ? { lo: min, hi: max } : { lo: min - 0.5, hi: max + 0.5 };
}
