import { statSync } from 'node:fs';
import { heldOutEvaluationSteps } from '../../learn/heldOutEvaluation';
import type { SvmLoss } from '../../learn/linearSvm';
import { SOFTNESS_MODEL_VERSION, type SoftnessModel, type SpeciesSoftnessModel } from '../../learn/model';
import { ScaledSvm } from '../../learn/scaledSvm';
import { version } from '../../version';
import { trainDoc } from '../statementDocs';
import type { StatementDefinition } from './definition';
import { speciesSplits } from './speciesSplits';
import { runSteps } from './steps';
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
    const recalls: { recall: number; soft: number }[] = [];
    for (const split of speciesSplits(X, args.testFraction as number, seed)) {
      ctx.progress(`training species ${split.name}`, split.species / names.length);
      // Standardisation is learned inside each fold, so the CV accuracy does not peek at its test fold.
      const result = await runSteps(
        heldOutEvaluationSteps(() => new ScaledSvm(svmOptions), split.train, split.test, m, { k: args.folds as number, seed }),
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
