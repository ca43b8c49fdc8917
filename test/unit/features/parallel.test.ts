import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBox } from '../../../src/core/geometry/box';
import { computeStructureFunctionsParallel, FeaturePool } from '../../../src/core/features/parallel';
import { featurePreset } from '../../../src/core/features/presets';
import { computeStructureFunctions } from '../../../src/core/features/structureFunctions';
import { randomFrame } from '../neighbors/helpers';

// The pool runs the bundled worker, as in dist/; bundle it the way scripts/build.mjs does.
let dir = '';
let workerPath = '';
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'featureWorker-'));
  workerPath = path.join(dir, 'featureWorker.js');
  await build({
    entryPoints: ['src/core/features/featureWorker.ts'],
    outfile: workerPath,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('computeStructureFunctionsParallel', () => {
  const spec = featurePreset('cubuk2015', ['A', 'B'], { radialCut: 3 });
  const f1 = randomFrame(makeBox({ lo: [0, 0, 0], lx: 7, ly: 7, lz: 7, xy: 2 }), 400, 3, 31);
  const f2 = randomFrame(makeBox({ lo: [0, 0, 0], lx: 9, ly: 9, lz: 1 }), 100, 2, 32);

  it('2 threads, pieces of 64 centers: bit-identical to the single-thread call, per job', async () => {
    const centers = Int32Array.from({ length: 150 }, (_, k) => (k * 7) % 400);
    const out = await computeStructureFunctionsParallel([{ frame: f1, centers }, { frame: f2 }], spec, {
      threads: 2,
      piece: 64,
      workerPath,
    });
    expect(out.map((m) => m.nRows)).toEqual([150, 100]);
    expect(Array.from(out[0].values)).toEqual(Array.from(computeStructureFunctions(f1, spec, centers).values));
    expect(Array.from(out[1].values)).toEqual(Array.from(computeStructureFunctions(f2, spec).values));
    expect(out[1].names).toEqual(computeStructureFunctions(f2, spec).names);
  });

  it('a pool serves several calls; after a failed call it is closed', async () => {
    const pool = new FeaturePool({ threads: 2, piece: 50, workerPath });
    const a = await pool.compute([{ frame: f2 }], spec);
    const b = await pool.compute([{ frame: f2, centers: Int32Array.of(9, 3) }], spec);
    const n = a[0].nFeatures;
    expect(Array.from(b[0].values)).toEqual([...a[0].values.subarray(9 * n, 10 * n), ...a[0].values.subarray(3 * n, 4 * n)]);
    const bad = { ...f2, species: f2.species.slice().fill(9) };
    await expect(pool.compute([{ frame: bad }], spec)).rejects.toThrow(/species index 9/);
    await expect(pool.compute([{ frame: f2 }], spec)).rejects.toThrow(/closed/);
  });

  it('a failing piece rejects naming the job, the center range and the cause', async () => {
    const bad = { ...f2, species: f2.species.slice() };
    bad.species[5] = 7;
    await expect(
      computeStructureFunctionsParallel([{ frame: f1, centers: Int32Array.of(1) }, { frame: bad }], spec, { threads: 2, workerPath }),
    ).rejects.toThrow(/job 1, centers 0\.\.99: .*particle row 5 has species index 7/);
  });

  it('a missing worker script is named', async () => {
    await expect(computeStructureFunctionsParallel([{ frame: f2 }], spec, { workerPath: path.join(dir, 'nope.js') })).rejects.toThrow(
      /nope\.js not found/,
    );
  });
});
