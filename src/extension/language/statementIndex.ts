import type { ParamSpec, StatementDoc } from '../../core/lang/spec';
import { statementDocs } from './statementDocs.generated';

/**
 * The statement specs as the editor sees them. They come from a generated copy of
 * `src/core/lang/statements/registry.ts` docs because the registry also carries every statement's
 * implementation, and with it the whole engine (danfojs, tensorflow.js), which must stay out of the
 * extension host bundle. A test fails when the copy is stale.
 */

/** A parameter spec with its human-readable type (`typeName` of src/core/lang/reference.ts, unescaped). */
export type EditorParamSpec = ParamSpec & { readonly typeLabel: string };

/** A statement doc whose parameters carry their type labels. */
export type EditorStatementDoc = Omit<StatementDoc, 'params'> & { readonly params: readonly EditorParamSpec[] };

/** Every statement, in the registry's order. */
export const statementList: readonly EditorStatementDoc[] = statementDocs;

const byVerb = new Map(statementList.map((d) => [d.verb, d]));

/** The doc of the statement called `verb`, or undefined. */
export function findStatementDoc(verb: string): EditorStatementDoc | undefined {
  return byVerb.get(verb);
}
