import { CellError, type Argument, type Expr, type Statement } from './ast';
import { tokenize, type Token } from './lexer';

/**
 * Parses one cell of the softness language into statements (grammar in docs/language.md):
 *   statement := [NAME '='] VERB arg* NEWLINE
 *   arg       := expr | NAME '=' expr
 *   expr      := NUMBER | STRING | true | false | NAME | '[' [expr (',' expr)*] ']'
 * Throws CellError with the 1-based line and column of the first offending token.
 */
export function parseCell(source: string): Statement[] {
  const tokens = tokenize(source);
  const lines = source.split('\n');
  const statements: Statement[] = [];
  let p = 0;
  const peek = (k = 0): Token => tokens[Math.min(p + k, tokens.length - 1)];
  const next = (): Token => tokens[p++];

  const parseExpr = (): Expr => {
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
        const items: Expr[] = [];
        if (peek().kind === 'rbracket') {
          next();
          return { kind: 'list', items, pos: t.pos };
        }
        for (;;) {
          items.push(parseExpr());
          const sep = next();
          if (sep.kind === 'rbracket') return { kind: 'list', items, pos: t.pos };
          if (sep.kind !== 'comma') throw new CellError(sep.pos, `expected ',' or ']' in list, found ${describe(sep)}`);
        }
      }
      default:
        throw new CellError(t.pos, `expected a value (number, "string", name or [list]), found ${describe(t)}`);
    }
  };

  while (p < tokens.length) {
    if (peek().kind === 'newline') {
      next();
      continue;
    }
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
        args.push({ key: t.text, value: parseExpr(), pos: t.pos });
      } else {
        args.push({ key: null, value: parseExpr(), pos: t.pos });
      }
    }
    statements.push({
      target,
      verb: verbTok.text,
      verbPos: verbTok.pos,
      args,
      pos: first.pos,
      source: lines[first.pos.line - 1].trim(),
    });
  }
  return statements;
}

function describe(t: Token): string {
  if (t.kind === 'newline') return 'the end of the line';
  return `'${t.text}'`;
}
