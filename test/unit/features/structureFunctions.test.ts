import { describe, expect, it } from 'vitest';
import { makeBox } from '../../../src/core/geometry/box';
import { featurePreset } from '../../../src/core/features/presets';
import type { FeatureSpec } from '../../../src/core/features/spec';
import { computeStructureFunctions, type FeatureMatrix } from '../../../src/core/features/structureFunctions';
import { randomFrame, type TestFrame } from '../neighbors/helpers';
import { slowStructureFunctions } from './reference';

const TRIPLES = [
  { xi: 2.554, zeta: 1, lambda: -1 },
  { xi: 1.204, zeta: 2, lambda: 1 },
  { xi: 0.933, zeta: 16, lambda: 1 },
];

/** An open-boundary frame from explicit points (rows) and species. */
function points(xyz: number[][], species: number[], dimension: 2 | 3 = 3): TestFrame {
  return { n: xyz.length, dimension, box: null, positions: Float64Array.from(xyz.flat()), species: Uint8Array.from(species) };
}

function spec(over: Partial<FeatureSpec> = {}): FeatureSpec {
  return {
    speciesNames: ['A', 'B'],
    radial: { mus: [0.5, 1.0, 1.1, 1.45, 2.0], width: 0.1, convention: 'cubuk', rCut: 3 },
    angular: { triples: TRIPLES, rCut: 2.5 },
    ...over,
  };
}

/** value of column `name` in row r */
function at(m: FeatureMatrix, r: number, name: string): number {
  const k = m.names.indexOf(name);
  expect(k, name).toBeGreaterThanOrEqual(0);
  return m.values[r * m.nFeatures + k];
}

/** Float32 storage: relative agreement to 2e-7 (half a float32 ulp is 6e-8). */
function expectRel(actual: number, expected: number, rel = 2e-7): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

function expectRowsClose(m: FeatureMatrix, expected: number[][], rel = 2e-7): void {
  expect(m.nRows).toBe(expected.length);
  let worst = 0;
  for (let r = 0; r < m.nRows; r++) {
    for (let k = 0; k < m.nFeatures; k++) {
      const e = expected[r][k];
      // Terms below exp(-42.25) are dropped by design: allow ~1e-14 absolute.
      worst = Math.max(worst, Math.abs(m.values[r * m.nFeatures + k] - e) / (Math.abs(e) + 1e-14 / rel));
    }
  }
  expect(worst).toBeLessThan(rel);
}

describe('radial structure functions, analytic', () => {
  it('a single pair at R gives exp(-(R - mu)^2 / L^2) per mu ([Cubuk2015] Eq. 1), in the neighbour species block', () => {
    const R = 1.07;
    const m = computeStructureFunctions(
      points(
        [
          [0, 0, 0],
          [R, 0, 0],
        ],
        [0, 1],
      ),
      spec({ angular: null }),
    );
    for (const mu of [0.5, 1.0, 1.1, 1.45, 2.0]) {
      // Beyond 6.5 widths (exponent > 42.25) the term is dropped by design: exactly 0.
      const arg = (R - mu) ** 2 / 0.01;
      const expected = arg > 42.25 ? 0 : Math.exp(-arg);
      expectRel(at(m, 0, `G_B(${mu.toFixed(2)})`), expected);
      expect(at(m, 0, `G_A(${mu.toFixed(2)})`)).toBe(0);
      expectRel(at(m, 1, `G_A(${mu.toFixed(2)})`), expected);
      expect(at(m, 1, `G_B(${mu.toFixed(2)})`)).toBe(0);
    }
    expectRel(at(m, 0, 'G_B(1.10)'), Math.exp(-0.09));
    expect(at(m, 0, 'G_B(0.50)')).toBeGreaterThan(0); // exponent 32.5: kept
    expect(at(m, 0, 'G_B(2.00)')).toBe(0); // exponent 86.5: dropped
  });

  it("'schoenholz' convention: (1/sqrt(2 pi)) exp(-(R - r)^2 / (2 sigma^2)) ([Schoenholz2018] Eq. 3)", () => {
    const R = 1.23;
    const s: FeatureSpec = {
      speciesNames: ['A'],
      radial: { mus: [1.1, 1.2, 1.3, 1.9], width: 0.1, convention: 'schoenholz', rCut: 5 },
      angular: null,
    };
    const m = computeStructureFunctions(
      points(
        [
          [0, 0, 0],
          [0, R, 0],
        ],
        [0, 0],
      ),
      s,
    );
    for (const mu of [1.1, 1.2, 1.3, 1.9]) {
      const expected = Math.exp(-((R - mu) ** 2) / 0.02) / Math.sqrt(2 * Math.PI);
      expectRel(at(m, 0, `G_A(${mu.toFixed(2)})`), expected);
    }
  });

  it('rCut is strict: a neighbour at R >= rCut contributes nothing', () => {
    const m = computeStructureFunctions(
      points(
        [
          [0, 0, 0],
          [3, 0, 0],
        ],
        [0, 0],
      ),
      spec({ angular: null }),
    );
    expect(Array.from(m.values).every((x) => x === 0)).toBe(true);
  });
});

describe('angular structure functions, analytic', () => {
  const a = 1.1;
  const triangle = [
    [0, 0, 0],
    [a, 0, 0],
    [a / 2, (a * Math.sqrt(3)) / 2, 0],
  ];
  const psi = (xi: number, zeta: number, lambda: number, sum2: number, cos: number) =>
    Math.exp(-sum2 / xi ** 2) * (1 + lambda * cos) ** zeta;

  it('equilateral triangle: Psi = exp(-3a^2/xi^2) (1 + lambda/2)^zeta, each unordered pair once', () => {
    const m = computeStructureFunctions(points(triangle, [0, 0, 0]), spec({ radial: null }));
    for (let r = 0; r < 3; r++) {
      for (const { xi, zeta, lambda } of TRIPLES) {
        const expected = psi(xi, zeta, lambda, 3 * a * a, 0.5);
        expectRel(at(m, r, `Psi_AA(${xi},${zeta},${lambda})`), expected);
        expect(at(m, r, `Psi_AB(${xi},${zeta},${lambda})`)).toBe(0);
        expect(at(m, r, `Psi_BB(${xi},${zeta},${lambda})`)).toBe(0);
      }
    }
  });

  it('mixed triangle: an A center with one A and one B neighbour fills only Psi_AB; a B center with two A fills Psi_AA', () => {
    const m = computeStructureFunctions(points(triangle, [0, 0, 1]), spec({ radial: null }));
    for (const { xi, zeta, lambda } of TRIPLES) {
      const expected = psi(xi, zeta, lambda, 3 * a * a, 0.5);
      const key = `(${xi},${zeta},${lambda})`;
      expectRel(at(m, 0, `Psi_AB${key}`), expected);
      expect(at(m, 0, `Psi_AA${key}`) + at(m, 0, `Psi_BB${key}`)).toBe(0);
      expectRel(at(m, 2, `Psi_AA${key}`), expected);
      expect(at(m, 2, `Psi_AB${key}`) + at(m, 2, `Psi_BB${key}`)).toBe(0);
    }
  });

  it('right angle (cos = 0): Psi = exp(-2(p^2 + q^2)/xi^2), also in 2D', () => {
    const [p, q] = [0.9, 1.3];
    for (const dim of [2, 3] as const) {
      const m = computeStructureFunctions(
        points(
          [
            [0, 0, 0],
            [p, 0, 0],
            [0, q, 0],
          ],
          [1, 0, 0],
          dim,
        ),
        spec({ radial: null }),
      );
      for (const { xi, zeta, lambda } of TRIPLES) {
        const expected = psi(xi, zeta, lambda, 2 * (p * p + q * q), 0);
        expectRel(at(m, 0, `Psi_AA(${xi},${zeta},${lambda})`), expected);
      }
    }
  });

  it('Psi_AA + Psi_AB + Psi_BB equals the species-blind sum (each triplet counted once)', () => {
    const frame = randomFrame(makeBox({ lo: [0, 0, 0], lx: 6, ly: 6, lz: 6 }), 250, 3, 21);
    const two = computeStructureFunctions(frame, spec({ radial: null }), Int32Array.of(0, 1, 2));
    const one = computeStructureFunctions(
      { ...frame, species: new Uint8Array(250) },
      spec({ radial: null, speciesNames: ['A'] }),
      Int32Array.of(0, 1, 2),
    );
    for (let r = 0; r < 3; r++) {
      for (const { xi, zeta, lambda } of TRIPLES) {
        const key = `(${xi},${zeta},${lambda})`;
        const sum = at(two, r, `Psi_AA${key}`) + at(two, r, `Psi_AB${key}`) + at(two, r, `Psi_BB${key}`);
        expect(Math.abs(sum - at(one, r, `Psi_AA${key}`))).toBeLessThan(1e-6 * at(one, r, `Psi_AA${key}`));
      }
    }
  });
});

describe('structure functions vs a slow direct implementation', () => {
  it('cubuk2015 on a triclinic periodic cell, a subset of centers (rCut 5 > half the cell: all images)', () => {
    const box = makeBox({ lo: [0, 0, 0], lx: 8, ly: 8, lz: 8, xy: 3, xz: -1, yz: 2 });
    const frame = randomFrame(box, Math.round(1.2 * 512), 3, 22);
    const centers = [0, 17, 300, 611, 5];
    const s = featurePreset('cubuk2015', ['A', 'B']);
    const m = computeStructureFunctions(frame, s, Int32Array.from(centers));
    expect(m.nFeatures).toBe(162);
    expectRowsClose(m, slowStructureFunctions(frame, s, centers));
  });

  it('schoenholz2016, 3 species, orthogonal cell; and 2D open boundaries with the angular part', () => {
    const box = makeBox({ lo: [-5, -5, -5], lx: 11, ly: 11, lz: 11 });
    const frame = randomFrame(box, 1000, 3, 23);
    for (let i = 0; i < frame.species.length; i++) frame.species[i] = i % 3;
    const s = featurePreset('schoenholz2016', ['A', 'B', 'C']);
    expectRowsClose(computeStructureFunctions(frame, s, Int32Array.of(3, 999)), slowStructureFunctions(frame, s, [3, 999]));
    const flat = randomFrame(makeBox({ lo: [0, 0, 0], lx: 12, ly: 12, lz: 1 }), 170, 2, 24, false);
    const s2 = featurePreset('cubuk2015', ['A', 'B']);
    const open = { ...flat, box: null };
    expectRowsClose(computeStructureFunctions(open, s2, Int32Array.of(0, 9, 100)), slowStructureFunctions(open, s2, [0, 9, 100]));
  });
});

describe('structure functions: invariances', () => {
  const box = makeBox({ lo: [0, 0, 0], lx: 7, ly: 7.5, lz: 8 });
  const frame = randomFrame(box, 500, 3, 25, false);
  const s = spec();
  const base = computeStructureFunctions(frame, s);

  it('shifting every particle by lattice vectors, or translating across the boundary, changes nothing', () => {
    const moved = { ...frame, positions: frame.positions.slice() };
    for (let i = 0; i < frame.n; i++) {
      moved.positions[3 * i] += (i % 3) * 7 + 2.5; // whole lattice vectors plus a common translation
      moved.positions[3 * i + 1] -= (i % 2) * 7.5 - 1.25;
      moved.positions[3 * i + 2] += 0.75 - 16 * (i % 4);
    }
    expectRowsClose(
      computeStructureFunctions(moved, s),
      Array.from({ length: 500 }, (_, r) => Array.from(base.values.subarray(r * base.nFeatures, (r + 1) * base.nFeatures))),
      1e-5,
    );
  });

  it('a triclinic description of the same lattice (b -> b + a, c -> c + b) gives the same features', () => {
    const tilted = { ...frame, box: makeBox({ lo: [0, 0, 0], lx: 7, ly: 7.5, lz: 8, xy: 7, xz: 0, yz: 7.5 }) };
    expectRowsClose(
      computeStructureFunctions(tilted, s),
      Array.from({ length: 500 }, (_, r) => Array.from(base.values.subarray(r * base.nFeatures, (r + 1) * base.nFeatures))),
      1e-5,
    );
  });

  it('a subset of centers gives exactly the rows of the full computation, in the given order', () => {
    const centers = [499, 0, 250, 250, 7];
    const sub = computeStructureFunctions(frame, s, Int32Array.from(centers));
    centers.forEach((i, r) => {
      expect(Array.from(sub.values.subarray(r * sub.nFeatures, (r + 1) * sub.nFeatures))).toEqual(
        Array.from(base.values.subarray(i * base.nFeatures, (i + 1) * base.nFeatures)),
      );
    });
  });
});

describe('structure functions: errors', () => {
  it('names the particle row whose species is not in speciesNames', () => {
    const f = points(
      [
        [0, 0, 0],
        [1, 0, 0],
        [2, 0, 0],
      ],
      [0, 2, 1],
    );
    expect(() => computeStructureFunctions(f, spec())).toThrow(/particle row 1 has species index 2/);
  });
  it('rejects an invalid spec naming the parameter', () => {
    const f = points(
      [
        [0, 0, 0],
        [1, 0, 0],
      ],
      [0, 1],
    );
    expect(() => computeStructureFunctions(f, spec({ angular: { triples: [{ xi: 1, zeta: 1.5, lambda: 1 }], rCut: 2 } }))).toThrow(
      /angular.triples\[0\].zeta/,
    );
    expect(() => computeStructureFunctions(f, spec({ radial: { mus: [1], width: 0, convention: 'cubuk', rCut: 2 } }))).toThrow(
      /radial.width/,
    );
    expect(() => computeStructureFunctions(f, spec({ radial: null, angular: null }))).toThrow(/neither/);
  });
});
