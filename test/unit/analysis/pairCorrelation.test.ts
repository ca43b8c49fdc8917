import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeBox, type Box } from '../../../src/core/geometry/box';
import { openTrajectory } from '../../../src/core/io/open';
import { partialPairCorrelation, type PairCorrelationFrame } from '../../../src/core/analysis/pairCorrelation';
import { cubicBox, randomFrame } from '../neighbors/helpers';

/** A lattice frame: integer lattice points (u, v, w) mapped through the cell edge vectors / `cells`. */
function latticeFrame(
  box: Box,
  cells: [number, number, number],
  dimension: 2 | 3,
  speciesOf: (u: number, v: number, w: number) => number,
): PairCorrelationFrame {
  const pos: number[] = [];
  const species: number[] = [];
  for (let w = 0; w < cells[2]; w++) {
    for (let v = 0; v < cells[1]; v++) {
      for (let u = 0; u < cells[0]; u++) {
        const [su, sv, sw] = [u / cells[0], v / cells[1], dimension === 3 ? w / cells[2] : 0];
        pos.push(
          box.lo[0] + su * box.lx + sv * box.xy + sw * box.xz,
          box.lo[1] + sv * box.ly + sw * box.yz,
          dimension === 3 ? box.lo[2] + sw * box.lz : 0,
        );
        species.push(speciesOf(u, v, w));
      }
    }
  }
  return { n: species.length, dimension, box, positions: Float64Array.from(pos), species: Uint8Array.from(species) };
}

/**
 * Running coordination number n_ab(r) = (N_b' / V) * sum_{bins below r} g_ab * V_shell: the mean
 * number of b neighbours of an a particle within r (exact inverse of the normalisation).
 */
function coordination(g: Float64Array, r: Float64Array, nb: number, volume: number, dimension: 2 | 3, upTo: number): number {
  const w = r[1] - r[0];
  let sum = 0;
  for (let k = 0; k < r.length && (k + 1) * w <= upTo + 1e-9; k++) {
    const [lo, hi] = [k * w, (k + 1) * w];
    const shell = dimension === 3 ? ((4 * Math.PI) / 3) * (hi ** 3 - lo ** 3) : Math.PI * (hi ** 2 - lo ** 2);
    sum += (g[k] * shell * nb) / volume;
  }
  return sum;
}

/** Bins whose g > 0, as their centre radii. */
const nonZeroRadii = (g: Float64Array, r: Float64Array) => Array.from(r).filter((_, k) => g[k] > 0);

describe('partialPairCorrelation: ideal gas', () => {
  it('uniform random 3D (orthogonal) gives g ~ 1 within the Poisson error of each bin', () => {
    const frame = randomFrame(cubicBox(12), 4000, 3, 11);
    const res = partialPairCorrelation(frame, ['A', 'B'], { rMax: 5, binWidth: 0.25 });
    expect(res.pairs.map((p) => p.label)).toEqual(['A-A', 'A-B', 'B-B']);
    expect(res.r[0]).toBeCloseTo(0.125, 12);
    for (const { g, a, b } of res.pairs) {
      const na = Array.from(frame.species).filter((s) => s === a).length;
      const nb = Array.from(frame.species).filter((s) => s === b).length - (a === b ? 1 : 0);
      for (let k = 4; k < g.length; k++) {
        // Expected count in bin k is mu = na*nb/V*shell (a = b: counted both ways, 2x pairs -> same g); sigma_g = 1/sqrt(mu).
        const shell = ((4 * Math.PI) / 3) * ((0.25 * (k + 1)) ** 3 - (0.25 * k) ** 3);
        const mu = (na * nb * shell) / 12 ** 3 / (a === b ? 2 : 1);
        expect(Math.abs(g[k] - 1)).toBeLessThan(5 / Math.sqrt(mu));
      }
    }
  });

  it('uniform random 2D in a strongly tilted cell gives g ~ 1 (mean over bins within 2%)', () => {
    const box = makeBox({ lo: [0, 0, -0.5], lx: 40, ly: 30, lz: 1, xy: -0.45 * 40 });
    const frame = randomFrame(box, 6000, 2, 12);
    const { pairs } = partialPairCorrelation(frame, ['A', 'B'], { rMax: 6, binWidth: 0.5 });
    const aa = pairs[0].g;
    const mean = aa.slice(2).reduce((s, v) => s + v, 0) / (aa.length - 2);
    expect(Math.abs(mean - 1)).toBeLessThan(0.02);
  });

  it('open boundaries: bounding-box normalisation is biased low by the shell fraction outside the sample', () => {
    const frame = { ...randomFrame(cubicBox(20), 8000, 3, 13, false), box: null };
    const { r, pairs } = partialPairCorrelation(frame, ['A', 'B'], { rMax: 4, binWidth: 0.5 });
    const aa = pairs[0].g;
    // Mean fraction of a sphere of radius r around a uniform point of a cube of side L that lies inside
    // (isotropic set covariance of the cube, x = r/L): 1 - 1.5 x + (2/pi) x^2 - x^3/(4 pi); the
    // first-order term is the r S / (4 V) bias documented in pairCorrelation.ts.
    for (let k = 2; k < r.length; k++) {
      const x = r[k] / 20;
      expect(Math.abs(aa[k] - (1 - 1.5 * x + (2 / Math.PI) * x * x - x ** 3 / (4 * Math.PI)))).toBeLessThan(0.01);
    }
  });
});

describe('partialPairCorrelation: lattices (peaks and integrated coordination numbers)', () => {
  it('simple cubic, spacing 1: shells 6 at 1, 12 at sqrt 2, 8 at sqrt 3, 6 at 2, nothing between', () => {
    const frame = latticeFrame(cubicBox(8), [8, 8, 8], 3, () => 0);
    // Bins of 0.03 put every lattice distance well inside a bin (1/0.03 = 33.3, ...), away from round-off at edges.
    const { r, pairs } = partialPairCorrelation(frame, ['A'], { rMax: 2.1, binWidth: 0.03 });
    const g = pairs[0].g;
    expect(nonZeroRadii(g, r).map((x) => x.toFixed(3))).toEqual(['1.005', '1.425', '1.725', '1.995']);
    const n = coordination.bind(null, g, r, 511, 512, 3);
    expect([n(1.1), n(1.5), n(1.8), n(2.1)].map((x) => Math.round(x * 1e9) / 1e9)).toEqual([6, 18, 26, 32]);
  });

  it('rock salt (two species alternating on a cubic lattice): A-B at 1 (6), A-A and B-B first at sqrt 2 (12)', () => {
    const frame = latticeFrame(cubicBox(6), [6, 6, 6], 3, (u, v, w) => (u + v + w) % 2);
    const { r, pairs } = partialPairCorrelation(frame, ['Na', 'Cl'], { rMax: 1.5, binWidth: 0.06 });
    const [aa, ab, bb] = pairs;
    expect(ab.label).toBe('Na-Cl');
    expect(nonZeroRadii(ab.g, r).map((x) => x.toFixed(3))).toEqual(['0.990']);
    expect(nonZeroRadii(aa.g, r).map((x) => x.toFixed(3))).toEqual(['1.410']);
    expect(nonZeroRadii(bb.g, r).map((x) => x.toFixed(3))).toEqual(['1.410']);
    expect(coordination(ab.g, r, 108, 216, 3, 1.5)).toBeCloseTo(6, 9);
    expect(coordination(aa.g, r, 107, 216, 3, 1.5)).toBeCloseTo(12, 9);
    expect(coordination(bb.g, r, 107, 216, 3, 1.5)).toBeCloseTo(12, 9);
  });

  it('square lattice in a tilted cell (xy = 3 lattice spacings): 4 at 1, 4 at sqrt 2, 4 at 2', () => {
    // The integer points (u, v), 0 <= u, v < 10, tile the plane with the edges a = (10, 0), b = (3, 10).
    const box = makeBox({ lo: [0, 0, 0], lx: 10, ly: 10, lz: 1, xy: 3 });
    const frame = { ...latticeFrame(cubicBox(10, { lo: [0, 0, 0] }), [10, 10, 1], 2, () => 0), box };
    const { r, pairs } = partialPairCorrelation(frame, ['A'], { rMax: 2.1, binWidth: 0.03 });
    const g = pairs[0].g;
    expect(nonZeroRadii(g, r).map((x) => x.toFixed(3))).toEqual(['1.005', '1.425', '1.995']);
    const n = coordination.bind(null, g, r, 99, 100, 2);
    expect([n(1.1), n(1.5), n(2.1)].map((x) => Math.round(x * 1e9) / 1e9)).toEqual([4, 8, 12]);
  });

  it("a cell smaller than 2 rMax counts every periodic image, including a particle's own", () => {
    // One particle per 1x1x1 cell of a 2x2x2 lattice: the same 6 + 12 shells as the infinite lattice.
    const frame = latticeFrame(cubicBox(2), [2, 2, 2], 3, () => 0);
    const { r, pairs } = partialPairCorrelation(frame, ['A'], { rMax: 1.5, binWidth: 0.05 });
    expect(coordination(pairs[0].g, r, 7, 8, 3, 1.5)).toBeCloseTo(18, 9);
  });
});

describe('partialPairCorrelation vs the numpy brute force (test/fixtures/analysis/make_pair_correlation.py)', () => {
  const ref = JSON.parse(readFileSync('test/fixtures/analysis/pair_correlation.json', 'utf8'));
  for (const name of ['ka3d', 'shear2d'] as const) {
    it(`${name}: every bin of every species pair agrees (${name === 'ka3d' ? '3D KA, frame 0' : '2D sheared, triclinic, last frame'})`, () => {
      const c = ref[name];
      const traj = openTrajectory(c.file);
      const frame = traj.readFrame(c.frame === 'last' ? traj.frameCount - 1 : c.frame);
      traj.close();
      if (name === 'shear2d') expect(frame.box?.xy).toBeCloseTo(c.xy, 9);
      const res = partialPairCorrelation(frame, traj.speciesNames, { rMax: c.rMax, binWidth: c.rMax / c.nBins });
      expect(res.r.length).toBe(c.nBins);
      expect(res.pairs.map((p) => [p.a, p.b])).toEqual(c.pairs.map((p: { a: number; b: number }) => [p.a, p.b]));
      let worst = 0;
      for (const [k, p] of res.pairs.entries()) {
        for (let bin = 0; bin < c.nBins; bin++)
          worst = Math.max(worst, Math.abs(p.g[bin] - c.pairs[k].g[bin]) / Math.max(1, c.pairs[k].g[bin]));
      }
      expect(worst).toBeLessThan(1e-12);
      // Not a flat line: the first A-B peak of the Kob-Andersen mixture sits near sigma_AB = 0.8.
      const ab = res.pairs[1].g;
      const peak = res.r[ab.indexOf(Math.max(...ab))];
      expect(peak).toBeGreaterThan(0.75);
      expect(peak).toBeLessThan(0.95);
    });
  }
});

describe('partialPairCorrelation: bad input', () => {
  const frame = randomFrame(cubicBox(5), 50, 3, 1);
  it.each([
    [{ rMax: 0, binWidth: 0.1 }, /rMax must be a finite positive length/],
    [{ rMax: -1, binWidth: 0.1 }, /rMax must be a finite positive length/],
    [{ rMax: NaN, binWidth: 0.1 }, /rMax must be a finite positive length/],
    [{ rMax: 3, binWidth: 0 }, /binWidth must be a finite positive length/],
    [{ rMax: 3, binWidth: Infinity }, /binWidth must be a finite positive length/],
    [{ rMax: 3, binWidth: 4 }, /binWidth \(4\) must not exceed rMax \(3\)/],
    [{ rMax: 3, binWidth: 1e-9 }, /bins exceeds 1000000; check the units/],
  ])('%o is refused', (options, message) => {
    expect(() => partialPairCorrelation(frame, ['A', 'B'], options)).toThrow(message);
  });

  it('refuses unnamed species, empty frames, flat open-boundary data and non-finite positions', () => {
    expect(() => partialPairCorrelation(frame, ['A'], { rMax: 2, binWidth: 0.1 })).toThrow(
      /particle row \d+ has species index 1, but only 1 species are named \(A\)/,
    );
    expect(() => partialPairCorrelation(frame, [], { rMax: 2, binWidth: 0.1 })).toThrow(/speciesNames is empty/);
    expect(() => partialPairCorrelation({ ...frame, n: 0 }, ['A', 'B'], { rMax: 2, binWidth: 0.1 })).toThrow(/no particles/);
    const flat = { ...frame, box: null, positions: frame.positions.map((v, k) => (k % 3 === 2 ? 0 : v)) };
    expect(() => partialPairCorrelation(flat, ['A', 'B'], { rMax: 2, binWidth: 0.1 })).toThrow(/spans zero volume/);
    const bad = { ...frame, positions: Float64Array.from(frame.positions, (v, k) => (k === 7 ? NaN : v)) };
    expect(() => partialPairCorrelation(bad, ['A', 'B'], { rMax: 2, binWidth: 0.1 })).toThrow(/particle row 2 is not finite/);
  });

  it('a pair that cannot occur (a single B) is NaN, not zero', () => {
    const one = { ...frame, species: Uint8Array.from(frame.species, (_, i) => (i === 0 ? 1 : 0)) };
    const { pairs } = partialPairCorrelation(one, ['A', 'B'], { rMax: 2, binWidth: 0.1 });
    expect(pairs[2].g.every(Number.isNaN)).toBe(true);
    expect(pairs[1].g.some((v) => v > 0)).toBe(true);
  });
});
