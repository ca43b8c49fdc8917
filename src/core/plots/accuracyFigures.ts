import type { Figure } from './figure';
import { speciesColour } from './speciesColours';

/**
 * Accuracies of one central species' classifier along a scanned parameter (C or the training-set
 * size), all in [0, 1] and aligned with `x`.
 */
export interface AccuracyCurve {
  readonly species: string;
  /** Index of the species in the trajectory's speciesNames (fixes its colour). */
  readonly speciesIndex: number;
  /** The scanned values, increasing (> 0: the x axis is logarithmic). */
  readonly x: readonly number[];
  /** Mean and standard deviation over the k folds of the cross-validated accuracy. */
  readonly cvMean: readonly number[];
  readonly cvStd: readonly number[];
  /** Accuracy of the classifier fitted on the whole training (sub)set, on that set and on the held-out test set. */
  readonly train: readonly number[];
  readonly test: readonly number[];
}

/**
 * Classification accuracy against a scanned parameter, one colour per central species: the k-fold
 * cross-validated accuracy with its fold-to-fold standard deviation as error bars (solid), the
 * held-out test accuracy (dashed) and the accuracy on the training set itself (dotted), whose gap
 * to the test accuracy shows overfitting. As [Cubuk2016] Fig. 4.3 (vs the SVM penalty
 * C) and Fig. 4.4 (vs the training-set size). The x axis is logarithmic (the scans are geometric).
 */
export function accuracyFigure(curves: readonly AccuracyCurve[], xTitle: string, title: string): Figure {
  const data = curves.flatMap((c) => {
    const color = speciesColour(c.speciesIndex);
    const common = { type: 'scatter', x: [...c.x], legendgroup: c.species };
    return [
      {
        ...common,
        mode: 'lines+markers',
        name: `${c.species}: CV (mean ± std over folds)`,
        y: [...c.cvMean],
        error_y: { type: 'data', array: [...c.cvStd], visible: true },
        line: { color },
      },
      {
        ...common,
        mode: 'lines+markers',
        name: `${c.species}: held-out test`,
        y: [...c.test],
        line: { color, dash: 'dash' },
        marker: { symbol: 'square' },
      },
      { ...common, mode: 'lines', name: `${c.species}: training set`, y: [...c.train], line: { color, dash: 'dot', width: 1 } },
    ];
  });
  return {
    data,
    layout: {
      title: { text: title },
      xaxis: { title: { text: xTitle }, type: 'log' },
      yaxis: { title: { text: 'accuracy' }, tickformat: '.0%' },
      legend: { orientation: 'h', y: -0.25 },
    },
  };
}
