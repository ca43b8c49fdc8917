import { describe, expect, it } from 'vitest';
import { uniformBins } from '../../../src/core/analysis/binning';
import { softnessStatistics } from '../../../src/core/analysis/softnessStatistics';
import { probabilityOfRearrangementFigure } from '../../../src/core/plots/softnessFigures';

describe('P_R(S) figure', () => {
  // Bins of width 1 over [-2, 2]; bin 1 ([-1, 0)) has particles but no rearrangement, so it has no P_R point.
  const softness = Float32Array.from([-1.5, -1.5, -0.5, 0.5, 0.5, 0.5, 0.5, 1.5]);
  const rearranging = Uint8Array.from([1, 0, 0, 1, 0, 0, 0, 1]);
  const figure = probabilityOfRearrangementFigure(softnessStatistics(softness, rearranging, uniformBins(-2, 2, 4)));
  const trace = figure.data[0] as { x: number[]; y: number[]; customdata: number[][]; text: string[] };

  it('gives each plotted bin its centre, P_R, count text and edges [lo, hi] as customdata', () => {
    expect(trace.x).toEqual([-1.5, 0.5, 1.5]);
    expect(trace.y).toEqual([0.5, 0.25, 1]);
    expect(trace.text).toEqual(['1 / 2', '1 / 4', '1 / 1']);
    expect(trace.customdata).toEqual([
      [-2, -1],
      [0, 1],
      [1, 2],
    ]);
  });

  it('shows the particle-frames of every non-empty bin as bars below, with their edges', () => {
    const bars = figure.data[1] as { type: string; x: number[]; y: number[]; customdata: number[][]; yaxis: string };
    expect(bars).toMatchObject({ type: 'bar', yaxis: 'y2' });
    expect(bars.x).toEqual([-1.5, -0.5, 0.5, 1.5]);
    expect(bars.y).toEqual([2, 1, 4, 1]);
    expect(bars.customdata).toEqual([
      [-2, -1],
      [-1, 0],
      [0, 1],
      [1, 2],
    ]);
  });

  it('marks the figure as selecting S along x (plotly 3 object titles, log y)', () => {
    expect(figure.layout).toMatchObject({
      meta: { selectsValue: 'S' },
      dragmode: 'select',
      selectdirection: 'h',
      xaxis: { title: { text: 'softness S' } },
      yaxis: { type: 'log' },
    });
  });
});
