// Child process of atomicWrite.test.ts: starts writing a temp file (on the main thread or in a
// worker), says 'ready' on stdout and waits to be killed by a signal.
import { writeFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { registerTemp } from '../../../src/core/io/tempFiles';

const [target, where] = isMainThread ? process.argv.slice(2) : [(workerData as { target: string }).target, 'worker'];

if (isMainThread && where === 'worker') {
  const worker = new Worker(__filename, { workerData: { target } });
  worker.on('message', () => process.stdout.write('ready\n'));
} else {
  writeFileSync(registerTemp(target), 'a partial output');
  if (isMainThread) process.stdout.write('ready\n');
  else parentPort?.postMessage('ready');
  setInterval(() => {}, 1000);
}
