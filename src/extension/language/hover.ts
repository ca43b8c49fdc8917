import { findParam } from '../../core/lang/args';
import type { Position, Statement } from '../../core/lang/ast';
import { tokenize } from '../../core/lang/lexer';
import { parseLenient } from './lenientParse';
import { paramMarkdown, statementMarkdown } from './specText';
import { findStatementDoc, type EditorParamSpec, type EditorStatementDoc } from './statementIndex';

/** Hover text (markdown) for the word spanning 1-based columns [column, endColumn) of a line. */
export interface HoverInfo {
  readonly markdown: string;
  readonly column: number;
  readonly endColumn: number;
}

/**
 * Hover at a 1-based line and column (the character under the pointer): for a statement verb, its
 * summary, what it returns, source and example; for a parameter name (`tR=`) or an argument value
 * (`traj`, `phop`), the parameter's type, unit, default, meaning and source; for a result name
 * being defined, the kind it will hold. Null elsewhere. Never throws on bad input.
 */
export function hoverAt(source: string, line: number, column: number): HoverInfo | null {
  const word = wordAt(source.split('\n')[line - 1] ?? '', column);
  if (!word) return null;
  const statement = parseLenient(source).statements.find((s) => s.verbPos.line === line);
  const doc = statement && findStatementDoc(statement.verb);
  if (!statement || !doc) return null;
  const at = (markdown: string): HoverInfo => ({ markdown, column: word.column, endColumn: word.column + word.text.length });
  if (statement.verbPos.column === word.column) {
    const alias = statement.verb === doc.verb ? '' : `\`${statement.verb}\` is an older spelling of \`${doc.verb}\`.\n\n`;
    return at(alias + statementMarkdown(doc));
  }
  if (statement.target === word.text && statement.pos.column === word.column) {
    return at(`**${word.text}** — ${doc.returns ? `a **${doc.returns}**` : 'no result'} from \`${doc.verb}\``);
  }
  const spec = paramAt(doc, statement, { line, column: word.column });
  return spec ? at(paramMarkdown(doc.verb, spec)) : null;
}

/** The name under 1-based `column` of `lineText` and the column it starts at, or undefined. */
function wordAt(lineText: string, column: number): { text: string; column: number } | undefined {
  try {
    const t = tokenize(lineText).find((t) => t.kind === 'name' && t.pos.column <= column && column < t.pos.column + t.text.length);
    return t && { text: t.text, column: t.pos.column };
  } catch {
    return undefined; // the line does not tokenize on its own (e.g. an open string)
  }
}

/** The parameter whose name or value the word is, mapping positional arguments in order. */
function paramAt(doc: EditorStatementDoc, statement: Statement, word: Position): EditorParamSpec | undefined {
  const positional = doc.params.filter((p) => p.positional);
  let index = 0;
  for (const arg of statement.args) {
    const spec = arg.key === null ? positional[index++] : findParam(doc, arg.key);
    const onKey = arg.key !== null && arg.pos.line === word.line && arg.pos.column === word.column;
    const onValue = arg.value.pos.line === word.line && arg.value.pos.column === word.column;
    if (onKey || onValue) return spec;
  }
  return undefined;
}
