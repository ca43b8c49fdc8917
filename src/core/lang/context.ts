import type { CellOutput } from './outputs';

/**
 * What a running statement may use besides its arguments: where relative paths start, where
 * outputs and progress go, and the cancellation check.
 */
export interface RunContext {
  /** Directory relative paths are resolved against (the notebook's folder). */
  readonly baseDir: string;
  /** The notebook file being run, if any: no statement may write over it. */
  readonly notebookPath?: string;
  /** Worker threads for structure functions; 0 = all cores. */
  readonly threads: number;
  /** Shows an output under the running cell. */
  emit(output: CellOutput): void;
  /** Reports progress of long work: a message and a fraction in [0, 1] (or null if unknown). */
  progress(message: string, fraction: number | null): void;
  /**
   * Yields to the event loop (so Ctrl-C, a cancel request or progress can get through) and
   * throws CancelledError once cancellation was requested. Call it between frames.
   */
  checkpoint(): Promise<void>;
}

/** Thrown by `checkpoint` after the user cancelled the run. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled by the user');
    this.name = 'CancelledError';
  }
}

/**
 * True when `error` is the CancelledError of a `checkpoint`. Compared by name, not instanceof, so it
 * also holds for an error thrown by another bundle's copy of this class.
 */
export function isCancelled(error: unknown): error is CancelledError {
  return error instanceof Error && error.name === 'CancelledError';
}

/** A RunContext backed by an AbortSignal, for the CLI and the worker. */
export function makeRunContext(options: {
  baseDir: string;
  notebookPath?: string;
  threads?: number;
  emit: (output: CellOutput) => void;
  progress: (message: string, fraction: number | null) => void;
  signal?: AbortSignal;
}): RunContext {
  return {
    baseDir: options.baseDir,
    ...(options.notebookPath === undefined ? {} : { notebookPath: options.notebookPath }),
    threads: options.threads ?? 0,
    emit: options.emit,
    progress: options.progress,
    async checkpoint() {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (options.signal?.aborted) throw new CancelledError();
    },
  };
}
