import { describe, expect, it } from 'vitest';
import { EXP_ARG_MAX, expNeg } from '../../../src/core/features/fastExp';
import { featureLayout, featureNames } from '../../../src/core/features/names';
import { featurePreset } from '../../../src/core/features/presets';

describe('featurePreset', () => {
  it('cubuk2015: mu = 0.3..5.0 step 0.1 (48 values, exact decimals), L = 0.1, cut-offs 5.0 / 2.5', () => {
    const s = featurePreset('cubuk2015', ['A', 'B']);
    const mus = s.radial!.mus;
    expect(mus.length).toBe(48);
    expect(mus[0]).toBe(0.3);
    expect(mus[47]).toBe(5);
    // Integer-step grid: every value is the double nearest to k/10 (0.7, not 0.7000000000000001).
    for (const [k, mu] of mus.entries()) expect(mu).toBe(Number(((3 + k) / 10).toFixed(1)));
    expect(s.radial).toMatchObject({ width: 0.1, convention: 'cubuk', rCut: 5 });
    expect(s.angular!.rCut).toBe(2.5);
  });

  it('cubuk2015: the 22 triples of [Cubuk2016] Table 4.1, rows 3-4 with xi = 14.638', () => {
    const t = featurePreset('cubuk2015', ['A', 'B']).angular!.triples.map(({ xi, zeta, lambda }) => [xi, zeta, lambda]);
    expect(t.length).toBe(22);
    expect(t.slice(0, 5)).toEqual([
      [14.633, 1, -1],
      [14.633, 1, 1],
      [14.638, 2, -1],
      [14.638, 2, 1],
      [2.554, 1, -1],
    ]);
    expect(t[13]).toEqual([1.204, 16, 1]);
    expect(t[21]).toEqual([0.695, 16, 1]);
    expect(new Set(t.map((r) => r[0]))).toEqual(new Set([14.633, 14.638, 2.554, 1.648, 1.204, 0.933, 0.695]));
  });

  it('cubuk2015 with 2 species has 2*48 + 3*22 = 162 features ([Cubuk2016] quotes 94 + 66 = 160)', () => {
    const s = featurePreset('cubuk2015', ['A', 'B']);
    expect(featureLayout(s).nFeatures).toBe(162);
    expect(featureNames(s).length).toBe(162);
  });

  it('schoenholz2016: radial only, r = 0.1..5.0 (50 values), sigma = 0.1, schoenholz convention', () => {
    const s = featurePreset('schoenholz2016', ['A', 'B']);
    expect(s.angular).toBeNull();
    expect(s.radial!.mus.length).toBe(50);
    expect(s.radial!.mus[2]).toBe(0.3);
    expect(s.radial).toMatchObject({ width: 0.1, convention: 'schoenholz', rCut: 5 });
    expect(featureLayout(s).nFeatures).toBe(100);
  });

  it('overrides replace cut-offs and width; bad names and values throw naming the parameter', () => {
    const s = featurePreset('cubuk2015', ['A', 'B'], { radialCut: 4, angularCut: 2, width: 0.2 });
    expect([s.radial!.rCut, s.angular!.rCut, s.radial!.width]).toEqual([4, 2, 0.2]);
    expect(() => featurePreset('cubuk2016' as 'cubuk2015', ['A'])).toThrow(/unknown preset "cubuk2016"/);
    expect(() => featurePreset('cubuk2015', ['A'], { radialCut: -1 })).toThrow(/radial.rCut/);
    expect(() => featurePreset('cubuk2015', ['A'], { angularCut: NaN })).toThrow(/angular.rCut/);
    expect(() => featurePreset('cubuk2015', ['A'], { rcut: 3 } as object)).toThrow(/override 'rcut'/);
    expect(() => featurePreset('schoenholz2016', ['A'], { angularCut: 2 })).toThrow(/angularCut/);
    expect(() => featurePreset('cubuk2015', ['A', 'A'])).toThrow(/speciesNames/);
    expect(() => featurePreset('cubuk2015', [])).toThrow(/speciesNames/);
  });
});

describe('feature names and layout', () => {
  it('radial per neighbour species, then angular per species pair AA, AB, BB', () => {
    const names = featureNames(featurePreset('cubuk2015', ['A', 'B']));
    expect(names[0]).toBe('G_A(0.30)');
    expect(names[47]).toBe('G_A(5.00)');
    expect(names[48 + 8]).toBe('G_B(1.10)');
    expect(names[96]).toBe('Psi_AA(14.633,1,-1)');
    expect(names[96 + 22 + 4]).toBe('Psi_AB(2.554,1,-1)');
    expect(names[161]).toBe('Psi_BB(0.695,16,1)');
    expect(new Set(names).size).toBe(162);
  });

  it('pairStart is symmetric and follows the (Y <= Z) block order, 3 species', () => {
    const s = {
      speciesNames: ['A', 'B', 'C'],
      radial: { mus: [1, 2], width: 0.1, convention: 'cubuk' as const, rCut: 3 },
      angular: { triples: [{ xi: 1, zeta: 1, lambda: 1 }], rCut: 2 },
    };
    const l = featureLayout(s);
    expect(l.nFeatures).toBe(3 * 2 + 6);
    expect(Array.from(l.pairStart)).toEqual([6, 7, 8, 7, 9, 10, 8, 10, 11]);
    expect(featureNames(s).slice(6)).toEqual([
      'Psi_AA(1,1,1)',
      'Psi_AB(1,1,1)',
      'Psi_AC(1,1,1)',
      'Psi_BB(1,1,1)',
      'Psi_BC(1,1,1)',
      'Psi_CC(1,1,1)',
    ]);
  });

  it('mu keeps 2 decimals, more only when it has them', () => {
    const s = { speciesNames: ['A'], radial: { mus: [1.1, 1.105], width: 0.1, convention: 'cubuk' as const, rCut: 3 }, angular: null };
    expect(featureNames(s)).toEqual(['G_A(1.10)', 'G_A(1.105)']);
  });
});

describe('expNeg', () => {
  it('matches Math.exp(-y) to 1e-11 relative on [0, 42.25]', () => {
    let worst = 0;
    for (let k = 0; k <= 200_000; k++) {
      const y = (k / 200_000) * EXP_ARG_MAX;
      worst = Math.max(worst, Math.abs(expNeg(y) / Math.exp(-y) - 1));
    }
    expect(worst).toBeLessThan(1e-11);
  });

  it('is exactly 0 from 42.25 + 1/64 on (dropped terms), including huge arguments', () => {
    for (const y of [EXP_ARG_MAX + 1 / 64, 50, 1e6, 1e300, Infinity]) expect(expNeg(y)).toBe(0);
    expect(expNeg(EXP_ARG_MAX + 0.01) / Math.exp(-(EXP_ARG_MAX + 0.01))).toBeCloseTo(1, 10);
  });
});
