import { binsForValues } from '../../analysis/binning';
import { rearrangementCapture } from '../../analysis/rearrangementCapture';
import { softFractionVsD2min } from '../../analysis/softFractionVsD2min';
import { softnessStatistics } from '../../analysis/softnessStatistics';
import { frameContent, softnessStatisticsFrame } from '../../analysis/tables';
import { probabilityOfRearrangementFigure, softFractionFigure, softnessDistributionFigure } from '../../plots/softnessFigures';
import { alignSoftnessWithRearrangements, gatherRows } from '../run/softnessLabels';
import { defineStatement, type StatementDoc } from '../spec';
import type { TableValue } from '../values';

const doc = {
  verb: 'plot',
  summary:
    'Plots a softness analysis: PS = P(S) and P(S|R) overlaid; PRS = P_R(S) on a log axis with counts and error bars; softD2min = fraction with S > 0 vs D2_min. Also prints P(S > 0 | R) and the fraction of rearrangements captured by S > 0; returns the per-bin table.',
  returns: 'table',
  source: '[Schoenholz2018] Fig. 3c and Eq. 10 (direct counting); [Cubuk2015] Fig. 2',
  example: 'pr = plot PRS S ev bins=40',
  params: [
    { name: 'kind', type: 'enum', values: ['PS', 'PRS', 'softD2min'], positional: true, doc: 'which plot' },
    { name: 'softness', type: 'result', kinds: ['softness'], positional: true, doc: 'softness field (from `softness`)' },
    {
      name: 'rearrangements',
      type: 'result',
      kinds: ['rearrangements'],
      positional: true,
      doc: 'rearrangement labels on the same trajectory',
    },
    {
      name: 'bins',
      type: 'number',
      integer: true,
      min: 2,
      default: 40,
      unit: 'dimensionless',
      doc: 'number of softness (or D2_min) bins',
    },
    {
      name: 'clip',
      type: 'number',
      min: 0,
      max: 0.2,
      default: 0.001,
      unit: 'dimensionless',
      doc: 'fraction of extreme S values left out at each end when choosing the bin range',
    },
  ],
} as const satisfies StatementDoc;

/** `stats = plot PRS S ev bins=40` — P(S) & P(S|R), P_R(S), or P(S > 0 | D2_min). */
export const plot = defineStatement(doc, async (args, ctx) => {
  const S = args.softness;
  const ev = args.rearrangements;
  const aligned = alignSoftnessWithRearrangements(S, ev);
  const capture = rearrangementCapture(aligned.softness, aligned.rearranging);
  ctx.emit({
    kind: 'text',
    text: `P(S > 0 | R) = ${capture.fractionOfRearrangementsCaptured.toFixed(3)}; ${(100 * capture.fractionClassifiedSoft).toFixed(1)}% of particle-frames have S > 0 and they hold ${(100 * capture.fractionOfRearrangementsCaptured).toFixed(1)}% of the rearranging ones`,
  });
  if (args.kind === 'softD2min') {
    if (!ev.d2min) throw new Error('softD2min needs rearrangements computed with method=d2min');
    const d2 = gatherRows(ev.d2min, S.rows, S.source.n, new Float64Array(S.values.length));
    const curve = softFractionVsD2min(S.values, d2, args.bins);
    ctx.emit({ kind: 'plot', title: 'P(S > 0 | D2_min)', figure: softFractionFigure(curve) });
    const table: TableValue = {
      kind: 'table',
      title: 'soft fraction vs D2_min',
      columns: ['D2min', 'particles', 'fractionSoft'],
      rows: Array.from(curve.d2minCenters, (d, b) => [d, curve.counts[b], curve.softFraction[b]]),
    };
    ctx.emit(table);
    return table;
  }
  const stats = softnessStatistics(aligned.softness, aligned.rearranging, binsForValues(aligned.softness, args.bins, args.clip));
  ctx.emit({
    kind: 'plot',
    title: args.kind === 'PS' ? 'P(S) and P(S|R)' : 'P_R(S)',
    figure: args.kind === 'PS' ? softnessDistributionFigure(stats) : probabilityOfRearrangementFigure(stats),
  });
  const table: TableValue = {
    kind: 'table',
    title: 'softness bins: P(S), P(S|R), P_R(S)',
    ...frameContent(softnessStatisticsFrame(stats)),
  };
  ctx.emit(table);
  return table;
});
