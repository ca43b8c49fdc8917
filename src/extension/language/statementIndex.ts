import { statementDocs } from '../../core/lang/registryDocs';
import { type ParamSpec, type StatementDoc, typeName } from '../../core/lang/spec';

/**
 * The statement specs as the editor sees them: the docs of src/core/lang/registry.ts (in the
 * extension host bundle, their JSON, so that the engine — danfojs, tensorflow.js — stays out of it:
 * see scripts/statementDocsPlugin.mjs), with type labels.
 */

/** A parameter spec with its human-readable type (`typeName` of src/core/lang/spec.ts, unescaped). */
export type EditorParamSpec = ParamSpec & { readonly typeLabel: string };

/** A statement doc whose parameters carry their type labels. */
export type EditorStatementDoc = Omit<StatementDoc, 'params'> & { readonly params: readonly EditorParamSpec[] };

/** Every statement, in the registry's order. */
export const statementList: readonly EditorStatementDoc[] = statementDocs.map((d) => ({
  ...d,
  // typeName escapes '|' for Markdown tables; the editor shows it plain.
  params: d.params.map((p) => ({ ...p, typeLabel: typeName(p).replace(/\\\|/g, '|') })),
}));

const byVerb = new Map(statementList.flatMap((d) => [d.verb, ...(d.aliases ?? [])].map((verb) => [verb, d] as const)));

/** The doc of the statement called `verb` (or one of its aliases), or undefined. */
export function findStatementDoc(verb: string): EditorStatementDoc | undefined {
  return byVerb.get(verb);
}
