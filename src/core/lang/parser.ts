import { CellError, type Argument, type Expr, type Position, type Statement } from './ast';
import { isEnd, lexer, type LexStart, type Token } from './lexer';

/**
 * Deepest list nesting a cell may use. Real arguments nest at most two deep ([[1, 2], [3, 4]]); the
 * bound keeps a hostile cell (100,000 `[`) from overflowing the stack of this recursive parser.
 */
export const MAX_LIST_DEPTH = 32;

/**
 * Parses one cell of the softness language into statements (grammar in docs/language.md):
 *   statement := [NAME '='] VERB arg* NEWLINE
 *   arg       := expr | NAME '=' expr
 *   expr      := NUMBER | STRING | true | false | NAME | '[' [expr (',' expr)*] ']'
 * Throws CellError with the 1-based line and column of the first offending token, also for lists
 * nested deeper than MAX_LIST_DEPTH.
 */
export function parseCell(source: string): Statement[] {
  const { statements, error } = parseUntilError(source, source.split('\n'));
  if (error) throw error.cause;
  return statements;
}

/** The first syntax error of a parse, and the outermost list still open when it was found. */
export interface ParseFailure {
  readonly cause: CellError;
  /** Position of the outermost `[` of the statement that was still open at the error, if any. */
  readonly openList: Position | undefined;
}

/**
 * Parses statements from `start` (default: the whole cell) until the end or the first syntax error,
 * and returns the statements before it with that error: the work is proportional to the text read,
 * so the editor can resume after an error without re-reading what came before.
 * `lines` is `source.split('\n')` (statements keep their source line for messages).
 */
export function parseUntilError(
  source: string,
  lines: readonly string[],
  start?: LexStart,
): { statements: Statement[]; error: ParseFailure | null } {
  const lex = lexer(source, start);
  const buffer: Token[] = [];
  let p = 0;
  const peek = (k = 0): Token => {
    while (buffer.length <= p + k) buffer.push(lex());
    return buffer[p + k];
  };
  const next = (): Token => {
    const t = peek();
    p++;
    return t;
  };
  const open: Position[] = [];
  const statements: Statement[] = [];

  const parseExpr = (depth: number): Expr => {
    const t = next();
    switch (t.kind) {
      case 'number':
        return { kind: 'number', value: Number(t.text), pos: t.pos };
      case 'string':
        return { kind: 'string', value: t.text, pos: t.pos };
      case 'name':
        if (t.text === 'true' || t.text === 'false') return { kind: 'bool', value: t.text === 'true', pos: t.pos };
        return { kind: 'name', name: t.text, pos: t.pos };
      case 'lbracket': {
        if (depth >= MAX_LIST_DEPTH) throw new CellError(t.pos, `lists nested deeper than ${MAX_LIST_DEPTH}`);
        open.push(t.pos);
        const items: Expr[] = [];
        if (peek().kind === 'rbracket') {
          next();
          open.pop();
          return { kind: 'list', items, pos: t.pos };
        }
        for (;;) {
          items.push(parseExpr(depth + 1));
          const sep = next();
          if (sep.kind === 'rbracket') {
            open.pop();
            return { kind: 'list', items, pos: t.pos };
          }
          if (sep.kind !== 'comma') throw new CellError(sep.pos, `expected ',' or ']' in list, found ${describe(sep)}`);
        }
      }
      default:
        throw new CellError(t.pos, `expected a value (number, "string", name or [list]), found ${describe(t)}`);
    }
  };

  const parseStatement = (): Statement => {
    const first = next();
    if (first.kind !== 'name')
      throw new CellError(first.pos, `expected a statement (e.g. 'traj = load "file.dump"'), found ${describe(first)}`);
    let target: string | null = null;
    let verbTok = first;
    if (peek().kind === 'equals') {
      next();
      target = first.text;
      verbTok = next();
      if (verbTok.kind !== 'name') throw new CellError(verbTok.pos, `expected a statement after '${target} =', found ${describe(verbTok)}`);
    }
    const args: Argument[] = [];
    while (peek().kind !== 'newline') {
      const t = peek();
      if (t.kind === 'name' && peek(1).kind === 'equals') {
        next();
        next();
        if (peek().kind === 'newline') throw new CellError(peek().pos, `expected a value after '${t.text}='`);
        args.push({ key: t.text, value: parseExpr(0), pos: t.pos });
      } else {
        args.push({ key: null, value: parseExpr(0), pos: t.pos });
      }
    }
    return { target, verb: verbTok.text, verbPos: verbTok.pos, args, pos: first.pos, source: lines[first.pos.line - 1].trim() };
  };

  try {
    for (;;) {
      if (peek().kind === 'newline') {
        if (isEnd(next())) return { statements, error: null };
        continue;
      }
      statements.push(parseStatement());
    }
  } catch (error) {
    if (!(error instanceof CellError)) throw error;
    return { statements, error: { cause: error, openList: open[0] } };
  }
}

function describe(t: Token): string {
  if (t.kind === 'newline') return 'the end of the line';
  return `'${t.text}'`;
}
