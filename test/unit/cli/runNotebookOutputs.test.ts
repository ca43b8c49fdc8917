import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runNotebook } from '../../../src/cli/runNotebook';

const dir = mkdtempSync(path.join(tmpdir(), 'softness-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function notebook(file: string, source: string): void {
  writeFileSync(file, JSON.stringify({ format: 'softnb', version: 1, cells: [{ kind: 'code', language: 'softness', source }] }));
}

describe('softness run: outputs never over the notebook or its inputs', () => {
  it('refuses an output directory where the report would replace the notebook, before running any cell', async () => {
    const file = path.join(dir, 'report.html');
    notebook(file, 'x = load "never.dump"');
    const text = readFileSync(file, 'utf8');
    let cellsRun = 0;
    await expect(runNotebook(file, { outDir: dir, onCellDone: () => cellsRun++ })).rejects.toThrow(
      /refusing to write .*report\.html: it is the input file/,
    );
    expect(cellsRun).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('refuses to write results.json over a file a cell read', async () => {
    const out = path.join(dir, 'rep');
    mkdirSync(out);
    const input = path.join(out, 'results.json');
    writeFileSync(input, 'precious');
    const file = path.join(dir, 'nb.softnb');
    notebook(file, 't = load "rep/results.json"');
    await expect(runNotebook(file, { outDir: out })).rejects.toThrow(/refusing to write .*rep\/results\.json: it is the input file/);
    expect(readFileSync(input, 'utf8')).toBe('precious');
  });

  it('fails before running any cell when the report directory cannot be made', async () => {
    const file = path.join(dir, 'nb2.softnb');
    notebook(file, 'x = load "never.dump"');
    let cellsRun = 0;
    await expect(runNotebook(file, { outDir: path.join(file, 'sub'), onCellDone: () => cellsRun++ })).rejects.toThrow(
      /cannot write .*nb2\.softnb\/sub\/report\.html: ENOTDIR/,
    );
    expect(cellsRun).toBe(0);
  });
});
