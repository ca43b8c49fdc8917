import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { computeStructureFunctionsParallel } from '../../features/parallel';
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
 * Structure functions for a list of frames, in batches: each batch is computed on all cores
 * (worker threads, when the bundled featureWorker.js is next to the running code, as in the CLI
 * and the extension) or on this thread otherwise, then handed to `onResult` and dropped — so
 * memory holds one batch of frames and their features, never the whole trajectory's.
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
  const threads = workerAvailable() ? availableParallelism() : 1;
  const batchSize = Math.max(1, 2 * threads);
  const started = performance.now();
  let environments = 0;
  for (let first = 0; first < jobs.length; first += batchSize) {
    await ctx.checkpoint();
    const batch = jobs.slice(first, first + batchSize);
    const frames = batch.map((job) => traj.trajectory.readFrame(traj.frames[job.row]));
    const results =
      threads > 1
        ? await computeStructureFunctionsParallel(frames.map((frame, k) => ({ frame, centers: batch[k].centers })), spec, { threads })
        : frames.map((frame, k) => computeStructureFunctions(frame, spec, batch[k].centers));
    results.forEach((matrix, k) => {
      environments += matrix.nRows;
      onResult(first + k, frames[k], matrix);
    });
    const done = Math.min(first + batchSize, jobs.length);
    const seconds = (performance.now() - started) / 1000;
    const eta = (seconds / done) * (jobs.length - done);
    ctx.progress(`${label}: frame ${done}/${jobs.length}, ${(environments / seconds).toFixed(0)} environments/s, ETA ${eta.toFixed(0)} s`, done / jobs.length);
  }
  return threads;
}

/** The worker bundle parallel.ts starts (dist/featureWorker.js beside the running bundle). */
function workerAvailable(): boolean {
  return existsSync(path.join(__dirname, 'featureWorker.js'));
}
