import type { Figure } from '../../src/core/plots/figure';
import { speciesColour } from '../../src/core/plots/speciesColours';
import { determinedWeightExtent } from '../../src/core/plots/weightsBesideGrFigure';
import type { SpeciesWeightCurves, TrainingPairCorrelation } from '../../src/protocol/modelPreviewMessages';

/** Which radial weights to draw (see the note in index.ts and src/core/learn/weightFunction.ts). */
export type WeightMode = 'perNeighbor' | 'standardized';

/**
 * The radial weights of central species X, one solid curve per neighbour species Y, beside
 * g_XY(r) of the training trajectory (dotted, right axis), as [Cubuk2016] Fig. 6.6 (mode
 * 'perNeighbor': w_XY(r), the change of S per Y neighbour at r) or Fig. 5.16 (mode 'standardized':
 * the SVM normal w_k on standardised features against mu_k). `speciesNames` fixes the colours.
 */
export function radialWeightFigure(
  weights: SpeciesWeightCurves,
  r: Float64Array,
  radialCut: number | null,
  gr: TrainingPairCorrelation | null,
  mode: WeightMode,
  speciesNames: readonly string[],
): Figure {
  const X = weights.species;
  const data: Array<Record<string, unknown>> = [];
  for (const curve of weights.radial) {
    const color = speciesColour(speciesNames.indexOf(curve.neighbor));
    const Y = curve.neighbor;
    data.push(
      mode === 'perNeighbor'
        ? { type: 'scatter', mode: 'lines', name: `w_${X}${Y}(r)`, x: r, y: curve.perNeighbor, line: { color, width: 2 } }
        : {
            type: 'scatter',
            mode: 'lines+markers',
            name: `w_k of G_${Y}(μ)`,
            x: curve.mus,
            y: curve.standardized,
            line: { color, width: 1.5 },
            marker: { size: 4 },
          },
    );
    const pair = gr?.pairs.find((p) => (p.a === X && p.b === Y) || (p.a === Y && p.b === X));
    if (gr && pair)
      data.push({
        type: 'scatter',
        mode: 'lines',
        name: `g_${X}${Y}(r)`,
        x: gr.r,
        y: pair.g,
        yaxis: 'y2',
        line: { color, width: 1, dash: 'dot' },
      });
  }
  const range = radialCut === null ? undefined : [0, radialCut];
  // The w axis is scaled to the shells, as in the notebook's figure (determinedWeightExtent).
  const dense = mode === 'perNeighbor' ? determinedWeightExtent(weights.radial, r) : null;
  return {
    data,
    layout: {
      title: { text: `Central species ${X}` },
      height: 400,
      margin: { l: 70, r: 60, t: 40, b: 90 },
      xaxis: { title: { text: mode === 'perNeighbor' ? 'r (σ_AA)' : 'μ (σ_AA)' }, range },
      yaxis: {
        title: { text: mode === 'perNeighbor' ? 'w(r): ΔS per neighbour at r' : 'standardised weight w_k' },
        zeroline: true,
        ...(dense ? { range: dense.range } : {}),
      },
      // Shade where training environments had (almost) no such neighbours; w(r) leaves the axis there.
      shapes: dense
        ? [
            {
              type: 'rect',
              xref: 'x',
              yref: 'paper',
              x0: 0,
              x1: dense.from,
              y0: 0,
              y1: 1,
              fillcolor: 'rgba(128,128,128,0.18)',
              line: { width: 0 },
              layer: 'below',
            },
          ]
        : [],
      yaxis2: { title: { text: 'g(r)' }, overlaying: 'y', side: 'right', rangemode: 'tozero', showgrid: false },
      // Below the x-axis title, which sits at about -0.15 of the plot height.
      legend: { orientation: 'h', y: -0.3 },
    },
  };
}

/**
 * The angular weights of central species X as grouped bars: one bar group per (xi, zeta, lambda)
 * triple, one bar per neighbour pair (AA, AB, BB, ...), height = the standardised weight w_k.
 */
export function angularWeightFigure(weights: SpeciesWeightCurves): Figure {
  const pairs = [...new Set(weights.angular.map((a) => a.pair))];
  const label = (a: SpeciesWeightCurves['angular'][number]) => `ξ=${a.xi} ζ=${a.zeta} λ=${a.lambda > 0 ? '+' : ''}${a.lambda}`;
  // Pair colours start after those of the first three species, so bars do not read as species.
  const data = pairs.map((pair, k) => {
    const of = weights.angular.filter((a) => a.pair === pair);
    return { type: 'bar', name: `Ψ_${pair}`, x: of.map(label), y: of.map((a) => a.standardized), marker: { color: speciesColour(k + 3) } };
  });
  return {
    data,
    layout: {
      title: { text: `Central species ${weights.species}: angular weights` },
      height: 380,
      barmode: 'group',
      margin: { l: 70, r: 20, t: 40, b: 110 },
      xaxis: { tickangle: -45, automargin: true },
      yaxis: { title: { text: 'standardised weight w_k' }, zeroline: true },
      legend: { orientation: 'h', y: 1.1 },
    },
  };
}
