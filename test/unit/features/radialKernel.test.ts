// The radial kernel in float64 (before the float32 feature matrix hides small errors): the
// Gaussian recurrence on evenly spaced mu grids and the one-exponential-per-mu path on other
// grids, against Math.exp term by term ([Cubuk2015] Eq. 1; [Schoenholz2018] Eq. 3).
import { describe, expect, it } from 'vitest';
import { featureLayout } from '../../../src/core/features/names';
import { addRadial, compileRadial } from '../../../src/core/features/radial';
import type { RadialSpec } from '../../../src/core/features/spec';
import { buildNeighborList } from '../../../src/core/neighbors/cellList';
import { rng } from '../neighbors/helpers';

/** Center 0 at the origin, neighbours on the x axis at `distances`, neighbour k of species k % 2. */
function line(distances: number[]) {
  const positions = new Float64Array(3 * (distances.length + 1));
  for (const [k, r] of distances.entries()) positions[3 * (k + 1)] = r;
  const species = Uint8Array.from({ length: distances.length + 1 }, (_, i) => (i + 1) % 2);
  return { n: distances.length + 1, dimension: 3 as const, box: null, positions, species };
}

/**
 * Float64 row [2 x nMus] from addRadial for center 0, and the direct sum in spec order over
 * every term (Math.exp), with the number of neighbours inside rCut.
 */
function both(radial: RadialSpec, distances: number[]) {
  const frame = line(distances);
  const layout = featureLayout({ speciesNames: ['A', 'B'], radial, angular: null });
  const list = buildNeighborList(frame, radial.rCut, Int32Array.of(0));
  const row = new Float64Array(layout.nFeatures);
  addRadial(compileRadial(radial), list, 0, frame.species, layout, row);
  const schoenholz = radial.convention === 'schoenholz';
  const a = schoenholz ? 1 / (2 * radial.width ** 2) : 1 / radial.width ** 2;
  const direct = new Float64Array(layout.nFeatures);
  distances.forEach((r, k) => {
    if (r >= radial.rCut) return;
    radial.mus.forEach((mu, m) => {
      direct[(k % 2) * radial.mus.length + m] += (schoenholz ? 1 / Math.sqrt(2 * Math.PI) : 1) * Math.exp(-((r - mu) ** 2) * a);
    });
  });
  return { row, direct, inside: distances.filter((r) => r < radial.rCut).length };
}

/**
 * The documented contract: every term within the window (exponent <= 42.25) is summed to `rel`
 * relative; a term beyond it may be left out, and each such term is < exp(-42.25) = 4.5e-19.
 */
function expectTermsClose({ row, direct, inside }: { row: Float64Array; direct: Float64Array; inside: number }, rel: number): void {
  let worst = 0;
  for (let k = 0; k < row.length; k++) {
    const bound = rel * direct[k] + inside * Math.exp(-42.25);
    worst = Math.max(worst, Math.abs(row[k] - direct[k]) / bound);
  }
  expect(worst).toBeLessThan(1);
}

const tenths = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, k) => (first + k) / 10);

describe('radial kernel (float64)', () => {
  it('cubuk2015 grid (even, recurrence): 3000 random distances agree with Math.exp to 1e-10 per column', () => {
    const radial: RadialSpec = { mus: tenths(3, 50), width: 0.1, convention: 'cubuk', rCut: 5 };
    expect(compileRadial(radial).step).toBeCloseTo(0.1, 15);
    const r = rng(5);
    const distances = Array.from({ length: 3000 }, () => 5.2 * r());
    expectTermsClose(both(radial, distances), 1e-10);
  });

  it('distances below and above the grid, exactly on mus and half-way between, and the window edge', () => {
    const radial: RadialSpec = { mus: tenths(10, 20), width: 0.1, convention: 'cubuk', rCut: 3 };
    // 1.0 - 0.65 and 2.0 + 0.65 are the last distances that still reach the end mus.
    for (const r of [0.05, 0.3, 0.35, 0.36, 0.9, 1.0, 1.05, 1.25, 1.5, 1.55, 2.0, 2.04, 2.1, 2.65, 2.66, 2.9]) {
      expectTermsClose(both(radial, [r]), 1e-10);
    }
  });

  it("'schoenholz' convention, mus listed in descending order (columns follow the spec), one recurrence step per mu", () => {
    const radial: RadialSpec = { mus: tenths(1, 50).reverse(), width: 0.1, convention: 'schoenholz', rCut: 5 };
    expect(compileRadial(radial).step).toBeGreaterThan(0);
    const r = rng(6);
    expectTermsClose(
      both(
        radial,
        Array.from({ length: 500 }, () => 5 * r()),
      ),
      1e-10,
    );
  });

  it('a coarse even grid (h = 4 L): ratios far below 1, still exact to 1e-10', () => {
    const radial: RadialSpec = { mus: [0.5, 0.9, 1.3, 1.7, 2.1], width: 0.1, convention: 'cubuk', rCut: 3 };
    expect(compileRadial(radial).step).toBeCloseTo(0.4, 15);
    const r = rng(7);
    expectTermsClose(
      both(
        radial,
        Array.from({ length: 400 }, () => 2.8 * r()),
      ),
      1e-10,
    );
  });

  it('an uneven grid, and one off an even grid by 1e-9, use one exponential per mu (same agreement)', () => {
    const uneven: RadialSpec = { mus: [0.5, 1.0, 1.1, 1.45, 2.0], width: 0.1, convention: 'cubuk', rCut: 3 };
    const nudged: RadialSpec = { mus: [1.0, 1.1, 1.2 + 1e-9, 1.3, 1.4], width: 0.1, convention: 'cubuk', rCut: 3 };
    for (const radial of [uneven, nudged]) {
      expect(compileRadial(radial).step).toBe(0);
      const r = rng(8);
      expectTermsClose(
        both(
          radial,
          Array.from({ length: 400 }, () => 2.8 * r()),
        ),
        1e-10,
      );
    }
  });
});
