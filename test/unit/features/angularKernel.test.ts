// The angular kernel in float64 (before the float32 feature matrix hides small errors): the
// compiled WebAssembly pass (powers by repeated squaring, near-equal xi sharing one exponential times a
// cubic-series correction) against a direct Math.exp / Math.pow sum over unordered neighbour pairs.
import { describe, expect, it } from 'vitest';
import { addAngular, compileAngular } from '../../../src/core/features/angular';
import { compileAngularPass } from '../../../src/core/features/angularPass';
import { featureLayout } from '../../../src/core/features/names';
import { featurePreset } from '../../../src/core/features/presets';
import type { AngularSpec } from '../../../src/core/features/spec';
import { buildNeighborList } from '../../../src/core/neighbors/cellList';
import { rng } from '../neighbors/helpers';

/** Center 0 at the origin and m neighbours spread over the ball of radius rCut (open boundaries). */
function cluster(m: number, rCut: number, seed: number) {
  const r = rng(seed);
  const positions = new Float64Array(3 * (m + 1));
  for (let i = 1; i <= m; i++) {
    const radius = rCut * (0.3 + 0.7 * r());
    const z = 2 * r() - 1;
    const phi = 2 * Math.PI * r();
    const s = Math.sqrt(1 - z * z);
    positions.set([radius * s * Math.cos(phi), radius * s * Math.sin(phi), radius * z], 3 * i);
  }
  const species = Uint8Array.from({ length: m + 1 }, (_, i) => (i % 5 === 4 ? 1 : 0));
  return { n: m + 1, dimension: 3 as const, box: null, positions, species };
}

/** Float64 row [nFeatures] from addAngular for center 0, and the direct sum ([Cubuk2015] Eq. 2, pairs once). */
function both(angular: AngularSpec, m: number, seed: number) {
  const frame = cluster(m, angular.rCut, seed);
  const layout = featureLayout({ speciesNames: ['A', 'B'], radial: null, angular });
  const list = buildNeighborList(frame, angular.rCut, Int32Array.of(0));
  const row = new Float64Array(layout.nFeatures);
  addAngular(compileAngular(angular), list, 0, frame.species, layout, row);
  const direct = new Float64Array(layout.nFeatures);
  const p = frame.positions;
  for (let j = 1; j <= m; j++) {
    for (let k = j + 1; k <= m; k++) {
      const [u, w] = [p.subarray(3 * j, 3 * j + 3), p.subarray(3 * k, 3 * k + 3)];
      const rij = Math.hypot(u[0], u[1], u[2]);
      const rik = Math.hypot(w[0], w[1], w[2]);
      const rjk = Math.hypot(w[0] - u[0], w[1] - u[1], w[2] - u[2]);
      const cos = (u[0] * w[0] + u[1] * w[1] + u[2] * w[2]) / (rij * rik);
      const block = layout.pairStart[frame.species[j] * 2 + frame.species[k]];
      angular.triples.forEach(({ xi, zeta, lambda }, t) => {
        direct[block + t] += Math.exp(-(rij ** 2 + rik ** 2 + rjk ** 2) / xi ** 2) * (1 + lambda * cos) ** zeta;
      });
    }
  }
  return { row, direct };
}

function worstRelative(row: Float64Array, direct: Float64Array): number {
  let worst = 0;
  for (let k = 0; k < row.length; k++) {
    expect(direct[k], `column ${k}`).toBeGreaterThan(0); // every column is exercised
    worst = Math.max(worst, Math.abs(row[k] - direct[k]) / direct[k]);
  }
  return worst;
}

describe('angular kernel (float64)', () => {
  it('cubuk2015 triples: 6 exponentials per pair (14.633 and 14.638 share one), agree with the direct sum to 1e-10', () => {
    const angular = featurePreset('cubuk2015', ['A', 'B']).angular!;
    expect(compileAngular(angular).exponentials).toBe(6);
    // expNeg errs by < 1e-11 per term; powers up to zeta = 16 by squaring add a few ulps.
    const { row, direct } = both(angular, 40, 7);
    expect(worstRelative(row, direct)).toBeLessThan(1e-10);
  });

  it('near-equal xi at the sharing limit (|dc| * 6 rCut^2 = 2^-12): correction series exact to 1e-10', () => {
    const rCut = 2.5;
    const dc = (2 ** -12 / (6 * rCut * rCut)) * 0.999;
    const xi2 = 1 / Math.sqrt(1 + dc); // 1/xi2^2 - 1/1^2 = dc
    const triples = [
      { xi: 1, zeta: 1, lambda: 1 },
      { xi: xi2, zeta: 2, lambda: -1 },
      { xi: xi2, zeta: 16, lambda: 1 },
      { xi: 1, zeta: 3, lambda: -1 },
      { xi: xi2, zeta: 5, lambda: 1 },
    ];
    const kernel = compileAngular({ triples, rCut });
    expect(kernel.exponentials).toBe(1); // one exponential shared by the 5 triples
    // Without the series (or with a first-order one) xi2's columns would be off by up to 2.4e-4.
    const { row, direct } = both({ triples, rCut }, 40, 11);
    expect(worstRelative(row, direct)).toBeLessThan(1e-10);
  });

  it('xi just beyond the sharing limit gets its own exponential', () => {
    const rCut = 2.5;
    const dc = (2 ** -12 / (6 * rCut * rCut)) * 1.01;
    const triples = [
      { xi: 1, zeta: 1, lambda: 1 },
      { xi: 1 / Math.sqrt(1 + dc), zeta: 1, lambda: 1 },
    ];
    expect(compileAngular({ triples, rCut }).exponentials).toBe(2);
    const { row, direct } = both({ triples, rCut }, 30, 3);
    expect(worstRelative(row, direct)).toBeLessThan(1e-10);
  });

  it('a table of 30 random triples (zeta 1..40, any lambda in [-1, 1], repeated xi): one accumulator each, 1e-9', () => {
    const r = rng(12);
    const xis = [0.7, 1.1, 1.9, 3.3];
    const triples = Array.from({ length: 30 }, () => ({
      xi: xis[Math.floor(4 * r())],
      zeta: 1 + Math.floor(40 * r()),
      lambda: Math.round(20 * r() - 10) / 10,
    }));
    expect(compileAngular({ triples, rCut: 2.5 }).exponentials).toBe(4);
    const { row, direct } = both({ triples, rCut: 2.5 }, 45, 13);
    // zeta up to 40 amplifies the few-ulp difference between the two cos theta computations
    // (relative to 1 + lambda cos, large where that is near 0) 40-fold: the generic-loop kernel
    // this replaced measured the same 2.8e-10 here.
    expect(worstRelative(row, direct)).toBeLessThan(1e-9);
  });

  it('the same table compiles to the same pass (compiled once per thread); another table to another', () => {
    const angular = featurePreset('cubuk2015', ['A', 'B']).angular!;
    const first = compileAngularPass(angular);
    expect(compileAngularPass({ ...angular, triples: angular.triples.map((t) => ({ ...t })) })).toBe(first);
    expect(compileAngularPass({ ...angular, triples: angular.triples.slice(1) })).not.toBe(first);
  });

  it('pairs go two at a time: a padding slot adds exactly 0; odd and even runs match the direct sum', () => {
    const angular = featurePreset('cubuk2015', ['A', 'B']).angular!;
    const pass = compileAngularPass(angular);
    // Slots 0-2: three neighbours of one species, slot 3: padding.
    const bonds = [
      [1.1, 0.2, -0.3],
      [-0.4, 1.3, 0.5],
      [0.9, 0.8, 1.2],
    ];
    pass.reserve(4);
    bonds.forEach(([x, y, z], s) => {
      [pass.x[s], pass.y[s], pass.z[s]] = [x, y, z];
      pass.r2[s] = x * x + y * y + z * z;
      pass.invR[s] = 1 / Math.sqrt(pass.r2[s]);
    });
    pass.x[3] = pass.y[3] = pass.z[3] = pass.invR[3] = 0;
    pass.r2[3] = pass.paddingR2;
    const direct = (pairs: number[][]) =>
      angular.triples.map(({ xi, zeta, lambda }) =>
        pairs.reduce((sum, [j, k]) => {
          const [u, w] = [bonds[j], bonds[k]];
          const dot = u[0] * w[0] + u[1] * w[1] + u[2] * w[2];
          const rjk2 = (u[0] - w[0]) ** 2 + (u[1] - w[1]) ** 2 + (u[2] - w[2]) ** 2;
          const cos = dot / Math.hypot(...u) / Math.hypot(...w);
          return sum + Math.exp(-(Math.hypot(...u) ** 2 + Math.hypot(...w) ** 2 + rjk2) / xi ** 2) * (1 + lambda * cos) ** zeta;
        }, 0),
      );
    const check = (row: Float64Array, expected: number[]) => {
      for (const [t, value] of expected.entries()) expect(Math.abs(row[t] - value), `triple ${t}`).toBeLessThanOrEqual(1e-11 * value);
    };
    // same species, j over 0..2: k ranges of 2, 1 (padded) and 0 pairs.
    const same = new Float64Array(22);
    pass.add(0, 3, 0, 3, true, same, 0);
    check(
      same,
      direct([
        [0, 1],
        [0, 2],
        [1, 2],
      ]),
    );
    // j = 0 against k in {1, 2} (even) and against k = 2 alone (odd: the padding slot joins it).
    const cross = new Float64Array(22);
    pass.add(0, 1, 1, 3, false, cross, 0);
    check(
      cross,
      direct([
        [0, 1],
        [0, 2],
      ]),
    );
    const odd = new Float64Array(22);
    pass.add(0, 1, 2, 3, false, odd, 0);
    check(odd, direct([[0, 2]]));
    // The padding slot named explicitly (an even range 2..3) adds exactly nothing either.
    const padded = new Float64Array(22);
    pass.add(0, 1, 2, 4, false, padded, 0);
    expect([...padded]).toEqual([...odd]);
    // Whole centers with 2, 3, 4, 7 neighbours of mixed species (runs of odd and even length).
    for (const m of [2, 3, 4, 7]) {
      const { row, direct: sum } = both(angular, m, 100 + m);
      for (let k = 0; k < row.length; k++) expect(Math.abs(row[k] - sum[k]), `m = ${m}, column ${k}`).toBeLessThanOrEqual(1e-10 * sum[k]);
    }
  });
});
