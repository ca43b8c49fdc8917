import { existsSync, rmSync } from 'node:fs';
import { TrajectoryError, type Frame, type Trajectory } from '../../src/core/io/frame';
import { gunzipCachePath } from '../../src/core/io/gunzip';
import { openTrajectory } from '../../src/core/io/open';
import { openTrajectoryStreaming } from '../../src/core/io/openStreaming';
import { buildNeighborList } from '../../src/core/neighbors/cellList';
import { contractBreak, frameDigest } from './frameContract';

/**
 * What a mutation may do to the seed's meaning:
 * - `any`: the input may be anything; a success must satisfy the Frame contract;
 * - `same`: the mutation does not change meaning (whitespace, line endings): a success must
 *   give exactly the seed's frames;
 * - `prefix`: the file was cut; a success must give exactly the seed's first frames (a cut
 *   between frames), anything else must be an error;
 * - `error`: the input is known to be broken (kept regression fixtures): only an error is right.
 */
export type Expectation = 'any' | 'same' | 'prefix' | 'error';

/** Columns of the outcome table (the classes). */
export const OUTCOMES = ['error', 'frames', 'crash', 'hang', 'oom', 'contract', 'silent'] as const;
export type OutcomeKind = (typeof OUTCOMES)[number];

export interface Outcome {
  readonly kind: OutcomeKind;
  readonly detail: string;
  readonly ms: number;
}

/** A case slower than this counts as a hang (inputs are a few kB; a normal case takes milliseconds). */
export const HANG_MS = 3000;
/** Cut-off of the neighbour search run on frame 0 of every success (sigma_AA, as a model would). */
const PROBE_RCUT = 2.5;

const ALLOCATION = /allocation failed|invalid (typed )?array length|invalid size|out of memory|array buffer/i;

/** How the input is opened: openTrajectory (whole index first), or openTrajectoryStreaming (as the previews do). */
export type OpenMode = 'whole' | 'streaming';

/**
 * Opens `path` (`mode`), reads every frame, checks them (contractBreak), runs the neighbour
 * search on frame 0, and classifies what happened against `expect` and the seed's frame
 * digests. Never rejects.
 */
export async function runCase(path: string, expect: Expectation, seed: readonly string[], mode: OpenMode = 'whole'): Promise<Outcome> {
  const start = performance.now();
  const result = await classify(path, expect, seed, mode);
  const ms = performance.now() - start;
  if (path.toLowerCase().endsWith('.gz')) removeCachedCopy(path);
  return ms > HANG_MS ? { kind: 'hang', detail: `${ms.toFixed(0)} ms; ${result.detail}`, ms } : { ...result, ms };
}

async function open(path: string, mode: OpenMode): Promise<Trajectory> {
  if (mode === 'whole') return openTrajectory(path);
  const streaming = await openTrajectoryStreaming(path);
  try {
    await streaming.indexed;
  } catch (e) {
    streaming.close();
    throw e;
  }
  return streaming;
}

async function classify(path: string, expect: Expectation, seed: readonly string[], mode: OpenMode): Promise<Omit<Outcome, 'ms'>> {
  let trajectory: Trajectory | null = null;
  const frames: Frame[] = [];
  try {
    trajectory = await open(path, mode);
    for (let k = 0; k < trajectory.frameCount; k++) frames.push(trajectory.readFrame(k));
    const broken = contractBreak(trajectory, frames);
    if (broken) return { kind: 'contract', detail: broken };
    // A few centers: the search's bounds (cells, images, pairs) apply all the same, at a fraction of the cost.
    const centers = Int32Array.from({ length: Math.min(frames[0].n, 8) }, (_, i) => i);
    buildNeighborList(frames[0], PROBE_RCUT, centers);
  } catch (e) {
    return thrown(e, path);
  } finally {
    trajectory?.close();
  }
  if (expect === 'error') return { kind: 'silent', detail: `a broken input gave ${frames.length} frames` };
  const digests = frames.map(frameDigest);
  if (expect === 'same' && digests.join('\n') !== seed.join('\n'))
    return { kind: 'silent', detail: 'meaning-preserving mutation changed the frames' };
  if (expect === 'prefix' && (digests.length > seed.length || digests.some((d, k) => d !== seed[k]))) {
    return { kind: 'silent', detail: `a cut file gave ${digests.length} frames that are not the seed's first ones` };
  }
  return { kind: 'frames', detail: `${frames.length} frames` };
}

/** A clean error names the file (TrajectoryError) or is the neighbour search's bound; the rest is a crash or an OOM. */
function thrown(e: unknown, path: string): Omit<Outcome, 'ms'> {
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  if (ALLOCATION.test(message)) return { kind: 'oom', detail: message };
  if (e instanceof TrajectoryError && e.message.startsWith(path)) return { kind: 'error', detail: message };
  if (e instanceof RangeError && e.message.startsWith('neighbour search:')) return { kind: 'error', detail: message };
  return { kind: 'crash', detail: `${message}\n${e instanceof Error ? e.stack : ''}` };
}

function removeCachedCopy(path: string): void {
  try {
    const cached = gunzipCachePath(path);
    if (existsSync(cached)) rmSync(cached, { force: true });
  } catch {
    // The input is gone already.
  }
}
