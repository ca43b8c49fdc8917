import { build } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/**
 * Bundles the real kernel worker (src/worker/kernelWorker.ts) for tests. It goes under
 * node_modules/.cache so its external danfojs resolves from the repo (bundling it takes seconds).
 */
export async function buildKernelWorker(): Promise<string> {
  const outfile = path.join(root, 'node_modules/.cache/softness-kernel-test', `kernelWorker-${process.pid}.js`);
  await build({
    entryPoints: [path.join(root, 'src/worker/kernelWorker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    external: ['danfojs'],
  });
  return outfile;
}

/** Writes a worker script (CommonJS, `port` = parentPort) with `body` as its code; returns its path. */
export function workerScript(body: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'softness-fake-worker-')), 'worker.js');
  writeFileSync(file, `const { parentPort: port, workerData } = require('node:worker_threads');\n${body}\n`);
  return file;
}

/**
 * Writes a stand-in kernel worker script whose `onRun(message, port)` decides how each `run`
 * is answered, so tests can script crashes, hangs and progress without the engine.
 */
export function fakeWorker(onRun: string): string {
  return workerScript(`const onRun = ${onRun};\nport.on('message', (m) => { if (m.type === 'run') onRun(m, port); });`);
}

export const samples = path.join(root, 'samples');
