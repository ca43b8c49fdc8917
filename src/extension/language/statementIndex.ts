import { typeName } from '../../core/lang/reference';
import type { ParamSpec, StatementDoc } from '../../core/lang/spec';
import { statementDocs } from '../../core/lang/statementDocs';

/**
 * The statement specs as the editor sees them: src/core/lang/statementDocs.ts (pure data, so the
 * engine — danfojs, tensorflow.js — stays out of the extension host bundle), with type labels.
 */

/** A parameter spec with its human-readable type (`typeName` of src/core/lang/reference.ts, unescaped). */
export type EditorParamSpec = ParamSpec & { readonly typeLabel: string };

/** A statement doc whose parameters carry their type labels. */
export type EditorStatementDoc = Omit<StatementDoc, 'params'> & { readonly params: readonly EditorParamSpec[] };

/** Every statement, in the registry's order. */
export const statementList: readonly EditorStatementDoc[] = statementDocs.map((d) => ({
  ...d,
  // typeName escapes '|' for Markdown tables; the editor shows it plain.
  params: d.params.map((p) => ({ ...p, typeLabel: typeName(p).replace(/\\\|/g, '|') })),
}));

const byVerb = new Map(statementList.map((d) => [d.verb, d]));

/** The doc of the statement called `verb`, or undefined. */
export function findStatementDoc(verb: string): EditorStatementDoc | undefined {
  return byVerb.get(verb);
}
