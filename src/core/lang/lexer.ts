import { CellError, type Position } from './ast';

export type TokenKind = 'name' | 'number' | 'string' | 'equals' | 'lbracket' | 'rbracket' | 'comma' | 'newline';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly pos: Position;
}

const NAME = /[A-Za-z_][A-Za-z0-9_.]*/y;
const NUMBER = /[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const NUMBER_PREFIX = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const BLANK = /[ \t\r]+/y;
/** Longest number token: a longer run of digits is split into several numbers (a syntax error later). */
const NUMBER_MAX = 64;

/** Where a lexer starts: an offset into the source that begins line `line` (1-based). */
export interface LexStart {
  readonly offset: number;
  readonly line: number;
}

/**
 * A lexer that makes tokens on demand, so a parser that stops at an error has only paid for the
 * text before it (the editor re-parses a cell after each error from the next line on). Each call
 * returns the next token; after the last one it returns the end token (kind `newline`, text '')
 * again and again. Newlines end statements except inside `[...]`, so a long list may span lines;
 * `#` starts a comment to the end of the line. Strings use double or single quotes with backslash
 * escapes for the quote and the backslash.
 * Throws CellError (line:column) on an unterminated string or an unexpected character, when
 * that token is asked for.
 */
export function lexer(source: string, start: LexStart = { offset: 0, line: 1 }): () => Token {
  let i = start.offset;
  let line = start.line;
  let lineStart = start.offset;
  let depth = 0;
  const match = (re: RegExp): string | null => {
    re.lastIndex = i;
    return re.exec(source)?.[0] ?? null;
  };
  return (): Token => {
    for (;;) {
      if (i >= source.length) return { kind: 'newline', text: '', pos: { line, column: i - lineStart + 1 } };
      const c = source[i];
      const pos = { line, column: i - lineStart + 1 };
      if (c === '\n') {
        i++;
        line++;
        lineStart = i;
        if (depth === 0) return { kind: 'newline', text: '\n', pos };
      } else if (c === ' ' || c === '\t' || c === '\r') {
        i += match(BLANK)?.length ?? 1;
      } else if (c === '#') {
        const end = source.indexOf('\n', i);
        i = end < 0 ? source.length : end;
      } else if (c === '=' || c === ',' || c === '[' || c === ']') {
        i++;
        if (c === '[') depth++;
        if (c === ']') depth = Math.max(0, depth - 1);
        return { kind: c === '=' ? 'equals' : c === ',' ? 'comma' : c === '[' ? 'lbracket' : 'rbracket', text: c, pos };
      } else if (c === '"' || c === "'") {
        let j = i + 1;
        const parts: string[] = [];
        while (j < source.length && source[j] !== c && source[j] !== '\n') {
          if (source[j] === '\\' && j + 1 < source.length) j++;
          parts.push(source[j]);
          j++;
        }
        if (source[j] !== c) throw new CellError(pos, `unterminated string: expected a closing ${c} on this line`);
        i = j + 1;
        return { kind: 'string', text: parts.join(''), pos };
      } else {
        const name = match(NAME);
        if (name !== null) {
          i += name.length;
          return { kind: 'name', text: name, pos };
        }
        const number = match(NUMBER);
        if (number === null) throw new CellError(pos, `unexpected character '${c}'`);
        const text = number.length <= NUMBER_MAX ? number : (NUMBER_PREFIX.exec(number.slice(0, NUMBER_MAX))?.[0] ?? c);
        i += text.length;
        return { kind: 'number', text, pos };
      }
    }
  };
}

/**
 * Every token of a cell, ending with the end token (kind `newline`, text ''); see `lexer`.
 * Throws CellError (line:column) on an unterminated string or an unexpected character.
 */
export function tokenize(source: string): Token[] {
  const next = lexer(source);
  const tokens: Token[] = [];
  for (;;) {
    const t = next();
    tokens.push(t);
    if (isEnd(t)) return tokens;
  }
}

/** Whether `t` is the end token a lexer returns after the last token of its text. */
export function isEnd(t: Token): boolean {
  return t.kind === 'newline' && t.text === '';
}
