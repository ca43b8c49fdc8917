import { trainTestSplit } from '../../learn/crossValidation';
import type { LabelledSamples } from '../../learn/heldOutEvaluation';
import { takeRows } from '../../learn/matrix';
import type { FeaturesValue } from '../values';

/** The labelled environments of one central species, split into training and held-out test samples. */
export interface SpeciesSplit {
  /** Species index into the trajectory's speciesNames, and its name. */
  readonly species: number;
  readonly name: string;
  /** Labels of all environments of this species, Int8Array [nEnv] (+1 soft, -1 hard). */
  readonly labels: Int8Array;
  /** Raw structure functions [nTrain x nFeatures] / [nTest x nFeatures] with their labels. */
  readonly train: LabelledSamples;
  readonly test: LabelledSamples;
}

/**
 * One model per central species ([Cubuk2015]; [Schoenholz2018] sec. 3.3): the
 * environments of each species present in `X`, in species order, each with the stratified seeded
 * held-out split `trainTestSplit(labels, testFraction, seed)` that `train` and `trainscan` share.
 * Lazy, so a caller can check for cancellation before each species' rows are copied.
 * @throws RangeError naming the species (from trainTestSplit) when a class is too small for the split.
 */
export function* speciesSplits(X: FeaturesValue, testFraction: number, seed: number): Generator<SpeciesSplit> {
  const names = X.source.source.source.trajectory.speciesNames;
  const m = X.matrix.nFeatures;
  for (let s = 0; s < names.length; s++) {
    const ofSpecies = Int32Array.from(X.species.keys()).filter((e) => X.species[e] === s);
    if (ofSpecies.length === 0) continue;
    const features = takeRows(X.matrix.values, m, ofSpecies);
    const labels = takeRows(X.source.label, 1, ofSpecies);
    let split: { train: Int32Array; test: Int32Array };
    try {
      split = trainTestSplit(labels, testFraction, seed);
    } catch (error) {
      throw new RangeError(`species ${names[s]}: ${(error as Error).message}`);
    }
    yield {
      species: s,
      name: names[s],
      labels,
      train: { X: takeRows(features, m, split.train), y: takeRows(labels, 1, split.train) },
      test: { X: takeRows(features, m, split.test), y: takeRows(labels, 1, split.test) },
    };
  }
}
