import type { CellFailure, HostToWorker, KernelWorkerData, WorkerToHost } from '../../protocol/kernelMessages';
import type { OutputItem } from '../../protocol/outputMime';
import { describeWorkerFailure, type WorkerFailure, WorkerHandle } from '../workerHandle';

/** One cell to run: its text, where its relative paths start, and where its events go. */
export interface CellRequest {
  readonly source: string;
  readonly baseDir: string;
  /** The notebook's file, which no output of the cell may overwrite (absent for an untitled notebook). */
  readonly notebookPath?: string;
  /** The cell left the queue and started: its execution order (1, 2, ...) and start time (ms since epoch). */
  onStart(executionOrder: number, startTime: number): void;
  onOutput(item: OutputItem): void;
  onProgress(message: string, fraction: number | null): void;
}

/** How a cell ended. `executionOrder`/`startTime` are null when it never left the queue. */
export interface CellResult {
  readonly ok: boolean;
  readonly error?: CellFailure;
  /** Named results the session lost because its worker stopped during this cell (else empty). */
  readonly lostNames: readonly string[];
  readonly executionOrder: number | null;
  readonly startTime: number | null;
  readonly endTime: number;
}

export interface KernelOptions {
  /** Path of the bundled kernel worker (dist/kernelWorker.js). */
  readonly workerPath: string;
  /** Worker heap limit in MiB (setting softness.kernel.memoryLimitMB, through kernelHeapLimitMb). */
  readonly memoryLimitMb: number;
  /** Structure-function threads inside the worker (0 = all cores). */
  readonly threads?: number;
  /** How long a cancelled cell may take to stop before the worker is terminated (default 1000 ms). */
  readonly cancelGraceMs?: number;
  /** Told when the worker stops while no cell runs (no cell would otherwise report the lost names). */
  readonly onIdleCrash?: (message: string) => void;
}

interface Pending {
  readonly id: number;
  readonly request: CellRequest;
  readonly resolve: (result: CellResult) => void;
}

interface Running extends Pending {
  readonly executionOrder: number;
  readonly startTime: number;
}

/**
 * The kernel of one notebook: a worker thread holding the Session (named results across cells),
 * fed by a FIFO queue of cells. Cancelling the running cell sets the shared flag its checkpoints
 * read; if it has not stopped within the grace period the worker is terminated and the lost
 * names are reported. A worker crash (exception, exit, out of memory) fails the running cell
 * and the queued ones; the next submitted cell starts a fresh worker. Never throws.
 */
export class KernelSession {
  private worker: WorkerHandle<HostToWorker, WorkerToHost> | null = null;
  private readonly cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  private readonly queue: Pending[] = [];
  private current: Running | null = null;
  private cancelTimer: ReturnType<typeof setTimeout> | null = null;
  private lastNames: readonly string[] = [];
  private nextId = 1;
  private executionCounter = 0;

  constructor(private readonly options: KernelOptions) {}

  /** Names of the session's results after the last finished cell. */
  get names(): readonly string[] {
    return this.lastNames;
  }

  /** Queues a cell; `result` resolves (never rejects) when it finished, failed or was cancelled. */
  submit(request: CellRequest): { id: number; result: Promise<CellResult> } {
    const id = this.nextId++;
    const result = new Promise<CellResult>((resolve) => this.queue.push({ id, request, resolve }));
    this.pump();
    return { id, result };
  }

  /** Cancels a queued cell at once, or the running one within the grace period (see class doc). */
  cancel(id: number): void {
    const index = this.queue.findIndex((p) => p.id === id);
    if (index >= 0) {
      const [pending] = this.queue.splice(index, 1);
      pending.resolve(notRun('cancelled before it ran', true));
      return;
    }
    if (this.current?.id !== id || !this.worker || this.cancelTimer) return;
    Atomics.store(this.cancelFlag, 0, id);
    this.cancelTimer = setTimeout(() => {
      if (this.current?.id !== id) return;
      const lost = this.stopWorker();
      this.finish({
        ok: false,
        lostNames: lost,
        error: {
          message: `the cell did not stop within ${this.grace / 1000} s, so the kernel was restarted${lostText(lost)}`,
          cancelled: true,
        },
      });
      this.failQueue('not run: the kernel was restarted to stop an earlier cell');
    }, this.grace);
  }

  /** Cancels the queued cells and the running one (the notebook's Interrupt button). */
  cancelAll(): void {
    for (const pending of [...this.queue]) this.cancel(pending.id);
    if (this.current) this.cancel(this.current.id);
  }

  /** Restart Kernel: terminates the worker (a fresh one starts with the next cell); returns the lost names. */
  restart(): readonly string[] {
    const lost = this.stopWorker();
    if (this.current)
      this.finish({ ok: false, lostNames: lost, error: { message: `the kernel was restarted${lostText(lost)}`, cancelled: true } });
    this.failQueue('not run: the kernel was restarted');
    this.executionCounter = 0;
    return lost;
  }

  /** Stops everything (notebook closed, extension deactivated). */
  dispose(): void {
    this.restart();
  }

  private get grace(): number {
    return this.options.cancelGraceMs ?? 1000;
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    const pending = this.queue.shift()!;
    const worker = this.worker ?? this.startWorker();
    this.current = { ...pending, executionOrder: ++this.executionCounter, startTime: Date.now() };
    pending.request.onStart(this.current.executionOrder, this.current.startTime);
    const { source, baseDir, notebookPath } = pending.request;
    worker.post({ type: 'run', id: pending.id, source, baseDir, ...(notebookPath === undefined ? {} : { notebookPath }) });
  }

  private startWorker(): WorkerHandle<HostToWorker, WorkerToHost> {
    Atomics.store(this.cancelFlag, 0, 0);
    const workerData: KernelWorkerData = { cancelFlag: this.cancelFlag.buffer as SharedArrayBuffer, threads: this.options.threads ?? 0 };
    // A disposed handle delivers nothing, so messages and failures always come from this.worker.
    this.worker = new WorkerHandle({
      workerPath: this.options.workerPath,
      workerData,
      heapLimitMb: this.options.memoryLimitMb,
      onMessage: (message) => this.onMessage(message),
      onFailure: (failure) => this.onCrash(crashReason(failure)),
    });
    return this.worker;
  }

  private onMessage(message: WorkerToHost): void {
    const current = this.current;
    // Messages of a cell already given up on are stale.
    if (!current || message.id !== current.id) return;
    switch (message.type) {
      case 'output':
        current.request.onOutput(message.item);
        break;
      case 'progress':
        current.request.onProgress(message.message, message.fraction);
        break;
      case 'done':
        this.lastNames = message.names;
        this.finish({ ok: !message.error, lostNames: [], ...(message.error ? { error: message.error } : {}) });
        this.pump();
        break;
    }
  }

  private onCrash(reason: string): void {
    const lost = this.stopWorker();
    const message = `${reason}; the extension and the notebook are unaffected, and the kernel restarts with the next run${lostText(lost)}`;
    if (this.current) this.finish({ ok: false, lostNames: lost, error: { message } });
    else this.options.onIdleCrash?.(message);
    this.failQueue('not run: the kernel worker stopped during an earlier cell');
  }

  /** Terminates the worker (if any) and returns the names its session held. */
  private stopWorker(): readonly string[] {
    const lost = this.lastNames;
    const worker = this.worker;
    this.worker = null;
    this.lastNames = [];
    worker?.dispose();
    return lost;
  }

  private finish(outcome: Pick<CellResult, 'ok' | 'error' | 'lostNames'>): void {
    const current = this.current!;
    if (this.cancelTimer) clearTimeout(this.cancelTimer);
    this.cancelTimer = null;
    this.current = null;
    current.resolve({ ...outcome, executionOrder: current.executionOrder, startTime: current.startTime, endTime: Date.now() });
  }

  private failQueue(message: string): void {
    for (const pending of this.queue.splice(0)) pending.resolve(notRun(message, false));
  }
}

function notRun(message: string, cancelled: boolean): CellResult {
  return { ok: false, error: { message, cancelled }, lostNames: [], executionOrder: null, startTime: null, endTime: Date.now() };
}

function lostText(lost: readonly string[]): string {
  return lost.length > 0 ? `; lost results: ${lost.join(', ')}` : '; no named results were lost';
}

function crashReason(failure: WorkerFailure): string {
  if (failure.kind === 'outOfMemory') {
    return `the kernel ran out of memory (limit ${failure.heapLimitMb} MiB, setting softness.kernel.memoryLimitMB)`;
  }
  return describeWorkerFailure('the kernel worker', failure);
}
