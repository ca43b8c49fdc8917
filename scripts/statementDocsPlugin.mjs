// The editor (src/extension/language) reads the statement docs through src/core/lang/registryDocs.ts,
// which imports the registry and with it the engine (danfojs, tensorflow.js, worker pools). The
// extension host bundle must hold the docs only: this esbuild plugin replaces that module by the JSON
// of the docs, evaluated at build time from a small Node bundle of the registry (danfojs stubbed:
// a doc is plain data and never touches it). Tests and the typecheck use the real module.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const DOCS_MODULE = path.resolve('src/core/lang/registryDocs.ts');

/** The statement docs of src/core/lang/registry.ts as plain data (JSON), in the registry's order. */
export async function evaluateStatementDocs() {
  const result = await build({
    entryPoints: [DOCS_MODULE],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'stub-danfojs',
        setup(b) {
          b.onResolve({ filter: /^danfojs$/ }, (args) => ({ path: args.path, namespace: 'stub' }));
          b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
        },
      },
    ],
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'softness-docs-'));
  try {
    const file = path.join(dir, 'registryDocs.cjs');
    writeFileSync(file, result.outputFiles[0].text);
    return JSON.stringify(createRequire(import.meta.url)(file).statementDocs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** esbuild plugin: src/core/lang/registryDocs.ts becomes `export const statementDocs = <JSON>`. */
export function statementDocsPlugin() {
  return {
    name: 'statement-docs',
    setup(b) {
      let json;
      b.onLoad({ filter: /[\\/]src[\\/]core[\\/]lang[\\/]registryDocs\.ts$/ }, async (args) => {
        if (path.resolve(args.path) !== DOCS_MODULE) return undefined;
        json ??= await evaluateStatementDocs();
        return { contents: `export const statementDocs = ${json};`, loader: 'js' };
      });
    },
  };
}
