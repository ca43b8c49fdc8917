import { closeSync, openSync, readSync } from 'node:fs';
import { TrajectoryError, type Trajectory } from './frame';
import { plainTextPath } from './gunzip';
import { openGsd } from './gsd';
import { lammpsDumpFormat, openLammpsDump } from './lammpsDump';
import type { OpenOptions } from './openOptions';
import { openTextTrajectory, type TextFormat } from './textTrajectory';
import { openXyz, xyzFormat } from './xyz';

export type { OpenOptions } from './openOptions';

const DUMP_EXTENSIONS = ['.lammpstrj', '.dump', '.atom'];
const XYZ_EXTENSIONS = ['.xyz', '.extxyz'];

/**
 * Opens any supported trajectory by its extension (case-insensitive, optionally followed by
 * `.gz`): `.lammpstrj`, `.dump`, `.atom` -> LAMMPS text dump; `.xyz`, `.extxyz` -> (extended)
 * XYZ; `.gsd` -> HOOMD-blue GSD. Other names are sniffed: a first line starting with `ITEM:` is
 * a dump, a first line holding only a positive integer is XYZ. See openLammpsDump / openXyz /
 * openGsd for the Frame layout, units and errors.
 *
 * Throws TrajectoryError for a file whose format cannot be recognised, plus whatever the
 * chosen reader throws.
 */
export function openTrajectory(path: string, options: OpenOptions = {}): Trajectory {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.gsd')) return openGsd(path, options);
  const named = textFormatByName(path);
  if (named) return openTextTrajectory(path, named, options);
  const firstLine = readFirstLine(plainTextPath(path, options.onProgress));
  if (firstLine.startsWith('ITEM:')) return openLammpsDump(path, options);
  if (/^\d+$/.test(firstLine)) return openXyz(path, options);
  throw new TrajectoryError(
    path,
    { line: 1 },
    `unknown trajectory format: expected a name ending in ${[...DUMP_EXTENSIONS, ...XYZ_EXTENSIONS].join(', ')} (optionally .gz), or a first line 'ITEM: ...' (LAMMPS dump) or an atom count (XYZ); found '${firstLine.slice(0, 60)}'`,
  );
}

/**
 * The text format a file name announces (extension, case-insensitive, optionally followed by
 * `.gz`): LAMMPS dump for `.lammpstrj`, `.dump`, `.atom`; XYZ for `.xyz`, `.extxyz`; else null
 * (GSD, or a name to sniff).
 */
export function textFormatByName(path: string): TextFormat | null {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (DUMP_EXTENSIONS.some((ext) => name.endsWith(ext))) return lammpsDumpFormat;
  if (XYZ_EXTENSIONS.some((ext) => name.endsWith(ext))) return xyzFormat;
  return null;
}

/** First line of a text file, trimmed (reads at most 4 kB). */
function readFirstLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.alloc(4096);
    const got = readSync(fd, bytes, 0, bytes.length, 0);
    return bytes.toString('latin1', 0, got).split('\n')[0].trim();
  } finally {
    closeSync(fd);
  }
}
