import { CellError, type Position, type Statement } from '../../core/lang/ast';
import { resolveArgs } from '../../core/lang/args';
import type { ValueKind } from '../../core/lang/values';
import { parseLenient } from './lenientParse';
import type { KnownNames } from './names';
import { findStatementDoc, statementList } from './statementIndex';

export { completionsAt, type CompletionEntry } from './completions';
export { hoverAt, type HoverInfo } from './hover';
export { definedNames, type KnownNames } from './names';

/** A problem in a cell, 1-based line and columns; `endColumn` is exclusive. */
export interface LanguageDiagnostic {
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/**
 * Static check of one cell, as the user types: syntax errors (every line that does not parse),
 * unknown statements, and everything the interpreter's argument check rejects (unknown, duplicate
 * or missing parameters, wrong literal types, numbers out of range, results of the wrong kind) —
 * by running that same check (`resolveArgs`) with stand-ins for the results. A name that is neither
 * defined earlier in the cell nor in `known` is only a warning: it may come from a cell that the
 * editor cannot see into. The first argument error of a statement is reported (as at run time).
 * Never throws on bad input.
 */
export function diagnose(source: string, known: KnownNames = new Map()): LanguageDiagnostic[] {
  const lines = source.split('\n');
  const { statements, errors } = parseLenient(source);
  const out = errors.map((e) => located(lines, e.pos, e.detail, 'error'));
  const defined = new Map<string, ValueKind | null>();
  for (const statement of statements) {
    const doc = findStatementDoc(statement.verb);
    if (!doc) {
      out.push(
        located(
          lines,
          statement.verbPos,
          `unknown statement '${statement.verb}'; expected one of: ${statementList.map((d) => d.verb).join(', ')}`,
          'error',
        ),
      );
      if (statement.target !== null) defined.set(statement.target, null);
      continue;
    }
    const unseen = new Set<string>();
    // A stand-in carries only a kind; an unknown kind, or an unseen name, takes the expected one so
    // that the rest of the statement is still checked.
    const lookup = (name: string, expected: readonly ValueKind[]): { kind: ValueKind } => {
      const kind = defined.has(name) ? defined.get(name) : known.has(name) ? known.get(name) : undefined;
      if (kind === undefined) unseen.add(name);
      return { kind: kind ?? expected[0] };
    };
    try {
      resolveArgs(doc, statement, lookup, '.');
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      out.push(located(lines, error.pos, error.detail, 'error'));
    }
    for (const name of unseen) {
      const pos = namePosition(statement, name) ?? statement.verbPos;
      out.push(
        located(lines, pos, `'${name}' is not defined before this line; define it above or run the cell that defines it first`, 'warning'),
      );
    }
    if (statement.target !== null) {
      if (doc.returns === null) {
        out.push(located(lines, statement.pos, `'${statement.verb}' produces no result to name '${statement.target}'`, 'error'));
      }
      defined.set(statement.target, doc.returns);
    }
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

function namePosition(statement: Statement, name: string): Position | undefined {
  return statement.args.find((a) => a.value.kind === 'name' && a.value.name === name)?.value.pos;
}

// A string (possibly unterminated), a name or a number; anything else is one character.
const TOKEN = /^(?:"(?:\\.|[^"\\])*"?|'(?:\\.|[^'\\])*'?|[A-Za-z0-9_.+-]+)/;

function located(lines: readonly string[], pos: Position, message: string, severity: LanguageDiagnostic['severity']): LanguageDiagnostic {
  const text = (lines[pos.line - 1] ?? '').slice(pos.column - 1);
  const length = Math.max(1, TOKEN.exec(text)?.[0].length ?? 1);
  return { line: pos.line, column: pos.column, endColumn: pos.column + length, message, severity };
}
