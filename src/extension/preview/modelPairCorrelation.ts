import type { PairCorrelationWorkerData, PairCorrelationWorkerResult } from '../../protocol/modelPreviewMessages';
import { describeWorkerFailure, WORKER_HEAP_LIMIT_MB, WorkerHandle } from '../workerHandle';

/** How a g(r) computation ended: the worker's result or error, or `cancelled` after cancel(). */
export type PairCorrelationOutcome = PairCorrelationWorkerResult & { cancelled?: boolean };

/** A running g(r) computation: its outcome, and how to stop it (the preview was closed). */
export interface PairCorrelationJob {
  /** Resolves (never rejects) with the result or the error; `cancelled` after cancel(). */
  readonly result: Promise<PairCorrelationOutcome>;
  cancel(): void;
}

/**
 * Computes the training trajectory's g(r) in the bundled worker `workerPath`
 * (dist/pairCorrelationWorker.js), so reading and gunzipping the trajectory never blocks the
 * extension host. A crash or an exit without an answer resolves to an error naming the cause.
 */
export function computePairCorrelation(workerPath: string, request: PairCorrelationWorkerData): PairCorrelationJob {
  let settle: (value: PairCorrelationOutcome) => void = () => {};
  const result = new Promise<PairCorrelationOutcome>((resolve) => {
    let settled = false;
    settle = (value) => {
      if (settled) return;
      settled = true;
      resolve(value);
      // The worker posts one result and then exits by itself; disposing first keeps that exit quiet.
      worker.dispose();
    };
  });
  const worker = new WorkerHandle<never, PairCorrelationWorkerResult>({
    workerPath,
    workerData: request,
    heapLimitMb: WORKER_HEAP_LIMIT_MB.pairCorrelation,
    onMessage: (message) => settle(message),
    onFailure: (failure) => {
      const why = describeWorkerFailure('the g(r) worker', failure);
      settle({ ok: false, message: failure.kind === 'exit' ? `${why} without a result` : why });
    },
  });
  return { result, cancel: () => settle({ ok: false, message: 'cancelled', cancelled: true }) };
}
