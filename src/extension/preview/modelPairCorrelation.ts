import { Worker } from 'node:worker_threads';
import type { PairCorrelationWorkerData, PairCorrelationWorkerResult } from '../../protocol/modelPreviewMessages';

/** A running g(r) computation: its outcome, and how to stop it (the preview was closed). */
export interface PairCorrelationJob {
  /** Resolves (never rejects) with the result or the error; `cancelled` after cancel(). */
  readonly result: Promise<PairCorrelationWorkerResult & { cancelled?: boolean }>;
  cancel(): void;
}

/**
 * Computes the training trajectory's g(r) in the bundled worker `workerPath`
 * (dist/pairCorrelationWorker.js), so reading and gunzipping the trajectory never blocks the
 * extension host. A crash or an exit without an answer resolves to an error naming the cause.
 */
export function computePairCorrelation(workerPath: string, request: PairCorrelationWorkerData, memoryLimitMb = 2048): PairCorrelationJob {
  const worker = new Worker(workerPath, { workerData: request, resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb } });
  let settle: (value: PairCorrelationWorkerResult & { cancelled?: boolean }) => void = () => {};
  const result = new Promise<PairCorrelationWorkerResult & { cancelled?: boolean }>((resolve) => {
    let done = false;
    settle = (value) => {
      if (done) return;
      done = true;
      resolve(value);
      void worker.terminate();
    };
  });
  worker.on('message', (message: PairCorrelationWorkerResult) => settle(message));
  worker.on('error', (error: Error) => settle({ ok: false, message: `g(r) worker failed: ${error.message}` }));
  worker.on('exit', (code) => settle({ ok: false, message: `g(r) worker exited (code ${code}) without a result` }));
  return { result, cancel: () => settle({ ok: false, message: 'cancelled', cancelled: true }) };
}
