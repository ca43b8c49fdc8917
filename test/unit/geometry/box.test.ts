import { describe, expect, it } from 'vitest';
import { makeBox, minimumImage, perpendicularWidths, toFractional, wrapIntoCell } from '../../../src/core/geometry/box';

describe('Box', () => {
  const box = makeBox({ lo: [1, 2, 3], lx: 10, ly: 8, lz: 6, xy: 3, xz: -2, yz: 1.5 });

  it('converts to fractional coordinates of the tilted cell', () => {
    const s = new Float64Array(3);
    // r = lo + 0.25 a + 0.5 b + 0.75 c
    const x = 1 + 0.25 * 10 + 0.5 * 3 + 0.75 * -2;
    const y = 2 + 0.5 * 8 + 0.75 * 1.5;
    const z = 3 + 0.75 * 6;
    toFractional(box, x, y, z, s);
    expect(Array.from(s).map((v) => +v.toFixed(12))).toEqual([0.25, 0.5, 0.75]);
  });

  it('wraps unwrapped positions into the primary cell, preserving them modulo lattice vectors', () => {
    const inside = [1 + 0.25 * 10 + 0.5 * 3 + 0.75 * -2, 2 + 0.5 * 8 + 0.75 * 1.5, 3 + 0.75 * 6];
    // shift by 2a - b + 3c
    const shifted = Float64Array.from([inside[0] + 20 - 3 - 6, inside[1] - 8 + 4.5, inside[2] + 18]);
    const wrapped = wrapIntoCell(box, shifted);
    for (const [a, v] of inside.entries()) expect(wrapped[a]).toBeCloseTo(v, 10);
  });

  it('gives face-to-face widths V / |face area| and the orthogonal lengths when untilted', () => {
    expect(perpendicularWidths(makeBox({ lo: [0, 0, 0], lx: 3, ly: 4, lz: 5 }))).toEqual([3, 4, 5]);
    const [wx, wy, wz] = perpendicularWidths(box);
    expect(wz).toBeCloseTo(6, 12);
    expect(wy).toBeCloseTo((10 * 8 * 6) / Math.hypot(6 * 10, -1.5 * 10), 12);
    expect(wx).toBeLessThan(10);
  });

  it('applies the minimum image in a sheared cell', () => {
    const d = [10 + 3 + 0.1, 8 + 0.2, 0.3]; // a + b + small vector
    minimumImage(box, d);
    expect(d.map((v) => +v.toFixed(12))).toEqual([0.1, 0.2, 0.3]);
  });

  it('rejects non-positive edges', () => {
    expect(() => makeBox({ lo: [0, 0, 0], lx: 0, ly: 1, lz: 1 })).toThrow(/lx must be a finite positive length/);
  });
});
