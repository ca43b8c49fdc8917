import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Box } from '../geometry/box';
import { featureLayout, featureNames } from './names';
import { validateFeatureSpec, type FeatureSpec } from './spec';
import type { FeatureMatrix, SpeciesPositions } from './structureFunctions';

/** One frame and the particle rows to featurize in it (default: all rows). */
export interface FeatureJob {
  frame: SpeciesPositions;
  centers?: Int32Array;
}

/** Main thread -> featureWorker.js: only the arrays the computation reads (no Frame columns). */
export interface FeatureJobMessage {
  id: number;
  spec: FeatureSpec;
  frame: { n: number; dimension: 2 | 3; box: Box | null; positions: Float64Array; species: Uint8Array };
  centers: Int32Array;
}

/** featureWorker.js -> main thread. */
export type FeatureResultMessage = { id: number; values: Float32Array; nFeatures: number } | { id: number; error: string };

export interface ParallelOptions {
  /** Worker threads (default: os.availableParallelism()). */
  threads?: number;
  /** Bundled worker script (default: featureWorker.js next to the running bundle, __dirname). */
  workerPath?: string;
  /** Centers per work piece (default 256), so one big frame is shared by all threads too. */
  piece?: number;
}

/**
 * A set of worker threads computing structure functions. Keep one pool for many calls: each
 * worker compiles the kernels once (JIT warm-up), which a pool per call would repeat.
 */
export class FeaturePool {
  readonly threads: number;
  private readonly piece: number;
  private readonly workers: Worker[];
  private busy = false;
  private closed = false;

  /**
   * Starts the workers.
   * @throws RangeError for threads or piece not an integer >= 1; Error when the worker script
   *   is missing (naming its path: build it with `npm run build`).
   */
  constructor(options: ParallelOptions = {}) {
    this.piece = options.piece ?? 256;
    this.threads = options.threads ?? availableParallelism();
    for (const [name, v] of [
      ['piece', this.piece],
      ['threads', this.threads],
    ] as const) {
      if (!(Number.isInteger(v) && v >= 1)) throw new RangeError(`features (parallel): ${name} must be an integer >= 1, got ${v}`);
    }
    const workerPath = options.workerPath ?? path.join(__dirname, 'featureWorker.js');
    if (!existsSync(workerPath)) {
      throw new Error(`features (parallel): worker script ${workerPath} not found (build it with \`npm run build\`)`);
    }
    this.workers = Array.from({ length: this.threads }, () => new Worker(workerPath));
  }

  /**
   * computeStructureFunctions for each job; results are bit-identical to the single-thread
   * call. Jobs are cut into pieces of `piece` centers handed to idle workers (each piece rebins
   * its frame: O(n), small next to the pieces' environments). One call at a time per pool.
   *
   * @returns one FeatureMatrix per job, values Float32Array row-major [centers.length x nFeatures].
   * @throws (rejects) RangeError for an invalid spec; Error when the pool is busy or closed, a
   *   worker crashes, or a piece fails (naming the job and center range and the cause, e.g. a
   *   species index outside speciesNames); after a failure the pool is closed.
   * Source: [Cubuk2015] Eqs. 1-2 (see structureFunctions.ts).
   */
  async compute(jobs: FeatureJob[], spec: FeatureSpec): Promise<FeatureMatrix[]> {
    validateFeatureSpec(spec);
    if (this.closed) throw new Error('features (parallel): this FeaturePool is closed (after close() or a failed call)');
    if (this.busy) throw new Error('features (parallel): this FeaturePool is already computing (one call at a time)');
    const { nFeatures } = featureLayout(spec);
    const names = featureNames(spec);
    const results: FeatureMatrix[] = [];
    const pieces: Array<{ job: number; first: number; message: FeatureJobMessage }> = [];
    jobs.forEach(({ frame, centers }, job) => {
      const rows = centers ?? Int32Array.from({ length: frame.n }, (_, i) => i);
      results.push({ values: new Float32Array(rows.length * nFeatures), nRows: rows.length, nFeatures, names });
      const { n, dimension, box, positions, species } = frame;
      for (let first = 0; first < rows.length; first += this.piece) {
        const message = {
          id: pieces.length,
          spec,
          frame: { n, dimension, box, positions, species },
          centers: rows.slice(first, first + this.piece),
        };
        pieces.push({ job, first, message });
      }
    });
    if (pieces.length === 0) return results;
    this.busy = true;
    try {
      await new Promise<void>((resolve, reject) => {
        let next = 0;
        let done = 0;
        const dispatch = (w: Worker) => {
          if (next < pieces.length) w.postMessage(pieces[next++].message);
        };
        const settle = (error?: Error) => {
          for (const w of this.workers) w.removeAllListeners('message').removeAllListeners('error');
          if (error) reject(error);
          else resolve();
        };
        for (const w of this.workers) {
          w.on('message', (reply: FeatureResultMessage) => {
            const { job, first, message } = pieces[reply.id];
            if ('error' in reply) {
              settle(new Error(`features (parallel): job ${job}, centers ${first}..${first + message.centers.length - 1}: ${reply.error}`));
              return;
            }
            results[job].values.set(reply.values, first * nFeatures);
            if (++done === pieces.length) settle();
            else dispatch(w);
          });
          w.on('error', (e: Error) => settle(new Error(`features (parallel): a worker failed: ${e.message}`)));
        }
        this.workers.forEach(dispatch);
      });
    } catch (e) {
      // Other workers may still be busy with this call's pieces: retire the pool rather than
      // let their late replies reach the next call.
      await this.close();
      throw e;
    } finally {
      this.busy = false;
    }
    return results;
  }

  /** Terminates the workers; later compute calls reject. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * One-off convenience: a FeaturePool for this call only (workers start cold; prefer a pool for
 * repeated calls). Same results and errors as FeaturePool.compute.
 */
export async function computeStructureFunctionsParallel(
  jobs: FeatureJob[],
  spec: FeatureSpec,
  options: ParallelOptions = {},
): Promise<FeatureMatrix[]> {
  const pool = new FeaturePool(options);
  try {
    return await pool.compute(jobs, spec);
  } finally {
    await pool.close();
  }
}
