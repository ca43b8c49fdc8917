import * as path from 'node:path';
import { makeRunContext } from '../core/lang/context';
import { Session } from '../core/lang/session';

/**
 * `softness apply MODEL TRAJECTORY`: softness of every particle of every (k-th) frame, written as a
 * LAMMPS dump with a `softness` column. Runs the same statements a notebook would
 * (loadmodel, load, softness, export), so the CLI and notebooks cannot disagree.
 * Default output: `<trajectory without .gz and extension>.softness.dump.gz` beside the input.
 * Throws the statement's CellError (naming the cause), or CancelledError on Ctrl-C.
 */
export async function applyModelCommand(
  modelPath: string,
  trajectoryPath: string,
  options: { out?: string; every: number; signal?: AbortSignal; onProgress?: (message: string, fraction: number | null) => void },
): Promise<string> {
  if (!(Number.isInteger(options.every) && options.every >= 1)) throw new RangeError(`--every must be a positive integer, got ${options.every}`);
  const trajectory = path.resolve(trajectoryPath);
  const out = path.resolve(options.out ?? `${trajectory.replace(/\.gz$/, '').replace(/\.[^./]+$/, '')}.softness.dump.gz`);
  const quote = (p: string): string => JSON.stringify(p);
  const cell = [`model = loadmodel ${quote(path.resolve(modelPath))}`, `traj = load ${quote(trajectory)} every=${options.every}`, 'S = softness model traj', `export S ${quote(out)}`].join('\n');
  const session = new Session();
  try {
    await session.runCell(cell, makeRunContext({ baseDir: process.cwd(), emit: () => {}, progress: options.onProgress ?? (() => {}), signal: options.signal }));
  } finally {
    session.clear();
  }
  return out;
}
