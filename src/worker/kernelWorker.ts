/**
 * The notebook kernel: a worker_threads entry (dist/kernelWorker.js) holding one Session, so all
 * numeric work runs off the extension host. Cells run one at a time in arrival order; outputs and
 * progress stream back as they happen (protocol in src/protocol/kernelMessages.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CellError } from '../core/lang/ast';
import { CancelledError, isCancelled, makeRunContext, type RunContext } from '../core/lang/context';
import { Session } from '../core/lang/session';
import type { CellFailure, HostToWorker, KernelWorkerData, WorkerToHost } from '../protocol/kernelMessages';
import { encodeOutput } from '../protocol/outputMime';

const port = parentPort;
if (!port) throw new Error('kernelWorker.js must run as a worker thread (it was started as a plain script)');
const cancelFlag = new Int32Array((workerData as KernelWorkerData).cancelFlag);
const session = new Session();
let queue: Promise<void> = Promise.resolve();
const PROGRESS_INTERVAL_MS = 100;

const send = (message: WorkerToHost, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

port.on('message', (message: HostToWorker) => {
  queue = queue.then(() => runCell(message));
});

async function runCell({ id, source, baseDir, notebookPath }: HostToWorker): Promise<void> {
  // The host's cancel reaches this thread only through the shared flag (see KernelWorkerData).
  const cancelRequested = (): boolean => Atomics.load(cancelFlag, 0) === id;
  let lastProgress = -Infinity;
  const base = makeRunContext({
    baseDir,
    notebookPath,
    threads: (workerData as KernelWorkerData).threads,
    emit: (output) => {
      const item = encodeOutput(output);
      // Transfer (not copy) the bytes when the item owns its whole buffer, as encodeOutput's do.
      const owned = item.data.byteOffset === 0 && item.data.byteLength === item.data.buffer.byteLength;
      send({ type: 'output', id, item }, owned ? [item.data.buffer as ArrayBuffer] : []);
    },
    progress: (message, fraction) => {
      // Per-frame progress can come thousands of times a second; the user needs a few updates.
      const now = performance.now();
      if (now - lastProgress < PROGRESS_INTERVAL_MS && fraction !== 1) return;
      lastProgress = now;
      send({ type: 'progress', id, message, fraction });
    },
  });
  const ctx: RunContext = {
    ...base,
    checkpoint: async () => {
      await base.checkpoint();
      if (cancelRequested()) throw new CancelledError();
    },
  };
  let error: CellFailure | undefined;
  try {
    if (cancelRequested()) throw new CancelledError();
    await session.runCell(source, ctx);
  } catch (caught) {
    error = describeFailure(caught);
  }
  send({ type: 'done', id, names: session.names(), ...(error ? { error } : {}) });
}

function describeFailure(caught: unknown): CellFailure {
  if (caught instanceof CellError) return { message: caught.message, line: caught.pos.line, column: caught.pos.column };
  if (isCancelled(caught)) return { message: caught.message, cancelled: true };
  return { message: caught instanceof Error ? caught.message : String(caught) };
}
