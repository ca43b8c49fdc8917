import type { ModelProvenance } from '../core/learn/model';

/**
 * Messages of the model preview (custom editor `softness.modelPreview` for `*.softness.json`):
 * extension host <-> webview, and the model preview worker -> host. Curves are typed arrays
 * (VS Code's webview postMessage and worker_threads send them as binary); they are short
 * (a few hundred points per curve).
 */

/** One trained central species as the summary table shows it. */
export interface SpeciesSummary {
  readonly species: string;
  /** Training environments per class. */
  readonly soft: number;
  readonly hard: number;
  /** SVM penalty C and loss. */
  readonly C: number;
  readonly loss: string;
  /** Whether the SVM solver converged, and its iterations. */
  readonly converged: boolean;
  readonly iterations: number;
  /** Accuracies in [0, 1], or null when not measured. */
  readonly cvAccuracy: number | null;
  readonly testAccuracy: number | null;
  /** S of a particle with no neighbour inside the cut-offs (weightFunction.ts SpeciesWeights.intercept). */
  readonly intercept: number;
}

/** What the preview shows of a model file besides the weights. */
export interface ModelSummary {
  /** The model file (absolute path). */
  readonly file: string;
  readonly version: number;
  readonly speciesNames: readonly string[];
  /** Feature preset name, or null for a custom spec. */
  readonly preset: string | null;
  readonly nFeatures: number;
  /** Radial functions: centres range, count, width, convention, cut-off (sigma_AA); null when unused. */
  readonly radial: {
    readonly count: number;
    readonly muMin: number;
    readonly muMax: number;
    readonly width: number;
    readonly convention: string;
    readonly rCut: number;
  } | null;
  /** Angular functions: triples per species pair and cut-off; null when unused. */
  readonly angular: { readonly triples: number; readonly rCut: number } | null;
  readonly species: readonly SpeciesSummary[];
  /** The model's global metrics (e.g. testAccuracy, cvAccuracy), each a number or null. */
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly provenance: ModelProvenance;
}

/** The weights of one central species (see src/core/learn/weightFunction.ts for the physics). */
export interface SpeciesWeightCurves {
  readonly species: string;
  /**
   * One per neighbour species: mus and standardised w_k, Float64Array [nMus]; w_XY(r), Float64Array [nR];
   * denseFrom, where training environments start to have such neighbours (sigma_AA, or null).
   */
  readonly radial: ReadonlyArray<{
    readonly neighbor: string;
    readonly mus: Float64Array;
    readonly standardized: Float64Array;
    readonly perNeighbor: Float64Array;
    readonly denseFrom: number | null;
  }>;
  /** One per angular feature, in feature order. */
  readonly angular: ReadonlyArray<{
    readonly pair: string;
    readonly xi: number;
    readonly zeta: number;
    readonly lambda: number;
    readonly standardized: number;
    readonly perUnit: number;
  }>;
}

export interface ModelWeightCurves {
  /** Radii of every perNeighbor curve, Float64Array [nR] (sigma_AA). */
  readonly r: Float64Array;
  readonly radialCut: number | null;
  readonly species: readonly SpeciesWeightCurves[];
}

/** Partial g(r) of the training trajectory, averaged over some of its frames. */
export interface TrainingPairCorrelation {
  /** The trajectory read and the frames averaged. */
  readonly file: string;
  readonly frames: readonly number[];
  /** Bin centres, Float64Array [nBins] (sigma_AA). */
  readonly r: Float64Array;
  /** One per unordered species pair, labels 'A-B' (species names of the trajectory), Float64Array [nBins]. */
  readonly pairs: ReadonlyArray<{ readonly label: string; readonly a: string; readonly b: string; readonly g: Float64Array }>;
}

/** Where "Apply to Trajectory…" stands, for the button and the note beside it. */
export type ApplyState = 'running' | 'done' | 'failed' | 'cancelled';

/** Host -> webview. */
export type ModelPreviewToWebview =
  /** The model file parsed: its summary and weights. */
  | { readonly type: 'model'; readonly summary: ModelSummary; readonly weights: ModelWeightCurves }
  /** The model file cannot be shown: the message names the file and the bad field or JSON error. */
  | { readonly type: 'error'; readonly message: string }
  /** g(r) of the training trajectory: being computed, ready, or unavailable (and why). */
  | { readonly type: 'pairCorrelation'; readonly state: 'computing'; readonly file: string }
  | { readonly type: 'pairCorrelation'; readonly state: 'ready'; readonly result: TrainingPairCorrelation }
  | { readonly type: 'pairCorrelation'; readonly state: 'unavailable'; readonly reason: string }
  /** Progress of "Apply to Trajectory…" started from this preview. */
  | { readonly type: 'apply'; readonly state: ApplyState; readonly message: string };

/** Webview -> host. */
export type ModelPreviewToHost =
  /** The webview script is listening; the host (re)sends the model and g(r). */
  | { readonly type: 'ready' }
  /** Button "Apply to Trajectory…". */
  | { readonly type: 'apply' };

/**
 * `workerData` of the model preview worker (src/worker/modelPreviewWorker.ts), which reads the
 * model file, its weight curves and the training trajectory's g(r) off the extension host thread.
 */
export interface ModelPreviewWorkerData {
  /** The model file (absolute path). */
  readonly modelFile: string;
  /**
   * Absolute folders the training trajectory may be read from (the model's folder and the
   * workspace folders), or null when no other file may be read (an untrusted workspace).
   */
  readonly readableRoots: readonly string[] | null;
}

/**
 * Model preview worker -> host, in this order: `model` or `error`; then, for a model, the g(r)
 * states (`computing` then `ready` or `unavailable`, or `unavailable` alone). The worker exits
 * after its last message.
 */
export type ModelPreviewWorkerMessage = Exclude<ModelPreviewToWebview, { type: 'apply' }>;

/** What the worker computes g(r) of (src/worker/modelPreviewData.ts trainingPairCorrelationRequest). */
export interface PairCorrelationWorkerData {
  readonly file: string;
  /** Frames to average (those beyond the file's end are skipped). */
  readonly frames: readonly number[];
  readonly rMax: number;
  readonly binWidth: number;
}

/** The g(r) computation's result, or the error that stopped it. */
export type PairCorrelationWorkerResult =
  | { readonly ok: true; readonly result: TrainingPairCorrelation }
  | { readonly ok: false; readonly message: string };
