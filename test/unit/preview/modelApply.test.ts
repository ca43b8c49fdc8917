import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeLammpsDump } from '../../../src/core/io/dumpWriter';
import { openTrajectory } from '../../../src/core/io/open';
import { KernelSession } from '../../../src/extension/kernel/kernelSession';
import { applyModelToTrajectory, keepBothPath, TRAJECTORY_PREVIEW_VIEW_TYPE } from '../../../src/extension/preview/modelApply';
import { progressToken, recorded, resetMock, Uri, window } from '../../mocks/vscode';
import { buildKernelWorker } from '../extension/workers';
import { KA3D_SAMPLE, trainSampleModel } from './modelFixture';

const dir = mkdtempSync(path.join(tmpdir(), 'softness-apply-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let workerPath = '';
let modelFile = '';
beforeAll(async () => {
  [workerPath, modelFile] = await Promise.all([buildKernelWorker(), trainSampleModel(dir)]);
}, 120_000);

/**
 * Dialog answers in order (undefined = dismissed) and the frame stride to pick (null =
 * dismissed); records the states reported, the progress texts and the openWith calls.
 */
function scenario(answers: Array<string | undefined>, every: number | null = 1) {
  const dialogs: unknown[] = [];
  const states: string[] = [];
  const progress: string[] = [];
  const opened: unknown[][] = [];
  window.showOpenDialog = async (options?: unknown) => {
    dialogs.push(options);
    const answer = answers.shift();
    return answer === undefined ? undefined : [Uri.file(answer)];
  };
  window.showQuickPick = (async (items: Array<{ every: number }>) =>
    items.find((item) => item.every === every)) as typeof window.showQuickPick;
  const withProgress = window.withProgress;
  window.withProgress = (options, task) =>
    withProgress(options, (_sink, token) => task({ report: (v) => void progress.push((v as { message: string }).message) }, token));
  recorded.commands.set('vscode.openWith', (...args: unknown[]) => void opened.push(args));
  const newKernel = () => new KernelSession({ workerPath, memoryLimitMb: 1024, threads: 1 });
  return {
    dialogs,
    states,
    progress,
    opened,
    newKernel,
    onState: (state: string, message: string) => void states.push(`${state}: ${message}`),
  };
}

beforeEach(resetMock);

describe('"Softness: Apply Model to Trajectory…" (command and the preview button)', () => {
  it('picks model and trajectory, computes in a kernel worker with progress, writes beside the input, opens it in the trajectory preview', async () => {
    // The first 4 frames of the KA sample (every frame is computed; the whole sample takes minutes on 1 thread).
    const traj = path.join(dir, 'ka.dump.gz');
    const sample = openTrajectory(KA3D_SAMPLE);
    writeLammpsDump(
      traj,
      [0, 1, 2, 3].map((k) => sample.readFrame(k)),
      { speciesNames: sample.speciesNames },
    );
    sample.close();
    const s = scenario([modelFile, traj], 2);
    await applyModelToTrajectory(s.newKernel, undefined, s.onState);
    const out = path.join(dir, 'ka.softness.dump.gz');
    expect(s.dialogs).toHaveLength(2);
    expect(s.states).toEqual([`running: computing softness of ka.dump.gz…`, `done: wrote ${out}`]);
    expect(s.progress.some((m) => /\(\d+%\)$/.test(m))).toBe(true);
    expect(s.opened).toEqual([[Uri.file(out), TRAJECTORY_PREVIEW_VIEW_TYPE]]);
    const written = openTrajectory(out);
    expect(written.frameCount).toBe(2); // frames 0 and 2: every 2nd
    expect(written.readFrame(1).timestep).toBe(openTrajectory(traj).readFrame(2).timestep);
    expect(written.readFrame(1).columns.get('softness')?.length).toBe(1000);
    written.close();
    expect(recorded.messages.filter((m) => m.level === 'error')).toEqual([]);
  }, 120_000);

  it('with the model given (the preview button) asks only for the trajectory; cancelling writes nothing', async () => {
    const s = scenario([KA3D_SAMPLE]);
    setTimeout(() => progressToken.cancel(), 1500);
    const out = path.join(path.dirname(KA3D_SAMPLE), 'ka3d_is.softness.dump.gz');
    await applyModelToTrajectory(s.newKernel, Uri.file(modelFile) as never, s.onState);
    expect(s.dialogs).toHaveLength(1);
    expect(s.states).toEqual(['running: computing softness of ka3d_is.dump.gz…', 'cancelled: cancelled; nothing was written']);
    expect(recorded.messages).toEqual([{ level: 'info', text: 'Softness: applying the model was cancelled; nothing was written.' }]);
    expect(existsSync(out)).toBe(false);
    expect(s.opened).toEqual([]);
  }, 120_000);

  it('does nothing when a dialog is dismissed, and shows an error for a failing run', async () => {
    const dismissed = scenario([undefined]);
    await applyModelToTrajectory(dismissed.newKernel, undefined, dismissed.onState);
    expect(dismissed.states).toEqual([]);
    const noStride = scenario([KA3D_SAMPLE], null);
    await applyModelToTrajectory(noStride.newKernel, Uri.file(modelFile) as never, noStride.onState);
    expect(noStride.states).toEqual([]);
    const s = scenario([path.join(dir, 'missing.dump')]);
    await applyModelToTrajectory(s.newKernel, Uri.file(modelFile) as never, s.onState);
    expect(s.states[1]).toMatch(/^failed: 2:1: 'traj = load .*missing\.dump.*' failed/);
    expect(recorded.messages.map((m) => m.level)).toEqual(['error']);
    expect(recorded.messages[0].text).toMatch(/^Softness: applying the model failed: .*missing\.dump/);
  }, 120_000);

  it('asks before replacing an earlier result: Keep Both writes beside it, Cancel runs nothing', async () => {
    const traj = path.join(dir, 'again.dump.gz');
    const sample = openTrajectory(KA3D_SAMPLE);
    writeLammpsDump(traj, [sample.readFrame(0)], { speciesNames: sample.speciesNames });
    sample.close();
    const earlier = path.join(dir, 'again.softness.dump.gz');
    writeFileSync(earlier, 'the earlier result');
    const asked: string[] = [];
    const answer = (reply: string | undefined) =>
      (window.showWarningMessage = (async (text: string, options: { modal?: boolean }) => {
        asked.push(`${options.modal}: ${text}`);
        return reply;
      }) as typeof window.showWarningMessage);

    answer(undefined);
    const cancelled = scenario([traj]);
    await applyModelToTrajectory(
      () => {
        throw new Error('no kernel may start');
      },
      Uri.file(modelFile) as never,
      cancelled.onState,
    );
    expect(asked).toEqual(['true: Softness: again.softness.dump.gz already exists (an earlier result?).']);
    expect(cancelled.states).toEqual([]);

    answer('Keep Both');
    const kept = path.join(dir, 'again.softness-2.dump.gz');
    expect(keepBothPath(earlier)).toBe(kept);
    const s = scenario([traj]);
    await applyModelToTrajectory(s.newKernel, Uri.file(modelFile) as never, s.onState);
    expect(s.states.at(-1)).toBe(`done: wrote ${kept}`);
    expect(readFileSync(earlier, 'utf8')).toBe('the earlier result');
    expect(openTrajectory(kept).frameCount).toBe(1);
    expect(keepBothPath(earlier)).toBe(path.join(dir, 'again.softness-3.dump.gz'));
  }, 120_000);
});
