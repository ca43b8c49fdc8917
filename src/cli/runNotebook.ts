import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../core/io/atomicWrite';
import { makeRunContext } from '../core/lang/context';
import type { CellOutput } from '../core/lang/outputs';
import { parseNotebook } from '../core/lang/notebookFile';
import { Session } from '../core/lang/session';
import { renderReport, type ReportCell } from './report';
import { toCsv } from '../core/analysis/tableText';

export interface RunResult {
  readonly reportPath: string;
  readonly resultsPath: string;
  readonly failed: boolean;
  readonly cells: readonly ReportCell[];
}

/**
 * Executes every code cell of a `.softnb` notebook in order in one Session (headless kernel),
 * stopping at the first failing cell, then writes next to the notebook a directory
 * `<name>.report/` with `report.html` (self-contained), `results.json` and one CSV per table.
 * Throws only for an unreadable notebook or an output write failure; cell errors are reported
 * in the result (and the report) with their line:column.
 */
export async function runNotebook(
  notebookPath: string,
  options: {
    outDir?: string;
    signal?: AbortSignal;
    onProgress?: (message: string, fraction: number | null) => void;
    onCellDone?: (cell: ReportCell, index: number) => void;
  },
): Promise<RunResult> {
  const file = path.resolve(notebookPath);
  const notebook = parseNotebook(readFileSync(file, 'utf8'), file);
  const outDir = path.resolve(options.outDir ?? `${file.replace(/\.softnb$/, '')}.report`);
  const session = new Session();
  const cells: ReportCell[] = [];
  let failed = false;
  try {
    for (const cell of notebook.cells) {
      if (cell.kind === 'markdown' || failed) {
        cells.push({
          kind: cell.kind,
          source: cell.source,
          outputs: [],
          error: failed && cell.kind === 'code' ? 'not run: an earlier cell failed' : null,
          seconds: 0,
        });
        continue;
      }
      const outputs: CellOutput[] = [];
      const ctx = makeRunContext({
        baseDir: path.dirname(file),
        emit: (o) => outputs.push(o),
        progress: options.onProgress ?? (() => {}),
        signal: options.signal,
      });
      const start = performance.now();
      let error: string | null = null;
      try {
        await session.runCell(cell.source, ctx);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
        failed = true;
      }
      const done: ReportCell = { kind: 'code', source: cell.source, outputs, error, seconds: (performance.now() - start) / 1000 };
      cells.push(done);
      options.onCellDone?.(done, cells.length - 1);
    }
  } finally {
    session.clear();
  }
  mkdirSync(outDir, { recursive: true });
  const reportPath = path.join(outDir, 'report.html');
  writeFileAtomic(reportPath, renderReport(path.basename(file), cells));
  const resultsPath = path.join(outDir, 'results.json');
  writeFileAtomic(resultsPath, JSON.stringify(resultsJson(file, cells), null, 1));
  for (const [k, cell] of cells.entries()) {
    for (const [j, out] of cell.outputs.entries()) {
      if (out.kind === 'table')
        writeFileAtomic(path.join(outDir, `cell${k + 1}-${j + 1}-${slug(out.title)}.csv`), toCsv(out.columns, out.rows));
    }
  }
  return { reportPath, resultsPath, failed, cells };
}

/** Machine-readable results: texts, tables and plot data in full; snapshots summarised. */
function resultsJson(notebook: string, cells: readonly ReportCell[]): object {
  return {
    notebook,
    createdAt: new Date().toISOString(),
    cells: cells.map((c) => ({
      kind: c.kind,
      source: c.source,
      seconds: c.seconds,
      error: c.error,
      outputs: c.outputs.map((o) =>
        o.kind === 'snapshot' ? { kind: o.kind, title: o.title, particles: o.species.length, valueName: o.valueName } : o,
      ),
    })),
  };
}

function slug(s: string): string {
  return (
    s
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_|_$/g, '')
      .slice(0, 40) || 'table'
  );
}
