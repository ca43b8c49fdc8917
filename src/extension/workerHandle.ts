import { Worker } from 'node:worker_threads';
import { removeTempsOfThread } from '../core/io/tempFiles';

/**
 * Heap limits (MiB, V8's old generation) of the host's worker threads, in one place. The kernel's
 * limit is the user's setting softness.kernel.memoryLimitMB (its default and minimum here, the
 * same as package.json's); the preview workers hold an index and a few frames, never a whole file.
 */
export const WORKER_HEAP_LIMIT_MB = {
  kernelDefault: 4096,
  kernelMinimum: 256,
  trajectoryPreview: 1024,
  modelPreview: 2048,
} as const;

/**
 * The kernel's heap limit from the setting's raw value: the default when it is absent or not a
 * number, and at least the minimum (the manifest's minimum is only advisory in settings.json, and
 * a worker below it cannot start).
 */
export function kernelHeapLimitMb(configured: unknown): number {
  return Math.max(WORKER_HEAP_LIMIT_MB.kernelMinimum, Number(configured) || WORKER_HEAP_LIMIT_MB.kernelDefault);
}

/** Why a worker stopped without being disposed. */
export type WorkerFailure =
  /** It exceeded its heap limit (Node's ERR_WORKER_OUT_OF_MEMORY). */
  | { readonly kind: 'outOfMemory'; readonly heapLimitMb: number }
  /** An exception escaped the worker's code. */
  | { readonly kind: 'error'; readonly message: string }
  /** It exited by itself (process.exit, or its event loop ran empty) with this exit code. */
  | { readonly kind: 'exit'; readonly code: number };

/** A sentence naming the failure, e.g. `the g(r) worker exited (code 3)` for worker = 'the g(r) worker'. */
export function describeWorkerFailure(worker: string, failure: WorkerFailure): string {
  switch (failure.kind) {
    case 'outOfMemory':
      return `${worker} ran out of memory (heap limit ${failure.heapLimitMb} MiB)`;
    case 'error':
      return `${worker} crashed: ${failure.message}`;
    case 'exit':
      return `${worker} exited (code ${failure.code})`;
  }
}

export interface WorkerHandleOptions<FromWorker> {
  /** Path of the bundled worker script (dist/*.js). */
  readonly workerPath: string;
  /** The worker's `workerData` (structured-cloned; a SharedArrayBuffer in it stays shared). */
  readonly workerData: unknown;
  /** Heap limit in MiB (resourceLimits.maxOldGenerationSizeMb); see WORKER_HEAP_LIMIT_MB. */
  readonly heapLimitMb: number;
  /** Every message of the worker, until dispose() or a failure. */
  readonly onMessage: (message: FromWorker) => void;
  /**
   * Told at most once, when the worker stopped on its own: an uncaught exception, an exit (any
   * code: an owner that expected an exit has disposed the handle before), or out of memory. Never
   * told after dispose().
   */
  readonly onFailure: (failure: WorkerFailure) => void;
}

/**
 * The host's handle on one worker thread: starts it with the heap limit, hands its messages to
 * the owner, turns its `error` and `exit` events into one typed WorkerFailure, and terminates it
 * on dispose. The worker's events after a failure or a dispose are dropped, so the owner hears of
 * each worker's end once. Never throws after construction (which throws what `new Worker` throws).
 */
export class WorkerHandle<ToWorker, FromWorker> {
  private readonly worker: Worker;
  private live = true;

  constructor(private readonly options: WorkerHandleOptions<FromWorker>) {
    this.worker = new Worker(options.workerPath, {
      workerData: options.workerData,
      resourceLimits: { maxOldGenerationSizeMb: options.heapLimitMb },
    });
    this.worker.on('message', (message: FromWorker) => {
      if (this.live) options.onMessage(message);
    });
    // An `error` event is followed by `exit`: the first one reports, the second finds the handle dead.
    this.worker.on('error', (error: Error & { code?: string }) =>
      this.fail(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { kind: 'outOfMemory', heapLimitMb: options.heapLimitMb }
          : { kind: 'error', message: error.message },
      ),
    );
    this.worker.on('exit', (code) => this.fail({ kind: 'exit', code }));
    // A worker terminated (restart, dispose, crash) may stop inside a synchronous write: its temp
    // files, announced to this thread by src/core/io/tempFiles.ts, go with it.
    const thread = this.worker.threadId;
    this.worker.once('exit', () => removeTempsOfThread(thread));
  }

  /** False after dispose() or a failure: posts are then dropped. */
  get alive(): boolean {
    return this.live;
  }

  /** Posts a message to the worker (dropped once it is not alive). */
  post(message: ToWorker): void {
    if (this.live) this.worker.postMessage(message);
  }

  /**
   * Stops listening and terminates the worker: at once, or, with `graceMs`, only if it has not
   * exited by itself by then (a worker that was asked to close its files first).
   */
  dispose(graceMs = 0): void {
    this.live = false;
    if (graceMs <= 0) {
      void this.worker.terminate();
      return;
    }
    const timer = setTimeout(() => void this.worker.terminate(), graceMs);
    this.worker.once('exit', () => clearTimeout(timer));
  }

  private fail(failure: WorkerFailure): void {
    if (!this.live) return;
    this.live = false;
    void this.worker.terminate();
    this.options.onFailure(failure);
  }
}
