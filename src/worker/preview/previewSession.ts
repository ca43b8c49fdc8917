import type { Frame } from '../../core/io/frame';
import { openTrajectoryStreaming, type StreamingTrajectory } from '../../core/io/openStreaming';
import { frameTransferables, type PreviewToWebview } from '../../protocol/previewMessages';
import { previewError, previewFrame, trajectorySummary, type PairCorrelationSettings } from './previewFrame';

export interface PreviewSessionOptions {
  /** The trajectory to preview. */
  readonly file: string;
  readonly pairCorrelation: PairCorrelationSettings;
  /** Delivers a message; `transfer` lists the buffers that may be moved instead of copied. */
  readonly send: (message: PreviewToWebview, transfer: ArrayBuffer[]) => void;
  /** Least time between two `progress` messages (default 100 ms). */
  readonly progressIntervalMs?: number;
  /** Scan chunk size (tests force small chunks so indexing takes many steps). */
  readonly chunkBytes?: number;
}

/**
 * The state of one trajectory preview, independent of the thread it runs on (the preview
 * worker wires it to its port; tests drive it directly). `start` opens the file with the
 * streaming index and sends `summary` as soon as frame 0 is decoded, `progress` while the index
 * grows and `indexed` when it is over (with the error that stopped it, if any); a file that
 * cannot be opened gives one `fatal`. Frame requests are served newest first: a request that
 * arrives while another is pending replaces it, so dragging the slider never queues up work;
 * a request for a frame not indexed yet waits for the index. Never throws.
 */
export class PreviewSession {
  private trajectory: StreamingTrajectory | null = null;
  private indexing = true;
  private closed = false;
  private pending: { request: number; frame: number } | null = null;
  private serveScheduled = false;
  private lastProgress = -Infinity;
  /** The last frame decoded (the summary's frame 0 is usually asked for next): one frame of memory. */
  private lastFrame: Frame | null = null;
  /** Stops the open when the preview closes before frame 0 is indexed. */
  private readonly opening = new AbortController();

  constructor(private readonly options: PreviewSessionOptions) {}

  /** Opens the file and reports as described in the class doc; resolves once the summary (or the fatal error) is sent. */
  async start(): Promise<void> {
    const { file, send } = this.options;
    let trajectory: StreamingTrajectory;
    try {
      trajectory = await openTrajectoryStreaming(file, {
        onProgress: (frames, done, total) => this.progress(frames, done, total),
        chunkBytes: this.options.chunkBytes,
        signal: this.opening.signal,
      });
    } catch (error) {
      if (!this.closed) send({ type: 'fatal', error: previewError(error, file) }, []);
      return;
    }
    if (this.closed) return trajectory.close();
    this.trajectory = trajectory;
    try {
      const summary = trajectorySummary(trajectory, this.readFrame(0));
      send({ type: 'summary', summary, frames: trajectory.frameCount, indexing: this.indexing }, []);
    } catch (error) {
      send({ type: 'fatal', error: previewError(error, file) }, []);
      return this.close();
    }
    trajectory.indexed.then(
      () => this.finishIndexing(null),
      (error: unknown) => this.finishIndexing(error),
    );
    this.scheduleServe();
  }

  /** Asks for frame `frame`; answered by one `frame` or `frameError` message carrying `request` (unless a newer request replaces it). */
  request(request: number, frame: number): void {
    this.pending = { request, frame };
    this.scheduleServe();
  }

  /** Stops indexing and closes the file; nothing is sent afterwards. */
  close(): void {
    this.closed = true;
    this.pending = null;
    this.lastFrame = null;
    this.opening.abort();
    this.trajectory?.close();
  }

  /** Frame k of the open trajectory, decoded once for consecutive uses. */
  private readFrame(k: number): Frame {
    if (this.lastFrame?.index !== k) this.lastFrame = this.trajectory!.readFrame(k);
    return this.lastFrame;
  }

  private progress(frames: number, bytesDone: number, totalBytes: number): void {
    const now = performance.now();
    if (this.closed || now - this.lastProgress < (this.options.progressIntervalMs ?? 100)) return;
    this.lastProgress = now;
    this.options.send({ type: 'progress', frames, bytesDone, totalBytes }, []);
    this.scheduleServe();
  }

  private finishIndexing(error: unknown): void {
    this.indexing = false;
    const trajectory = this.trajectory;
    if (this.closed || !trajectory) return;
    let lastTimestep: number | null = null;
    try {
      lastTimestep = trajectory.readFrame(trajectory.frameCount - 1).timestep;
    } catch {
      // The last indexed frame is malformed: its request will show the error; the range stays open.
    }
    const failure = error === null ? {} : { error: previewError(error, trajectory.path) };
    this.options.send({ type: 'indexed', frames: trajectory.frameCount, lastTimestep, ...failure }, []);
    this.scheduleServe();
  }

  /** Serves the pending request on a later turn, so requests that arrived meanwhile replace it first. */
  private scheduleServe(): void {
    if (this.serveScheduled) return;
    this.serveScheduled = true;
    setImmediate(() => {
      this.serveScheduled = false;
      this.serve();
    });
  }

  private serve(): void {
    const trajectory = this.trajectory;
    const pending = this.pending;
    if (this.closed || !trajectory || !pending) return;
    if (pending.frame >= trajectory.frameCount && this.indexing) return;
    this.pending = null;
    const { send } = this.options;
    try {
      const frame = previewFrame(this.readFrame(pending.frame), trajectory.speciesNames, this.options.pairCorrelation);
      send({ type: 'frame', request: pending.request, frame }, frameTransferables(frame));
    } catch (error) {
      send({ type: 'frameError', request: pending.request, frame: pending.frame, error: previewError(error, trajectory.path) }, []);
    }
  }
}
