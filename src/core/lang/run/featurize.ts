import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { FeaturePool } from '../../features/parallel';
import type { FeatureSpec } from '../../features/spec';
import { computeStructureFunctions, type FeatureMatrix } from '../../features/structureFunctions';
import type { Frame } from '../../io/frame';
import type { RunContext } from '../context';
import type { TrajectoryValue } from '../values';

/** One frame (a row of the trajectory's selection) and the particles to featurize in it (default: all). */
export interface FrameJob {
  readonly row: number;
  readonly centers?: Int32Array;
}

/**
 * Structure functions for a list of frames, in batches of about BATCH_ENVIRONMENTS environments:
 * each batch is computed on all cores (a FeaturePool of worker threads, when the bundled
 * featureWorker.js is next to the running code, as in the CLI and the extension) or on this
 * thread otherwise, then handed to `onResult` and dropped — so memory holds one batch of frames
 * and their features, never the whole trajectory's.
 * Progress ("label: frame k/K, X environments/s, ETA s") and cancellation happen between batches.
 * Returns the number of threads used.
 */
export async function featurizeFrames(
  traj: TrajectoryValue,
  jobs: readonly FrameJob[],
  spec: FeatureSpec,
  ctx: RunContext,
  label: string,
  onResult: (index: number, frame: Frame, features: FeatureMatrix) => void,
): Promise<number> {
  const environmentsOf = (job: FrameJob): number => job.centers?.length ?? traj.n;
  const total = jobs.reduce((sum, job) => sum + environmentsOf(job), 0);
  // Threads pay off only with enough work to share; the pool lives for this one call.
  const threads = ctx.threads > 0 ? ctx.threads : availableParallelism();
  const pool = workerAvailable() && threads > 1 && total >= 2 * BATCH_ENVIRONMENTS ? new FeaturePool({ threads }) : null;
  const started = performance.now();
  let environments = 0;
  try {
    for (let first = 0; first < jobs.length; ) {
      await ctx.checkpoint();
      // A batch holds about BATCH_ENVIRONMENTS environments: many frames of a sparse training
      // set, a few frames of a whole-system softness pass.
      let end = first;
      let size = 0;
      while (end < jobs.length && (end === first || size + environmentsOf(jobs[end]) <= BATCH_ENVIRONMENTS))
        size += environmentsOf(jobs[end++]);
      const batch = jobs.slice(first, end);
      const frames = batch.map((job) => traj.trajectory.readFrame(traj.frames[job.row]));
      const results = pool
        ? await pool.compute(
            frames.map((frame, k) => ({ frame, centers: batch[k].centers })),
            spec,
          )
        : frames.map((frame, k) => computeStructureFunctions(frame, spec, batch[k].centers));
      for (const [k, matrix] of results.entries()) onResult(first + k, frames[k], matrix);
      environments += size;
      first = end;
      const seconds = (performance.now() - started) / 1000;
      const eta = (seconds / environments) * (total - environments);
      ctx.progress(
        `${label}: frame ${end}/${jobs.length}, ${(environments / seconds).toFixed(0)} environments/s, ETA ${eta.toFixed(0)} s`,
        environments / total,
      );
    }
  } finally {
    await pool?.close();
  }
  return pool?.threads ?? 1;
}

/** Environments per batch: large enough to keep every worker busy, small enough to bound memory. */
const BATCH_ENVIRONMENTS = 4096;

/** The worker bundle FeaturePool starts (dist/featureWorker.js beside the running bundle). */
function workerAvailable(): boolean {
  return existsSync(path.join(__dirname, 'featureWorker.js'));
}
