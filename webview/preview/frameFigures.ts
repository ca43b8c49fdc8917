import { binIndex, binsForValues } from '../../src/core/analysis/binning';
import type { Figure } from '../../src/core/plots/figure';
import type { FramePairCorrelation } from '../../src/protocol/previewMessages';
import { speciesColour } from '../common/colourScales';

/** Bins of the colouring-column histogram. */
export const HISTOGRAM_BINS = 50;

/**
 * The partial g_ab(r) of one frame as a line plot, one curve per species pair (A-A, A-B, B-B, ...)
 * against r (sigma_AA), with the ideal-gas level g = 1 dotted. Pairs that cannot occur (NaN
 * curves, e.g. a species with one particle) are left out.
 */
export function pairCorrelationFigure(gr: FramePairCorrelation, frameLabel: string): Figure {
  const r = Array.from(gr.r);
  const curves = gr.pairs
    .filter((p) => p.g.some(Number.isFinite))
    .map((p) => ({
      type: 'scatter',
      mode: 'lines',
      name: `g<sub>${p.label}</sub>(r)`,
      x: r,
      y: Array.from(p.g, (v) => (Number.isFinite(v) ? v : null)),
    }));
  const ideal = {
    type: 'scatter',
    mode: 'lines',
    name: 'ideal gas',
    x: [r[0], r[r.length - 1]],
    y: [1, 1],
    line: { dash: 'dot', width: 1 },
    hoverinfo: 'skip',
  };
  return {
    data: [...curves, ideal],
    layout: {
      title: { text: `partial g(r), ${frameLabel}` },
      xaxis: { title: { text: 'r (σ_AA)' } },
      yaxis: { title: { text: 'g(r)' }, rangemode: 'tozero' },
      margin: { t: 40, r: 10 },
    },
  };
}

/**
 * A histogram of the colouring column over the particles of one frame, one bar trace per
 * species (stacked, so the total is the whole frame), HISTOGRAM_BINS bins over the finite values;
 * for colouring by species, the particle count of each species. `values` Float32Array [n],
 * `species` Uint8Array [n].
 */
export function colourHistogramFigure(
  values: Float32Array | null,
  valueName: string,
  species: Uint8Array,
  speciesNames: readonly string[],
  frameLabel: string,
): Figure {
  if (values === null) {
    const counts = speciesNames.map(() => 0);
    for (const s of species) counts[s]++;
    return {
      data: [
        { type: 'bar', x: [...speciesNames], y: counts, name: 'particles', marker: { color: speciesNames.map((_, s) => speciesCss(s)) } },
      ],
      layout: {
        title: { text: `particles per species, ${frameLabel}` },
        xaxis: { title: { text: 'species' } },
        yaxis: { title: { text: 'particles' } },
        margin: { t: 40, r: 10 },
      },
    };
  }
  let bins: ReturnType<typeof binsForValues>;
  try {
    bins = binsForValues(values, HISTOGRAM_BINS);
  } catch {
    // No spread (all values equal or none finite): one bar, so the plot still says what it holds.
    const finite = values.find(Number.isFinite);
    return {
      data: [{ type: 'bar', x: [finite ?? 0], y: [values.filter(Number.isFinite).length], name: valueName }],
      layout: {
        title: { text: `${valueName}: ${finite === undefined ? 'no finite value' : 'every value equal'}, ${frameLabel}` },
        margin: { t: 40, r: 10 },
      },
    };
  }
  const counts = speciesNames.map(() => new Array<number>(bins.count).fill(0));
  for (let i = 0; i < values.length; i++) {
    const b = binIndex(bins, values[i]);
    if (b >= 0) counts[species[i]][b]++;
  }
  const x = Array.from(bins.centers);
  return {
    data: speciesNames.map((name, s) => ({ type: 'bar', x, y: counts[s], width: bins.width, name, marker: { color: speciesCss(s) } })),
    layout: {
      title: { text: `${valueName}, ${frameLabel}` },
      barmode: 'stack',
      bargap: 0,
      xaxis: { title: { text: valueName } },
      yaxis: { title: { text: 'particles' } },
      margin: { t: 40, r: 10 },
    },
  };
}

/** The particle canvas's colour of species s, as plotly takes it (the same in both views). */
function speciesCss(s: number): string {
  return `rgb(${speciesColour(s).join(',')})`;
}
