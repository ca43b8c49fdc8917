import type { SoftnessStatistics } from '../analysis/softnessStatistics';
import type { SoftFractionCurve } from '../analysis/softFractionVsD2min';
import type { Figure, ValueSelectionMeta } from './figure';

/** P(S) and P(S|R) overlaid ([Schoenholz2018] Fig. 3c). */
export function softnessDistributionFigure(stats: SoftnessStatistics, title = 'P(S) and P(S|R)'): Figure {
  const x = Array.from(stats.bins.centers);
  return {
    data: [
      { type: 'scatter', mode: 'lines', x, y: Array.from(stats.pS), name: `P(S) (${stats.total} particle-frames)`, line: { shape: 'hvh' } },
      {
        type: 'scatter',
        mode: 'lines',
        x,
        y: Array.from(stats.pSGivenR),
        name: `P(S|R) (${stats.totalRearranging} rearranging)`,
        line: { shape: 'hvh' },
      },
    ],
    layout: { title: { text: title }, xaxis: { title: { text: 'softness S' } }, yaxis: { title: { text: 'probability density' } } },
  };
}

/**
 * P_R(S) on a logarithmic axis with binomial error bars ([Schoenholz2018] Eq. 10 and
 * Fig. 4a), above a panel with the number of particle-frames in each bin (so a reader sees which
 * points rest on few particles). Bins with no rearrangement (log of 0) have no P_R point; empty
 * bins no bar. Points and bars carry their bin edges [lo, hi] as customdata, and dragging selects
 * along S (ValueSelectionMeta). Trace 0 is P_R(S), trace 1 the counts.
 */
export function probabilityOfRearrangementFigure(stats: SoftnessStatistics, title = 'P_R(S)'): Figure {
  const x: number[] = [];
  const y: number[] = [];
  const err: number[] = [];
  const text: string[] = [];
  const edges: Array<[number, number]> = [];
  const counts = { x: [] as number[], y: [] as number[], edges: [] as Array<[number, number]> };
  const { lo, width } = stats.bins;
  for (let b = 0; b < stats.bins.count; b++) {
    const binEdges: [number, number] = [lo + b * width, lo + (b + 1) * width];
    if (stats.counts[b] > 0) {
      counts.x.push(stats.bins.centers[b]);
      counts.y.push(stats.counts[b]);
      counts.edges.push(binEdges);
    }
    if (!(stats.rearrangingCounts[b] > 0)) continue;
    x.push(stats.bins.centers[b]);
    y.push(stats.pR[b]);
    err.push(stats.pRError[b]);
    text.push(`${stats.rearrangingCounts[b]} / ${stats.counts[b]}`);
    edges.push(binEdges);
  }
  const meta: ValueSelectionMeta = { selectsValue: 'S' };
  return {
    data: [
      {
        type: 'scatter',
        mode: 'markers+lines',
        x,
        y,
        customdata: edges,
        error_y: { type: 'data', array: err, visible: true },
        text,
        hovertemplate: 'S=%{x:.2f} P_R=%{y:.3g} (%{text})<extra></extra>',
        name: 'P_R(S)',
      },
      {
        type: 'bar',
        x: counts.x,
        y: counts.y,
        width,
        yaxis: 'y2',
        customdata: counts.edges,
        marker: { opacity: 0.5 },
        hovertemplate: 'S=%{x:.2f}: %{y} particle-frames<extra></extra>',
        name: 'particle-frames per bin',
      },
    ],
    layout: {
      title: { text: title },
      xaxis: { title: { text: 'softness S' }, anchor: 'y2' },
      yaxis: { title: { text: 'P_R(S)' }, type: 'log', exponentformat: 'power', domain: [0.34, 1] },
      yaxis2: { title: { text: 'n per bin' }, rangemode: 'tozero', domain: [0, 0.26], anchor: 'x' },
      showlegend: false,
      dragmode: 'select',
      selectdirection: 'h',
      meta,
    },
  };
}

/** P(soft | D2_min) on a logarithmic D2_min axis ([Cubuk2015] Fig. 2). */
export function softFractionFigure(curve: SoftFractionCurve, title = 'P(S > 0 | D²_min)'): Figure {
  const x: number[] = [];
  const y: number[] = [];
  for (let b = 0; b < curve.counts.length; b++) {
    if (curve.counts[b] === 0) continue;
    x.push(curve.d2minCenters[b]);
    y.push(curve.softFraction[b]);
  }
  return {
    data: [{ type: 'scatter', mode: 'markers+lines', x, y, name: 'fraction soft' }],
    layout: {
      title: { text: title },
      xaxis: { title: { text: 'D²_min (σ_AA²)' }, type: 'log' },
      yaxis: { title: { text: 'fraction with S > 0' }, range: [0, 1] },
    },
  };
}
