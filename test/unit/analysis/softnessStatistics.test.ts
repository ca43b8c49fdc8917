import { describe, expect, it } from 'vitest';
import { binIndex, binsForValues, uniformBins } from '../../../src/core/analysis/binning';
import { rearrangementCapture } from '../../../src/core/analysis/rearrangementCapture';
import { softFractionVsD2min } from '../../../src/core/analysis/softFractionVsD2min';
import { softnessStatistics } from '../../../src/core/analysis/softnessStatistics';
import { frameContent, softnessStatisticsFrame } from '../../../src/core/analysis/tables';

describe('softness statistics', () => {
  // Bins [-2,-1), [-1,0), [0,1), [1,2]; 255 = unknown label, NaN softness: both skipped.
  const S = Float32Array.from([-1.5, -1.5, -0.5, -0.5, -0.5, 0.5, 0.5, 1.5, 1.5, 1.5, 0.2, NaN, 9]);
  const R = Uint8Array.from([0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 255, 1, 0]);
  const bins = uniformBins(-2, 2, 4);

  it('counts P_R(S) directly per bin with binomial errors', () => {
    const stats = softnessStatistics(S, R, bins);
    expect(Array.from(stats.counts)).toEqual([2, 3, 2, 3]);
    expect(Array.from(stats.rearrangingCounts)).toEqual([0, 1, 1, 2]);
    expect(Array.from(stats.pR)).toEqual([0, 1 / 3, 0.5, 2 / 3]);
    expect(stats.pRError[2]).toBeCloseTo(Math.sqrt(0.25 / 2), 12);
    // S = 9 is labelled but outside the bins: counted in the totals, not in any bin.
    expect(stats.total).toBe(11);
    expect(stats.totalRearranging).toBe(4);
    expect(stats.pS[0]).toBeCloseTo(2 / 11, 12);
    expect(stats.pSGivenR[3]).toBeCloseTo(2 / 4, 12);
  });

  it('satisfies Bayes: P_R(S) = P(S|R) P(R) / P(S) ([Schoenholz2018] Eq. 10)', () => {
    const stats = softnessStatistics(S, R, bins);
    const pR = stats.totalRearranging / stats.total;
    for (let b = 0; b < bins.count; b++) expect(stats.pR[b]).toBeCloseTo((stats.pSGivenR[b] * pR) / stats.pS[b], 12);
  });

  it('summarises soft fraction and captured rearrangements ([Cubuk2015])', () => {
    const capture = rearrangementCapture(S, R);
    // Labelled finite: 11 particle-frames, S > 0: 0.5, 0.5, 1.5 x3, 9 = 6; rearranging 4, of which S > 0: 3.
    expect(capture.fractionClassifiedSoft).toBeCloseTo(6 / 11, 12);
    expect(capture.fractionOfRearrangementsCaptured).toBeCloseTo(3 / 4, 12);
  });

  it('builds a danfojs table with one row per bin', () => {
    const { columns, rows } = frameContent(softnessStatisticsFrame(softnessStatistics(S, R, bins)));
    expect(columns).toEqual(['S', 'particleFrames', 'rearranging', 'P(S)', 'P(S|R)', 'P_R(S)', 'P_R error']);
    expect(rows).toHaveLength(4);
    expect(rows[1][0]).toBeCloseTo(-0.5, 12);
  });

  it('rejects mismatched or unlabelled input', () => {
    expect(() => softnessStatistics(S, R.subarray(1), bins)).toThrow(/same particle-frames/);
    expect(() => softnessStatistics(S, new Uint8Array(S.length).fill(255), bins)).toThrow(/no particle-frame/);
    expect(() => rearrangementCapture(S, new Uint8Array(S.length))).toThrow(/no rearranging/);
  });
});

describe('binning', () => {
  it('maps edges and outliers, and clips quantiles', () => {
    const bins = uniformBins(0, 1, 4);
    expect([binIndex(bins, 0), binIndex(bins, 0.25), binIndex(bins, 1), binIndex(bins, 1.01), binIndex(bins, NaN)]).toEqual([
      0, 1, 3, -1, -1,
    ]);
    const values = Float64Array.from({ length: 1001 }, (_, k) => k / 1000);
    values[1000] = 1e6;
    const clipped = binsForValues(values, 10, 0.001);
    expect(clipped.hi).toBeCloseTo(0.999, 12);
    expect(() => uniformBins(1, 1, 3)).toThrow(/finite lo < hi/);
  });
});

describe('P(soft | D2_min)', () => {
  it('bins D2_min logarithmically and counts S > 0', () => {
    const d2 = Float64Array.from([0.01, 0.01, 1, 1, 1, 1, 0, NaN]);
    const S = Float32Array.from([-1, 1, 1, 1, 1, -1, 5, 5]);
    const curve = softFractionVsD2min(S, d2, 2);
    expect(Array.from(curve.counts)).toEqual([2, 4]);
    expect(Array.from(curve.softFraction)).toEqual([0.5, 0.75]);
    expect(curve.d2minCenters[0]).toBeCloseTo(10 ** -1.5, 12);
  });
});
