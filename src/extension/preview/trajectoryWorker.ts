import type { HostToPreviewWorker, PreviewToWebview, PreviewWorkerData } from '../../protocol/previewMessages';
import { describeWorkerFailure, WORKER_HEAP_LIMIT_MB, WorkerHandle } from '../workerHandle';

/** Range and bin width of the preview's g(r), sigma_AA: the first three shells of a dense liquid. */
export const PREVIEW_PAIR_CORRELATION = { grMax: 5, grBin: 0.05 } as const;
/** How long a closed worker may take to exit on its own before it is terminated. */
const CLOSE_GRACE_MS = 1000;

/**
 * The host's handle on one preview worker (dist/previewWorker.js) for one file: it starts the
 * worker, hands every worker message to `onMessage` (forwarded to the webview), remembers the
 * messages that describe the file (summary, progress, indexed, fatal) so a page rebuilt after
 * being hidden can be brought up to date (`replay`), and turns a worker crash into a `fatal`
 * message. Never throws.
 */
export class TrajectoryWorker {
  private readonly worker: WorkerHandle<HostToPreviewWorker, PreviewToWebview>;
  private readonly state = new Map<PreviewToWebview['type'], PreviewToWebview>();

  constructor(
    workerPath: string,
    private readonly file: string,
    private readonly onMessage: (message: PreviewToWebview) => void,
  ) {
    const workerData: PreviewWorkerData = { file, ...PREVIEW_PAIR_CORRELATION };
    this.worker = new WorkerHandle({
      workerPath,
      workerData,
      heapLimitMb: WORKER_HEAP_LIMIT_MB.trajectoryPreview,
      onMessage: (message) => this.deliver(message),
      onFailure: (failure) => this.fail(describeWorkerFailure('the preview worker', failure)),
    });
  }

  /** Asks for frame `frame` (the worker answers the newest request only). */
  request(request: number, frame: number): void {
    this.worker.post({ type: 'requestFrame', request, frame });
  }

  /** The messages that bring a new page up to date, in order. */
  replay(): PreviewToWebview[] {
    return (['fatal', 'summary', 'progress', 'indexed'] as const).flatMap((type) => this.state.get(type) ?? []);
  }

  /** Stops indexing and closes the file (the worker exits by itself; terminated after 1 s otherwise). */
  close(): void {
    if (!this.worker.alive) return;
    this.worker.post({ type: 'close' });
    this.worker.dispose(CLOSE_GRACE_MS);
  }

  private deliver(message: PreviewToWebview): void {
    if (message.type !== 'frame' && message.type !== 'frameError') this.state.set(message.type, message);
    this.onMessage(message);
  }

  private fail(why: string): void {
    this.deliver({ type: 'fatal', error: { file: this.file, message: `${this.file}: ${why}; close and reopen the preview to try again` } });
  }
}
