import type { Box } from '../geometry/box';

/**
 * One configuration of a trajectory, as every reader returns it.
 *
 * Layout: per-atom arrays are indexed by the atom's position in `ids` (sorted ascending), so
 * atom row i is the same particle in every frame of a trajectory whose N does not change.
 * Positions are Cartesian, in the file's length unit (sigma_AA for LJ data).
 */
export interface Frame {
  /** 0-based index of this frame in its file. */
  readonly index: number;
  /** MD timestep (LAMMPS `ITEM: TIMESTEP`), or the frame index when the file has none. */
  readonly timestep: number;
  /** Number of particles. */
  readonly n: number;
  /** 2 when every z is the same (or the file says so), else 3. */
  readonly dimension: 2 | 3;
  /** Periodic cell, or null for open boundaries (e.g. experimental granular data). */
  readonly box: Box | null;
  /** Atom ids, Int32Array [n], sorted ascending. */
  readonly ids: Int32Array;
  /** Species index per atom, Uint8Array [n], into the trajectory's `speciesNames`. */
  readonly species: Uint8Array;
  /**
   * Positions, Float64Array row-major [n x 3], inside or near the cell as the file gives them;
   * folded into the cell (periodic axes) when the file has only unwrapped columns.
   */
  readonly positions: Float64Array;
  /**
   * Unwrapped positions, Float64Array row-major [n x 3], when the file has `xu yu zu` or image
   * flags; null otherwise (dynamics then unwraps consecutive frames itself).
   */
  readonly unwrapped: Float64Array | null;
  /** Every other per-atom column, by its header name (e.g. `c_pe`, `vx`), Float64Array [n]. */
  readonly columns: ReadonlyMap<string, Float64Array>;
}

/** Random access to the frames of one trajectory file, read lazily through a frame index. */
export interface Trajectory {
  /** The file as opened (absolute or as given). */
  readonly path: string;
  readonly format: 'lammps-dump' | 'xyz' | 'gsd';
  /**
   * Species labels, index = `Frame.species` value. LAMMPS numeric types t map to label
   * index t - 1 with labels 'A', 'B', 'C', ... (type 1 = A, the majority species of
   * Kob-Andersen); named species (XYZ) keep their names in order of first appearance.
   */
  readonly speciesNames: readonly string[];
  /** Number of frames in the file. */
  readonly frameCount: number;
  /**
   * Reads frame k (0-based). Throws RangeError for k out of range and TrajectoryError (naming
   * file, line and what was expected) for malformed content.
   */
  readFrame(k: number): Frame;
  /** Releases the file handle. */
  close(): void;
}

/** A parse error that names where in which file it happened. */
export class TrajectoryError extends Error {
  constructor(
    readonly file: string,
    readonly where: { line?: number; frame?: number },
    readonly what: string,
  ) {
    const loc = [where.frame !== undefined ? `frame ${where.frame}` : '', where.line !== undefined ? `line ${where.line}` : '']
      .filter(Boolean)
      .join(', ');
    super(`${file}${loc ? ` (${loc})` : ''}: ${what}`);
    this.name = 'TrajectoryError';
  }
}
