import { describe, expect, it } from 'vitest';
import { colourHistogramFigure, HISTOGRAM_BINS, pairCorrelationFigure } from '../../../webview/preview/frameFigures';

type Bar = { name: string; x: number[] | string[]; y: number[]; width?: number };

describe('preview figures', () => {
  it('histogram of a column: stacked per species, 50 equal bins over [min, max], counts by hand', () => {
    // Values 0, 1, ..., 99 (species alternate A, B): 2 values per bin of width 99/50.
    const values = Float32Array.from({ length: 100 }, (_, i) => i);
    const species = Uint8Array.from({ length: 100 }, (_, i) => i % 2);
    const { data, layout } = colourHistogramFigure(values, 'c_pe', species, ['A', 'B'], 'frame 3');
    const [a, b] = data as Bar[];
    expect([a.name, b.name]).toEqual(['A', 'B']);
    expect(a.x).toHaveLength(HISTOGRAM_BINS);
    const width = 99 / HISTOGRAM_BINS;
    expect(a.width).toBeCloseTo(width, 12);
    const expected = (s: number) =>
      Array.from(
        { length: HISTOGRAM_BINS },
        (_, k) => values.filter((v, i) => species[i] === s && Math.min(HISTOGRAM_BINS - 1, Math.floor(v / width)) === k).length,
      );
    expect(a.y).toEqual(expected(0));
    expect(b.y).toEqual(expected(1));
    expect(a.y.reduce((p, q) => p + q, 0) + b.y.reduce((p, q) => p + q, 0)).toBe(100);
    expect(layout).toMatchObject({ barmode: 'stack', title: { text: 'c_pe, frame 3' } });
  });

  it('histogram by species: the particle count of each species; all-equal values: one bar saying so', () => {
    const species = Uint8Array.from([0, 0, 1, 0, 2]);
    const [bars] = colourHistogramFigure(null, 'species', species, ['A', 'B', 'C'], 'frame 0').data as Bar[];
    expect(bars.x).toEqual(['A', 'B', 'C']);
    expect(bars.y).toEqual([3, 1, 1]);
    const flat = colourHistogramFigure(new Float32Array([2, 2, Number.NaN]), 'v_x', species.subarray(0, 3), ['A', 'B'], 'frame 0');
    expect((flat.data[0] as Bar).y).toEqual([2]);
    expect(flat.layout).toMatchObject({ title: { text: 'v_x: every value equal, frame 0' } });
  });

  it('g(r): one line per species pair that can occur, and the ideal-gas level', () => {
    const r = Float32Array.from([0.5, 1.5, 2.5]);
    const gr = {
      r,
      pairs: [
        { label: 'A-A', g: Float32Array.from([0, 2, 1]) },
        { label: 'A-B', g: Float32Array.from([Number.NaN, Number.NaN, Number.NaN]) },
        { label: 'B-B', g: Float32Array.from([0, Number.NaN, 1]) },
      ],
    };
    const { data } = pairCorrelationFigure(gr, 'frame 1');
    expect(data.map((t) => (t as { name: string }).name)).toEqual(['g<sub>A-A</sub>(r)', 'g<sub>B-B</sub>(r)', 'ideal gas']);
    expect((data[1] as { y: Array<number | null> }).y).toEqual([0, null, 1]);
    expect(data[2]).toMatchObject({ x: [0.5, 2.5], y: [1, 1] });
  });
});
