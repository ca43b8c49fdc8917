import { statSync } from 'node:fs';
import { heldOutEvaluationSteps } from '../../learn/heldOutEvaluation';
import type { SvmLoss } from '../../learn/linearSvm';
import { SOFTNESS_MODEL_VERSION, type SoftnessModel, type SpeciesSoftnessModel } from '../../learn/model';
import { ScaledSvm } from '../../learn/scaledSvm';
import { version } from '../../version';
import { speciesSplits } from '../run/speciesSplits';
import { runSteps } from '../run/steps';
import { defineStatement, type StatementDoc } from '../spec';
import type { ModelValue } from '../values';

const lossParam = {
  name: 'loss',
  type: 'enum',
  values: ['hinge', 'squaredHinge'],
  valueAliases: { squared_hinge: 'squaredHinge' },
  default: 'hinge',
  doc: 'hinge = the soft-margin SVM of LIBSVM / [Cubuk2016] Eq. 4.4; squaredHinge = scikit-learn LinearSVC default',
  source: '[Cubuk2016] Eq. 4.4; [Hsieh2008]',
} as const;

/** The SVM loss of each `loss` value. */
export const SVM_LOSS = { hinge: 'hinge', squaredHinge: 'squared_hinge' } as const satisfies Record<
  (typeof lossParam.values)[number],
  SvmLoss
>;

/** Parameters `trainScan` shares with `train`, so that both train the same way. */
export const svmProtocolParams = [
  lossParam,
  {
    name: 'folds',
    type: 'number',
    integer: true,
    min: 2,
    default: 5,
    unit: 'dimensionless',
    doc: 'k of the stratified k-fold cross-validation',
  },
  { name: 'testFraction', type: 'number', min: 0.01, max: 0.9, default: 0.2, unit: 'dimensionless', doc: 'held-out test fraction' },
  { name: 'seed', type: 'number', integer: true, min: 0, default: 1, unit: 'dimensionless', doc: 'seed of the split, folds and solver' },
] as const;

const doc = {
  verb: 'train',
  summary:
    'Trains one linear SVM per central species on standardised structure functions: a stratified held-out test split, k-fold cross-validated accuracy on the rest, then the final hyperplane on the training split. Softness S = w.x + b.',
  returns: 'model',
  source: '[Cubuk2015] (linear SVM, C = 1); [Cubuk2016] Eq. 4.4; [Schoenholz2018] sec. 3.3',
  example: 'model = train X C=1',
  params: [
    { name: 'features', type: 'result', kinds: ['features'], positional: true, doc: 'labelled structure functions from `features`' },
    {
      name: 'C',
      type: 'number',
      min: 1e-12,
      default: 1,
      unit: 'dimensionless',
      doc: 'SVM penalty C',
      source: '[Cubuk2016] sec. 4.3.1 (C = 1; insensitive for C > 0.1)',
    },
    ...svmProtocolParams,
  ],
} as const satisfies StatementDoc;

/** `model = train X C=1 loss=hinge folds=5 testFraction=0.2 seed=1` */
export const train = defineStatement(doc, async (args, ctx) => {
  const X = args.features;
  const traj = X.source.source.source;
  const names = traj.trajectory.speciesNames;
  const m = X.matrix.nFeatures;
  const seed = args.seed;
  const svmOptions = { C: args.C, loss: SVM_LOSS[args.loss], seed };
  const entries: SpeciesSoftnessModel[] = [];
  const rows: string[] = [];
  const recalls: { recall: number; soft: number }[] = [];
  for (const split of speciesSplits(X, args.testFraction, seed)) {
    ctx.progress(`training species ${split.name}`, split.species / names.length);
    // Standardisation is learned inside each fold, so the CV accuracy does not peek at its test fold.
    const result = await runSteps(
      heldOutEvaluationSteps(() => new ScaledSvm(svmOptions), split.train, split.test, m, { k: args.folds, seed }),
      ctx,
    );
    const { labels } = split;
    let soft = 0;
    for (const l of labels) soft += l > 0 ? 1 : 0;
    entries.push({
      species: split.name,
      scaler: result.fitted.scaler,
      svm: result.fitted.svm,
      trainingCounts: { soft, hard: labels.length - soft },
      cvAccuracy: result.cv.meanAccuracy,
      testAccuracy: result.testAccuracy,
    });
    recalls.push({ recall: result.testSoftRecall, soft: split.test.y.filter((l) => l > 0).length });
    rows.push(
      `${split.name}: ${soft} soft + ${labels.length - soft} hard, ${args.folds}-fold CV accuracy ${(100 * result.cv.meanAccuracy).toFixed(1)}%, ` +
        `test accuracy ${(100 * result.testAccuracy).toFixed(1)}%, held-out soft with S > 0 ${(100 * result.testSoftRecall).toFixed(1)}%`,
    );
  }
  if (entries.length === 0) throw new Error('the features hold no environment');
  ctx.emit({ kind: 'text', text: rows.join('\n') });
  ctx.emit({
    kind: 'table',
    title: 'training summary',
    columns: ['species', 'soft', 'hard', 'cvAccuracy', 'testAccuracy', 'testSoftRecall'],
    rows: entries.map((e, i) => [
      e.species,
      e.trainingCounts.soft,
      e.trainingCounts.hard,
      e.cvAccuracy ?? NaN,
      e.testAccuracy ?? NaN,
      recalls[i].recall,
    ]),
  });
  const ev = X.source.source;
  const model: SoftnessModel = {
    version: SOFTNESS_MODEL_VERSION,
    featureSpec: X.spec,
    featureNames: X.matrix.names,
    species: entries,
    metrics: {
      testAccuracy: weightedMean(entries, (e) => e.testAccuracy),
      cvAccuracy: weightedMean(entries, (e) => e.cvAccuracy),
      // Held-out rearranging environments on the soft side, P(S > 0 | R) of the training population.
      testSoftRecall: softWeightedRecall(recalls),
    },
    provenance: {
      inputs: [{ path: traj.trajectory.path, bytes: statSync(traj.trajectory.path).size }],
      frames: Array.from(new Set(X.source.frame), (row) => traj.frames[row]),
      seeds: { sampling: X.source.parameters.seed ?? seed, split: seed, folds: seed, svm: seed },
      parameters: {
        dt: traj.dt,
        rearrangements: { method: ev.method, ...ev.parameters },
        trainingSet: X.source.parameters,
        C: svmOptions.C,
        loss: svmOptions.loss,
        folds: args.folds,
        testFraction: args.testFraction,
      },
      codeVersion: version,
      createdAt: new Date().toISOString(),
    },
  };
  const value: ModelValue = { kind: 'model', model };
  return value;
});

function weightedMean(entries: readonly SpeciesSoftnessModel[], pick: (e: SpeciesSoftnessModel) => number | null): number | null {
  let sum = 0;
  let weight = 0;
  for (const e of entries) {
    const v = pick(e);
    if (v === null) return null;
    const w = e.trainingCounts.soft + e.trainingCounts.hard;
    sum += v * w;
    weight += w;
  }
  return weight > 0 ? sum / weight : null;
}

/** Recall of the soft class over all species, each weighted by its held-out soft count; null without any. */
function softWeightedRecall(recalls: readonly { recall: number; soft: number }[]): number | null {
  let found = 0;
  let soft = 0;
  for (const r of recalls) {
    if (r.soft === 0) continue;
    found += r.recall * r.soft;
    soft += r.soft;
  }
  return soft > 0 ? found / soft : null;
}
