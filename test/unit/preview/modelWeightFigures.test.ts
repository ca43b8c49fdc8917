import { describe, expect, it } from 'vitest';
import type { SpeciesWeightCurves, TrainingPairCorrelation } from '../../../src/protocol/modelPreviewMessages';
import { angularWeightFigure, denseRegion, radialWeightFigure } from '../../../webview/modelPreview/weightFigures';

const r = Float64Array.from({ length: 51 }, (_, k) => k * 0.1); // 0 .. 5
/** w(r) = 1000 below r = 1 (the sparse region), then sin(r) scaled by `amplitude`. */
const curve = (neighbor: string, amplitude: number, denseFrom: number | null) => ({
  neighbor,
  mus: Float64Array.of(1, 2),
  standardized: Float64Array.of(0.5, -0.25),
  perNeighbor: Float64Array.from(r, (x) => (x < 1 ? 1000 : amplitude * Math.sin(x))),
  denseFrom,
});
const weights: SpeciesWeightCurves = { species: 'A', radial: [curve('A', 1, 1.0), curve('B', 2, 0.8)], angular: [] };

describe('denseRegion: the y range of w(r) where training had neighbours', () => {
  it('starts each curve at its own denseFrom and spans the 2nd-98th percentile and 0, padded by 15%', () => {
    const region = denseRegion(weights, r)!;
    expect(region.from).toBe(0.8);
    // Values kept: A for r >= 1 (41 values of sin), B for r >= 0.8 (2 of 1000, then 41 of 2 sin).
    const values = [...r.filter((x) => x >= 1).map(Math.sin), ...r.filter((x) => x >= 0.8).map((x) => (x < 1 ? 1000 : 2 * Math.sin(x)))].sort((a, b) => a - b);
    const q = (p: number) => values[Math.round(p * (values.length - 1))];
    const [lo, hi] = [Math.min(0, q(0.02)), Math.max(0, q(0.98))];
    // 84 values, 2 of them spikes of 1000: the 98th percentile (rank round(0.98 * 83) = 81) is below them.
    expect(hi).toBeCloseTo(2 * Math.sin(1.6), 12);
    expect(region.yRange[0]).toBeCloseTo(lo - 0.15 * (hi - lo), 12);
    expect(region.yRange[1]).toBeCloseTo(hi + 0.15 * (hi - lo), 12);
  });

  it('drops the spikes when they are a small fraction of the dense region, and is null without denseFrom', () => {
    const region = denseRegion({ ...weights, radial: [curve('A', 1, 1.0), curve('B', 2, 1.0)] }, r)!;
    expect(region.yRange[1]).toBeLessThan(3);
    expect(region.yRange[0]).toBeGreaterThan(-3);
    expect(denseRegion({ ...weights, radial: [curve('A', 1, null)] }, r)).toBeNull();
  });
});

describe('radialWeightFigure', () => {
  const gr: TrainingPairCorrelation = {
    file: 't.dump',
    frames: [0],
    r: Float64Array.of(0.5, 1.5),
    pairs: [
      { label: 'A-A', a: 'A', b: 'A', g: Float64Array.of(0, 3) },
      { label: 'A-B', a: 'A', b: 'B', g: Float64Array.of(0, 2) },
    ],
  };
  it('pairs each w_XY(r) with g_XY(r) on the right axis, same colour per neighbour species', () => {
    const { data, layout } = radialWeightFigure(weights, r, 5, gr, 'perNeighbor', ['A', 'B']);
    expect(data.map((t) => [t.name, t.yaxis ?? 'y'])).toEqual([['w_AA(r)', 'y'], ['g_AA(r)', 'y2'], ['w_AB(r)', 'y'], ['g_AB(r)', 'y2']]);
    expect((data[0].line as { color: string }).color).toBe((data[1].line as { color: string }).color);
    expect(data[3].y).toBe(gr.pairs[1].g);
    expect((layout.xaxis as { range: number[] }).range).toEqual([0, 5]);
    expect((layout.shapes as Array<{ x1: number }>)[0].x1).toBe(0.8);
  });

  it('shows the standardised weights against mu, without clipping, and omits g(r) when unknown', () => {
    const { data, layout } = radialWeightFigure({ ...weights, species: 'B' }, r, 5, null, 'standardized', ['A', 'B']);
    expect(data.map((t) => [t.name, t.x, t.y])).toEqual([
      ['w_k of G_A(μ)', weights.radial[0].mus, weights.radial[0].standardized],
      ['w_k of G_B(μ)', weights.radial[1].mus, weights.radial[1].standardized],
    ]);
    expect((layout.yaxis as { range?: unknown }).range).toBeUndefined();
    expect(layout.shapes).toEqual([]);
  });
});

describe('angularWeightFigure', () => {
  it('groups bars by triple, one trace per neighbour pair', () => {
    const angular = ['AA', 'AB'].flatMap((pair, p) => [
      { pair, xi: 2.554, zeta: 1, lambda: -1, standardized: p + 0.1, perUnit: 0 },
      { pair, xi: 0.695, zeta: 16, lambda: 1, standardized: p + 0.2, perUnit: 0 },
    ]);
    const { data, layout } = angularWeightFigure({ species: 'A', radial: [], angular });
    expect(data.map((t) => [t.name, t.x, t.y])).toEqual([
      ['Ψ_AA', ['ξ=2.554 ζ=1 λ=-1', 'ξ=0.695 ζ=16 λ=+1'], [0.1, 0.2]],
      ['Ψ_AB', ['ξ=2.554 ζ=1 λ=-1', 'ξ=0.695 ζ=16 λ=+1'], [1.1, 1.2]],
    ]);
    expect(layout.barmode).toBe('group');
  });
});
