import { describe, expect, it } from 'vitest';
import type { SpeciesWeightCurves, TrainingPairCorrelation } from '../../../src/protocol/modelPreviewMessages';
import { angularWeightFigure, radialWeightFigure } from '../../../webview/modelPreview/weightFigures';

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

describe('radialWeightFigure: the w axis is scaled to where training had neighbours', () => {
  it('shades r below the smallest denseFrom and keeps the spikes just above it off the axis', () => {
    const { layout } = radialWeightFigure(weights, r, 5, null, 'perNeighbor', ['A', 'B']);
    expect((layout.shapes as Array<{ x0: number; x1: number }>)[0]).toMatchObject({ x0: 0, x1: 0.8 });
    // Kept: A from r = 1 (sin), B from r = 0.8 (two spikes of 1000, then 2 sin); the spikes are outside
    // Tukey's far fences, so the range is that of the shells, 2 sin(1.6) and -2 sin(4.7), padded by 10%.
    const [lo, hi] = (layout.yaxis as { range: [number, number] }).range;
    const span = 2 * Math.sin(1.6) + 2 * Math.sin(4.7 - Math.PI);
    expect(hi).toBeCloseTo(2 * Math.sin(1.6) + 0.1 * span, 12);
    expect(lo).toBeCloseTo(-2 * Math.sin(4.7 - Math.PI) - 0.1 * span, 12);
  });

  it('lets plotly scale the axis when no curve has a denseFrom', () => {
    const { layout } = radialWeightFigure({ ...weights, radial: [curve('A', 1, null)] }, r, 5, null, 'perNeighbor', ['A', 'B']);
    expect((layout.yaxis as { range?: unknown }).range).toBeUndefined();
    expect(layout.shapes).toEqual([]);
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
    expect(data.map((t) => [t.name, t.yaxis ?? 'y'])).toEqual([
      ['w_AA(r)', 'y'],
      ['g_AA(r)', 'y2'],
      ['w_AB(r)', 'y'],
      ['g_AB(r)', 'y2'],
    ]);
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
