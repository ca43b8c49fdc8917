import { trainTestSplit } from '../../learn/crossValidation';
import { heldOutEvaluationSteps, type LabelledSamples } from '../../learn/heldOutEvaluation';
import { takeRows } from '../../learn/matrix';
import { ScaledSvm } from '../../learn/scaledSvm';
import { accuracyFigure, type AccuracyCurve } from '../../plots/accuracyFigures';
import { type SpeciesSplit, speciesSplits } from '../run/speciesSplits';
import { runSteps } from '../run/steps';
import { defineStatement, type StatementDoc } from '../spec';
import type { TableValue } from '../values';
import { SVM_LOSS, svmProtocolParams } from './train';

/** Default size scan: these fractions of each species' training split ([Cubuk2016] Fig. 4.4 doubles the size). */
const DEFAULT_SIZE_FRACTIONS = [1 / 16, 1 / 8, 1 / 4, 1 / 2, 1];

/** One point of a scan: CV mean and std over the folds, and the accuracies of the final fit on its training set and on the test set. */
interface ScanPoint {
  readonly cvMean: number;
  readonly cvStd: number;
  readonly train: number;
  readonly test: number;
  /** Whether the SVM solver of the final fit reached its tolerance (LinearSVM.converged). */
  readonly converged: boolean;
}

/** Columns of the returned table, one row per (species, scan, point). */
const COLUMNS = ['species', 'scan', 'C', 'trainingSize', 'cvAccuracy', 'cvStd', 'trainAccuracy', 'testAccuracy', 'testSize', 'converged'];

const doc = {
  verb: 'trainScan',
  aliases: ['trainscan'],
  summary:
    "How the softness classifier's accuracy depends on the SVM penalty C and on the training-set size, per central species, with the protocol of `train` (the same stratified held-out test split, standardisation learned inside each fold, stratified k-fold CV): for every point the CV accuracy (mean ± std over the folds), the accuracy of one fit on the whole training (sub)set on the held-out test set, and on that training set itself (above the test accuracy when it overfits). The size scan trains on seeded stratified subsamples of the training split (nested: each holds the smaller ones) and always scores on the same test set. Plots accuracy vs C and vs size (log x axes); the table holds every point.",
  returns: 'table',
  source:
    '[Cubuk2016] sec. 4.3.1, Figs. 4.3-4.4 (insensitive to C for C > 0.1; test accuracy saturates and meets the training accuracy for large training sets)',
  example: 'scan = trainScan X C=[0.01, 0.1, 1, 10] sizes=[250, 500, 1000, 2000]',
  params: [
    { name: 'features', type: 'result', kinds: ['features'], positional: true, doc: 'labelled structure functions from `features`' },
    {
      name: 'C',
      type: 'numberList',
      default: [0.01, 0.1, 1, 10],
      unit: 'dimensionless',
      doc: 'SVM penalties C to compare (each > 0), trained on the whole training split',
      source: '[Cubuk2016] sec. 4.3.1 (insensitive for C > 0.1)',
    },
    {
      name: 'sizes',
      type: 'numberList',
      default: null,
      unit: 'environments',
      doc: "training-set sizes to compare (environments of one species, soft + hard, each an integer >= 2 x folds); a size above a species' training split uses all of it; none = 1/16, 1/8, 1/4, 1/2 and all of each training split",
      source: '[Cubuk2016] sec. 4.3.1, Fig. 4.4',
    },
    {
      name: 'sizeC',
      type: 'number',
      min: 1e-12,
      default: 1,
      unit: 'dimensionless',
      doc: 'SVM penalty C of the training-set size scan',
      source: '[Cubuk2015]; [Cubuk2016] sec. 4.3.1 (C = 1)',
    },
    ...svmProtocolParams,
  ],
} as const satisfies StatementDoc;

/**
 * `scan = trainScan X C=[0.01, 0.1, 1, 10] sizes=[250, 500, 1000, 2000]` — accuracy of the softness
 * SVM against C and against the training-set size ([Cubuk2016] sec. 4.3.1, Figs. 4.3-4.4), per
 * central species, with exactly the split, standardisation and cross-validation of `train`.
 */
export const trainScan = defineStatement(doc, async (args, ctx) => {
  const X = args.features;
  const m = X.matrix.nFeatures;
  const folds = args.folds;
  const seed = args.seed;
  const loss = SVM_LOSS[args.loss];
  const penalties = increasingUnique(args.C, 'C', (c) => Number.isFinite(c) && c > 0, 'a positive number');
  const requestedSizes =
    args.sizes === null
      ? null
      : increasingUnique(args.sizes, 'sizes', (n) => Number.isInteger(n) && n >= 2 * folds, `an integer >= 2 x folds = ${2 * folds}`);
  const nSpecies = new Set(X.species).size;
  const totalFits = nSpecies * (penalties.length + (requestedSizes ?? DEFAULT_SIZE_FRACTIONS).length) * (folds + 1);
  let fits = 0;
  const started = performance.now();
  const rows: Array<Array<number | string>> = [];
  const byC: AccuracyCurve[] = [];
  const bySize: AccuracyCurve[] = [];
  const lines: string[] = [];

  for (const split of speciesSplits(X, args.testFraction, seed)) {
    const nTrain = split.train.y.length;
    // Points on the whole training split by C: the size scan's largest size at sizeC is usually one of them.
    const onWholeSplit = new Map<number, ScanPoint>();
    const measure = async (C: number, train: LabelledSamples, what: string): Promise<ScanPoint> => {
      const result = await runSteps(
        heldOutEvaluationSteps(() => new ScaledSvm({ C, loss, seed }), train, split.test, m, { k: folds, seed }),
        ctx,
        () =>
          ctx.progress(
            `trainScan species ${split.name}: ${what} (SVM fit ${++fits} of at most ${totalFits})`,
            Math.min(1, fits / totalFits),
          ),
      );
      const { cv } = result;
      return {
        cvMean: cv.meanAccuracy,
        cvStd: standardDeviation(cv.foldAccuracy, cv.meanAccuracy),
        train: result.trainAccuracy,
        test: result.testAccuracy,
        converged: result.fitted.svm.converged,
      };
    };
    const evaluate = async (scan: 'C' | 'size', C: number, train: LabelledSamples): Promise<ScanPoint> => {
      const whole = train === split.train;
      const point =
        (whole ? onWholeSplit.get(C) : undefined) ??
        (await measure(C, train, scan === 'C' ? `C = ${C}` : `training-set size ${train.y.length}`));
      if (whole) onWholeSplit.set(C, point);
      rows.push([
        split.name,
        scan,
        C,
        train.y.length,
        point.cvMean,
        point.cvStd,
        point.train,
        point.test,
        split.test.y.length,
        point.converged ? 'yes' : 'no',
      ]);
      return point;
    };

    const cPoints: ScanPoint[] = [];
    for (const C of penalties) cPoints.push(await evaluate('C', C, split.train));
    byC.push(curve(split, penalties, cPoints));

    const sizes = trainingSizes(requestedSizes, nTrain, folds);
    const sizePoints: ScanPoint[] = [];
    const actualSizes: number[] = [];
    for (const size of sizes) {
      const subset = size >= nTrain ? split.train : subsample(split, size, seed);
      actualSizes.push(subset.y.length);
      sizePoints.push(await evaluate('size', args.sizeC, subset));
    }
    bySize.push(curve(split, actualSizes, sizePoints));

    const best = cPoints.reduce((b, p, k) => (p.cvMean > cPoints[b].cvMean ? k : b), 0);
    const capped = requestedSizes?.some((n) => n > nTrain) ? ` (sizes above ${nTrain} use the whole training split)` : '';
    lines.push(
      `${split.name}: ${nTrain} training + ${split.test.y.length} test environments; best CV accuracy ${pct(cPoints[best].cvMean)} ± ${pct(cPoints[best].cvStd)} at C = ${penalties[best]}; ` +
        `test accuracy ${pct(sizePoints[0].test)} with ${actualSizes[0]} -> ${pct(sizePoints[sizePoints.length - 1].test)} with ${actualSizes[actualSizes.length - 1]} training environments${capped}`,
    );
  }
  if (byC.length === 0) throw new Error('the features hold no environment');
  lines.push(
    `${fits} SVM fits in ${((performance.now() - started) / 1000).toFixed(1)} s (${folds}-fold CV + one fit on the whole training set per point)`,
  );
  ctx.emit({ kind: 'text', text: lines.join('\n') });
  ctx.emit({ kind: 'plot', title: 'accuracy vs C', figure: accuracyFigure(byC, 'SVM penalty C', 'Accuracy vs the SVM penalty C') });
  ctx.emit({
    kind: 'plot',
    title: 'accuracy vs training-set size',
    figure: accuracyFigure(bySize, `training-set size (environments per species, C = ${args.sizeC})`, 'Accuracy vs training-set size'),
  });
  const table: TableValue = { kind: 'table', title: 'accuracy vs C and training-set size', columns: COLUMNS, rows };
  ctx.emit(table);
  return table;
});

/** The list sorted increasing without repeats; throws RangeError naming the parameter and the first bad entry. */
function increasingUnique(values: readonly number[], name: string, valid: (v: number) => boolean, expected: string): number[] {
  if (values.length === 0) throw new RangeError(`${name}=[]: give at least one value`);
  const bad = values.find((v) => !valid(v));
  if (bad !== undefined) throw new RangeError(`${name}: every entry must be ${expected}, got ${bad}`);
  return [...new Set(values)].sort((a, b) => a - b);
}

/**
 * Training-set sizes for a species with nTrain training environments: the requested ones capped at
 * nTrain (a larger request means "all of it"), or the default fractions; sizes too small for k-fold
 * CV (fewer than 2k) are dropped, and so are repeats.
 */
function trainingSizes(requested: readonly number[] | null, nTrain: number, folds: number): number[] {
  const sizes = requested ? requested.map((n) => Math.min(n, nTrain)) : DEFAULT_SIZE_FRACTIONS.map((f) => Math.round(f * nTrain));
  return [...new Set(sizes.filter((n) => n >= 2 * folds))];
}

/**
 * A seeded stratified subsample of about `size` of the species' training environments: the test
 * side of a stratified split of the training set with fraction size / nTrain. With one seed every
 * class is shuffled the same way whatever the fraction, so the subsamples of a scan are nested (each
 * holds the smaller ones) and the curve measures size, not which environments were drawn. The
 * held-out test set is untouched.
 * @throws RangeError naming the species and size when a class would end up empty.
 */
function subsample(split: SpeciesSplit, size: number, seed: number): LabelledSamples {
  const { X, y } = split.train;
  let rows: Int32Array;
  try {
    rows = trainTestSplit(y, size / y.length, seed).test;
  } catch (error) {
    throw new RangeError(`species ${split.name}, training-set size ${size}: ${(error as Error).message}`);
  }
  return { X: takeRows(X, X.length / y.length, rows), y: takeRows(y, 1, rows) };
}

function curve(split: SpeciesSplit, x: readonly number[], points: readonly ScanPoint[]): AccuracyCurve {
  return {
    species: split.name,
    speciesIndex: split.species,
    x,
    cvMean: points.map((p) => p.cvMean),
    cvStd: points.map((p) => p.cvStd),
    train: points.map((p) => p.train),
    test: points.map((p) => p.test),
  };
}

/** Standard deviation over the folds (ddof = 0, numpy's default), the spread the error bars show. */
function standardDeviation(values: Float64Array, mean: number): number {
  let sum = 0;
  for (const v of values) sum += (v - mean) ** 2;
  return Math.sqrt(sum / values.length);
}

function pct(fraction: number): string {
  return `${(100 * fraction).toFixed(1)}%`;
}
