import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../core/io/atomicWrite';
import { makeRunContext } from '../core/lang/context';
import type { CellOutput } from '../core/lang/outputs';
import { parseNotebook } from '../core/lang/notebookFile';
import { checkOutputPath } from '../core/lang/outputPath';
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
 * Throws only for an unreadable notebook, an output location that cannot be written (checked
 * before the first cell runs) or an output that would overwrite the notebook or a file it read
 * (checkOutputPath); cell errors are reported in the result (and the report) with their line:column.
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
  const reportPath = path.join(outDir, 'report.html');
  // Fail fast: the report's directory must be writable before any cell runs.
  checkOutputPath(reportPath, [file]);
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
        notebookPath: file,
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
  // Never over a file the notebook read (an input could sit in --out under an output's name).
  const read = [file, ...session.readFiles()];
  const write = (out: string, text: string): void => {
    checkOutputPath(out, read);
    writeFileAtomic(out, text);
  };
  write(reportPath, renderReport(path.basename(file), cells));
  const resultsPath = path.join(outDir, 'results.json');
  write(resultsPath, JSON.stringify(resultsJson(file, cells), null, 1));
  for (const [k, cell] of cells.entries()) {
    for (const [j, out] of cell.outputs.entries()) {
      if (out.kind === 'table') write(path.join(outDir, `cell${k + 1}-${j + 1}-${slug(out.title)}.csv`), toCsv(out.columns, out.rows));
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
