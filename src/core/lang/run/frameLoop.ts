import { Unwrapper } from '../../dynamics/unwrap';
import type { Frame } from '../../io/frame';
import type { RunContext } from '../context';
import type { TrajectoryValue } from '../values';

/**
 * Visits the given rows of a trajectory value's selected frames in order, one frame in memory at
 * a time, reporting progress ("label: frame k/K, X frames/s") and honouring cancellation
 * between frames. The one frame loop every statement uses.
 */
export async function forEachFrame(
  traj: TrajectoryValue,
  rows: ArrayLike<number>,
  ctx: RunContext,
  label: string,
  visit: (frame: Frame, row: number, k: number) => void,
): Promise<void> {
  const start = performance.now();
  for (let k = 0; k < rows.length; k++) {
    await ctx.checkpoint();
    const row = rows[k];
    visit(traj.trajectory.readFrame(traj.frames[row]), row, k);
    const seconds = (performance.now() - start) / 1000;
    const rate = (k + 1) / Math.max(seconds, 1e-9);
    const eta = (rows.length - k - 1) / rate;
    ctx.progress(`${label}: frame ${k + 1}/${rows.length}, ${rate.toFixed(1)} frames/s, ETA ${eta.toFixed(0)} s`, (k + 1) / rows.length);
  }
}

/** 0, 1, ..., count - 1 as an Int32Array (every selected frame). */
export function allRows(count: number): Int32Array {
  return Int32Array.from({ length: count }, (_, k) => k);
}

/**
 * Unwrapped positions of every selected frame, Float64Array row-major [nFrames x n x 3] (sigma_AA),
 * streaming frame by frame through `Unwrapper` (file unwrapped columns or consecutive-frame
 * minimum image). Memory: this array only (8 bytes x 3 x n x nFrames).
 */
export async function readUnwrapped(traj: TrajectoryValue, ctx: RunContext): Promise<Float64Array> {
  const n = traj.n;
  const out = new Float64Array(traj.frames.length * n * 3);
  const unwrapper = new Unwrapper();
  await forEachFrame(traj, allRows(traj.frames.length), ctx, 'unwrapping', (frame, row) => {
    unwrapper.push(frame, out.subarray(row * n * 3, (row + 1) * n * 3));
  });
  return out;
}

/** Frame spacing of a trajectory value in tau; throws when fewer than two frames are selected. */
export function frameSpacing(traj: TrajectoryValue): number {
  if (traj.times.length < 2) throw new RangeError('this needs at least two frames');
  return traj.times[1] - traj.times[0];
}

/**
 * Longest lag in frames for a `maxLag` argument in tau, as `overlap` and `msd` read it: a negative
 * value means half the selected frames; never more than nFrames - 1. Throws like `frameSpacing`.
 */
export function lagFrames(traj: TrajectoryValue, maxLag: number): number {
  const nFrames = traj.frames.length;
  return Math.min(nFrames - 1, maxLag < 0 ? Math.floor(nFrames / 2) : Math.round(maxLag / frameSpacing(traj)));
}
