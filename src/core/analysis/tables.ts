import { DataFrame } from 'danfojs';
import type { SoftnessStatistics } from './softnessStatistics';

/**
 * The per-bin softness table as a danfojs DataFrame: S (bin centre), particle-frames, rearranging,
 * P(S), P(S|R), P_R(S) and its binomial error ([Schoenholz2018] Eq. 10, direct counting).
 */
export function softnessStatisticsFrame(stats: SoftnessStatistics): DataFrame {
  return new DataFrame({
    S: Array.from(stats.bins.centers),
    particleFrames: Array.from(stats.counts),
    rearranging: Array.from(stats.rearrangingCounts),
    'P(S)': Array.from(stats.pS),
    'P(S|R)': Array.from(stats.pSGivenR),
    'P_R(S)': Array.from(stats.pR),
    'P_R error': Array.from(stats.pRError),
  });
}

/** Columns and rows of a DataFrame, the plain form outputs and CSV export use. */
export function frameContent(frame: DataFrame): { columns: string[]; rows: Array<Array<number | string>> } {
  return { columns: [...frame.columns], rows: (frame.values as Array<Array<number | string>>).map((r) => [...r]) };
}
