// Bundles every entry point with esbuild. One list, so the CLI, bench and (later) the
// extension, worker and renderer are built the same way.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const nodeEntries = [
  { in: 'src/cli/main.ts', out: 'cli' },
  { in: 'bench/main.ts', out: 'bench' },
  { in: 'src/core/features/featureWorker.ts', out: 'featureWorker' },
].filter((e) => existsSync(e.in));

await build({
  entryPoints: nodeEntries,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // danfojs pulls in tensorflow.js; keep it (and plotly's prebuilt bundle) as runtime requires.
  external: ['danfojs', 'plotly.js-dist-min'],
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
console.log(`built ${nodeEntries.map((e) => `dist/${e.out}.js`).join(', ')}`);
