import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTrajectory } from '../../../src/core/io/open';
import { makeRunContext } from '../../../src/core/lang/context';
import type { CellOutput } from '../../../src/core/lang/outputs';
import { Session } from '../../../src/core/lang/session';
import { loadModel } from '../../../src/core/learn/model';
import { Rng } from '../../../src/core/learn/rng';

/**
 * A small synthetic 3D trajectory (N = 150 at density 1.2, 40 frames 1 tau apart) in which a
 * third of the particles hop by 0.9 sigma at a chosen frame: enough for every statement of the
 * pipeline to run end to end through the Session, exactly as a notebook would.
 */
function writeSyntheticDump(file: string): void {
  const rng = new Rng(7);
  const n = 150;
  const L = Math.cbrt(n / 1.2);
  const base = Array.from({ length: n }, () => [rng.nextFloat() * L, rng.nextFloat() * L, rng.nextFloat() * L]);
  const hopFrame = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 12 + (i % 17) : -1));
  const lines: string[] = [];
  for (let f = 0; f < 40; f++) {
    lines.push('ITEM: TIMESTEP', String(f * 200), 'ITEM: NUMBER OF ATOMS', String(n), 'ITEM: BOX BOUNDS pp pp pp');
    for (let d = 0; d < 3; d++) lines.push(`0 ${L}`);
    lines.push('ITEM: ATOMS id type xu yu zu');
    for (let i = 0; i < n; i++) {
      const jitter = () => (rng.nextFloat() - 0.5) * 0.05;
      const hop = hopFrame[i] >= 0 && f >= hopFrame[i] ? 0.9 : 0;
      const [x, y, z] = base[i];
      lines.push(`${i + 1} ${i < 120 ? 1 : 2} ${x + hop + jitter()} ${y + jitter()} ${z + jitter()}`);
    }
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('Session: the whole pipeline in one notebook cell', () => {
  it('loads, labels, trains, computes softness, plots, snapshots and exports', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'softness-pipeline-'));
    writeSyntheticDump(path.join(dir, 'toy.dump'));
    const outputs: CellOutput[] = [];
    const ctx = makeRunContext({ baseDir: dir, emit: (o) => outputs.push(o), progress: () => {} });
    const session = new Session();
    await session.runCell(
      [
        'traj = load "toy.dump" dt=0.005',
        'ev = rearrangements traj tR=4 pL=0.05 pR=0.2',
        'ts = trainingset ev pc=0.3 offset=1 tauC=4 nPerClass=40',
        'X = features ts preset=schoenholz2016 radialCut=3',
        'model = train X folds=3',
        'S = softness model traj every=2',
        'pr = plot PRS S ev bins=8',
        'snapshot S frame=1',
        'export model "toy.softness.json"',
        'export S "toy_softness.dump"',
        'export pr "pr.csv"',
      ].join('\n'),
      ctx,
    );
    expect(session.names()).toEqual(['traj', 'ev', 'ts', 'X', 'model', 'S', 'pr']);
    const plots = outputs.filter((o) => o.kind === 'plot');
    expect(plots).toHaveLength(1);
    const snapshot = outputs.find((o) => o.kind === 'snapshot');
    expect(snapshot?.kind === 'snapshot' && snapshot.values.length).toBe(150);

    const model = loadModel(path.join(dir, 'toy.softness.json'));
    expect(model.species.map((s) => s.species)).toEqual(['A', 'B']);
    expect(model.provenance.inputs[0].path).toBe(path.join(dir, 'toy.dump'));
    // P(S > 0 | R) of the held-out rearranging environments: per species in the summary, pooled in the model.
    const summary = outputs.find((o) => o.kind === 'table' && o.title === 'training summary');
    const recalls = summary?.kind === 'table' ? summary.rows.map((row) => row[summary.columns.indexOf('testSoftRecall')] as number) : [];
    expect(recalls).toHaveLength(2);
    const pooled = model.metrics.testSoftRecall!;
    expect(pooled).toBeGreaterThanOrEqual(Math.min(...recalls));
    expect(pooled).toBeLessThanOrEqual(Math.max(...recalls));
    for (const r of recalls) {
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThanOrEqual(1);
    }

    const S = session.get('S');
    const written = openTrajectory(path.join(dir, 'toy_softness.dump'));
    expect(written.frameCount).toBe(20);
    const frame3 = written.readFrame(3);
    const column = frame3.columns.get('softness')!;
    expect(S?.kind).toBe('softness');
    if (S?.kind === 'softness') for (let i = 0; i < 150; i++) expect(column[i]).toBeCloseTo(S.values[3 * 150 + i], 4);
    expect(readFileSync(path.join(dir, 'pr.csv'), 'utf8').split('\n')[0]).toContain('P_R(S)');
    session.clear();
  });

  it('stops with line:column and the statement when a statement fails', async () => {
    const session = new Session();
    const ctx = makeRunContext({ baseDir: tmpdir(), emit: () => {}, progress: () => {} });
    await expect(session.runCell('# comment\ntraj = load "does-not-exist.dump"', ctx)).rejects.toThrow(
      /^2:1: 'traj = load "does-not-exist.dump"' failed: .*does-not-exist/,
    );
    await expect(session.runCell('frobnicate 3', ctx)).rejects.toThrow(/^1:1: unknown statement 'frobnicate'; expected one of: load/);
  });

  it('honours cancellation between frames', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'softness-cancel-'));
    writeSyntheticDump(path.join(dir, 'toy.dump'));
    const controller = new AbortController();
    const ctx = makeRunContext({
      baseDir: dir,
      emit: () => {},
      progress: (_m, f) => f !== null && f > 0.2 && controller.abort(),
      signal: controller.signal,
    });
    const session = new Session();
    await expect(session.runCell('traj = load "toy.dump"\nev = rearrangements traj tR=4', ctx)).rejects.toThrow(/cancelled/);
  });
});
