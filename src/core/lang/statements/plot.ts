import { binsForValues } from '../../analysis/binning';
import { rearrangementCapture } from '../../analysis/rearrangementCapture';
import { softFractionVsD2min } from '../../analysis/softFractionVsD2min';
import { softnessStatistics } from '../../analysis/softnessStatistics';
import { frameContent, softnessStatisticsFrame } from '../../analysis/tables';
import { probabilityOfRearrangementFigure, softFractionFigure, softnessDistributionFigure } from '../../plots/softnessFigures';
import { plotDoc } from '../statementDocs';
import type { StatementDefinition } from './definition';
import { alignSoftnessWithRearrangements, gatherRows } from './softnessLabels';
import type { RearrangementsValue, SoftnessValue, TableValue } from '../values';

/** `stats = plot PRS S ev bins=40` — P(S) & P(S|R), P_R(S), or P(S > 0 | D2_min). */
export const plot: StatementDefinition = {
  doc: plotDoc,
  async run(args, ctx) {
    const S = args.softness as SoftnessValue;
    const ev = args.rearrangements as RearrangementsValue;
    const aligned = alignSoftnessWithRearrangements(S, ev);
    const capture = rearrangementCapture(aligned.softness, aligned.rearranging);
    ctx.emit({
      kind: 'text',
      text: `P(S > 0 | R) = ${capture.fractionOfRearrangementsCaptured.toFixed(3)}; ${(100 * capture.fractionClassifiedSoft).toFixed(1)}% of particle-frames have S > 0 and they hold ${(100 * capture.fractionOfRearrangementsCaptured).toFixed(1)}% of the rearranging ones`,
    });
    if (args.kind === 'softD2min') {
      if (!ev.d2min) throw new Error('softD2min needs rearrangements computed with method=d2min');
      const d2 = gatherRows(ev.d2min, S.rows, S.source.n, new Float64Array(S.values.length));
      const curve = softFractionVsD2min(S.values, d2, args.bins as number);
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
    const stats = softnessStatistics(
      aligned.softness,
      aligned.rearranging,
      binsForValues(aligned.softness, args.bins as number, args.clip as number),
    );
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
  },
};
