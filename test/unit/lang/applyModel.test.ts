import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTrajectory } from '../../../src/core/io/open';
import { runApplyPlan } from '../../../src/core/lang/applyModel';
import { planApply, softnessOutputPath } from '../../../src/core/lang/applyPlan';
import { loadModel, softness } from '../../../src/core/learn/model';
import { computeStructureFunctions } from '../../../src/core/features/structureFunctions';
import type { FeatureSpec } from '../../../src/core/features/spec';
import { KA3D_SAMPLE, trainSampleModel } from '../preview/modelFixture';

const dir = mkdtempSync(path.join(tmpdir(), 'softness-apply-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('softnessOutputPath', () => {
  it('drops .gz and the extension, adds .softness.dump.gz beside the input', () => {
    expect(softnessOutputPath('/data/run/ka.dump.gz')).toBe('/data/run/ka.softness.dump.gz');
    expect(softnessOutputPath('/data/run/traj.lammpstrj')).toBe('/data/run/traj.softness.dump.gz');
    expect(softnessOutputPath('/data/v1.2/conf.XYZ.GZ')).toBe('/data/v1.2/conf.softness.dump.gz');
    expect(softnessOutputPath('/data/run/noext')).toBe('/data/run/noext.softness.dump.gz');
    // Applying again to an output never lands on that output.
    expect(softnessOutputPath('/data/ka.softness.dump.gz')).toBe('/data/ka.softness.softness.dump.gz');
  });
});

describe('planApply: never overwrite an input', () => {
  it('refuses the trajectory or the model as output, also through .. and symlinks', () => {
    const traj = path.join(dir, 'in.dump');
    copyFileSync(KA3D_SAMPLE, traj);
    const model = path.join(dir, 'm.softness.json');
    expect(() => planApply(model, traj, { out: traj })).toThrow(/refusing to write .*in\.dump: it is the input file/);
    expect(() => planApply(model, traj, { out: path.join(dir, 'sub', '..', 'in.dump') })).toThrow(/refusing to write/);
    symlinkSync(traj, path.join(dir, 'link.dump'));
    expect(() => planApply(model, traj, { out: path.join(dir, 'link.dump') })).toThrow(/it is the input file/);
    expect(() => planApply(model, traj, { out: model })).toThrow(/it is the input file .*m\.softness\.json/);
    expect(() => planApply(model, traj, { every: 0 })).toThrow(/every must be a positive integer, got 0/);
    expect(() => planApply(model, traj, { every: 1.5 })).toThrow(/every must be a positive integer/);
  });

  it('builds the notebook statements with quoted absolute paths', () => {
    const plan = planApply('rel/m.softness.json', '/data/my run/ka.dump.gz', { every: 3 });
    expect(plan.out).toBe('/data/my run/ka.softness.dump.gz');
    expect(plan.source.split('\n')).toEqual([
      `model = loadmodel ${JSON.stringify(path.resolve('rel/m.softness.json'))}`,
      'traj = load "/data/my run/ka.dump.gz" every=3',
      'S = softness model traj',
      'export S "/data/my run/ka.softness.dump.gz"',
    ]);
  });
});

describe('runApplyPlan on the 3D Kob-Andersen sample with a model trained on it', () => {
  let modelPath = '';
  beforeAll(async () => {
    modelPath = await trainSampleModel(dir);
  }, 120_000);

  it('writes every 50th frame with a softness column equal to the model on those frames; the input is untouched', async () => {
    const before = sha(KA3D_SAMPLE);
    const out = path.join(dir, 'ka.softness.dump.gz');
    const fractions: number[] = [];
    const written = await runApplyPlan(planApply(modelPath, KA3D_SAMPLE, { out, every: 50 }), {
      onProgress: (_m, f) => f !== null && fractions.push(f),
    });
    expect(written).toBe(out);
    expect(sha(KA3D_SAMPLE)).toBe(before);
    expect(fractions.length).toBeGreaterThan(0);
    const result = openTrajectory(out);
    const input = openTrajectory(KA3D_SAMPLE);
    expect(result.frameCount).toBe(Math.ceil(input.frameCount / 50));
    const model = loadModel(modelPath);
    // Frame 2 of the output is frame 100 of the input: recompute S there independently of the statements.
    const source = input.readFrame(100);
    const expected = softness(model, computeStructureFunctions(source, model.featureSpec as FeatureSpec).values, source.species);
    const frame = result.readFrame(2);
    expect(frame.timestep).toBe(source.timestep);
    const column = frame.columns.get('softness')!;
    let worst = 0;
    for (let i = 0; i < frame.n; i++) worst = Math.max(worst, Math.abs(column[i] - expected[i]));
    expect(worst).toBeLessThan(1e-5);
    result.close();
    input.close();
  }, 120_000);

  it('stops when cancelled and leaves no output behind', async () => {
    const out = path.join(dir, 'cancelled.softness.dump.gz');
    const controller = new AbortController();
    controller.abort();
    await expect(runApplyPlan(planApply(modelPath, KA3D_SAMPLE, { out, every: 10 }), { signal: controller.signal })).rejects.toThrow(
      /cancelled/,
    );
    expect(() => readFileSync(out)).toThrow(/ENOENT/);
  });
});
