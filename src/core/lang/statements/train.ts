import { statSync } from 'node:fs';
import { crossValidate, trainTestSplit, accuracy } from '../../learn/crossValidation';
import type { SvmLoss } from '../../learn/linearSvm';
import { takeRows } from '../../learn/matrix';
import { SOFTNESS_MODEL_VERSION, type SoftnessModel, type SpeciesSoftnessModel } from '../../learn/model';
import { ScaledSvm } from '../../learn/scaledSvm';
import { version } from '../../version';
import type { StatementDefinition } from './definition';
import type { FeaturesValue, ModelValue } from '../values';

/** `model = train X C=1 loss=hinge folds=5 testFraction=0.2 seed=1` */
export const train: StatementDefinition = {
  doc: {
    verb: 'train',
    summary:
      'Trains one linear SVM per central species on standardised structure functions: a stratified held-out test split, k-fold cross-validated accuracy on the rest, then the final hyperplane on the training split. Softness S = w.x + b.',
    returns: 'model',
    source: 'Cubuk et al. PRL 2015 (linear SVM, C = 1); Cubuk thesis Eq. 4.4; Schoenholz review sec. 3.3',
    example: 'model = train X C=1',
    params: [
      { name: 'features', type: 'result', kinds: ['features'], positional: true, doc: 'labelled structure functions from `features`' },
      { name: 'C', type: 'number', min: 1e-12, default: 1, doc: 'SVM penalty C', source: 'Cubuk thesis sec. 4.3.1 (C = 1; insensitive for C > 0.1)' },
      { name: 'loss', type: 'enum', values: ['hinge', 'squared_hinge'], default: 'hinge', doc: 'hinge = the soft-margin SVM of LIBSVM / thesis Eq. 4.4; squared_hinge = scikit-learn LinearSVC default' },
      { name: 'folds', type: 'number', integer: true, min: 2, default: 5, doc: 'k of the stratified k-fold cross-validation' },
      { name: 'testFraction', type: 'number', min: 0.01, max: 0.9, default: 0.2, doc: 'held-out test fraction' },
      { name: 'seed', type: 'number', integer: true, min: 0, default: 1, doc: 'seed of the split, folds and solver' },
    ],
  },
  async run(args, ctx) {
    const X = args.features as FeaturesValue;
    const traj = X.source.source.source;
    const names = traj.trajectory.speciesNames;
    const m = X.matrix.nFeatures;
    const seed = args.seed as number;
    const svmOptions = { C: args.C as number, loss: args.loss as SvmLoss, seed };
    const entries: SpeciesSoftnessModel[] = [];
    const rows: string[] = [];
    for (let s = 0; s < names.length; s++) {
      const ofSpecies = Int32Array.from(X.species.keys()).filter((e) => X.species[e] === s);
      if (ofSpecies.length === 0) continue;
      await ctx.checkpoint();
      ctx.progress(`training species ${names[s]}`, s / names.length);
      const features = takeRows(X.matrix.values, m, ofSpecies);
      const labels = takeRows(X.source.label, 1, ofSpecies);
      const split = trainTestSplit(labels, args.testFraction as number, seed);
      const trainX = takeRows(features, m, split.train);
      const trainY = takeRows(labels, 1, split.train);
      // Standardisation is learned inside each fold, so the CV accuracy does not peek at its test fold.
      const cv = crossValidate(() => new ScaledSvm(svmOptions), trainX, trainY, m, { k: args.folds as number, seed });
      const pipeline = new ScaledSvm(svmOptions).fit(trainX, trainY, m);
      const testAccuracy = accuracy(takeRows(labels, 1, split.test), pipeline.predict(takeRows(features, m, split.test)));
      let soft = 0;
      for (const l of labels) soft += l > 0 ? 1 : 0;
      entries.push({ species: names[s], scaler: pipeline.scaler, svm: pipeline.svm, trainingCounts: { soft, hard: labels.length - soft }, cvAccuracy: cv.meanAccuracy, testAccuracy });
      rows.push(`${names[s]}: ${soft} soft + ${labels.length - soft} hard, ${args.folds}-fold CV accuracy ${(100 * cv.meanAccuracy).toFixed(1)}%, test accuracy ${(100 * testAccuracy).toFixed(1)}%`);
    }
    if (entries.length === 0) throw new Error('the features hold no environment');
    ctx.emit({ kind: 'text', text: rows.join('\n') });
    ctx.emit({
      kind: 'table',
      title: 'training summary',
      columns: ['species', 'soft', 'hard', 'cvAccuracy', 'testAccuracy'],
      rows: entries.map((e) => [e.species, e.trainingCounts.soft, e.trainingCounts.hard, e.cvAccuracy ?? NaN, e.testAccuracy ?? NaN]),
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
      },
      provenance: {
        inputs: [{ path: traj.trajectory.path, bytes: statSync(traj.trajectory.path).size }],
        frames: Array.from(new Set(X.source.frame), (row) => traj.frames[row]),
        seeds: { sampling: X.source.parameters.seed ?? seed, split: seed, folds: seed, svm: seed },
        parameters: { dt: traj.dt, rearrangements: { method: ev.method, ...ev.parameters }, trainingSet: X.source.parameters, C: svmOptions.C, loss: svmOptions.loss, folds: args.folds, testFraction: args.testFraction },
        codeVersion: version,
        createdAt: new Date().toISOString(),
      },
    };
    const value: ModelValue = { kind: 'model', model };
    return value;
  },
};

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
