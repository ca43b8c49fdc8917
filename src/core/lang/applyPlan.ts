import * as path from 'node:path';
import { checkOutputName, checkOutputPath } from './outputPath';

// Apart from runApplyPlan (applyModel.ts) on purpose: the extension host imports this planning
// without the Session, whose statement registry reaches danfojs (bundled only in the workers).

/** What applying a model to a trajectory will run and write. */
export interface ApplyPlan {
  /** Absolute path of the dump that will be written (a LAMMPS dump with a `softness` column). */
  readonly out: string;
  /** The cell that does it: loadmodel, load, softness, export (the notebook statements). */
  readonly source: string;
}

/**
 * Default output of applying a model: `<trajectory without .gz and extension>.softness.dump.gz`
 * beside the input (e.g. `run/ka.dump.gz` -> `run/ka.softness.dump.gz`). Absolute.
 */
export function softnessOutputPath(trajectoryPath: string): string {
  return `${path
    .resolve(trajectoryPath)
    .replace(/\.gz$/i, '')
    .replace(/\.[^./\\]+$/, '')}.softness.dump.gz`;
}

/**
 * Plans `softness apply` / "Apply Model to Trajectory…": softness of every `every`-th frame,
 * written as a dump with a `softness` column to `out` (default softnessOutputPath). The cell runs
 * the same statements a notebook would, so the CLI, the extension and notebooks cannot disagree.
 *
 * Checked before any computation: `every` is an integer >= 1, `out` is neither the trajectory
 * nor the model file (after resolving symlinks and `..`), so an input is never overwritten, its
 * name is not that of another trajectory format (checkOutputName), and its directory exists or is
 * created and is writable (checkOutputPath).
 * @throws RangeError for a bad `every`, Error naming `out` and the clash or the directory's problem.
 */
export function planApply(modelPath: string, trajectoryPath: string, options: { out?: string; every?: number } = {}): ApplyPlan {
  const every = options.every ?? 1;
  if (!(Number.isInteger(every) && every >= 1)) throw new RangeError(`every must be a positive integer, got ${every}`);
  const model = path.resolve(modelPath);
  const trajectory = path.resolve(trajectoryPath);
  const out = options.out === undefined ? softnessOutputPath(trajectory) : path.resolve(options.out);
  checkOutputName('softness', out);
  checkOutputPath(out, [trajectory, model]);
  const quote = (p: string): string => JSON.stringify(p);
  const source = [
    `model = loadmodel ${quote(model)}`,
    `traj = load ${quote(trajectory)} every=${every}`,
    'S = softness model traj',
    `export S ${quote(out)}`,
  ].join('\n');
  return { out, source };
}
