import type { Frame } from '../io/frame';

/**
 * Argument checks shared by the dynamics routines, so that every entry point rejects a bad
 * trajectory shape with the same clear message instead of reading past the array or returning NaN.
 */

/**
 * Throws RangeError unless `value` is an integer >= `min`.
 * `name` is the parameter as the caller knows it (e.g. "pHop: windowFrames").
 */
export function requireInteger(name: string, value: number, min: number): void {
  if (!(Number.isInteger(value) && value >= min)) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}

/**
 * Checks that a per-frame, per-particle array has `nFrames * n * width` entries (width 3 for
 * unwrapped positions [nFrames x n x 3], 1 for a field such as pHop [nFrames x n]).
 * Throws RangeError naming `name` and the expected layout otherwise.
 */
export function requireFrameArray(name: string, array: ArrayLike<number>, nFrames: number, n: number, width: 1 | 3): void {
  requireInteger(`${name}: nFrames`, nFrames, 1);
  requireInteger(`${name}: n`, n, 1);
  const expected = nFrames * n * width;
  if (array.length !== expected) {
    const layout = width === 3 ? `[nFrames x n x 3] = [${nFrames} x ${n} x 3]` : `[nFrames x n] = [${nFrames} x ${n}]`;
    throw new RangeError(`${name}: array has ${array.length} entries, expected ${expected} for row-major ${layout}`);
  }
}

/** "frame 7 (timestep 7000)": how error messages name a frame. */
export function describeFrame(frame: Frame): string {
  return `frame ${frame.index} (timestep ${frame.timestep})`;
}

/**
 * Throws Error naming `frame` (index and timestep) unless it has the same N and the same atom
 * ids, row by row, as `reference`; the dynamics compare row i across frames as one particle.
 */
export function checkSameParticles(reference: Frame, frame: Frame): void {
  if (frame.n !== reference.n) {
    throw new Error(`${describeFrame(frame)} has N = ${frame.n} particles, expected N = ${reference.n} as in ${describeFrame(reference)}`);
  }
  const a = reference.ids;
  const b = frame.ids;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      throw new Error(
        `${describeFrame(frame)}: atom id at row ${i} is ${b[i]}, expected ${a[i]} as in ${describeFrame(reference)} (ids changed)`,
      );
    }
  }
}
