import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { featureNames } from '../../../src/core/features/names';
import type { FeatureSpec } from '../../../src/core/features/spec';
import { planApply } from '../../../src/core/lang/applyPlan';
import { makeRunContext } from '../../../src/core/lang/context';
import { checkOutputName } from '../../../src/core/lang/outputPath';
import { Session } from '../../../src/core/lang/session';
import { KA3D_SAMPLE } from '../preview/modelFixture';

const dir = mkdtempSync(path.join(tmpdir(), 'softness-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

const TRAJ = path.join(dir, 'the_input.dump.gz');
copyFileSync(KA3D_SAMPLE, TRAJ);
const NOTEBOOK = path.join(dir, 'analysis.softnb');
writeFileSync(NOTEBOOK, '{"format": "softnb", "version": 1, "cells": []}\n');

/** A valid one-species model file (radial functions only), as loadModel reads it. */
function writeModel(file: string): void {
  const spec: FeatureSpec = { speciesNames: ['A', 'B'], radial: { mus: [1, 2], width: 0.1, convention: 'cubuk', rCut: 3 }, angular: null };
  const m = featureNames(spec).length;
  const svm = { C: 1, loss: 'hinge', tol: 1e-4, maxIter: 10, interceptScaling: 1, shrinking: true, seed: 0, nIter: 1, converged: true };
  const entry = { species: 'A', scaler: { mean: Array(m).fill(0), scale: Array(m).fill(1), nSamplesSeen: 2 }, ...svm };
  const model = {
    version: 1,
    featureSpec: spec,
    featureNames: featureNames(spec),
    species: [{ ...entry, w: Array(m).fill(0.1), b: 0, trainingCounts: { soft: 1, hard: 1 }, cvAccuracy: null, testAccuracy: null }],
    metrics: {},
    provenance: { inputs: [], frames: [0], seeds: {}, parameters: {}, codeVersion: 'test', createdAt: '2026-01-01T00:00:00Z' },
  };
  writeFileSync(file, JSON.stringify(model));
}

/** A session that has loaded the trajectory and a model and computed a table `q`. */
async function sessionWithTable(): Promise<{ session: Session; run: (source: string) => Promise<void> }> {
  const session = new Session();
  const ctx = makeRunContext({ baseDir: dir, notebookPath: NOTEBOOK, threads: 1, emit: () => {}, progress: () => {} });
  const run = (source: string) => session.runCell(source, ctx);
  writeModel(path.join(dir, 'ka.softness.json'));
  await run('traj = load "the_input.dump.gz" stop=10\nmodel = loadModel "ka.softness.json"\nq = overlap traj a=0.3');
  return { session, run };
}

describe('export never destroys data', () => {
  it('refuses every file the notebook has read and the notebook itself, and leaves them intact', async () => {
    const { session, run } = await sessionWithTable();
    expect(session.readFiles()).toEqual([TRAJ, path.join(dir, 'ka.softness.json')]);
    const before = [TRAJ, NOTEBOOK, path.join(dir, 'ka.softness.json')].map(sha);
    await expect(run('export q "the_input.dump.gz"')).rejects.toThrow(/refusing to write .*the_input\.dump\.gz: it is the input file/);
    await expect(run('export q "sub/../the_input.dump.gz"')).rejects.toThrow(/it is the input file/);
    await expect(run('export q "analysis.softnb"')).rejects.toThrow(/refusing to write .*analysis\.softnb: it is the input file/);
    await expect(run('export q "ka.softness.json"')).rejects.toThrow(/refusing to write .*ka\.softness\.json: it is the input file/);
    await expect(run('export model "ka.softness.json"')).rejects.toThrow(/it is the input file/);
    expect([TRAJ, NOTEBOOK, path.join(dir, 'ka.softness.json')].map(sha)).toEqual(before);
    await run('export q "out/q.csv"');
    expect(readFileSync(path.join(dir, 'out/q.csv'), 'utf8').split('\n')[0]).toMatch(/^t/);
    session.clear();
  }, 60_000);

  it('refuses a name the format table reads as a trajectory of another format, before writing', async () => {
    const { session, run } = await sessionWithTable();
    await expect(run('export q "q.xyz"')).rejects.toThrow(/refusing to write a CSV table to .*q\.xyz: the name says XYZ/);
    await expect(run('export q "q.lammpstrj"')).rejects.toThrow(/refusing to write a CSV table to .*the name says LAMMPS dump/);
    await expect(run('export model "m.dump"')).rejects.toThrow(/refusing to write a model \(JSON\) to/);
    expect(existsSync(path.join(dir, 'q.xyz')) || existsSync(path.join(dir, 'm.dump'))).toBe(false);
    expect(() => checkOutputName('softness', '/x/S.xyz')).toThrow(
      /refusing to write a LAMMPS dump to \/x\/S\.xyz: the name says XYZ \/ extended XYZ; use \.lammpstrj, \.dump, \.atom \(optionally \+ \.gz\)/,
    );
    for (const ok of ['S.dump', 'S.softness.dump.gz', 'S.LAMMPSTRJ', 'S.txt']) expect(() => checkOutputName('softness', ok)).not.toThrow();
    expect(() => planApply(path.join(dir, 'ka.softness.json'), TRAJ, { out: path.join(dir, 'S.xyz') })).toThrow(/the name says XYZ/);
    session.clear();
  }, 60_000);

  it('fails at the start of the statement, naming the output, when its directory cannot be made', async () => {
    const { session, run } = await sessionWithTable();
    await expect(run('export q "the_input.dump.gz/inside/q.csv"')).rejects.toThrow(
      /cannot write .*the_input\.dump\.gz\/inside\/q\.csv: ENOTDIR/,
    );
    mkdirSync(path.join(dir, 'adir.csv'));
    await expect(run('export q "adir.csv"')).rejects.toThrow(/cannot write .*adir\.csv: it is a folder/);
    expect(() => planApply(path.join(dir, 'ka.softness.json'), TRAJ, { out: path.join(TRAJ, 'S.dump') })).toThrow(
      /cannot write .*S\.dump: E(NOTDIR|EXIST)/,
    );
    session.clear();
  }, 60_000);
});
