import type { OutputItem } from './outputMime';

/**
 * Messages between the extension host (KernelSession) and the kernel worker (kernelWorker.ts).
 * Cell ids are positive integers chosen by the host; every `run` is answered by exactly one `done`.
 */
export type HostToWorker =
  /**
   * Run one cell; relative paths in it resolve against `baseDir` (the notebook's folder), and no
   * output may be written over `notebookPath` (the notebook's own file, when it has one on disk).
   * The host sends the next `run` only after the `done` of the previous one. Cancelling goes
   * through KernelWorkerData.cancelFlag, not through a message.
   */
  { readonly type: 'run'; readonly id: number; readonly source: string; readonly baseDir: string; readonly notebookPath?: string };

/** Why a cell failed: the message and, for errors in a statement, its 1-based line:column. */
export interface CellFailure {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  /** True when the cell stopped because the user cancelled it. */
  readonly cancelled?: boolean;
}

export type WorkerToHost =
  /** One cell output; `item.data` is sent as a transferable (no copy of a large snapshot). */
  | { readonly type: 'output'; readonly id: number; readonly item: OutputItem }
  /** Progress of long work: a message and a fraction in [0, 1], or null if unknown. */
  | { readonly type: 'progress'; readonly id: number; readonly message: string; readonly fraction: number | null }
  /** The cell finished (error absent) or failed; `names` are the session's results afterwards. */
  | { readonly type: 'done'; readonly id: number; readonly error?: CellFailure; readonly names: readonly string[] };

/**
 * `workerData` of the kernel worker. `cancelFlag` is the one cancellation channel from host to
 * worker: an Int32Array view of it holds, at index 0, the id of the cell to cancel (0 = none). A
 * message would wait in the port until a busy worker yields to its event loop, which a cell never
 * does between checkpoints; the checkpoint reads the flag with Atomics.load instead.
 */
export interface KernelWorkerData {
  readonly cancelFlag: SharedArrayBuffer;
  /** Structure-function threads (setting softness.kernel.workerThreads; 0 = all cores). */
  readonly threads: number;
}
