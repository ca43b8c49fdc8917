import { Worker } from 'node:worker_threads';
import type { HostToPreviewWorker, PreviewToWebview, PreviewWorkerData } from '../../protocol/previewMessages';

/** Range and bin width of the preview's g(r), sigma_AA: the first three shells of a dense liquid. */
export const PREVIEW_PAIR_CORRELATION = { grMax: 5, grBin: 0.05 } as const;
/** Heap limit of a preview worker (MiB): it holds an index and a few frames, never the file. */
const PREVIEW_WORKER_HEAP_MB = 1024;
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
  private readonly worker: Worker;
  private readonly state = new Map<PreviewToWebview['type'], PreviewToWebview>();
  private closed = false;

  constructor(
    workerPath: string,
    private readonly file: string,
    private readonly onMessage: (message: PreviewToWebview) => void,
  ) {
    const workerData: PreviewWorkerData = { file, ...PREVIEW_PAIR_CORRELATION };
    this.worker = new Worker(workerPath, { workerData, resourceLimits: { maxOldGenerationSizeMb: PREVIEW_WORKER_HEAP_MB } });
    this.worker.on('message', (message: PreviewToWebview) => this.deliver(message));
    this.worker.on('error', (error) => this.fail(`the preview worker failed: ${error.message}`));
    this.worker.on('exit', (code) => this.fail(`the preview worker stopped (exit code ${code})`));
  }

  /** Asks for frame `frame` (the worker answers the newest request only). */
  request(request: number, frame: number): void {
    if (!this.closed) this.worker.postMessage({ type: 'requestFrame', request, frame } satisfies HostToPreviewWorker);
  }

  /** The messages that bring a new page up to date, in order. */
  replay(): PreviewToWebview[] {
    return (['fatal', 'summary', 'progress', 'indexed'] as const).flatMap((type) => this.state.get(type) ?? []);
  }

  /** Stops indexing and closes the file (the worker exits by itself; terminated after 1 s otherwise). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.worker.postMessage({ type: 'close' } satisfies HostToPreviewWorker);
    const timer = setTimeout(() => void this.worker.terminate(), CLOSE_GRACE_MS);
    this.worker.once('exit', () => clearTimeout(timer));
  }

  private deliver(message: PreviewToWebview): void {
    if (this.closed) return;
    if (message.type !== 'frame' && message.type !== 'frameError') this.state.set(message.type, message);
    this.onMessage(message);
  }

  private fail(why: string): void {
    if (this.closed) return;
    this.deliver({ type: 'fatal', error: { file: this.file, message: `${this.file}: ${why}; close and reopen the preview to try again` } });
    this.closed = true;
  }
}
