import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNotebook } from '../../../src/cli/runNotebook';
import type { PlotOutput, TableOutput } from '../../../src/core/lang/outputs';

const NOTEBOOK = path.resolve(__dirname, '../../../examples/model_diagnostics.softnb');

/** Table rows as objects keyed by column. */
function records(table: TableOutput): Array<Record<string, number | string>> {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((c, k) => [c, row[k]])));
}

describe('examples/model_diagnostics.softnb, headless', () => {
  it('runs every cell and shows accuracy vs C, vs training-set size, and w(r) beside g(r) with sane numbers', async () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'softness-diagnostics-'));
    const result = await runNotebook(NOTEBOOK, { outDir });
    expect(result.cells.filter((c) => c.error !== null)).toEqual([]);
    expect(result.failed).toBe(false);
    const outputs = result.cells.flatMap((c) => c.outputs);
    expect(outputs.filter((o): o is PlotOutput => o.kind === 'plot').map((p) => p.title)).toEqual([
      'accuracy vs C',
      'accuracy vs training-set size',
      'w(r) per neighbour species beside g(r)',
    ]);
    const tables = outputs.filter((o): o is TableOutput => o.kind === 'table');

    // trainscan uses train's protocol: its C = 1 points on the whole training split are train's accuracies.
    const summary = records(tables.find((t) => t.title === 'training summary')!);
    const scan = records(tables.find((t) => t.title === 'accuracy vs C and training-set size')!);
    for (const species of ['A', 'B']) {
      const trained = summary.find((r) => r.species === species)!;
      const atC1 = scan.find((r) => r.species === species && r.scan === 'C' && r.C === 1)!;
      expect(atC1.cvAccuracy).toBe(trained.cvAccuracy);
      expect(atC1.testAccuracy).toBe(trained.testAccuracy);
      // 1000 per class: 1600 training and 400 test environments; sizes 1/16 ... all of the training split.
      const sizes = scan.filter((r) => r.species === species && r.scan === 'size');
      expect(sizes.map((r) => r.trainingSize)).toEqual([100, 200, 400, 800, 1600]);
      expect(new Set(scan.filter((r) => r.species === species).map((r) => r.testSize))).toEqual(new Set([400]));
      // Better than chance on the whole split (the quickstart's sample gives ~ 60%), and a 100-environment
      // fit of 100 features memorises its training set (Cubuk thesis Fig. 4.4) far more than the full one.
      const whole = scan.filter((r) => r.species === species && r.scan === 'C' && (r.C as number) >= 0.1);
      expect(whole.reduce((sum, r) => sum + (r.cvAccuracy as number), 0) / whole.length).toBeGreaterThan(0.53);
      expect((sizes[0].trainAccuracy as number) - (sizes[0].testAccuracy as number)).toBeGreaterThan(0.25);
      expect((sizes[4].trainAccuracy as number) - (sizes[4].testAccuracy as number)).toBeLessThan(0.1);
    }

    // w(r): in the first shell of A around A (g_AA peaks near 1.1 sigma_AA) more neighbours make a particle
    // harder, so w_AA < 0 there (Cubuk thesis Fig. 6.6), and it is determined there.
    const curves = records(tables.find((t) => t.title === 'radial weight functions w(r) and g(r)')!);
    const shell = curves.filter(
      (r) => r.central === 'A' && r.neighbor === 'A' && r.curve === 'w' && (r.r as number) >= 1.05 && (r.r as number) <= 1.3,
    );
    expect(shell.length).toBeGreaterThan(5);
    expect(shell.every((r) => r.determined === 'yes' && (r.value as number) < 0)).toBe(true);

    // results.json carries the three figures.
    const saved = readFileSync(result.resultsPath, 'utf8');
    for (const title of ['Accuracy vs the SVM penalty C', 'Accuracy vs training-set size', 'w(r) per neighbour species beside g(r)'])
      expect(saved).toContain(title);
  }, 600_000);
});
