import { CellError, type Statement } from '../../core/lang/ast';
import { parseUntilError } from '../../core/lang/parser';

/** Statements of a cell that parse, and the syntax errors of the lines that do not. */
export interface LenientParse {
  readonly statements: Statement[];
  readonly errors: CellError[];
}

/**
 * Syntax errors reported per cell; after them the rest of the cell is not checked. Each error costs
 * an Error object (with its stack trace), so a pasted megabyte of garbage must not make 100,000.
 */
export const MAX_SYNTAX_ERRORS = 100;

/**
 * Parses a cell while the user is typing it: the interpreter's parser stops at the first syntax
 * error, so the offending line is skipped (keeping every other line and column where it was) and
 * parsing resumes on the next line, until the end of the cell. A list left open on an earlier line
 * is reported at its `[` and skipped up to the line where the parser noticed, so one missing `]`
 * gives one error rather than one per following line.
 * Each resumption reads only the text after the previous error, so the work stays proportional to
 * the cell's size (a 1 MB cell of broken lines does not re-read the cell once per line); after
 * MAX_SYNTAX_ERRORS errors one more error says from which line on the cell was not checked.
 * Never throws for syntax errors; rethrows anything that is not a CellError.
 */
export function parseLenient(source: string): LenientParse {
  const lines = source.split('\n');
  const lineStarts = startsOfLines(lines);
  const errors: CellError[] = [];
  const statements: Statement[] = [];
  let line = 1;
  while (line <= lines.length) {
    if (errors.length === MAX_SYNTAX_ERRORS) {
      errors.push(
        new CellError({ line, column: 1 }, `more than ${MAX_SYNTAX_ERRORS} syntax errors: lines from ${line} on are not checked`),
      );
      break;
    }
    const parsed = parseUntilError(source, lines, { offset: lineStarts[line - 1], line });
    statements.push(...parsed.statements);
    if (!parsed.error) break;
    const { cause, openList } = parsed.error;
    if (openList && openList.line < cause.pos.line) {
      // The statement after an unclosed list is usually fine: skip the list, not that line
      // (unless the parser ran into the end of the cell, still inside the list).
      errors.push(new CellError(openList, `'[' is never closed: expected ']' before line ${cause.pos.line} (${cause.detail})`));
      const atEnd = cause.pos.line === lines.length && cause.pos.column > lines[lines.length - 1].length;
      line = atEnd ? lines.length + 1 : cause.pos.line;
    } else {
      errors.push(cause);
      line = cause.pos.line + 1;
    }
  }
  return { statements, errors };
}

/** Offset of the first character of each line in the text the lines were split from. */
function startsOfLines(lines: readonly string[]): number[] {
  const starts = new Array<number>(lines.length);
  let offset = 0;
  for (const [k, text] of lines.entries()) {
    starts[k] = offset;
    offset += text.length + 1;
  }
  return starts;
}
