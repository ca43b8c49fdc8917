import { checkMatrix, takeRows } from './matrix';
import { Rng } from './rng';

/** Anything with sklearn's fit/predict pair, e.g. LinearSVM or a scaler+SVM wrapper. */
export interface Classifier {
  fit(X: Float32Array, y: Int8Array, nFeatures: number): unknown;
  predict(X: Float32Array): Int8Array;
}

/**
 * Fraction of equal entries of yTrue and yPred (Int8Array [n] each), in [0, 1].
 * Throws RangeError when the lengths differ or are 0.
 */
export function accuracy(yTrue: Int8Array, yPred: Int8Array): number {
  if (yTrue.length !== yPred.length) throw new RangeError(`accuracy: yTrue has ${yTrue.length} labels, yPred ${yPred.length}`);
  if (yTrue.length === 0) throw new RangeError('accuracy: no labels');
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}

/**
 * Sample indices of each class (ascending label order), each shuffled with `rng`. Throws
 * RangeError if any class has fewer than `minPerClass` members.
 */
function shuffledClasses(y: Int8Array, rng: Rng, minPerClass: number, why: string): { label: number; members: Int32Array }[] {
  const counts = new Int32Array(256);
  for (let i = 0; i < y.length; i++) counts[y[i] + 128]++;
  const classes: { label: number; members: Int32Array }[] = [];
  for (let c = 0; c < 256; c++) {
    if (counts[c] === 0) continue;
    if (counts[c] < minPerClass) throw new RangeError(`class ${c - 128} has ${counts[c]} samples; ${why}`);
    const members = new Int32Array(counts[c]);
    let fill = 0;
    for (let i = 0; i < y.length; i++) if (y[i] + 128 === c) members[fill++] = i;
    classes.push({ label: c - 128, members: rng.shuffle(members) });
  }
  return classes;
}

/**
 * Stratified k-fold split (seeded): each class's indices are shuffled and dealt round-robin to the
 * folds, one class after the other, so every fold holds floor or ceil of n_c / k samples of each
 * class c and the fold sizes differ by at most one. Returns the k test folds, each a sorted
 * Int32Array of sample indices into y (Int8Array [n]); together they partition [0, n).
 * Throws RangeError unless k is an integer >= 2 and every class has at least k samples.
 */
export function stratifiedKFold(y: Int8Array, k: number, seed: number): Int32Array[] {
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`k (number of folds) must be an integer >= 2, got ${k}`);
  const classes = shuffledClasses(y, new Rng(seed), k, `stratified ${k}-fold needs at least ${k} per class`);
  const sizes = new Int32Array(k);
  for (let p = 0; p < y.length; p++) sizes[p % k]++;
  const folds = Array.from(sizes, (size) => new Int32Array(size));
  const fill = new Int32Array(k);
  let p = 0;
  for (const { members } of classes) {
    for (const i of members) {
      const f = p++ % k;
      folds[f][fill[f]++] = i;
    }
  }
  return folds.map((fold) => fold.sort());
}

/**
 * Stratified train/test split (seeded): round(testFraction * n_c) samples of each class c go to
 * the test set. Returns sorted Int32Array index sets into y (Int8Array [n]).
 * Throws RangeError unless 0 < testFraction < 1 and every class keeps >= 1 sample on each side.
 */
export function trainTestSplit(y: Int8Array, testFraction: number, seed: number): { train: Int32Array; test: Int32Array } {
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError(`testFraction must be in (0, 1), got ${testFraction}`);
  const classes = shuffledClasses(y, new Rng(seed), 2, 'a train/test split needs at least 2 per class');
  const train: number[] = [];
  const test: number[] = [];
  for (const { label, members } of classes) {
    const nTest = Math.round(testFraction * members.length);
    if (nTest === 0 || nTest === members.length) {
      throw new RangeError(`testFraction ${testFraction} leaves class ${label} (${members.length} samples) empty on one side`);
    }
    for (let r = 0; r < members.length; r++) (r < nTest ? test : train).push(members[r]);
  }
  return { train: Int32Array.from(train).sort(), test: Int32Array.from(test).sort() };
}

/** Per-fold accuracies, Float64Array [k] in [0, 1], and their mean. */
export interface CrossValidationResult {
  readonly meanAccuracy: number;
  readonly foldAccuracy: Float64Array;
}

/**
 * Stratified k-fold cross-validation accuracy: for each fold, a fresh classifier from
 * `makeClassifier` is fitted on the other folds and scored on this one. X is Float32Array
 * row-major [nSamples x nFeatures], y Int8Array [nSamples]. Pass a factory that also fits the
 * scaler if standardisation must be learned inside each fold. Returns the per-fold accuracies,
 * Float64Array [k], and their mean. Throws RangeError on bad shapes (see checkMatrix,
 * stratifiedKFold) and whatever the classifier throws.
 */
export function crossValidate(
  makeClassifier: () => Classifier,
  X: Float32Array,
  y: Int8Array,
  nFeatures: number,
  options: { k?: number; seed?: number } = {},
): CrossValidationResult {
  const steps = crossValidationSteps(makeClassifier, X, y, nFeatures, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * crossValidate one fit at a time: the generator pauses (yields the fold index) before each fold's
 * fit and returns the CrossValidationResult, so an async caller can check for cancellation and
 * report progress between fits (a fit of a few thousand environments at large C can take seconds).
 * Same arguments, result and errors as crossValidate; the shape checks run at the first next().
 */
export function* crossValidationSteps(
  makeClassifier: () => Classifier,
  X: Float32Array,
  y: Int8Array,
  nFeatures: number,
  options: { k?: number; seed?: number } = {},
): Generator<number, CrossValidationResult> {
  const n = checkMatrix(X, nFeatures, 'X');
  if (y.length !== n) throw new RangeError(`y has ${y.length} labels but X has ${n} rows`);
  const folds = stratifiedKFold(y, options.k ?? 5, options.seed ?? 0);
  const inFold = new Int32Array(n);
  for (const [f, fold] of folds.entries()) for (const i of fold) inFold[i] = f;
  const foldAccuracy = new Float64Array(folds.length);
  for (const [f, test] of folds.entries()) {
    yield f;
    const train = new Int32Array(n - test.length);
    let fill = 0;
    for (let i = 0; i < n; i++) if (inFold[i] !== f) train[fill++] = i;
    const model = makeClassifier();
    model.fit(takeRows(X, nFeatures, train), takeRows(y, 1, train), nFeatures);
    foldAccuracy[f] = accuracy(takeRows(y, 1, test), model.predict(takeRows(X, nFeatures, test)));
  }
  const meanAccuracy = foldAccuracy.reduce((a, b) => a + b, 0) / folds.length;
  return { meanAccuracy, foldAccuracy };
}
