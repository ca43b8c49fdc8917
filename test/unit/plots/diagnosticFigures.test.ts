import { describe, expect, it } from 'vitest';
import type { PartialPairCorrelation } from '../../../src/core/analysis/pairCorrelation';
import type { ModelWeights } from '../../../src/core/learn/weightFunction';
import { accuracyFigure } from '../../../src/core/plots/accuracyFigures';
import { pairCurve, weightsBesideGrFigure } from '../../../src/core/plots/weightsBesideGrFigure';

// biome-ignore lint/suspicious/noExplicitAny: plotly traces and layouts are JSON of many shapes; the test reads fields by name
type Trace = Record<string, any>;
// biome-ignore lint/suspicious/noExplicitAny: as above
type Layout = Record<string, any>;

describe('accuracyFigure', () => {
  it('draws CV with fold std error bars, test and training accuracy per species on a log x axis', () => {
    const figure = accuracyFigure(
      [
        {
          species: 'A',
          speciesIndex: 0,
          x: [0.1, 1, 10],
          cvMean: [0.7, 0.8, 0.81],
          cvStd: [0.02, 0.01, 0.01],
          train: [0.72, 0.82, 0.83],
          test: [0.69, 0.79, 0.8],
        },
        {
          species: 'B',
          speciesIndex: 1,
          x: [0.1, 1, 10],
          cvMean: [0.6, 0.7, 0.7],
          cvStd: [0.03, 0.02, 0.02],
          train: [0.6, 0.71, 0.72],
          test: [0.61, 0.69, 0.7],
        },
      ],
      'SVM penalty C',
      'Accuracy vs C',
    );
    const data = figure.data as Trace[];
    const layout = figure.layout as Layout;
    expect(data.map((t) => t.name)).toEqual([
      'A: CV (mean ± std over folds)',
      'A: held-out test',
      'A: training set',
      'B: CV (mean ± std over folds)',
      'B: held-out test',
      'B: training set',
    ]);
    expect(data[0].error_y.array).toEqual([0.02, 0.01, 0.01]);
    expect(data[4].y).toEqual([0.61, 0.69, 0.7]);
    expect(data[5].y).toEqual([0.6, 0.71, 0.72]);
    // One colour per species across its three traces, different between species.
    expect(new Set(data.slice(0, 3).map((t) => t.line.color)).size).toBe(1);
    expect(data[0].line.color).not.toBe(data[3].line.color);
    expect(layout.xaxis).toEqual({ title: { text: 'SVM penalty C' }, type: 'log' });
    expect(JSON.parse(JSON.stringify(figure))).toEqual(figure);
  });
});

describe('weightsBesideGrFigure', () => {
  const r = Float64Array.from({ length: 20 }, (_, k) => k * 0.25);
  // w rises steeply below r = 1 (no neighbours in training), then oscillates within ±0.5.
  const curve = (scale: number) => Float64Array.from(r, (x) => (x < 1 ? 50 * (1 - x) : scale * Math.cos(3 * x)));
  const weights: ModelWeights = {
    r,
    radialCut: 5,
    convention: 'cubuk',
    species: [
      {
        species: 'A',
        intercept: 0,
        radial: [
          { neighbor: 'A', mus: new Float64Array(0), standardized: new Float64Array(0), perNeighbor: curve(0.5), denseFrom: 1 },
          { neighbor: 'B', mus: new Float64Array(0), standardized: new Float64Array(0), perNeighbor: curve(0.25), denseFrom: 0.75 },
        ],
        angular: [],
      },
    ],
  };
  const gr: PartialPairCorrelation = {
    r: Float64Array.from({ length: 10 }, (_, k) => (k + 0.5) * 0.5),
    pairs: [
      { a: 0, b: 0, label: 'A-A', g: Float64Array.from({ length: 10 }, (_, k) => 1 + 0.1 * k) },
      { a: 0, b: 1, label: 'A-B', g: Float64Array.from({ length: 10 }, (_, k) => 2 - 0.1 * k) },
      { a: 1, b: 1, label: 'B-B', g: new Float64Array(10).fill(Number.NaN) },
    ],
  };

  it('finds g of an unordered pair from either side', () => {
    expect(pairCurve(gr, 1, 0)).toBe(gr.pairs[1].g);
    expect(pairCurve(gr, 0, 1)).toBe(gr.pairs[1].g);
    expect(pairCurve(gr, 2, 0)).toBeUndefined();
  });

  it('puts g above w on a shared r axis, shades where w is undetermined and scales w to the shells', () => {
    const figure = weightsBesideGrFigure(weights, gr, ['A', 'B']);
    const data = figure.data as Trace[];
    const layout = figure.layout as Layout;
    expect(data.map((t) => `${t.name} ${t.xaxis} ${t.yaxis}`)).toEqual(['g_AA(r) x y', 'w_AA(r) x2 y2', 'g_AB(r) x y', 'w_AB(r) x2 y2']);
    expect(data[2].y).toEqual(Array.from(gr.pairs[1].g));
    expect(data[3].y).toEqual(Array.from(weights.species[0].radial[1].perNeighbor));
    // Same colour for g_AB and w_AB, another for the A neighbours.
    expect(data[2].line.color).toBe(data[3].line.color);
    expect(data[0].line.color).not.toBe(data[2].line.color);
    expect(layout.xaxis.matches).toBe('x2');
    expect(layout.xaxis2.range).toEqual([0, 5]);
    expect(layout.yaxis.domain[0]).toBeGreaterThan(layout.yaxis2.domain[1]);
    // Shaded up to the smallest denseFrom (0.75). The w axis spans the shells, r >= 1 (|w| <= 0.5),
    // padded by 10%: the 12.5 of A-B at r = 0.75, just above its denseFrom, lies beyond Tukey's far
    // fence and is left to plotly's autoscale.
    expect(layout.shapes).toHaveLength(1);
    expect(layout.shapes[0]).toMatchObject({ xref: 'x2', yref: 'y2 domain', x0: 0, x1: 0.75 });
    const shells = Array.from(r).flatMap((x, k) =>
      x >= 1 ? [weights.species[0].radial[0].perNeighbor[k], weights.species[0].radial[1].perNeighbor[k]] : [],
    );
    const [lo, hi] = [Math.min(0, ...shells), Math.max(0, ...shells)];
    expect(hi).toBeCloseTo(0.5 * Math.cos(3 * 4.25), 12);
    expect(layout.yaxis2.range[0]).toBeCloseTo(lo - 0.1 * (hi - lo), 12);
    expect(layout.yaxis2.range[1]).toBeCloseTo(hi + 0.1 * (hi - lo), 12);
    expect(layout.annotations[0].text).toBe('central species A');
  });

  it('refuses weights without radial functions and central species the trajectory lacks', () => {
    expect(() => weightsBesideGrFigure({ ...weights, r: new Float64Array(0), radialCut: null }, gr, ['A', 'B'])).toThrow(
      'the model has no radial structure functions',
    );
    expect(() => weightsBesideGrFigure(weights, gr, ['B', 'C'])).toThrow(
      "central species A of the model is not among the trajectory's species (B, C)",
    );
  });
});
