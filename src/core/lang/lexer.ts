import { CellError, type Position } from './ast';

export type TokenKind = 'name' | 'number' | 'string' | 'equals' | 'lbracket' | 'rbracket' | 'comma' | 'newline';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly pos: Position;
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_.]/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;

/**
 * Splits a cell into tokens. Newlines end statements except inside `[...]`, so a long list may
 * span lines; `#` starts a comment to the end of the line. Strings use double or single quotes
 * with backslash escapes for the quote and the backslash.
 * Throws CellError (line:column) on an unterminated string or an unexpected character.
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let column = 1;
  let depth = 0;
  let i = 0;
  const advance = (n: number): void => {
    i += n;
    column += n;
  };
  while (i < source.length) {
    const c = source[i];
    const pos = { line, column };
    if (c === '\n') {
      if (depth === 0) tokens.push({ kind: 'newline', text: '\n', pos });
      i++;
      line++;
      column = 1;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      advance(1);
    } else if (c === '#') {
      while (i < source.length && source[i] !== '\n') advance(1);
    } else if (c === '=') {
      tokens.push({ kind: 'equals', text: c, pos });
      advance(1);
    } else if (c === ',') {
      tokens.push({ kind: 'comma', text: c, pos });
      advance(1);
    } else if (c === '[') {
      depth++;
      tokens.push({ kind: 'lbracket', text: c, pos });
      advance(1);
    } else if (c === ']') {
      depth = Math.max(0, depth - 1);
      tokens.push({ kind: 'rbracket', text: c, pos });
      advance(1);
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      while (j < source.length && source[j] !== c && source[j] !== '\n') {
        if (source[j] === '\\' && j + 1 < source.length) j++;
        text += source[j];
        j++;
      }
      if (source[j] !== c) throw new CellError(pos, `unterminated string: expected a closing ${c} on this line`);
      tokens.push({ kind: 'string', text, pos });
      advance(j + 1 - i);
    } else if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < source.length && NAME_PART.test(source[j])) j++;
      tokens.push({ kind: 'name', text: source.slice(i, j), pos });
      advance(j - i);
    } else {
      const m = NUMBER.exec(source.slice(i, i + 64));
      if (!m) throw new CellError(pos, `unexpected character '${c}'`);
      tokens.push({ kind: 'number', text: m[0], pos });
      advance(m[0].length);
    }
  }
  tokens.push({ kind: 'newline', text: '', pos: { line, column } });
  return tokens;
}
