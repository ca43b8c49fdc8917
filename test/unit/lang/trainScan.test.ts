import { describe, expect, it } from 'vitest';
import { resolveArgs } from '../../../src/core/lang/args';
import { CellError } from '../../../src/core/lang/ast';
import { CancelledError, makeRunContext } from '../../../src/core/lang/context';
import type { CellOutput, PlotOutput } from '../../../src/core/lang/outputs';
import { parseCell } from '../../../src/core/lang/parser';
import type { StatementDefinition } from '../../../src/core/lang/spec';
import { Session } from '../../../src/core/lang/session';
import { trainScan } from '../../../src/core/lang/statements/trainScan';
import type { FeaturesValue, TableValue } from '../../../src/core/lang/values';
import { accuracy, trainTestSplit } from '../../../src/core/learn/crossValidation';
import { takeRows } from '../../../src/core/learn/matrix';
import { Rng } from '../../../src/core/learn/rng';
import { ScaledSvm } from '../../../src/core/learn/scaledSvm';

/**
 * Labelled "environments" of two species with a known answer: nFeatures Gaussian features of which
 * only the first two carry the label, y = sign(x0 + 0.5 x1). Samples within `margin` of that plane
 * are dropped, so the clean data are linearly separable; then each label is flipped with
 * probability `noise`, independently of x, so the best possible accuracy is 1 - noise.
 * Species A gets environments 0, 2, 4, ..., species B the odd ones (interleaved, like real data).
 */
function syntheticFeatures(options: { perSpecies: number; nFeatures: number; noise: number; margin: number; seed: number }): FeaturesValue {
  const { perSpecies, nFeatures: m, noise, margin } = options;
  const rng = new Rng(options.seed);
  const n = 2 * perSpecies;
  const values = new Float32Array(n * m);
  const label = new Int8Array(n);
  for (let e = 0; e < n; e++) {
    let s = 0;
    do {
      for (let k = 0; k < m; k++) values[e * m + k] = rng.nextGaussian();
      s = values[e * m] + 0.5 * values[e * m + 1];
    } while (Math.abs(s) < margin);
    const clean = s > 0 ? 1 : -1;
    label[e] = rng.nextFloat() < noise ? -clean : clean;
  }
  const species = Uint8Array.from({ length: n }, (_, e) => e % 2);
  // Only the fields trainscan reads: the species names at the end of the source chain, the labels and the matrix.
  const source = { kind: 'trainingSet', label, source: { source: { trajectory: { speciesNames: ['A', 'B'] } } } };
  return { kind: 'features', source, spec: {}, matrix: { values, nRows: n, nFeatures: m, names: [] }, species } as unknown as FeaturesValue;
}

/** Runs `scan = trainscan X ...` (the parsed and checked cell line) on X; returns the outputs. */
async function runScan(
  line: string,
  X: FeaturesValue,
  ctxOptions: { progress?: (m: string, f: number | null) => void; signal?: AbortSignal } = {},
) {
  const outputs: CellOutput[] = [];
  const [statement] = parseCell(line);
  const args = resolveArgs(trainScan.doc, statement, (name) => (name === 'X' ? X : undefined), '/');
  const ctx = makeRunContext({
    baseDir: '/',
    emit: (o) => outputs.push(o),
    progress: ctxOptions.progress ?? (() => {}),
    signal: ctxOptions.signal,
  });
  const definition: StatementDefinition = trainScan;
  const table = (await definition.run(args, ctx)) as TableValue;
  return { table, outputs, plots: outputs.filter((o): o is PlotOutput => o.kind === 'plot') };
}

/** Table rows as objects keyed by column. */
function records(table: TableValue): Array<Record<string, number | string>> {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((c, k) => [c, row[k]])));
}

describe('trainscan: accuracy vs C and vs training-set size', () => {
  it('reaches accuracy 1 for large C on separable data', async () => {
    const X = syntheticFeatures({ perSpecies: 600, nFeatures: 3, noise: 0, margin: 0.3, seed: 1 });
    const { table, plots } = await runScan('scan = trainscan X C=[10, 0.001, 1] sizes=[60] folds=3', X);
    const rows = records(table);
    const cRows = rows.filter((r) => r.scan === 'C');
    // Sorted by C, both species.
    expect(cRows.map((r) => `${r.species} ${r.C}`)).toEqual(['A 0.001', 'A 1', 'A 10', 'B 0.001', 'B 1', 'B 10']);
    for (const r of cRows.filter((r) => r.C === 10)) {
      expect(r.cvAccuracy).toBe(1);
      expect(r.cvStd).toBe(0);
      expect(r.testAccuracy).toBe(1);
      expect(r.trainAccuracy).toBe(1);
      // Stratified 20% of 600: 120 test, 480 training environments per species.
      expect(r.testSize).toBe(120);
      expect(r.trainingSize).toBe(480);
    }
    // A tiny C underfits (w is shrunk towards 0) but never beats the large-C accuracy.
    for (const species of ['A', 'B']) {
      const of = cRows.filter((r) => r.species === species);
      expect(of[0].testAccuracy as number).toBeLessThanOrEqual(of[2].testAccuracy as number);
    }
    expect(plots.map((p) => p.title)).toEqual(['accuracy vs C', 'accuracy vs training-set size']);
  });

  it('gives accuracy ~ 1 - p on data with label noise p', async () => {
    const p = 0.2;
    const X = syntheticFeatures({ perSpecies: 4000, nFeatures: 3, noise: p, margin: 0.2, seed: 2 });
    const { table } = await runScan('scan = trainscan X C=[0.1, 1] sizes=[3200]', X);
    for (const r of records(table)) {
      // 800 test environments: binomial sd sqrt(0.16 / 800) = 0.014; CV on 3200: 0.007 (3 sd allowed).
      expect(Math.abs((r.testAccuracy as number) - (1 - p))).toBeLessThan(0.045);
      expect(Math.abs((r.cvAccuracy as number) - (1 - p))).toBeLessThan(0.025);
      // 5 folds of 640: the fold-to-fold spread is about the binomial sd sqrt(0.16 / 640) = 0.016.
      expect(r.cvStd as number).toBeGreaterThan(0.002);
      expect(r.cvStd as number).toBeLessThan(0.04);
    }
  });

  it('scans nested stratified subsamples against one fixed test set, and overfits when small', async () => {
    const X = syntheticFeatures({ perSpecies: 2000, nFeatures: 20, noise: 0.1, margin: 0.1, seed: 3 });
    const { table, plots, outputs } = await runScan('scan = trainscan X C=[1] sizes=[20, 40, 100, 400, 1600, 99999] folds=3 seed=4', X);
    const rows = records(table);
    // Per species 1 C point + 5 sizes, of which the whole split at C = 1 is computed once: 5 x (3 folds + 1) fits.
    expect(outputs.some((o) => o.kind === 'text' && o.text.includes('\n40 SVM fits in '))).toBe(true);
    for (const species of ['A', 'B']) {
      const sizeRows = rows.filter((r) => r.species === species && r.scan === 'size');
      // Stratified rounding per class may add or drop one; 99999 is capped at the whole training
      // split (1600 of 2000), which then appears once.
      const sizes = sizeRows.map((r) => r.trainingSize as number);
      for (const [k, size] of [20, 40, 100, 400, 1600].entries()) expect(Math.abs(sizes[k] - size)).toBeLessThanOrEqual(1);
      expect(sizes).toHaveLength(5);
      expect(sizes[4]).toBe(1600);
      expect(new Set(sizeRows.map((r) => r.testSize))).toEqual(new Set([400]));
      const [smallest, , , , largest] = sizeRows;
      expect(largest.testAccuracy as number).toBeGreaterThan((smallest.testAccuracy as number) + 0.05);
      expect(largest.testAccuracy as number).toBeGreaterThan(0.85);
      // 20 samples, 20 features: the fit memorises its training set (Cubuk thesis Fig. 4.4) ...
      expect(smallest.trainAccuracy as number).toBeGreaterThan((smallest.testAccuracy as number) + 0.1);
      // ... which a large set cannot (training and test accuracy meet).
      expect(Math.abs((largest.trainAccuracy as number) - (largest.testAccuracy as number))).toBeLessThan(0.05);
      // The whole training split at C = sizeC = 1 is exactly the C scan's C = 1 point.
      const cRow = rows.find((r) => r.species === species && r.scan === 'C')!;
      expect(largest.testAccuracy).toBe(cRow.testAccuracy);
      expect(largest.cvAccuracy).toBe(cRow.cvAccuracy);
    }

    // An independent recomputation of species B at size 100: the same held-out split as `train`,
    // a stratified seeded subsample of its training part, one ScaledSvm fit, scored on that test set.
    const rowsB = Int32Array.from({ length: 2000 }, (_, k) => 2 * k + 1);
    const m = 20;
    const features = takeRows(X.matrix.values, m, rowsB);
    const labels = takeRows(X.source.label, 1, rowsB);
    const split = trainTestSplit(labels, 0.2, 4);
    const trainX = takeRows(features, m, split.train);
    const trainY = takeRows(labels, 1, split.train);
    const sub = trainTestSplit(trainY, 100 / 1600, 4).test;
    const svm = new ScaledSvm({ C: 1, seed: 4 }).fit(takeRows(trainX, m, sub), takeRows(trainY, 1, sub), m);
    const expected = accuracy(takeRows(labels, 1, split.test), svm.predict(takeRows(features, m, split.test)));
    expect(rows.find((r) => r.species === 'B' && r.scan === 'size' && Math.abs((r.trainingSize as number) - 100) <= 1)?.testAccuracy).toBe(
      expected,
    );

    // The figure shows the table's numbers: per species CV (with fold std as error bars), test and training accuracy on a log axis.
    const sizeFigure = plots[1].figure as {
      data: Array<{ name: string; x: unknown; y: unknown; error_y: { array: unknown } }>;
      layout: { xaxis: { type: string } };
    };
    expect(sizeFigure.layout.xaxis.type).toBe('log');
    const cvA = sizeFigure.data.find((t) => t.name === 'A: CV (mean ± std over folds)')!;
    const sizeRowsA = rows.filter((r) => r.species === 'A' && r.scan === 'size');
    expect(cvA.x).toEqual(sizeRowsA.map((r) => r.trainingSize));
    expect(cvA.y).toEqual(sizeRowsA.map((r) => r.cvAccuracy));
    expect(cvA.error_y.array).toEqual(sizeRowsA.map((r) => r.cvStd));
    expect(sizeFigure.data.find((t) => t.name === 'B: held-out test')!.y).toEqual(
      rows.filter((r) => r.species === 'B' && r.scan === 'size').map((r) => r.testAccuracy),
    );
  });

  it('stops between SVM fits when cancelled', async () => {
    const X = syntheticFeatures({ perSpecies: 300, nFeatures: 3, noise: 0.1, margin: 0, seed: 5 });
    const controller = new AbortController();
    const messages: string[] = [];
    const progress = (message: string) => {
      messages.push(message);
      if (messages.length === 2) controller.abort();
    };
    await expect(runScan('scan = trainscan X C=[0.1, 1, 10]', X, { progress, signal: controller.signal })).rejects.toBeInstanceOf(
      CancelledError,
    );
    // Paused before fit 1, ran it, paused before fit 2: cancelled there, not after the scan's (at most) 2 x (3 + 5) x 6 fits.
    expect(messages).toEqual([
      'trainScan species A: C = 0.1 (SVM fit 1 of at most 96)',
      'trainScan species A: C = 0.1 (SVM fit 2 of at most 96)',
    ]);
  });

  it('rejects bad values with the parameter named, and parse errors with line:column', async () => {
    const X = syntheticFeatures({ perSpecies: 100, nFeatures: 2, noise: 0, margin: 0.3, seed: 6 });
    await expect(runScan('scan = trainscan X C=[0, 1]', X)).rejects.toThrow('C: every entry must be a positive number, got 0');
    await expect(runScan('scan = trainscan X sizes=[9, 100]', X)).rejects.toThrow(
      'sizes: every entry must be an integer >= 2 x folds = 10, got 9',
    );
    await expect(runScan('scan = trainscan X C=[]', X)).rejects.toThrow('C=[]: give at least one value');
    await expect(runScan('scan = trainscan X C=[0.1, "1"]', X)).rejects.toThrow(
      new CellError({ line: 1, column: 22 }, "parameter 'C' expects a list of numbers like [0.5, 1, 2], got a list of 2"),
    );

    const session = new Session();
    const ctx = makeRunContext({ baseDir: '/', emit: () => {}, progress: () => {} });
    await expect(session.runCell('# scan\nscan = trainscan X C=[0.1 1]', ctx)).rejects.toThrow(
      "2:27: expected ',' or ']' in list, found '1'",
    );
    await expect(session.runCell('scan = trainscan X C=[0.1,\n 1', ctx)).rejects.toThrow(
      "2:3: expected ',' or ']' in list, found the end of the line",
    );
    await expect(session.runCell('scan = trainscan X', ctx)).rejects.toThrow("1:18: no result named 'X'");
  });
});
