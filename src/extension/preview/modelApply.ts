import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { trajectoryFileFilters } from '../../core/io/formatNames';
import { planApply, type ApplyPlan } from '../../core/lang/applyPlan';
import type { ApplyState } from '../../protocol/modelPreviewMessages';
import type { KernelSession } from '../kernel/kernelSession';
import { allowedByTrust } from '../trust';
import { runApplyInKernel, type ApplyOutcome } from './modelApplyRun';

export const APPLY_MODEL_COMMAND = 'softness.applyModelToTrajectory';
/** The trajectory preview's view type (custom editor of the trajectory files). */
export const TRAJECTORY_PREVIEW_VIEW_TYPE = 'softness.trajectoryPreview';

/**
 * "Softness: Apply Model to Trajectory…" (palette, or the model preview's button with its model):
 * picks the model (unless given), a trajectory and a frame stride, computes softness in a kernel worker of its
 * own with progress and cancellation in a notification, writes `<trajectory>.softness.dump.gz`
 * beside the input (planApply: never the input), then opens it in the trajectory preview. When
 * that file exists (an earlier run), a modal asks first: Overwrite, Keep Both (the new result goes
 * to the first free `<trajectory>.softness-<k>.dump.gz`) or Cancel (nothing runs).
 * `onState` follows the run (for the preview's button). Errors are shown, never thrown. In an
 * untrusted workspace it says why and does nothing (the button reports 'failed').
 */
export async function applyModelToTrajectory(
  newKernel: () => KernelSession,
  modelUri?: vscode.Uri,
  onState: (state: ApplyState, message: string) => void = () => {},
): Promise<void> {
  if (!allowedByTrust('applying a model')) {
    onState('failed', 'applying a model needs a trusted workspace');
    return;
  }
  const model = modelUri ?? (await pickFile('Softness model to apply', { 'Softness models': ['json'] }));
  if (!model) return;
  const trajectory = await pickFile(
    'Trajectory to compute softness for',
    trajectoryFileFilters(),
    vscode.Uri.file(path.dirname(model.fsPath)),
  );
  if (!trajectory) return;
  const every = await pickStride();
  if (every === undefined) return;
  let plan: ApplyPlan;
  try {
    plan = planApply(model.fsPath, trajectory.fsPath, { every });
    if (existsSync(plan.out)) {
      const out = await askOverwrite(plan.out);
      if (out === undefined) return;
      plan = planApply(model.fsPath, trajectory.fsPath, { every, out });
    }
  } catch (error) {
    void vscode.window.showErrorMessage(`Softness: ${(error as Error).message}`);
    return;
  }
  onState('running', `computing softness of ${path.basename(trajectory.fsPath)}…`);
  const outcome = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Softness: applying ${path.basename(model.fsPath)} to ${path.basename(trajectory.fsPath)}`,
      cancellable: true,
    },
    (progress, token): Promise<ApplyOutcome> => {
      const run = runApplyInKernel(newKernel(), plan, (message, fraction) =>
        progress.report({ message: fraction === null ? message : `${message} (${Math.round(100 * fraction)}%)` }),
      );
      token.onCancellationRequested(() => run.cancel());
      return run.result;
    },
  );
  if (outcome.ok) {
    onState('done', `wrote ${outcome.out}`);
    await openResult(vscode.Uri.file(outcome.out));
  } else if (outcome.cancelled) {
    onState('cancelled', 'cancelled; nothing was written');
    void vscode.window.showInformationMessage('Softness: applying the model was cancelled; nothing was written.');
  } else {
    onState('failed', outcome.message);
    void vscode.window.showErrorMessage(`Softness: applying the model failed: ${outcome.message}`);
  }
}

/** Whether to replace `out`: resolves to the path to write (out, or a free name beside it), undefined to cancel. */
async function askOverwrite(out: string): Promise<string | undefined> {
  const kept = keepBothPath(out);
  const answer = await vscode.window.showWarningMessage(
    `Softness: ${path.basename(out)} already exists (an earlier result?).`,
    { modal: true, detail: `Overwrite it, or keep both and write the new result to ${path.basename(kept)}?` },
    'Overwrite',
    'Keep Both',
  );
  if (answer === 'Overwrite') return out;
  return answer === 'Keep Both' ? kept : undefined;
}

/** The first `<name>-<k><ext>` (k = 2, 3, ...; ext `.dump.gz` or the last extension) beside `out` that does not exist. */
export function keepBothPath(out: string): string {
  const ext = /\.dump\.gz$/i.test(out) ? out.slice(-'.dump.gz'.length) : path.extname(out);
  const stem = out.slice(0, out.length - ext.length);
  let k = 2;
  while (existsSync(`${stem}-${k}${ext}`)) k++;
  return `${stem}-${k}${ext}`;
}

/**
 * Which frames to compute: cubuk2015 structure functions cost ~0.12 s of one core per
 * 1000-particle frame (bench/RESULTS.md), so trajectories of 10^4+ frames are often better sampled.
 */
async function pickStride(): Promise<number | undefined> {
  const labels: Record<number, string> = {
    1: 'Every frame',
    2: 'Every 2nd frame',
    5: 'Every 5th frame',
    10: 'Every 10th frame',
    50: 'Every 50th frame',
  };
  const items = Object.entries(labels).map(([every, label]) => ({ label, every: Number(every) }));
  return (await vscode.window.showQuickPick(items, { title: 'Frames to compute softness for' }))?.every;
}

async function pickFile(title: string, filters: Record<string, string[]>, defaultUri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ title, openLabel: 'Select', canSelectMany: false, filters, defaultUri });
  return picked?.[0];
}

/** Opens the written dump in the trajectory preview; says where it is if that editor is unavailable. */
async function openResult(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.commands.executeCommand('vscode.openWith', uri, TRAJECTORY_PREVIEW_VIEW_TYPE);
  } catch (error) {
    void vscode.window.showInformationMessage(
      `Softness: wrote ${uri.fsPath} (the trajectory preview could not open it: ${(error as Error).message}).`,
    );
  }
}
