import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../../../src/core/lang/notebookFile';
import { statementNames } from '../../../../src/core/lang/registry';
import type { ValueKind } from '../../../../src/core/lang/values';
import { definedNames, diagnose, type KnownNames } from '../../../../src/extension/language/analysis';

const TRAJ = 'traj = load "a.dump"\n';

/** [line, column, endColumn, severity, message pattern] of each diagnostic, in order. */
function summary(source: string, known?: KnownNames): Array<[number, number, number, string, string]> {
  return diagnose(source, known).map((d) => [d.line, d.column, d.endColumn, d.severity, d.message]);
}

describe('diagnose', () => {
  it('finds nothing wrong in the example notebooks, cell after cell', () => {
    for (const file of ['quickstart.softnb', 'shear2d_d2min.softnb']) {
      const notebook = parseNotebook(fs.readFileSync(path.join(__dirname, '../../../../examples', file), 'utf8'));
      const known = new Map<string, ValueKind | null>();
      let codeCells = 0;
      for (const cell of notebook.cells.filter((c) => c.kind === 'code')) {
        expect(diagnose(cell.source, known), `${file}: ${cell.source}`).toEqual([]);
        for (const [name, kind] of definedNames(cell.source)) known.set(name, kind);
        codeCells++;
      }
      expect(codeCells).toBeGreaterThanOrEqual(3);
      expect(known.get('S')).toBe('softness');
    }
  });

  it('points at the argument the interpreter would reject, with its exact columns', () => {
    expect(summary(`${TRAJ}ev = rearrangements traj tR="ten"`)).toEqual([
      [2, 29, 34, 'error', `parameter 'tR' expects a number (tau), got "ten"`],
    ]);
    expect(summary(`${TRAJ}ev = rearrangements traj pL=-0.1`)).toEqual([
      [2, 29, 33, 'error', "parameter 'pL' expects a number >= 0 (sigma_AA^2), got -0.1"],
    ]);
    expect(summary(`${TRAJ}ev = rearrangements traj colour=1`)[0].slice(0, 4)).toEqual([2, 26, 32, 'error']);
    expect(summary(`${TRAJ}ev = rearrangements traj colour=1`)[0][4]).toMatch(
      /^unknown parameter 'colour' for 'rearrangements'; expected one of: trajectory, method, tR/,
    );
    expect(summary(`${TRAJ}ev = rearrangements traj tR=1 tR=2`)).toEqual([[2, 31, 33, 'error', "parameter 'tR' given twice"]]);
    expect(summary(`${TRAJ}ev = rearrangements traj method=foo`)).toEqual([
      [2, 33, 36, 'error', "parameter 'method' expects one of pHop | d2min, got foo"],
    ]);
    expect(summary(`${TRAJ}ev = rearrangements traj\nplot PRS ev`)).toEqual([
      [3, 10, 12, 'error', "parameter 'softness' expects a softness result, but 'ev' is a rearrangements"],
    ]);
    expect(summary('x = loadmodel')).toEqual([
      [1, 5, 14, 'error', "'loadModel' needs parameter 'file' (model file, relative to the notebook)"],
    ]);
    expect(summary(`${TRAJ}snapshot traj`)).toEqual([
      [2, 10, 14, 'error', "parameter 'softness' expects a softness result, but 'traj' is a trajectory"],
    ]);
    expect(
      summary(
        'plot PRS S ev bins=2.5',
        new Map([
          ['S', 'softness'],
          ['ev', 'rearrangements'],
        ]),
      ),
    ).toEqual([[1, 20, 23, 'error', "parameter 'bins' expects an integer, got 2.5"]]);
  });

  it('reports unknown statements and results bound from statements that return nothing', () => {
    const d = summary(`${TRAJ}q = overlapp traj\nx = show traj`);
    expect(d[0].slice(0, 4)).toEqual([2, 5, 13, 'error']);
    expect(d[0][4]).toBe(`unknown statement 'overlapp'; expected one of: ${statementNames().join(', ')}`);
    expect(d[1]).toEqual([3, 1, 2, 'error', "'show' produces no result to name 'x'"]);
    expect(d).toHaveLength(2);
  });

  it('warns (not errors) about names not defined above, unless earlier cells define them', () => {
    const source = 'ev = rearrangements traj\nts = trainingset ev';
    expect(summary(source)).toEqual([
      [1, 21, 25, 'warning', "'traj' is not defined before this line; define it above or run the cell that defines it first"],
    ]);
    expect(summary(source, new Map([['traj', 'trajectory']]))).toEqual([]);
    expect(summary(source, new Map([['traj', null]]))).toEqual([]);
    // A name used above the line that defines it is still undefined at that point.
    expect(summary(`ev = rearrangements traj\n${TRAJ}`).map((d) => d.slice(0, 4))).toEqual([[1, 21, 25, 'warning']]);
    // Kinds from earlier cells are checked like the interpreter would.
    expect(summary(source, new Map([['traj', 'model']]))).toEqual([
      [1, 21, 25, 'error', "parameter 'trajectory' expects a trajectory result, but 'traj' is a model"],
    ]);
  });

  it('reports every line that does not parse and still checks the others', () => {
    const source = [
      TRAJ.trim(),
      'ev = rearrangements traj tR="ten',
      'ts = trainingset ev pc=-1',
      'X = features ts preset=',
      'model = train X C=0',
    ].join('\n');
    expect(summary(source)).toEqual([
      [2, 29, 33, 'error', 'unterminated string: expected a closing " on this line'],
      [3, 18, 20, 'warning', "'ev' is not defined before this line; define it above or run the cell that defines it first"],
      [3, 24, 26, 'error', "parameter 'pC' expects a number >= 0 (sigma_AA^2), got -1"],
      [4, 24, 25, 'error', "expected a value after 'preset='"],
      [5, 15, 16, 'warning', "'X' is not defined before this line; define it above or run the cell that defines it first"],
      [5, 19, 20, 'error', "parameter 'C' expects a number >= 1e-12, got 0"],
    ]);
  });

  it('gives one error at the [ of a list that is never closed and checks the next line', () => {
    const source = 'X = features ts radialCut=[1, 2\nmodel = train X C=-1';
    const d = summary(source, new Map([['ts', 'trainingSet']]));
    expect(d.map((x) => x.slice(0, 4))).toEqual([
      [1, 27, 28, 'error'],
      [2, 15, 16, 'warning'], // X: its line was dropped
      [2, 19, 21, 'error'],
    ]);
    expect(d[0][4]).toMatch(/^'\[' is never closed: expected '\]' before line 2/);
    expect(d[2][4]).toBe("parameter 'C' expects a number >= 1e-12, got -1");
    expect(summary('X = features ts radialCut=[1,\n  2, 3', new Map([['ts', 'trainingSet']])).map((x) => x.slice(0, 4))).toEqual([
      [1, 27, 28, 'error'],
    ]);
  });

  it('never throws and keeps every diagnostic inside the cell, whatever is typed', () => {
    const piece = fc.constantFrom(
      'traj',
      ' ',
      '=',
      'load',
      'plot',
      'tR',
      '"a',
      '"',
      "'",
      '[',
      ']',
      ',',
      '\n',
      '#',
      '1.5',
      '-',
      'x',
      'method',
      'phop',
      '@',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const source = pieces.join('');
        const lines = source.split('\n');
        for (const d of diagnose(source)) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lines.length);
          expect(d.column).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeLessThanOrEqual(lines[d.line - 1].length + 1);
          expect(d.endColumn).toBeGreaterThan(d.column);
        }
      }),
      { numRuns: 300 },
    );
  });
});
