import { minimumImage } from '../geometry/box';
import type { Frame } from '../io/frame';
import { checkSameParticles, describeFrame } from './shape';

/**
 * Streaming unwrapper: accepts the frames of one trajectory in order and returns each frame's
 * unwrapped positions, keeping only the previous frame's positions (and the first frame, for its ids)
 * in memory.
 *
 * When the first frame carries `unwrapped` (file columns `xu yu zu` or image flags) those are used
 * for every frame. Otherwise the unwrapped position is accumulated from the displacement between
 * consecutive frames, r_u(k) = r_u(k-1) + MI_k(r(k) - r(k-1)), where MI_k is the minimum image in
 * frame k's (the LATER frame's) box. Using the later box keeps this correct for sheared triclinic
 * cells whose tilt changes or flips between dumps (LAMMPS fix deform): the wrapped positions of
 * frame k live in frame k's cell. The result is the sum of the particle's own small steps; under
 * a changing tilt it differs from image-flag unwrapping x + iy*xy(t) (which also carries the
 * affine drift of the image offset) by iy * (change of xy) for particles that crossed a y face.
 *
 * Assumption (not checkable from positions alone): no particle moves more than half a
 * perpendicular box width between two consecutive frames; dump often enough for that to hold.
 * Open boundaries (`box: null`) need no unwrapping and are copied.
 */
export class Unwrapper {
  private first: Frame | null = null;
  // Private copies (the reader or the caller may reuse their buffers for the next frame).
  private previousPositions = new Float64Array(0);
  private previousUnwrapped = new Float64Array(0);

  /**
   * Unwraps the next frame and writes its positions, row-major [n x 3] in the trajectory's length
   * unit (sigma_AA), to `out` (allocated when omitted), which is returned.
   * Throws Error naming the frame (index and timestep) when N or the atom ids differ from the
   * first frame, when the trajectory mixes frames with and without file-unwrapped positions, or
   * when `out` does not have 3n entries.
   */
  push(frame: Frame, out?: Float64Array): Float64Array {
    const first = this.first;
    if (first !== null) checkSameParticles(first, frame);
    const target = out ?? new Float64Array(3 * frame.n);
    if (target.length !== 3 * frame.n) {
      throw new RangeError(`unwrap: ${describeFrame(frame)}: output array has ${target.length} entries, expected 3n = ${3 * frame.n}`);
    }
    if (first === null) {
      this.first = frame;
      target.set(frame.unwrapped ?? frame.positions);
    } else {
      if ((first.unwrapped === null) !== (frame.unwrapped === null)) {
        throw new Error(
          `unwrap: ${describeFrame(frame)} ${frame.unwrapped ? 'has' : 'lacks'} unwrapped positions but ${describeFrame(first)} ` +
            `${first.unwrapped ? 'has' : 'lacks'} them; a trajectory must be consistent`,
        );
      }
      if (frame.unwrapped) target.set(frame.unwrapped);
      else accumulateDisplacement(frame, this.previousPositions, this.previousUnwrapped, target);
    }
    if (this.previousUnwrapped.length !== target.length) {
      this.previousPositions = new Float64Array(target.length);
      this.previousUnwrapped = new Float64Array(target.length);
    }
    this.previousPositions.set(frame.positions);
    this.previousUnwrapped.set(target);
    return target;
  }
}

/**
 * Unwrapped positions of a whole trajectory, Float64Array row-major [nFrames x n x 3]
 * (frame-major: frame k, particle i, axis a at (k * n + i) * 3 + a), in the trajectory's length
 * unit (sigma_AA). See `Unwrapper` for the convention (file `unwrapped` when present, otherwise
 * minimum image of each displacement in the later frame's box, assuming no particle moves more
 * than half a box width between frames).
 * Throws RangeError for an empty list, and Error naming the frame when N or ids change.
 */
export function unwrapPositions(frames: readonly Frame[]): Float64Array {
  if (frames.length === 0) throw new RangeError('unwrapPositions: no frames given');
  const n = frames[0].n;
  const result = new Float64Array(frames.length * n * 3);
  const unwrapper = new Unwrapper();
  // push checks N and ids against frame 0 before it touches the slice.
  for (const [k, frame] of frames.entries()) unwrapper.push(frame, result.subarray(k * n * 3, (k + 1) * n * 3));
  return result;
}

/** r_u(k) = r_u(k-1) + minimum image of r(k) - r(k-1) in frame k's box (hot loop, no allocation). */
function accumulateDisplacement(frame: Frame, before: Float64Array, previousUnwrapped: Float64Array, out: Float64Array): void {
  const box = frame.box;
  const now = frame.positions;
  const d = new Float64Array(3);
  for (let i = 0; i < frame.n; i++) {
    const o = 3 * i;
    d[0] = now[o] - before[o];
    d[1] = now[o + 1] - before[o + 1];
    d[2] = now[o + 2] - before[o + 2];
    if (box) minimumImage(box, d, 0);
    out[o] = previousUnwrapped[o] + d[0];
    out[o + 1] = previousUnwrapped[o + 1] + d[1];
    out[o + 2] = previousUnwrapped[o + 2] + d[2];
  }
}
