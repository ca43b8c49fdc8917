import { detectFormat } from './formatDetect';
import type { Trajectory } from './frame';
import type { OpenOptions } from './openOptions';

export type { OpenOptions } from './openOptions';

/**
 * Opens any trajectory of TRAJECTORY_FORMATS (formats.ts) for lazy random access: the format
 * is chosen by the file's extension (case-insensitive, optionally followed by `.gz`), else
 * sniffed from its first bytes (detectFormat). See the format's reader (openLammpsDump,
 * openXyz, openGsd) for the Frame layout, units and errors.
 *
 * Throws TrajectoryError for a file whose format cannot be recognised (naming the file and
 * every accepted name and content), plus whatever the chosen reader throws.
 */
export function openTrajectory(path: string, options: OpenOptions = {}): Trajectory {
  return detectFormat(path, options.onProgress).open(path, options);
}
