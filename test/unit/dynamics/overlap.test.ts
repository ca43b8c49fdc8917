import { describe, expect, it } from 'vitest';
import { overlap, tauAlpha } from '../../../src/core/dynamics/overlap';

// 4 particles, 3 frames (rows: frame 0, 1, 2; each particle x, y, z):
//  0 static; 1 moves 0.2 per frame along x; 2 jumps 0.5 along z and comes back;
//  3 moves exactly a = 0.3 along y (counts as "not moved", Theta(0) = 1), then 0.01 more.
const positions = new Float64Array(
  [
    [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 0, 3],
    [0, 0, 0, 1.2, 1, 1, 2, 2, 2.5, 3, 0.3, 3],
    [0, 0, 0, 1.4, 1, 1, 2, 2, 2, 3, 0.31, 3],
  ].flat(),
);

describe('overlap', () => {
  it('averages the fraction of particles within a over all time origins', () => {
    // lag 1: origin 0 -> {0, 1, 3} stay, origin 1 -> {0, 1, 3} stay: 6/8.
    // lag 2: origin 0 only -> {0, 2} stay (1 moved 0.4, 3 moved 0.31): 2/4.
    expect(Array.from(overlap(positions, 3, 4))).toEqual([1, 0.75, 0.5]);
  });

  it('honours originStride, maxLag and a', () => {
    expect(Array.from(overlap(positions, 3, 4, { maxLag: 1 }))).toEqual([1, 0.75]);
    // a = 0.6: every move (at most 0.5) is within a.
    expect(Array.from(overlap(positions, 3, 4, { a: 0.6 }))).toEqual([1, 1, 1]);
    // a = 0.1: lag 1 keeps {0} from origin 0 and {0, 3} from origin 1 (3/8); lag 2 keeps {0, 2}.
    expect(Array.from(overlap(positions, 3, 4, { a: 0.1 }))).toEqual([1, 0.375, 0.5]);
    // Origins 0 only (stride 2): lag 1 keeps {0}.
    expect(Array.from(overlap(positions, 3, 4, { a: 0.1, originStride: 2 }))).toEqual([1, 0.25, 0.5]);
  });

  it('rejects bad options', () => {
    expect(() => overlap(positions, 3, 4, { a: 0 })).toThrow(/a must be a finite positive length/);
    expect(() => overlap(positions, 3, 4, { maxLag: 3 })).toThrow(/maxLag must be <= nFrames - 1 = 2, got 3/);
    expect(() => overlap(positions, 3, 4, { originStride: 0 })).toThrow(/originStride .* integer >= 1/);
  });
});

describe('tauAlpha', () => {
  it('interpolates linearly where q first drops below 1/e', () => {
    const t = tauAlpha([1, 0.8, 0.5, 0.3, 0.1, 0.5], [0, 1, 2, 4, 8, 16]);
    expect(t).toBeCloseTo(2 + (2 * (0.5 - Math.exp(-1))) / 0.2, 12); // 3.32120558...
    expect(t).toBeCloseTo(3.3212055883, 9);
    expect(tauAlpha([0.2, 0.1], [5, 6])).toBe(5);
  });

  it('throws when q never decays, or the input is malformed', () => {
    expect(() => tauAlpha([1, 0.9, 0.5], [0, 1, 2])).toThrow(/never drops below 1\/e .* last sample q\(2\) = 0.5/);
    expect(() => tauAlpha([1, 0.2], [0, 0])).toThrow(/strictly increasing/);
    expect(() => tauAlpha([1, NaN], [0, 1])).toThrow(/sample 1 is not finite/);
    expect(() => tauAlpha([1], [0, 1])).toThrow(/same non-zero length/);
  });
});
