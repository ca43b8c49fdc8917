import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meanPartialPairCorrelation } from '../../../src/core/analysis/pairCorrelation';
import { openTrajectory } from '../../../src/core/io/open';
import { makeRunContext } from '../../../src/core/lang/context';
import type { CellOutput, PlotOutput } from '../../../src/core/lang/outputs';
import { Session } from '../../../src/core/lang/session';
import type { TableValue } from '../../../src/core/lang/values';
import { loadModel } from '../../../src/core/learn/model';
import { modelWeights } from '../../../src/core/learn/weightFunction';
import { KA3D_SAMPLE, trainSampleModel } from '../preview/modelFixture';

type Trace = { name: string; x: number[]; y: number[]; xaxis: string; yaxis: string };

/** The r of the largest value of g over r in [lo, hi] (sigma_AA). */
function peak(r: number[], g: number[], lo: number, hi: number): number {
  let best = -1;
  for (let k = 0; k < r.length; k++) if (r[k] >= lo && r[k] <= hi && (best < 0 || g[k] > g[best])) best = k;
  return r[best];
}

describe('weights: w(r) per neighbour species beside g(r)', () => {
  let dir: string;
  let modelFile: string;
  const session = new Session();
  const outputs: CellOutput[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'softness-weights-'));
    modelFile = await trainSampleModel(dir);
    const ctx = makeRunContext({ baseDir: dir, threads: 1, emit: (o) => outputs.push(o), progress: () => {} });
    await session.runCell(
      [
        `model = loadmodel ${JSON.stringify(modelFile)}`,
        `traj = load ${JSON.stringify(KA3D_SAMPLE)} stop=120`,
        'wr = weights model traj frames=3 binWidth=0.05',
      ].join('\n'),
      ctx,
    );
  }, 120_000);
  afterAll(() => session.clear());

  it("draws the model's w_XY(r) and the trajectory's g_XY(r), one column per central species", () => {
    const plot = outputs.find((o): o is PlotOutput => o.kind === 'plot')!;
    const traces = plot.figure.data as Trace[];
    const model = loadModel(modelFile);
    const weights = modelWeights(model);
    // The statement averages 3 of the 120 selected frames, evenly spread: 0, 60 (round(59.5)) and 119.
    const trajectory = openTrajectory(KA3D_SAMPLE);
    const gr = meanPartialPairCorrelation(
      [0, 60, 119].map((k) => trajectory.readFrame(k)),
      trajectory.speciesNames,
      { rMax: weights.radialCut!, binWidth: 0.05 },
    );
    trajectory.close();
    expect(weights.species.map((s) => s.species)).toEqual(['A', 'B']);
    // Column of A: g on axes x/y (top), w on x3/y3 (bottom); column of B: x2/y2 and x4/y4.
    const axes = { A: { g: ['x', 'y'], w: ['x3', 'y3'] }, B: { g: ['x2', 'y2'], w: ['x4', 'y4'] } } as const;
    for (const central of weights.species) {
      for (const radial of central.radial) {
        const pair = `${central.species}${radial.neighbor}`;
        const w = traces.find((t) => t.name === `w_${pair}(r)`)!;
        expect(w.x).toEqual(Array.from(weights.r));
        expect(w.y).toEqual(Array.from(radial.perNeighbor));
        expect([w.xaxis, w.yaxis]).toEqual(axes[central.species as 'A' | 'B'].w);
        const g = traces.find((t) => t.name === `g_${pair}(r)`)!;
        const label = [central.species, radial.neighbor].sort().join('-');
        expect(g.x).toEqual(Array.from(gr.r));
        expect(g.y).toEqual(Array.from(gr.pairs.find((p) => p.label === label)!.g));
        expect([g.xaxis, g.yaxis]).toEqual(axes[central.species as 'A' | 'B'].g);
      }
    }
    // Kob-Andersen: sigma_AA = 1, sigma_AB = 0.8, so the first peak of g_AA is near 1.1 and of g_AB near 0.9
    // (inherent structures: sharp peaks); the radial cut-off of cubuk2015 is 5 sigma_AA.
    const gAA = traces.find((t) => t.name === 'g_AA(r)')!;
    const gAB = traces.find((t) => t.name === 'g_AB(r)')!;
    expect(peak(gAA.x, gAA.y, 0.5, 1.5)).toBeGreaterThan(1.0);
    expect(peak(gAA.x, gAA.y, 0.5, 1.5)).toBeLessThan(1.15);
    expect(peak(gAB.x, gAB.y, 0.5, 1.5)).toBeGreaterThan(0.8);
    expect(peak(gAB.x, gAB.y, 0.5, 1.5)).toBeLessThan(0.95);
    expect(gAA.x.length).toBe(100);
    expect(weights.radialCut).toBe(5);
    // g(r) -> 1 at large r.
    const tail = gAA.y.slice(-20);
    expect(tail.reduce((a, b) => a + b) / tail.length).toBeCloseTo(1, 1);
  });

  it('returns the curves as a long table: w on the weight grid, g on the bin centres', () => {
    const table = session.get('wr') as TableValue;
    expect(table.columns).toEqual(['central', 'neighbor', 'curve', 'r', 'value', 'determined']);
    const weights = modelWeights(loadModel(modelFile));
    const wBA = table.rows.filter((r) => r[0] === 'B' && r[1] === 'A' && r[2] === 'w');
    const radialBA = weights.species[1].radial[0];
    expect(wBA.map((r) => r[3])).toEqual(Array.from(weights.r));
    expect(wBA.map((r) => r[4])).toEqual(Array.from(radialBA.perNeighbor));
    // Determined from the first shell on: B-A neighbours (sigma_AB = 0.8) appear in training from r ~ 0.7.
    expect(radialBA.denseFrom).toBeGreaterThan(0.6);
    expect(radialBA.denseFrom).toBeLessThan(0.85);
    expect(wBA.map((r) => r[5])).toEqual(Array.from(weights.r, (r) => (r >= radialBA.denseFrom! ? 'yes' : 'no')));
    // g_AB = g_BA: both central species list the same curve.
    const g = (x: string, y: string) => table.rows.filter((r) => r[0] === x && r[1] === y && r[2] === 'g').map((r) => r[4]);
    expect(g('B', 'A')).toEqual(g('A', 'B'));
    expect(table.rows).toHaveLength(4 * weights.r.length + 4 * 100);
    expect(outputs.find((o) => o.kind === 'text' && o.text.startsWith('g(r) averaged over 3 frames'))).toBeTruthy();
  });

  it('names the offending argument, and refuses a trajectory with other species', async () => {
    const ctx = makeRunContext({ baseDir: dir, emit: () => {}, progress: () => {} });
    await expect(session.runCell('\nwr = weights model traj frames=0', ctx)).rejects.toThrow(
      "2:32: parameter 'frames' expects a number >= 1 (frames), got 0",
    );
    await expect(session.runCell('wr = weights traj model', ctx)).rejects.toThrow(
      "1:14: parameter 'model' expects a model result, but 'traj' is a trajectory",
    );
    await expect(session.runCell('wr = weights model traj binWidth=9', ctx)).rejects.toThrow('g(r): binWidth (9) must not exceed rMax (5)');
    writeFileSync(path.join(dir, 'other.xyz'), '2\nLattice="4 0 0 0 4 0 0 0 4" Properties=species:S:1:pos:R:3\nCu 0 0 0\nZr 1 1 1\n');
    await expect(session.runCell('other = load "other.xyz"\nwr = weights model other', ctx)).rejects.toThrow(
      'the model was trained on species A,B but the trajectory has Cu,Zr',
    );
  });
});
