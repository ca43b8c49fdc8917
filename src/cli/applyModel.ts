import { runApplyPlan } from '../core/lang/applyModel';
import { planApply } from '../core/lang/applyPlan';

/**
 * `softness apply MODEL TRAJECTORY`: softness of every particle of every (k-th) frame, written as a
 * LAMMPS dump with a `softness` column (see planApply in src/core/lang/applyPlan.ts, shared with
 * the extension's "Apply Model to Trajectory…"). Default output:
 * `<trajectory without .gz and extension>.softness.dump.gz` beside the input; never an input.
 * Throws RangeError for a bad --every (planApply), Error when the output is an input, the statement's
 * CellError (naming the cause), or CancelledError on Ctrl-C.
 */
export async function applyModelCommand(
  modelPath: string,
  trajectoryPath: string,
  options: { out?: string; every: number; signal?: AbortSignal; onProgress?: (message: string, fraction: number | null) => void },
): Promise<string> {
  return runApplyPlan(planApply(modelPath, trajectoryPath, options), options);
}
