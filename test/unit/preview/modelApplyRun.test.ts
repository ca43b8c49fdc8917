import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTrajectory } from '../../../src/core/io/open';
import { planApply } from '../../../src/core/lang/applyPlan';
import { KernelSession } from '../../../src/extension/kernel/kernelSession';
import { runApplyInKernel } from '../../../src/extension/preview/modelApplyRun';
import { buildKernelWorker } from '../extension/workers';
import { KA3D_SAMPLE, trainSampleModel } from './modelFixture';

const dir = mkdtempSync(path.join(tmpdir(), 'softness-apply-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
let workerPath = '';
let modelFile = '';
beforeAll(async () => {
  [workerPath, modelFile] = await Promise.all([buildKernelWorker(), trainSampleModel(dir)]);
}, 120_000);

describe('runApplyInKernel: "Apply to Trajectory…" in a kernel worker', () => {
  it('writes the softness dump off the host thread, streams progress, leaves the input untouched', async () => {
    const before = sha(KA3D_SAMPLE);
    const plan = planApply(modelFile, KA3D_SAMPLE, { out: path.join(dir, 'ka3d.softness.dump.gz'), every: 70 });
    const progress: string[] = [];
    const outcome = await runApplyInKernel(new KernelSession({ workerPath, memoryLimitMb: 1024, threads: 1 }), plan, (message) =>
      progress.push(message),
    ).result;
    expect(outcome).toEqual({ ok: true, out: plan.out });
    expect(sha(KA3D_SAMPLE)).toBe(before);
    expect(progress.some((m) => /softness|structure functions/.test(m))).toBe(true);
    const written = openTrajectory(plan.out);
    expect(written.frameCount).toBe(5); // frames 0, 70, ..., 280 of the 350
    const column = written.readFrame(4).columns.get('softness')!;
    expect(column.length).toBe(1000);
    expect(column.every(Number.isFinite)).toBe(true);
    written.close();
  }, 120_000);

  it('stops on cancel, reports it as cancelled, and leaves no output file', async () => {
    const plan = planApply(modelFile, KA3D_SAMPLE, { out: path.join(dir, 'cancelled.softness.dump.gz'), every: 1 });
    let run: ReturnType<typeof runApplyInKernel> | null = null;
    let cancelled = false;
    run = runApplyInKernel(new KernelSession({ workerPath, memoryLimitMb: 1024, threads: 1 }), plan, () => {
      if (!cancelled) {
        cancelled = true;
        run?.cancel();
      }
    });
    const outcome = await run.result;
    expect(outcome).toMatchObject({ ok: false, cancelled: true });
    expect(existsSync(plan.out)).toBe(false);
  }, 120_000);

  it('reports a failing statement (a trajectory the model does not fit) as an error', async () => {
    const argon = path.join(dir, 'argon.xyz');
    writeFileSync(argon, '2\nLattice="5 0 0 0 5 0 0 0 5"\nAr 0 0 0\nAr 1 1 1\n');
    const plan = planApply(modelFile, argon, { out: path.join(dir, 'argon.softness.dump.gz') });
    const outcome = await runApplyInKernel(new KernelSession({ workerPath, memoryLimitMb: 1024, threads: 1 }), plan, () => {}).result;
    expect(outcome).toMatchObject({
      ok: false,
      cancelled: false,
      message: expect.stringMatching(/3:1: 'S = softness model traj' failed: .*trained on species A,B but the trajectory has Ar/),
    });
  }, 120_000);
});
