import { statSync } from 'node:fs';
import { crossValidate, trainTestSplit, accuracy } from '../../learn/crossValidation';
import type { SvmLoss } from '../../learn/linearSvm';
import { takeRows } from '../../learn/matrix';
import { SOFTNESS_MODEL_VERSION, type SoftnessModel, type SpeciesSoftnessModel } from '../../learn/model';
import { ScaledSvm } from '../../learn/scaledSvm';
import { version } from '../../version';
import { trainDoc } from '../statementDocs';
import type { StatementDefinition } from './definition';
import type { FeaturesValue, ModelValue } from '../values';

/** `model = train X C=1 loss=hinge folds=5 testFraction=0.2 seed=1` */
export const train: StatementDefinition = {
  doc: trainDoc,
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
