import { describe, expect, it } from 'vitest';
import { pHop } from '../../../src/core/dynamics/phop';
import { rng } from './frames';

/** p_hop straight from the definition ([Schoenholz2018] Eq. 2), frame t in both A = [t-h, t] and B = [t, t+h]. */
function bruteForce(x: Float64Array, n: number, i: number, k: number, h: number): number {
  const mean = (from: number, to: number) => {
    const m = [0, 0, 0];
    for (let f = from; f <= to; f++) for (let a = 0; a < 3; a++) m[a] += x[3 * (f * n + i) + a] / (to - from + 1);
    return m;
  };
  const spread = (from: number, to: number, centre: number[]) => {
    let s = 0;
    for (let f = from; f <= to; f++) for (let a = 0; a < 3; a++) s += (x[3 * (f * n + i) + a] - centre[a]) ** 2 / (to - from + 1);
    return s;
  };
  return Math.sqrt(spread(k - h, k, mean(k, k + h)) * spread(k, k + h, mean(k - h, k)));
}

describe('pHop', () => {
  it('gives a^2 f^(3/2) for a single hop of length a, and exactly 0 for a static particle', () => {
    const nFrames = 30;
    const n = 2;
    const windowFrames = 8;
    const h = windowFrames / 2;
    const t0 = 15; // particle 0 sits at x0 for frames < t0 and at x0 + (0.3, 0.4, 0) from t0 on
    const x = new Float64Array(nFrames * n * 3);
    for (let k = 0; k < nFrames; k++) {
      x.set([12.5 + (k >= t0 ? 0.3 : 0), -7 + (k >= t0 ? 0.4 : 0), 3], 3 * (k * n));
      x.set([1000.1, -3, 7], 3 * (k * n + 1));
    }
    const p = pHop(x, nFrames, n, windowFrames);
    const a2 = 0.25;
    for (let k = 0; k < nFrames; k++) {
      if (k < h || k >= nFrames - h) {
        expect(p[k * n]).toBeNaN();
        expect(p[k * n + 1]).toBeNaN();
        continue;
      }
      // Fraction of the interval on the far side of the jump that lies across it.
      const across = k < t0 ? Math.max(0, k + h - t0 + 1) : Math.max(0, t0 - (k - h));
      const expected = a2 * (across / (h + 1)) ** 1.5;
      expect(p[k * n]).toBeCloseTo(expected, 6);
      expect(p[k * n + 1]).toBe(0);
    }
    // The peak, at t0 - 1 and t0: a^2 (h/(h+1))^(3/2) = 0.25 * 0.8^1.5.
    expect(p[(t0 - 1) * n]).toBeCloseTo(0.25 * 0.8 ** 1.5, 6);
    expect(p[t0 * n]).toBeCloseTo(0.178885438, 6);
    expect(p[(t0 - h - 1) * n]).toBe(0); // before the hop the particle sits exactly at its frame-0 position
    expect(Math.abs(p[(t0 + h) * n])).toBeLessThan(1e-12); // prefix-sum round-off only
  });

  it('matches the definition computed directly, far from the origin (prefix-sum cancellation)', () => {
    const random = rng(11);
    const nFrames = 60;
    const n = 5;
    const windowFrames = 10;
    const x = new Float64Array(nFrames * n * 3);
    for (let i = 0; i < n; i++) {
      const pos = [1e4 * random(), -1e4 * random(), 500];
      for (let k = 0; k < nFrames; k++) {
        for (let a = 0; a < 3; a++) pos[a] += 0.1 * (random() - 0.5) + (random() < 0.05 ? 0.8 : 0);
        x.set(pos, 3 * (k * n + i));
      }
    }
    const p = pHop(x, nFrames, n, windowFrames);
    let compared = 0;
    for (let k = windowFrames / 2; k < nFrames - windowFrames / 2; k++) {
      for (let i = 0; i < n; i++) {
        const expected = bruteForce(x, n, i, k, windowFrames / 2);
        expect(Math.abs(p[k * n + i] - expected)).toBeLessThan(1e-6 * expected + 1e-9);
        compared++;
      }
    }
    expect(compared).toBe(50 * 5);
  });

  it('is all NaN when the trajectory is shorter than one window, and rejects bad arguments', () => {
    expect(Array.from(pHop(new Float64Array(4 * 3), 4, 1, 4))).toEqual([NaN, NaN, NaN, NaN]);
    expect(pHop(new Float64Array(5 * 3), 5, 1, 4)[2]).toBe(0);
    expect(() => pHop(new Float64Array(30), 10, 1, 5)).toThrow(/windowFrames .* must be even/);
    expect(() => pHop(new Float64Array(30), 10, 1, 0)).toThrow(/windowFrames .* integer >= 2, got 0/);
    expect(() => pHop(new Float64Array(29), 10, 1, 4)).toThrow(/29 entries, expected 30 .*\[10 x 1 x 3\]/);
  });
});
