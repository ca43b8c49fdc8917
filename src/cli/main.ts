import { Command } from 'commander';
import { applyModelCommand } from './applyModel';
import { formatSummary } from '../core/io/formatNames';
import { languageReference } from '../core/lang/reference';
import { isCancelled } from '../core/lang/context';
import { runNotebook } from './runNotebook';
import { version } from '../core/version';

/**
 * The `softness` command line: runs notebooks headless and applies models to trajectories.
 * Ctrl-C asks the running computation to stop at its next checkpoint (between frames); a second
 * Ctrl-C exits at once. Progress goes to stderr, results to files.
 */
const program = new Command();
program.name('softness').description('Softness Studio headless engine (Cubuk et al. 2015; Schoenholz et al. 2016)').version(version);

program
  .command('run')
  .description('execute a .softnb notebook and write <notebook>.report/ (report.html, results.json, CSV tables)')
  .argument('<notebook>', 'path of the .softnb notebook')
  .option('-o, --out <dir>', 'output directory (default: next to the notebook, <name>.report/)')
  .action(async (notebook: string, opts: { out?: string }) => {
    const signal = interruptSignal();
    const progress = progressPrinter();
    const result = await runNotebook(notebook, {
      outDir: opts.out,
      signal,
      onProgress: progress,
      onCellDone: (cell, k) => {
        progress.clear();
        const status = cell.error ? `FAILED\n${cell.error}` : 'ok';
        process.stderr.write(`cell ${k + 1}: ${cell.seconds.toFixed(2)} s ${status}\n`);
      },
    });
    process.stdout.write(`report: ${result.reportPath}\nresults: ${result.resultsPath}\n`);
    process.exitCode = signal.aborted ? 130 : result.failed ? 1 : 0;
  });

program
  .command('apply')
  .description('compute the softness of every particle of every frame and write a LAMMPS dump with a softness column')
  .argument('<model>', 'trained model (*.softness.json)')
  .argument('<trajectory>', `trajectory: ${formatSummary()}; other names are recognised by their content`)
  .option(
    '-o, --out <file>',
    `output file, a ${formatSummary((format) => format.write !== null)}; default: <trajectory>.softness.dump.gz next to the input, never the input itself`,
  )
  .option('--every <k>', 'use every k-th frame', '1')
  .action(async (model: string, trajectory: string, opts: { out?: string; every: string }) => {
    const out = await applyModelCommand(model, trajectory, {
      out: opts.out,
      every: Number(opts.every),
      signal: interruptSignal(),
      onProgress: progressPrinter(),
    });
    process.stdout.write(`wrote ${out}\n`);
  });

program
  .command('reference')
  .description('print the cell-language reference (docs/language.md) generated from the statement definitions')
  .action(() => {
    process.stdout.write(languageReference());
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`\nsoftness: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = isCancelled(error) ? 130 : 1;
});

/** First Ctrl-C aborts the computation cleanly, the second exits. */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nstopping at the next frame boundary (Ctrl-C again to quit now)\n');
    controller.abort();
  });
  return controller.signal;
}

/** One updating progress line on stderr (a plain line per update when stderr is not a terminal). */
function progressPrinter(): ((message: string, fraction: number | null) => void) & { clear(): void } {
  const tty = process.stderr.isTTY;
  let last = 0;
  const print = (message: string, fraction: number | null): void => {
    const now = Date.now();
    if (now - last < (tty ? 100 : 2000)) return;
    last = now;
    const pct = fraction === null ? '' : ` ${(100 * fraction).toFixed(0)}%`;
    process.stderr.write(tty ? `\r\x1b[K${message}${pct}` : `${message}${pct}\n`);
  };
  return Object.assign(print, { clear: () => tty && process.stderr.write('\r\x1b[K') });
}
