import { statSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

// Runs in the worker (CommonJS eval): stream source -> (g)zip -> writeSync(fd), then report.
// The fd is written directly: an fs.WriteStream on it would close it when the stream errors.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const zlib = require('node:zlib');
const { pipeline } = require('node:stream');
const { source, fd, mode, flag, progress, port } = workerData;
const done = (error) => {
  port.postMessage(error ? String(error.message || error) : null);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
};
async function run() {
  const input = fs.createReadStream(source, { highWaterMark: 1 << 20 });
  input.on('data', (chunk) => { progress[0] += chunk.length; });
  const options = { chunkSize: 1 << 20 };
  const codec = mode === 'gzip' ? zlib.createGzip(options) : zlib.createGunzip(options);
  const output = pipeline(input, codec, () => {});
  for await (const chunk of output) {
    for (let written = 0; written < chunk.length; ) written += fs.writeSync(fd, chunk, written, chunk.length - written);
  }
}
run().then(() => done(null), done);
`;

/**
 * Streams the file `source` through gzip compression or decompression into the open file
 * descriptor `fd`, synchronously and with bounded memory (1 MB chunks): node:zlib has no
 * synchronous streaming API, so a worker thread runs the stream while this thread waits on an
 * Atomics flag (waking every 200 ms to call `onProgress(sourceBytesRead, sourceBytes)`).
 *
 * Returns null on success, or zlib's message (e.g. 'unexpected end of file' for a truncated
 * .gz) on failure. Throws Node's error when `source` does not exist.
 */
export function zlibFileToFd(
  source: string,
  fd: number,
  mode: 'gzip' | 'gunzip',
  onProgress?: (done: number, total: number) => void,
): string | null {
  const size = statSync(source).size;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const progress = new Float64Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { source, fd, mode, flag, progress, port: port2 },
    transferList: [port2],
  });
  worker.unref();
  while (Atomics.wait(flag, 0, 0, 200) === 'timed-out') onProgress?.(progress[0], size);
  onProgress?.(size, size);
  const reply = receiveMessageOnPort(port1);
  port1.close();
  return reply ? (reply.message as string | null) : 'compression worker ended without a reply';
}
