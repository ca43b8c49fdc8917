import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { assertNotAnInput, checkWritable } from '../io/atomicWrite';
import { formatOfName } from '../io/formatDetect';
import { TRAJECTORY_FORMATS } from '../io/formats';

/**
 * Checks, before any computation, that `outPath` may be written: it is none of `readFiles` (the
 * trajectories and models the notebook has read, the notebook itself; compared after resolving
 * symlinks and `..`), its folder exists (it is created) and takes a probe write (checkWritable:
 * not read-only, not full), and it is not a folder.
 * @throws Error naming `outPath` and why (the input it would overwrite, or what the folder refused).
 */
export function checkOutputPath(outPath: string, readFiles: Iterable<string>): void {
  assertNotAnInput(outPath, [...readFiles]);
  try {
    mkdirSync(path.dirname(outPath), { recursive: true });
  } catch (error) {
    throw new Error(`cannot write ${outPath}: ${(error as Error).message}`);
  }
  checkWritable(outPath);
}

/**
 * Throws Error when the file name announces a trajectory format (formatOfName) other than what is
 * written: a softness dump must not be named as XYZ, GSD, ... (a reader would take it for one), a
 * table (CSV) or a model (JSON) not as any trajectory.
 */
export function checkOutputName(kind: 'model' | 'softness' | 'table', file: string): void {
  const named = formatOfName(file);
  if (named === null || (kind === 'softness' && named.id === 'lammps-dump')) return;
  const what = kind === 'softness' ? 'a LAMMPS dump' : kind === 'table' ? 'a CSV table' : 'a model (JSON)';
  const names =
    kind === 'softness' ? `use ${dumpExtensions()}` : `use ${kind === 'table' ? '.csv' : '.softness.json'} or another non-trajectory name`;
  throw new Error(`refusing to write ${what} to ${file}: the name says ${named.label}; ${names}`);
}

/** The names a LAMMPS dump may have, e.g. `.lammpstrj, .dump, .atom (optionally + .gz)`. */
function dumpExtensions(): string {
  const dump = TRAJECTORY_FORMATS.find((format) => format.id === 'lammps-dump');
  return `${dump?.extensions.map((ext) => `.${ext}`).join(', ')}${dump?.gzip ? ' (optionally + .gz)' : ''}`;
}
