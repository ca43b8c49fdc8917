import type { Box } from '../core/geometry/box';
import type { Trajectory } from '../core/io/frame';
import type { SnapshotOutput } from '../core/lang/outputs';

/**
 * Messages of the trajectory preview (custom editor `softness.trajectoryPreview`):
 * preview worker -> extension host -> webview, and back. The host forwards the worker's
 * messages to the webview unchanged, so one set of types serves both legs. Heavy arrays are
 * typed arrays: transferred between threads (worker_threads) and sent as binary by VS Code's
 * webview postMessage, never as JSON lists of numbers.
 */

/** What the preview shows of the whole file (from frame 0 and the index). */
export interface TrajectorySummary {
  /** The file as given (absolute path). */
  readonly file: string;
  readonly format: Trajectory['format'];
  /** Number of particles. */
  readonly n: number;
  readonly dimension: 2 | 3;
  readonly speciesNames: readonly string[];
  /** Particles of each species in frame 0, [speciesNames.length]. */
  readonly speciesCounts: readonly number[];
  /** Frame 0's cell (LAMMPS restricted triclinic with tilt factors, sigma_AA), null for open boundaries. */
  readonly box: Box | null;
  /** Per-atom columns besides id, type and positions (e.g. `softness`, `c_pe`, `vx`). */
  readonly columns: readonly string[];
  /** Timestep of frame 0. */
  readonly firstTimestep: number;
}

/** An error as the preview shows it: the file, where (line and/or frame) and what was expected. */
export interface PreviewError {
  readonly file: string;
  readonly line?: number;
  readonly frame?: number;
  /** The full message, e.g. "x.dump (frame 3, line 4012): expected 5 values, found 4". */
  readonly message: string;
}

/** Partial g(r) of one frame (core/analysis/pairCorrelation.ts). */
export interface FramePairCorrelation {
  /** Bin centres, Float32Array [nBins], sigma_AA. */
  readonly r: Float32Array;
  /** One curve per unordered species pair ('A-A', 'A-B', 'B-B', ...), Float32Array [nBins]; NaN where undefined. */
  readonly pairs: ReadonlyArray<{ readonly label: string; readonly g: Float32Array }>;
}

/** One frame as the webview draws it. */
export interface PreviewFrame {
  /** 0-based frame index and its MD timestep. */
  readonly index: number;
  readonly timestep: number;
  /** Float32Array row-major [n x 3], sigma_AA, folded into the periodic cell. */
  readonly positions: Float32Array;
  /** Uint8Array [n], index into TrajectorySummary.speciesNames. */
  readonly species: Uint8Array;
  /** Every per-atom column of the frame, Float32Array [n] each, in file order. */
  readonly columns: ReadonlyArray<{ readonly name: string; readonly values: Float32Array }>;
  /** Cell edge vectors for drawing the box (as SnapshotOutput.cell), null for open boundaries. */
  readonly cell: SnapshotOutput['cell'];
  /** Partial g(r), or null when it could not be computed (then `grError` says why). */
  readonly gr: FramePairCorrelation | null;
  readonly grError?: string;
}

/** Worker (and host) -> webview. */
export type PreviewToWebview =
  /** Frame 0 is decoded: what the file holds. `frames` = frames indexed so far. */
  | { readonly type: 'summary'; readonly summary: TrajectorySummary; readonly frames: number; readonly indexing: boolean }
  /** Indexing progress: complete frames so far and bytes read of the file. */
  | { readonly type: 'progress'; readonly frames: number; readonly bytesDone: number; readonly totalBytes: number }
  /**
   * Indexing is over: the final frame count and the timestep of the last frame; `error` when a
   * malformed or truncated part stopped it (the frames before it stay viewable).
   */
  | { readonly type: 'indexed'; readonly frames: number; readonly lastTimestep: number | null; readonly error?: PreviewError }
  /** The answer to `requestFrame` number `request`. */
  | { readonly type: 'frame'; readonly request: number; readonly frame: PreviewFrame }
  /** Frame `frame` (asked by `request`) cannot be read. */
  | { readonly type: 'frameError'; readonly request: number; readonly frame: number; readonly error: PreviewError }
  /** The file cannot be opened at all (nothing to show but this). */
  | { readonly type: 'fatal'; readonly error: PreviewError }
  /** Host only: bring the g(r) panel into view (command "Softness: Show g(r) of Current Frame"). */
  | { readonly type: 'revealPairCorrelation' }
  /**
   * Host only: the file changed on disk; a new worker reads it and its `summary` follows. The page
   * drops everything it shows of the old content and starts over at frame 0.
   */
  | { readonly type: 'fileChanged' };

/** Webview -> host (-> worker for `requestFrame`). */
export type WebviewToPreview =
  /** The webview script is listening; the host (re)sends what it knows. */
  | { readonly type: 'ready' }
  /** Read frame `frame`; only the newest pending request is served (older ones are dropped). */
  | { readonly type: 'requestFrame'; readonly request: number; readonly frame: number }
  /** Button "Open in Softness Notebook". */
  | { readonly type: 'openInNotebook' }
  /** After `revealPairCorrelation`: the g(r) of frame `frame` is drawn and in view (null: the file has no frame to show). */
  | { readonly type: 'pairCorrelationShown'; readonly frame: number | null };

/** Host -> worker: a frame request forwarded from the webview, or `close` (editor closed: stop indexing, close the file, exit). */
export type HostToPreviewWorker =
  | { readonly type: 'requestFrame'; readonly request: number; readonly frame: number }
  | { readonly type: 'close' };

/** `workerData` of the preview worker. */
export interface PreviewWorkerData {
  /** The trajectory to preview (absolute path). */
  readonly file: string;
  /** Largest g(r) distance (sigma_AA) and bin width. */
  readonly grMax: number;
  readonly grBin: number;
}

/**
 * The buffers of a frame's typed arrays, each once, to transfer (worker_threads) instead of
 * copying. Every array of a PreviewFrame must own its whole buffer (previewFrame builds them so).
 */
export function frameTransferables(frame: PreviewFrame): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [frame.positions, frame.species, ...frame.columns.map((c) => c.values)];
  if (frame.gr) arrays.push(frame.gr.r, ...frame.gr.pairs.map((p) => p.g));
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}
