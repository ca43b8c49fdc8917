import { describe, expect, it } from 'vitest';
import { colourAt, colourTable, cssGradient, DIVERGING, SEQUENTIAL, valueLimits } from '../../../webview/common/colourScales';

describe('colour scales', () => {
  it('interpolates linearly between stops and clamps outside [0, 1]', () => {
    // Half-way between RdBu's 0.35 stop (106,137,247) and its grey centre (190,190,190).
    expect(colourAt(DIVERGING, 0.425)).toEqual([148, 164, 219]);
    expect(colourAt(DIVERGING, -1)).toEqual([5, 10, 172]);
    expect(colourAt(DIVERGING, 2)).toEqual([178, 10, 28]);
    expect(colourAt(SEQUENTIAL, 0.5)).toEqual([33, 145, 140]);
  });

  it('has the exact centre in the middle of the lookup table (S = 0 is grey)', () => {
    const table = colourTable(DIVERGING);
    const middle = (table.length / 3 - 1) / 2;
    expect(Array.from(table.subarray(3 * middle, 3 * middle + 3))).toEqual([190, 190, 190]);
    expect(Array.from(table.subarray(0, 3))).toEqual([5, 10, 172]);
  });

  it('centres diverging limits on 0 and spans min..max for sequential, ignoring non-finite values', () => {
    const v = Float32Array.from([-0.5, 2, Number.NaN, Number.POSITIVE_INFINITY, 1]);
    expect(valueLimits(v, 'diverging')).toEqual({ lo: -2, hi: 2 });
    expect(valueLimits(v, 'sequential')).toEqual({ lo: -0.5, hi: 2 });
    expect(valueLimits(Float32Array.from([3, 3]), 'sequential')).toEqual({ lo: 2.5, hi: 3.5 });
    expect(valueLimits(new Float32Array(0), 'diverging')).toEqual({ lo: -1, hi: 1 });
  });

  it('writes the stops as a CSS gradient', () => {
    expect(cssGradient(SEQUENTIAL)).toBe(
      'linear-gradient(to top, rgb(68,1,84) 0.0%, rgb(59,82,139) 25.0%, rgb(33,145,140) 50.0%, rgb(94,201,98) 75.0%, rgb(253,231,37) 100.0%)',
    );
  });
});
