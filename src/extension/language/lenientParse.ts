import { CellError, type Position, type Statement } from '../../core/lang/ast';
import { type Token, tokenize } from '../../core/lang/lexer';
import { parseCell } from '../../core/lang/parser';

/** Statements of a cell that parse, and the syntax errors of the lines that do not. */
export interface LenientParse {
  readonly statements: Statement[];
  readonly errors: CellError[];
}

/**
 * Parses a cell while the user is typing it: the interpreter's parser stops at the first syntax
 * error, so the offending lines are blanked (keeping every other line and column where it was) and
 * the cell is parsed again, until it parses. A list left open on an earlier line is reported at its
 * `[` and blanked up to the line where the parser noticed, so one missing `]` gives one error rather
 * than one per following line.
 * Never throws for syntax errors; rethrows anything that is not a CellError.
 */
export function parseLenient(source: string): LenientParse {
  const lines = source.split('\n');
  const errors: CellError[] = [];
  for (;;) {
    try {
      return { statements: parseCell(lines.join('\n')), errors };
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      const open = openList(lines.join('\n'), error.pos.line);
      if (open) {
        // The statement after an unclosed list is usually fine: blank the list, not that line
        // (unless the parser ran into the end of the cell, still inside the list).
        errors.push(new CellError(open, `'[' is never closed: expected ']' before line ${error.pos.line} (${error.detail})`));
        const atEnd = error.pos.line === lines.length && error.pos.column > lines[lines.length - 1].length;
        for (let k = open.line - 1; k < error.pos.line - (atEnd ? 0 : 1); k++) lines[k] = '';
        continue;
      }
      errors.push(error);
      // Blanking a line that is already blank cannot make progress; stop with what parsed.
      if ((lines[error.pos.line - 1] ?? '').trim() === '') return { statements: [], errors };
      lines[error.pos.line - 1] = '';
    }
  }
}

/**
 * Position of the outermost `[` opened on a line before `line` and still open at its start, or
 * undefined (also when the text does not even tokenize: that error is then on its own line).
 */
function openList(source: string, line: number): Position | undefined {
  let tokens: Token[];
  try {
    tokens = tokenize(source);
  } catch {
    return undefined;
  }
  let depth = 0;
  let openedAt: Position | undefined;
  for (const t of tokens) {
    if (t.pos.line >= line) break;
    if (t.kind === 'lbracket' && depth++ === 0) openedAt = t.pos;
    else if (t.kind === 'rbracket' && depth > 0) depth--;
  }
  return depth > 0 ? openedAt : undefined;
}
