import { describe, expect, it } from 'vitest';
import { CellError } from '../../../src/core/lang/ast';
import { MAX_LIST_DEPTH, parseCell } from '../../../src/core/lang/parser';

describe('parseCell', () => {
  it('parses targets, verbs, positional and keyword arguments of every value type', () => {
    const [s] = parseCell('traj = load "a b.dump.gz" dt=0.005 every=2 unwrap=true species=["A", "B"] mus=[0.5, 1e-1, -2]  # comment');
    expect(s.target).toBe('traj');
    expect(s.verb).toBe('load');
    expect(s.args.map((a) => a.key)).toEqual([null, 'dt', 'every', 'unwrap', 'species', 'mus']);
    expect(s.args[0].value).toMatchObject({ kind: 'string', value: 'a b.dump.gz' });
    expect(s.args[1].value).toMatchObject({ kind: 'number', value: 0.005 });
    expect(s.args[3].value).toMatchObject({ kind: 'bool', value: true });
    const mus = s.args[5].value;
    expect(mus.kind === 'list' && mus.items.map((e) => (e.kind === 'number' ? e.value : NaN))).toEqual([0.5, 0.1, -2]);
    expect(s.source).toContain('load "a b.dump.gz"');
  });

  it('splits statements on newlines, skips comments and blank lines, lets lists span lines', () => {
    const cell = '# header\n\nx = load "f"\nplot x kind=PRS mus=[1,\n 2,\n 3]\nshow x\n';
    const statements = parseCell(cell);
    expect(statements.map((s) => s.verb)).toEqual(['load', 'plot', 'show']);
    expect(statements[1].args[1].value).toMatchObject({ kind: 'name', name: 'PRS' });
    expect(statements[2].pos).toEqual({ line: 7, column: 1 });
  });

  it('reports line and column of syntax errors', () => {
    const cases: Array<[string, RegExp]> = [
      ['x = load "unterminated', /^1:10: unterminated string/],
      ['load "f"\n  x = = 3', /^2:7: expected a statement after 'x ='/],
      ['load tR=', /^1:9: expected a value after 'tR='/],
      ['plot mus=[1 2]', /^1:13: expected ',' or '\]'/],
      ['load $x', /^1:6: unexpected character '\$'/],
      ['42 = load', /^1:1: expected a statement/],
    ];
    for (const [source, message] of cases) {
      let caught: unknown;
      try {
        parseCell(source);
      } catch (e) {
        caught = e;
      }
      expect(caught, source).toBeInstanceOf(CellError);
      expect((caught as Error).message, source).toMatch(message);
    }
  });

  it('refuses lists nested deeper than MAX_LIST_DEPTH with a CellError at the offending [, whatever the depth', () => {
    const nested = (depth: number): string => `x = load ${'['.repeat(depth)}1${']'.repeat(depth)}`;
    expect(parseCell(nested(MAX_LIST_DEPTH))[0].verb).toBe('load');
    for (const depth of [MAX_LIST_DEPTH + 1, 100_000]) {
      const error = (() => {
        try {
          parseCell(nested(depth));
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(CellError);
      expect((error as CellError).message).toBe(`1:${10 + MAX_LIST_DEPTH}: lists nested deeper than ${MAX_LIST_DEPTH}`);
    }
  });

  it('reads a 1 MB cell and a 1 MB string, and reports the first error of a megabyte of garbage at its place', () => {
    const line = 'x = load "a.dump" dt=0.005 every=2 # comment\n';
    expect(parseCell(line.repeat(Math.ceil(1e6 / line.length))).length).toBeGreaterThan(20_000);
    expect(parseCell(`x = load "${'a'.repeat(1e6)}"`)[0].args[0].value).toMatchObject({ kind: 'string' });
    expect(() => parseCell(`${line}${'@'.repeat(1e6)}`)).toThrow(/^2:1: unexpected character '@'/);
  });
});
