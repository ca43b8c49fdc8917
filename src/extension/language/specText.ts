import { unitOf } from '../../core/lang/spec';
import type { EditorParamSpec, EditorStatementDoc } from './statementIndex';

/**
 * Texts shown by completions and hovers, all taken from the statement specs (the same specs that
 * check arguments and generate docs/language.md), so the editor cannot drift from the interpreter.
 */

/** Default as the user would write it: `required`, `none`, `10`, `"all"`, `phop`, `[0.01, 0.1]`. */
export function defaultText(p: EditorParamSpec): string {
  if (p.default === undefined) return 'required';
  if (p.default === null) return 'none';
  if (Array.isArray(p.default)) return `[${p.default.join(', ')}]`;
  return p.type === 'string' || p.type === 'path' ? JSON.stringify(p.default) : String(p.default);
}

/** One-line completion detail of a parameter: type, unit and default, e.g. `number · tau · default 10`. */
export function paramDetail(p: EditorParamSpec): string {
  const parts = [p.typeLabel];
  const unit = unitOf(p);
  if (unit) parts.push(unit);
  parts.push(p.default === undefined ? 'required' : `default ${defaultText(p)}`);
  return parts.join(' · ');
}

/** Markdown documentation of a parameter: its meaning and the paper/equation it comes from. */
export function paramDocumentation(p: EditorParamSpec): string {
  return p.source ? `${p.doc}\n\nSource: ${p.source}` : p.doc;
}

/** Hover markdown of a parameter of statement `verb`. */
export function paramMarkdown(verb: string, p: EditorParamSpec): string {
  const unit = unitOf(p) ? ` · unit ${unitOf(p)}` : '';
  const positional = p.positional ? ' (positional)' : '';
  const aliases = p.aliases?.length ? ` (also ${p.aliases.join(', ')})` : '';
  const values =
    p.type === 'enum' && p.valueAliases
      ? ` · also ${Object.entries(p.valueAliases)
          .map(([alias, value]) => `${alias} = ${value}`)
          .join(', ')}`
      : '';
  return `**${p.name}**${positional}${aliases} — parameter of \`${verb}\`\n\n\`${p.typeLabel}\`${unit} · default \`${defaultText(p)}\`${values}\n\n${paramDocumentation(p)}`;
}

/** One-line completion detail of a statement, e.g. `→ rearrangements`. */
export function statementDetail(doc: EditorStatementDoc): string {
  return doc.returns ? `→ ${doc.returns}` : '→ output only';
}

/** Markdown of a statement: summary, what it returns, source, example and its parameters. */
export function statementMarkdown(doc: EditorStatementDoc): string {
  const returns = doc.returns ? `Returns a **${doc.returns}**.` : 'Returns nothing (shows output).';
  const source = doc.source ? `\n\nSource: ${doc.source}` : '';
  const aliases = doc.aliases?.length ? ` (also ${doc.aliases.join(', ')})` : '';
  const params = doc.params.map((p) => `- \`${p.name}\` ${paramDetail(p)} — ${p.doc}`).join('\n');
  return `**${doc.verb}**${aliases} ${statementDetail(doc)}\n\n${doc.summary} ${returns}${source}\n\n\`\`\`softness\n${doc.example}\n\`\`\`\n\n${params}`;
}
