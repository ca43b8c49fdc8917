import type { Plugin } from 'esbuild';

/** The statement docs of src/core/lang/registry.ts as JSON text, in the registry's order. */
export function evaluateStatementDocs(): Promise<string>;

/** esbuild plugin replacing src/core/lang/registryDocs.ts by the JSON of the docs (extension host bundle). */
export function statementDocsPlugin(): Plugin;
