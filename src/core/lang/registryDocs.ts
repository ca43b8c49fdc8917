import { statements } from './registry';
import type { StatementDoc } from './spec';

/**
 * The docs of every statement, in the registry's order: what the editor's completions, hovers and
 * diagnostics read. The docs are plain data, but this module imports the registry and hence the
 * engine (danfojs, worker pools); the extension host build (scripts/build.mjs) replaces it by the
 * JSON of these docs, evaluated at build time, so that dist/extension.js holds the data only.
 * Tests and the typecheck use this module as it is.
 */
export const statementDocs: readonly StatementDoc[] = statements.map((s) => s.doc);
