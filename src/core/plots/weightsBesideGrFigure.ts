import type { PartialPairCorrelation } from '../analysis/pairCorrelation';
import type { ModelWeights } from '../learn/weightFunction';
import type { Figure } from './figure';
import { speciesColour } from './speciesColours';

/** Fraction of the figure height each row of panels takes (g(r) on top, w(r) below), and the gap. */
const ROW_HEIGHT = 0.44;
const COLUMN_GAP = 0.08;

/**
 * The partial g_XY(r) of `gr` for central species index x and neighbour index y (g is symmetric;
 * `gr` lists each unordered pair once), Float64Array [nBins], or undefined if absent.
 */
export function pairCurve(gr: PartialPairCorrelation, x: number, y: number): Float64Array | undefined {
  return gr.pairs.find((p) => p.a === Math.min(x, y) && p.b === Math.max(x, y))?.g;
}

/**
 * A model's radial weight functions beside the structure they weigh, as [Cubuk2016]
 * Fig. 6.6 ((a)-(b) g_AA, g_AB above (c)-(d) w_AA, w_AB) and Fig. 5.16: one column per central
 * species X of the model, with g_XY(r) of a trajectory in the top panel and w_XY(r) (ΔS per Y
 * neighbour at distance r, weightFunction.ts RadialWeights.perNeighbor) in the bottom panel, one
 * colour per neighbour species Y, on a shared r axis (sigma_AA) from 0 to the radial cut-off.
 *
 * Below the first shell the training environments held (almost) no neighbours, so the features
 * there barely varied and w(r) is undetermined and can be orders of magnitude larger than in the
 * shells: that region (r < the smallest denseFrom of the column) is shaded, and the w axis is
 * scaled to the shells (determinedWeightExtent), so they stay readable; plotly's autoscale shows everything.
 *
 * @param weights from modelWeights; must have radial functions (weights.r non-empty).
 * @param gr partial g(r) of a trajectory with the species `speciesNames` (pair indices into it).
 * @param speciesNames the trajectory's (and the model's) species names, which fix the colours.
 * @throws Error when the weights hold no radial function or a central species is not in speciesNames.
 */
export function weightsBesideGrFigure(weights: ModelWeights, gr: PartialPairCorrelation, speciesNames: readonly string[]): Figure {
  if (weights.r.length === 0 || weights.radialCut === null)
    throw new Error('the model has no radial structure functions, so there is no w(r) to draw');
  const columns = weights.species;
  const width = (1 - COLUMN_GAP * (columns.length - 1)) / columns.length;
  const data: Array<Record<string, unknown>> = [];
  const layout: Record<string, unknown> = {
    title: { text: 'w(r) per neighbour species beside g(r)' },
    annotations: [] as object[],
    shapes: [] as object[],
  };
  columns.forEach((central, c) => {
    const x = speciesNames.indexOf(central.species);
    if (x < 0)
      throw new Error(`central species ${central.species} of the model is not among the trajectory's species (${speciesNames.join(', ')})`);
    const top = axisSuffix(c + 1);
    const bottom = axisSuffix(columns.length + c + 1);
    const domain = [c * (width + COLUMN_GAP), c * (width + COLUMN_GAP) + width];
    for (const radial of central.radial) {
      const y = speciesNames.indexOf(radial.neighbor);
      const pair = `${central.species}${radial.neighbor}`;
      const line = { color: speciesColour(y) };
      const g = pairCurve(gr, x, y);
      if (g)
        data.push({
          type: 'scatter',
          mode: 'lines',
          name: `g_${pair}(r)`,
          legendgroup: pair,
          x: Array.from(gr.r),
          y: Array.from(g),
          xaxis: `x${top}`,
          yaxis: `y${top}`,
          line: { ...line, dash: 'dot' },
        });
      data.push({
        type: 'scatter',
        mode: 'lines',
        name: `w_${pair}(r)`,
        legendgroup: pair,
        x: Array.from(weights.r),
        y: Array.from(radial.perNeighbor),
        xaxis: `x${bottom}`,
        yaxis: `y${bottom}`,
        line,
      });
    }
    const dense = determinedWeightExtent(central.radial, weights.r);
    layout[`xaxis${top}`] = { domain, anchor: `y${top}`, matches: `x${bottom}`, showticklabels: false };
    layout[`yaxis${top}`] = { domain: [1 - ROW_HEIGHT, 1], anchor: `x${top}`, title: { text: c === 0 ? 'g(r)' : '' }, rangemode: 'tozero' };
    layout[`xaxis${bottom}`] = { domain, anchor: `y${bottom}`, range: [0, weights.radialCut], title: { text: 'r (σ_AA)' } };
    layout[`yaxis${bottom}`] = {
      domain: [0, ROW_HEIGHT],
      anchor: `x${bottom}`,
      title: { text: c === 0 ? 'w(r) (ΔS per neighbour)' : '' },
      zeroline: true,
      ...(dense ? { range: dense.range } : {}),
    };
    (layout.annotations as object[]).push({
      text: `central species ${central.species}`,
      showarrow: false,
      xref: 'paper',
      yref: 'paper',
      x: (domain[0] + domain[1]) / 2,
      y: 1,
      yanchor: 'bottom',
      xanchor: 'center',
    });
    if (dense) {
      (layout.shapes as object[]).push({
        type: 'rect',
        xref: `x${bottom}`,
        yref: `y${bottom} domain`,
        x0: 0,
        x1: dense.from,
        y0: 0,
        y1: 1,
        fillcolor: 'rgba(128,128,128,0.18)',
        line: { width: 0 },
        layer: 'below',
      });
    }
  });
  return { data, layout };
}

/** plotly's axis numbering: the first axes are 'x'/'xaxis', then 'x2'/'xaxis2', ... */
function axisSuffix(k: number): string {
  return k === 1 ? '' : String(k);
}

/** The part of a w_XY(r) curve the axis scaling reads (RadialWeights, or its protocol copy in the model preview). */
export interface WeightCurve {
  /** w(r), Float64Array [nR] on the shared r grid. */
  readonly perNeighbor: Float64Array;
  /** Smallest r (sigma_AA) where training environments had such neighbours, or null. */
  readonly denseFrom: number | null;
}

/**
 * Where the w(r) curves of one central species are determined, and a y range that shows them: from
 * the smallest denseFrom of the curves; the range covers every curve's values at r >= its
 * own denseFrom that lie within Tukey's far fences (quartiles -/+ 3 interquartile ranges), and 0,
 * padded by 10%. The fences drop the few points just above denseFrom where the Gaussian tails of
 * the undetermined small-r weights still reach (w ~ 1e4 beside shells of order 1), and keep the
 * shells. Null when no curve has a denseFrom (plotly then scales the axis). The model preview's
 * webview can scale its w(r) axis with the same function.
 * @param r radii of every curve's perNeighbor, Float64Array [nR] (sigma_AA).
 * @returns from (sigma_AA) and the y range [lo, hi] (units of S).
 */
export function determinedWeightExtent(curves: readonly WeightCurve[], r: Float64Array): { from: number; range: [number, number] } | null {
  let from = Infinity;
  const values: number[] = [];
  for (const radial of curves) {
    if (radial.denseFrom === null) continue;
    from = Math.min(from, radial.denseFrom);
    for (let k = 0; k < r.length; k++) if (r[k] >= radial.denseFrom) values.push(radial.perNeighbor[k]);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const quartile = (q: number): number => values[Math.round(q * (values.length - 1))];
  const spread = quartile(0.75) - quartile(0.25);
  const inside = values.filter((v) => v >= quartile(0.25) - 3 * spread && v <= quartile(0.75) + 3 * spread);
  const lo = Math.min(0, inside[0]);
  const hi = Math.max(0, inside[inside.length - 1]);
  const pad = 0.1 * (hi - lo || 1);
  return { from, range: [lo - pad, hi + pad] };
}
