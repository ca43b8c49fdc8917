import { findParam } from '../../core/lang/args';
import { tokenize, type Token } from '../../core/lang/lexer';
import { definedNames, type KnownNames } from './names';
import { paramDetail, paramDocumentation, statementDetail, statementMarkdown } from './specText';
import { findStatementDoc, statementList, type EditorParamSpec, type EditorStatementDoc } from './statementIndex';

/** One completion: `insertText` replaces the word being typed; `documentation` is markdown. */
export interface CompletionEntry {
  readonly label: string;
  readonly kind: 'statement' | 'parameter' | 'value' | 'result';
  readonly insertText: string;
  readonly detail: string;
  readonly documentation: string;
}

/**
 * Completions at a cursor (1-based line; 1-based column of the character after the cursor, i.e.
 * the text before the cursor is the first `column - 1` characters of the line):
 * statement names at the start of a statement (also after `name =`; the canonical verbs, not their
 * older aliases, though an alias is understood everywhere); the remaining parameter names
 * (inserted with `=`) and the values of the next positional parameter after a statement's
 * arguments; the values of a parameter after `key=` (choices such as `method=phop` or the feature
 * presets, true/false, the default of a number, and the results of the right kind from `known` and
 * the lines above). Nothing inside strings, comments or numbers. Never throws on bad input.
 */
export function completionsAt(source: string, line: number, column: number, known: KnownNames = new Map()): CompletionEntry[] {
  const prefix = (source.split('\n')[line - 1] ?? '').slice(0, Math.max(0, column - 1));
  const tokens = tokensBeforeWord(prefix);
  if (tokens === null) return [];
  const results = new Map([...known, ...definedNames(source, line)]);
  const verbAt = tokens.length >= 2 && tokens[1].kind === 'equals' ? 2 : 0;
  if (tokens.length === verbAt) return statementList.map(statementEntry);
  const doc = tokens[verbAt].kind === 'name' ? findStatementDoc(tokens[verbAt].text) : undefined;
  if (!doc) return [];
  const args = tokens.slice(verbAt + 1);
  const n = args.length;
  if (n >= 2 && args[n - 1].kind === 'equals' && args[n - 2].kind === 'name') {
    const spec = findParam(doc, args[n - 2].text);
    return spec ? valueEntries(spec, results) : [];
  }
  const given = givenArguments(args);
  if (given === null) return [];
  const positional = doc.params.filter((p) => p.positional);
  // A parameter given by an alias (`pc=`) is taken under its name.
  const keys = new Set([...given.keys].map((key) => findParam(doc, key)?.name ?? key));
  const taken = new Set([...keys, ...positional.slice(0, given.positional).map((p) => p.name)]);
  const next = positional[given.positional];
  const values = next && !keys.has(next.name) ? valueEntries(next, results) : [];
  return [...values, ...doc.params.filter((p) => !taken.has(p.name)).map(parameterEntry)];
}

/**
 * Tokens of the line before the cursor, without the word being typed; null when the cursor is in
 * a string, a comment or a number (or the line does not tokenize).
 */
function tokensBeforeWord(prefix: string): Token[] | null {
  let tokens: Token[];
  try {
    tokens = tokenize(prefix).filter((t) => t.kind !== 'newline');
  } catch {
    return null; // an unterminated string: the cursor is inside it
  }
  // The lexer drops comments; a `#` outside strings means the cursor is in one.
  if (prefix.replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '').includes('#')) return null;
  if (/[A-Za-z0-9_.]$/.test(prefix)) {
    const word = tokens.pop();
    if (word?.kind !== 'name') return null;
  }
  return tokens;
}

/** Keyword names and the count of positional arguments already written; null inside a list. */
function givenArguments(args: readonly Token[]): { keys: Set<string>; positional: number } | null {
  const keys = new Set<string>();
  let positional = 0;
  let depth = 0;
  let afterKey = false;
  for (let i = 0; i < args.length; i++) {
    const t = args[i];
    if (depth > 0) {
      depth += t.kind === 'lbracket' ? 1 : t.kind === 'rbracket' ? -1 : 0;
      continue;
    }
    if (t.kind === 'equals' || t.kind === 'comma' || t.kind === 'rbracket') continue;
    if (t.kind === 'name' && args[i + 1]?.kind === 'equals') {
      keys.add(t.text);
      afterKey = true;
      continue;
    }
    // t starts a value: a keyword's, or the next positional argument.
    if (!afterKey) positional++;
    afterKey = false;
    if (t.kind === 'lbracket') depth = 1;
  }
  return depth > 0 ? null : { keys, positional };
}

function statementEntry(doc: EditorStatementDoc): CompletionEntry {
  return { label: doc.verb, kind: 'statement', insertText: doc.verb, detail: statementDetail(doc), documentation: statementMarkdown(doc) };
}

function parameterEntry(p: EditorParamSpec): CompletionEntry {
  return { label: `${p.name}=`, kind: 'parameter', insertText: `${p.name}=`, detail: paramDetail(p), documentation: paramDocumentation(p) };
}

/** Values a parameter accepts that can be listed: choices, booleans, a number's default, results. */
function valueEntries(p: EditorParamSpec, results: KnownNames): CompletionEntry[] {
  const value = (label: string, detail: string, kind: CompletionEntry['kind'] = 'value'): CompletionEntry => ({
    label,
    kind,
    insertText: label,
    detail,
    documentation: `\`${p.name}\`: ${paramDocumentation(p)}`,
  });
  const isDefault = (v: string): string => (String(p.default) === v ? ' (default)' : '');
  switch (p.type) {
    case 'enum':
      return p.values.map((v) => value(v, `${p.name}${isDefault(v)} · ${paramDetail(p)}`));
    case 'bool':
      return ['true', 'false'].map((v) => value(v, `${p.name}${isDefault(v)} · ${paramDetail(p)}`));
    case 'number':
      return typeof p.default === 'number' ? [value(String(p.default), `${p.name} (default) · ${paramDetail(p)}`)] : [];
    case 'result':
      return [...results]
        .filter(([, kind]) => kind === null || p.kinds.includes(kind))
        .map(([name, kind]) => value(name, `${kind ?? 'result'} → ${p.name}`, 'result'));
    default:
      return [];
  }
}
