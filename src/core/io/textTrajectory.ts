import type { Frame, Trajectory } from './frame';
import { indexFrames, type FrameIndex, type FrameSplitter, type FrameStarts } from './frameIndex';
import { FrameSource, trajectoryFrom } from './frameSource';
import { plainTextPath } from './gunzip';
import type { OpenOptions } from './openOptions';

/** What a text trajectory format (LAMMPS dump, XYZ) brings to the shared opening code. */
export interface TextFormat {
  readonly format: Trajectory['format'];
  /** The format's frame splitter; its errors name `file`. */
  splitter(file: string): (starts: FrameStarts) => FrameSplitter;
  /**
   * Decodes frame 0 (its bytes and the file line number of its first line), which fixes the
   * species and the dimension (`dimension` null = detect), and returns the trajectory's species
   * names and the decoder of frame k. Throws TrajectoryError for malformed content.
   */
  fromFirstFrame(
    bytes: Buffer,
    firstLine: number,
    file: string,
    dimension: 2 | 3 | null,
  ): { speciesNames: readonly string[]; decode: (bytes: Buffer, k: number, firstLine: number) => Frame };
}

/**
 * Opens a text trajectory: decompresses a `.gz` once into the cache (plainTextPath), indexes
 * every frame in one streaming pass, then decodes frame 0 (see trajectoryOnIndex).
 * Throws what those steps throw (TrajectoryError naming file, frame and line).
 */
export function openTextTrajectory(path: string, format: TextFormat, options: OpenOptions = {}): Trajectory {
  const dataPath = plainTextPath(path, options.onProgress);
  const index = indexFrames(dataPath, format.splitter(path), options.onProgress);
  return trajectoryOnIndex(path, dataPath, index, format, options.dimension ?? null);
}

/**
 * The Trajectory over `index` of the plain-text file `dataPath` (errors name `path`, the file
 * the user gave). The index may still be growing (FrameIndexBuilder): `frameCount` follows it.
 * Needs frame 0 complete; throws RangeError otherwise, TrajectoryError when frame 0 is
 * malformed, and closes the file on failure.
 */
export function trajectoryOnIndex(
  path: string,
  dataPath: string,
  index: FrameIndex,
  format: TextFormat,
  dimension: 2 | 3 | null,
): Trajectory {
  const source = new FrameSource(path, dataPath, index);
  try {
    const { speciesNames, decode } = format.fromFirstFrame(source.read(0), index.lines[0], path, dimension);
    return trajectoryFrom(source, format.format, speciesNames, decode);
  } catch (e) {
    source.close();
    throw e;
  }
}
