import { describe, expect, it } from 'vitest';
import { detectEvents, quiescentWindows } from '../../../src/core/dynamics/events';

const N = NaN;
// Hand-made p_hop, one row per particle (transposed into [nFrames x n] below).
const series = [
  // events [2,5) peak 3 (0.2), [6,7) (0.07); 0.05 == p_L is not above; [8,10) runs into NaN: dropped
  [N, 0.01, 0.06, 0.2, 0.1, 0.01, 0.07, 0.05, 0.3, 0.4, N, N],
  // a run right after the NaN edge has an unknown t_start: dropped; then quiet [2,10)
  [N, 0.06, 0.01, 0.0, 0.02, 0.01, 0.01, 0.03, 0.04, 0.0, N, N],
  // [3,7) with a tie for the maximum: the earliest frame is the peak
  [N, 0.0, 0.0, 0.5, 0.9, 0.9, 0.2, 0.0, 0.0, 0.0, N, N],
];
const nFrames = 12;
const n = series.length;
const pHop = new Float32Array(nFrames * n);
for (const [i, row] of series.entries()) for (const [k, p] of row.entries()) pHop[k * n + i] = p;
// Particle i moves (i + 1) * 0.1 sigma along x per frame and a 0.2 step along y at frame 7.
const unwrapped = new Float64Array(nFrames * n * 3);
for (let k = 0; k < nFrames; k++) for (let i = 0; i < n; i++) unwrapped.set([(i + 1) * 0.1 * k, k >= 7 ? 0.2 : 0, 0], 3 * (k * n + i));

describe('detectEvents', () => {
  it('finds maximal runs above p_L with exact t_start, t_end, t_peak, p* and displacement', () => {
    const events = detectEvents(pHop, unwrapped, nFrames, n, 0.05);
    expect(events.count).toBe(3);
    expect(Array.from(events.particle)).toEqual([0, 0, 2]);
    expect(Array.from(events.tStart)).toEqual([2, 6, 3]);
    expect(Array.from(events.tEnd)).toEqual([5, 7, 7]);
    expect(Array.from(events.tPeak)).toEqual([3, 6, 4]);
    expect(Array.from(events.pStar)).toEqual([Math.fround(0.2), Math.fround(0.07), Math.fround(0.9)]);
    // particle 0: x from 0.2 to 0.5 -> 0.3; x from 0.6 to 0.7 while y steps by 0.2
    expect(events.displacement[0]).toBeCloseTo(0.3, 6);
    expect(events.displacement[1]).toBeCloseTo(Math.hypot(0.1, 0.2), 6);
    expect(events.displacement[2]).toBeCloseTo(Math.hypot(2.1 - 0.9, 0.2), 6);
  });

  it('lowers and raises the threshold as asked', () => {
    expect(detectEvents(pHop, unwrapped, nFrames, n, 0.25).count).toBe(1); // only particle 2's run [3, 6)
    expect(detectEvents(pHop, unwrapped, nFrames, n, 1).count).toBe(0);
  });

  it('rejects mismatched arrays and bad thresholds', () => {
    expect(() => detectEvents(pHop, unwrapped.subarray(3), nFrames, n)).toThrow(/unwrapped positions: array has 105 entries, expected 108/);
    expect(() => detectEvents(pHop, unwrapped, nFrames, n, NaN)).toThrow(/pL must be a finite number/);
  });
});

describe('quiescentWindows', () => {
  it('returns runs of known p_hop <= p_L that last at least tau_c frames', () => {
    const w = quiescentWindows(pHop, nFrames, n, 0.05, 3);
    // particle 0: [7,8) is 1 frame; particle 1: [2,10); particle 2: [1,3) is 2 frames, [7,10) is 3
    expect(w.count).toBe(2);
    expect(Array.from(w.particle)).toEqual([1, 2]);
    expect(Array.from(w.start)).toEqual([2, 7]);
    expect(Array.from(w.end)).toEqual([10, 10]);
    expect(quiescentWindows(pHop, nFrames, n, 0.05, 8).count).toBe(1);
    expect(quiescentWindows(pHop, nFrames, n, 0.05, 9).count).toBe(0);
    expect(quiescentWindows(pHop, nFrames, n, 0.05, 1).count).toBe(6); // 3 + 1 + 2
  });

  it('rejects a non-integer tau_c', () => {
    expect(() => quiescentWindows(pHop, nFrames, n, 0.05, 2.5)).toThrow(/tauCFrames .* integer >= 1, got 2.5/);
  });
});
