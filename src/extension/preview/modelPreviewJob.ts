import type { ModelPreviewWorkerData, ModelPreviewWorkerMessage } from '../../protocol/modelPreviewMessages';
import { describeWorkerFailure, WORKER_HEAP_LIMIT_MB, WorkerHandle } from '../workerHandle';

/** A running model preview worker: cancel() stops it (the panel closed, or the file changed). */
export interface ModelPreviewJob {
  cancel(): void;
}

/**
 * Starts the model preview worker `workerPath` (dist/modelPreviewWorker.js) on `data` and hands
 * each of its messages (protocol ModelPreviewWorkerMessage: the model or its error, then the g(r)
 * states) to `onMessage`. The extension host only starts the worker and relays: loading and
 * validating the model, its w(r) grid and the g(r) all run in the worker, so no model file can
 * hold up the host thread. A crash or an exit before the last message becomes that last message:
 * an `error` naming the file when the model had not come yet, else the g(r) `unavailable` with why.
 * Nothing is delivered after cancel(). Never throws after starting the worker.
 */
export function startModelPreviewJob(
  workerPath: string,
  data: ModelPreviewWorkerData,
  onMessage: (message: ModelPreviewWorkerMessage) => void,
): ModelPreviewJob {
  let modelSent = false;
  const worker = new WorkerHandle<never, ModelPreviewWorkerMessage>({
    workerPath,
    workerData: data,
    heapLimitMb: WORKER_HEAP_LIMIT_MB.modelPreview,
    onMessage: (message) => {
      modelSent ||= message.type === 'model' || message.type === 'error';
      const last = message.type === 'error' || (message.type === 'pairCorrelation' && message.state !== 'computing');
      // The worker exits by itself after its last message; disposing first keeps that exit quiet.
      if (last) worker.dispose();
      onMessage(message);
    },
    onFailure: (failure) => {
      const why = describeWorkerFailure('the model preview worker', failure);
      const reason = failure.kind === 'exit' ? `${why} before it was done` : why;
      onMessage(
        modelSent ? { type: 'pairCorrelation', state: 'unavailable', reason } : { type: 'error', message: `${data.modelFile}: ${reason}` },
      );
    },
  });
  return { cancel: () => worker.dispose() };
}
