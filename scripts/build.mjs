// Bundles every entry point with esbuild. One list per platform, so the CLI, bench, feature
// worker, extension host code, kernel worker and notebook renderer are built the same way.
// Entries whose source does not exist yet are skipped.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import * as path from 'node:path';
import { statementDocsPlugin } from './statementDocsPlugin.mjs';

const present = (entries) => entries.filter((e) => existsSync(e.in));

// Node: the CLI, the bench, the structure-function worker and the kernel worker.
const nodeEntries = present([
  { in: 'src/cli/main.ts', out: 'cli' },
  { in: 'bench/main.ts', out: 'bench' },
  { in: 'src/core/features/featureWorker.ts', out: 'featureWorker' },
]);

// The notebook kernel worker: the extension ships without node_modules, so this bundle carries
// danfojs (and its tensorflow.js) itself, minified.
const kernelEntries = present([
  { in: 'src/worker/kernelWorker.ts', out: 'kernelWorker' },
  // The model preview's worker: the model file, its weight curves and the training g(r), off the host.
  { in: 'src/worker/modelPreviewWorker.ts', out: 'modelPreviewWorker' },
  // The trajectory preview's worker: streaming index, frames and g(r) off the extension host thread.
  { in: 'src/worker/previewWorker.ts', out: 'previewWorker' },
]);

// The extension host entry: `vscode` is provided by VS Code at run time.
const extensionEntries = present([{ in: 'src/extension/extension.ts', out: 'extension' }]);

// Browser: the notebook renderer (an ES module VS Code loads into the output webview).
const browserEntries = present([{ in: 'webview/renderer/index.ts', out: 'renderer' }]);

// Browser: custom editor webviews, classic scripts (loaded with a CSP nonce); imported CSS goes to dist/<out>.css.
const webviewEntries = present([
  { in: 'webview/modelPreview/index.ts', out: 'modelPreview' },
  { in: 'webview/preview/index.ts', out: 'trajectoryPreview' },
  // The CLI's HTML report inlines this one (the notebook renderer, started on the report's outputs).
  { in: 'webview/report/index.ts', out: 'report' },
]);

// src/core has no import-time side effects (ARCHITECTURE.md: pure functions and classes), so its
// modules may be tree-shaken whole: should the extension host import a small pure helper from a
// file whose other exports reach the statement registry and danfojs (which only the kernel worker
// bundles), those stay out of dist/extension.js (planApply once did: it now has its own applyPlan.ts).
const coreDir = path.resolve('src/core') + path.sep;
const pureCore = {
  name: 'pure-core',
  setup(b) {
    b.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === 'pure-core') return undefined;
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'pure-core',
      });
      return resolved.errors.length === 0 && resolved.path.startsWith(coreDir) ? { ...resolved, sideEffects: false } : resolved;
    });
  },
};

const common = { outdir: 'dist', bundle: true, sourcemap: true, logLevel: 'warning', metafile: true };
const builds = [
  build({
    ...common,
    entryPoints: nodeEntries,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // danfojs pulls in tensorflow.js; keep it as a runtime require.
    external: ['danfojs'],
    banner: { js: '#!/usr/bin/env node' },
  }),
];
if (kernelEntries.length > 0) {
  builds.push(build({ ...common, entryPoints: kernelEntries, platform: 'node', target: 'node20', format: 'cjs', minify: true }));
}
if (extensionEntries.length > 0) {
  builds.push(
    build({
      ...common,
      entryPoints: extensionEntries,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['vscode', 'danfojs'],
      // The editor's statement docs as data, not the registry and its engine (statementDocsPlugin.mjs).
      plugins: [pureCore, statementDocsPlugin()],
    }),
  );
}
if (browserEntries.length > 0) {
  builds.push(build({ ...common, entryPoints: browserEntries, platform: 'browser', target: 'es2022', format: 'esm', minify: true }));
}
if (webviewEntries.length > 0) {
  builds.push(build({ ...common, entryPoints: webviewEntries, platform: 'browser', target: 'es2022', format: 'iife', minify: true }));
}
const results = await Promise.all(builds);

// The .vsix ships no node_modules: a Node bundle it ships may require only Node's built-ins and
// `vscode` at run time. `encoding` is node-fetch's optional dependency (inside danfojs), required
// in a try/catch. Fail the build rather than package an extension that cannot activate.
const shipped = new Set([...kernelEntries, ...extensionEntries, { out: 'featureWorker' }].map((e) => `dist/${e.out}.js`));
const optional = new Set(['vscode', 'encoding']);
for (const [file, output] of results.flatMap((result) => Object.entries(result.metafile.outputs))) {
  const missing = shipped.has(file)
    ? [...new Set(output.imports.filter((i) => i.external && !isBuiltin(i.path) && !optional.has(i.path)).map((i) => i.path))]
    : [];
  if (missing.length > 0)
    throw new Error(
      `${file} requires ${missing.join(', ')} at run time, which the .vsix does not ship (no node_modules): keep it out of that bundle`,
    );
}
const all = [...nodeEntries, ...kernelEntries, ...extensionEntries, ...browserEntries, ...webviewEntries];
console.log(`built ${all.map((e) => `dist/${e.out}.js`).join(', ')}`);
