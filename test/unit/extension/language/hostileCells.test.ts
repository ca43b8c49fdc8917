import { describe, expect, it } from 'vitest';
import { MAX_LIST_DEPTH } from '../../../../src/core/lang/parser';
import { completionsAt, definedNames, diagnose, hoverAt } from '../../../../src/extension/language/analysis';
import { MAX_SYNTAX_ERRORS, parseLenient } from '../../../../src/extension/language/lenientParse';

const LINE = 'traj = load "a.dump" dt=0.005 every=2 # comment';
const MEGABYTE = 1_000_000;

/** Cells a hostile or careless user may paste: deep nesting, open lists, 1 MB of statements or garbage. */
const HOSTILE: Record<string, string> = {
  'deep list': `x = load ${'['.repeat(100_000)}${']'.repeat(100_000)}`,
  'deep open list': `x = load ${'[\n'.repeat(100_000)}`,
  'deep list then a statement': `x = load ${'['.repeat(100_000)}\ny = load "b"`,
  '1 MB of statements': `${LINE}\n`.repeat(Math.ceil(MEGABYTE / LINE.length)),
  '1 MB of broken lines': 'x = @\n'.repeat(MEGABYTE / 6),
  '1 MB line': `x = load "${'a'.repeat(MEGABYTE)}" ${'1 '.repeat(MEGABYTE / 2)}`,
  '1 MB of unclosed strings': '"\n'.repeat(MEGABYTE / 2),
};

describe('editor helpers on hostile cells', () => {
  for (const [name, source] of Object.entries(HOSTILE)) {
    it(`hold their promise never to throw, within seconds: ${name}`, () => {
      const started = performance.now();
      const lines = source.split('\n');
      const last = lines.length;
      const problems = diagnose(source);
      for (const d of problems) {
        expect(d.line).toBeLessThanOrEqual(last);
        expect(d.column).toBeLessThanOrEqual(lines[d.line - 1].length + 1);
      }
      expect(problems.filter((d) => d.severity === 'error').length).toBeLessThanOrEqual(MAX_SYNTAX_ERRORS + 1 + lines.length);
      expect(() => completionsAt(source, last, lines[last - 1].length + 1)).not.toThrow();
      expect(() => completionsAt(source, 1, 12)).not.toThrow();
      expect(() => hoverAt(source, 1, 2)).not.toThrow();
      expect(() => definedNames(source)).not.toThrow();
      expect(performance.now() - started).toBeLessThan(20_000);
    }, 60_000);
  }

  it('reports deep nesting at the [ past the limit and still checks the next line', () => {
    const errors = diagnose(HOSTILE['deep list then a statement']).filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.line, d.column, d.message])).toEqual([
      [1, 10 + MAX_LIST_DEPTH, `lists nested deeper than ${MAX_LIST_DEPTH}`],
    ]);
    expect(parseLenient(HOSTILE['deep list then a statement']).statements.map((s) => s.target)).toEqual(['y']);
  });

  it('stops after MAX_SYNTAX_ERRORS errors and says from which line the cell is not checked', () => {
    const { errors } = parseLenient(HOSTILE['1 MB of broken lines']);
    expect(errors).toHaveLength(MAX_SYNTAX_ERRORS + 1);
    expect(errors[MAX_SYNTAX_ERRORS].message).toBe(
      `${MAX_SYNTAX_ERRORS + 1}:1: more than ${MAX_SYNTAX_ERRORS} syntax errors: lines from ${MAX_SYNTAX_ERRORS + 1} on are not checked`,
    );
  });

  it('still defines the names of a 1 MB cell', () => {
    expect(definedNames(HOSTILE['1 MB of statements']).get('traj')).toBe('trajectory');
  });
});
