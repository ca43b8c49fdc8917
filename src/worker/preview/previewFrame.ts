import { partialPairCorrelation, type PairCorrelationFrame } from '../../core/analysis/pairCorrelation';
import { wrapIntoCell, type Box } from '../../core/geometry/box';
import { TrajectoryError, type Frame, type Trajectory } from '../../core/io/frame';
import type { SnapshotOutput } from '../../core/lang/outputs';
import type { FramePairCorrelation, PreviewError, PreviewFrame, TrajectorySummary } from '../../protocol/previewMessages';

/** g(r) of larger frames is computed from an evenly spaced subset of this many particles. */
export const PAIR_CORRELATION_PARTICLES = 10_000;

/** Range and resolution of the preview's partial g(r), sigma_AA. */
export interface PairCorrelationSettings {
  readonly rMax: number;
  readonly binWidth: number;
}

/**
 * The summary of a trajectory from its frame 0: N, species and their counts, dimension, box
 * (with tilt factors), per-atom columns and the first timestep (protocol TrajectorySummary).
 */
export function trajectorySummary(trajectory: Trajectory, frame0: Frame): TrajectorySummary {
  const speciesCounts = trajectory.speciesNames.map(() => 0);
  for (const s of frame0.species) speciesCounts[s]++;
  return {
    file: trajectory.path,
    format: trajectory.format,
    n: frame0.n,
    dimension: frame0.dimension,
    speciesNames: trajectory.speciesNames,
    speciesCounts,
    box: frame0.box,
    columns: [...frame0.columns.keys()],
    firstTimestep: frame0.timestep,
  };
}

/**
 * Frame `frame` as the webview draws it: positions folded into the periodic cell as
 * Float32Array [n x 3] (sigma_AA), species, every per-atom column as Float32Array [n], the cell
 * vectors, and the partial g_ab(r) (core/analysis/pairCorrelation.ts). Every array owns its
 * buffer, so all can be transferred. g(r) of a frame above PAIR_CORRELATION_PARTICLES particles
 * comes from every k-th particle (k = ceil(n / 10,000)): an independent thinning of a point
 * process leaves g(r) unchanged (only the noise grows, to that of a 10,000-particle frame), and
 * it keeps a 100,000-particle frame interactive (the pair count falls as k^2). A g(r) failure (e.g. an open-boundary frame with
 * zero extent) is reported in `grError` instead of failing the frame.
 */
export function previewFrame(frame: Frame, speciesNames: readonly string[], settings: PairCorrelationSettings): PreviewFrame {
  let gr: FramePairCorrelation | null = null;
  let grError: string | undefined;
  try {
    gr = pairCorrelationOf(thinned(frame, Math.ceil(frame.n / PAIR_CORRELATION_PARTICLES)), speciesNames, settings);
  } catch (error) {
    grError = (error as Error).message;
  }
  return {
    index: frame.index,
    timestep: frame.timestep,
    positions: Float32Array.from(frame.box ? wrapIntoCell(frame.box, frame.positions) : frame.positions),
    species: frame.species.slice(),
    columns: [...frame.columns].map(([name, values]) => ({ name, values: Float32Array.from(values) })),
    cell: frame.box ? cellOf(frame.box) : null,
    gr,
    ...(grError === undefined ? {} : { grError }),
  };
}

function pairCorrelationOf(
  frame: PairCorrelationFrame,
  speciesNames: readonly string[],
  settings: PairCorrelationSettings,
): FramePairCorrelation {
  const { r, pairs } = partialPairCorrelation(frame, speciesNames, settings);
  return { r: Float32Array.from(r), pairs: pairs.map((p) => ({ label: p.label, g: Float32Array.from(p.g) })) };
}

/** Every `stride`-th particle of `frame` (the frame itself for stride 1). */
function thinned(frame: Frame, stride: number): PairCorrelationFrame {
  if (stride <= 1) return frame;
  const n = Math.ceil(frame.n / stride);
  const positions = new Float64Array(3 * n);
  const species = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    positions.set(frame.positions.subarray(3 * i * stride, 3 * i * stride + 3), 3 * i);
    species[i] = frame.species[i * stride];
  }
  return { n, dimension: frame.dimension, box: frame.box, positions, species };
}

/** Edge vectors a, b, c and origin of a LAMMPS restricted-triclinic cell (SnapshotOutput.cell). */
function cellOf(box: Box): NonNullable<SnapshotOutput['cell']> {
  return { origin: [...box.lo], a: [box.lx, 0, 0], b: [box.xy, box.ly, 0], c: [box.xz, box.yz, box.lz] };
}

/** Any failure as the preview shows it; a TrajectoryError keeps its file, frame and line. */
export function previewError(error: unknown, file: string): PreviewError {
  if (error instanceof TrajectoryError)
    return { file: error.file, line: error.where.line, frame: error.where.frame, message: error.message };
  return { file, message: error instanceof Error ? error.message : String(error) };
}
