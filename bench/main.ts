import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openTrajectory } from '../src/core/io/open';
import { makeRunContext } from '../src/core/lang/context';
import { Session } from '../src/core/lang/session';
import { runNotebook } from '../src/cli/runNotebook';
import { benchFeatures } from './featuresBench';
import { benchPreview, removeBenchFile, repeatedDumpOfSize, tiledDump } from './previewBench';
import { benchSvm } from './svmBench';

/**
 * `npm run bench`: the speed and memory figures against their targets, printed as Markdown rows ready for
 * bench/RESULTS.md. Every part runs in its own child process so that its peak RSS is its own.
 *   node dist/bench.js            all parts
 *   node dist/bench.js --part P   one part (features | svm | quickstart | softness | softness4x | preview)
 */
const root = path.resolve(__dirname, '..');
const sample = path.join(root, 'samples/ka3d/ka3d_is.dump.gz');
const quickstart = path.join(root, 'examples/quickstart.softnb');

type Row = [string, string, string];

async function part(name: string): Promise<Row[]> {
  switch (name) {
    case 'features': {
      const trajectory = openTrajectory(sample);
      const frames = Array.from({ length: 16 }, (_, k) => trajectory.readFrame(k * Math.floor(trajectory.frameCount / 16)));
      const r = await benchFeatures(frames, [...trajectory.speciesNames]);
      return [
        [
          'cubuk2015 structure functions, 1 thread (wall clock)',
          `${r.cubuk2015PerSecond.toFixed(0)} environments/s`,
          '>= 5,000 /s per core',
        ],
        [
          'cubuk2015 structure functions, 1 thread (per CPU second)',
          `${r.cubuk2015PerCpuSecond.toFixed(0)} environments/s`,
          '>= 5,000 /s per core',
        ],
        [
          `cubuk2015 structure functions, ${r.threads} threads`,
          r.cubuk2015ParallelPerSecond === null ? 'worker bundle missing' : `${r.cubuk2015ParallelPerSecond.toFixed(0)} environments/s`,
          '',
        ],
        ['schoenholz2016 structure functions, 1 thread', `${r.schoenholz2016PerSecond.toFixed(0)} environments/s`, ''],
      ];
    }
    case 'svm': {
      const r = benchSvm();
      return [
        [
          `linear SVM training, ${r.nSamples} x ${r.nFeatures} standardised (hinge, C = 1)`,
          `${r.seconds.toFixed(2)} s (${r.nIter} passes${r.converged ? '' : ', max passes reached'})`,
          '<= 3 s',
        ],
      ];
    }
    case 'softness':
    case 'softness4x': {
      // The same trajectory repeated 4 times (timesteps shifted): peak memory must not grow with length.
      const repeat = name === 'softness4x' ? 4 : 1;
      const model = path.join(root, 'examples/quickstart.report/ka3d.softness.json');
      if (!existsSync(model)) throw new Error(`${model} missing: run the quickstart part first`);
      // The repeated file is made by the parent process, so its text never counts in this part's memory.
      const file = repeat === 1 ? sample : process.argv[process.argv.indexOf('--file') + 1];
      const session = new Session();
      const ctx = makeRunContext({ baseDir: root, emit: () => {}, progress: () => {} });
      await session.runCell(`model = loadmodel ${JSON.stringify(model)}\ntraj = load ${JSON.stringify(file)}`, ctx);
      const traj = session.get('traj');
      const particleFrames = traj?.kind === 'trajectory' ? traj.n * traj.frames.length : NaN;
      const start = performance.now();
      await session.runCell('S = softness model traj', ctx);
      const seconds = (performance.now() - start) / 1000;
      const label = repeat === 1 ? '3D sample' : `3D sample repeated ${repeat}x`;
      return [
        [
          `softness of every particle of every frame (${label}, ${particleFrames} particle-frames)`,
          `${(particleFrames / seconds).toFixed(0)} particle-frames/s (${seconds.toFixed(1)} s)`,
          'memory independent of length',
        ],
      ];
    }
    case 'quickstart': {
      const start = performance.now();
      const result = await runNotebook(quickstart, {});
      if (result.failed) throw new Error('the quickstart notebook failed; run `npm run demo` to see why');
      const seconds = (performance.now() - start) / 1000;
      return [['quickstart notebook end to end (examples/quickstart.softnb)', `${seconds.toFixed(1)} s`, '<= 60 s']];
    }
    case 'preview': {
      // A 2 GB dump, written one sample copy at a time (~30 MB of this part's memory), removed after.
      const file = repeatedDumpOfSize(sample, 2 * 2 ** 30);
      const r = await benchPreview(path.join(__dirname, 'previewWorker.js'), file).finally(() => removeBenchFile(file));
      // 10 frames of the sample tiled 5 x 5 x 5 = 125,000 particles per frame: the large-frame case.
      const tiled = tiledDump(sample, 10, 5);
      const big = await benchPreview(path.join(__dirname, 'previewWorker.js'), tiled).finally(() => removeBenchFile(tiled));
      const size = `${(r.fileBytes / 2 ** 30).toFixed(2)} GB dump, ${r.frames} frames of ${r.particles} particles, file in the page cache`;
      return [
        [`trajectory preview: first frame on screen (${size})`, `${r.firstFrameMs.toFixed(0)} ms`, '< 2 s'],
        [
          'trajectory preview: peak memory of the preview worker and its relay (RSS growth while it runs)',
          `${r.peakExtraMiB.toFixed(0)} MiB`,
          'a few frames',
        ],
        [`trajectory preview: streaming index, one pass (${size})`, `${r.indexMBps.toFixed(0)} MB/s (${r.indexSeconds.toFixed(1)} s)`, ''],
        [
          'trajectory preview: switch to a random frame (read, parse, g(r); median / slowest of 30)',
          `${r.switchMedianMs.toFixed(0)} / ${r.switchMaxMs.toFixed(0)} ms`,
          '',
        ],
        [
          `trajectory preview, ${big.particles} particles per frame: first frame / switch (median, slowest) / RSS growth`,
          `${big.firstFrameMs.toFixed(0)} ms / ${big.switchMedianMs.toFixed(0)} ms, ${big.switchMaxMs.toFixed(0)} ms / ${big.peakExtraMiB.toFixed(0)} MiB`,
          'interactive',
        ],
      ];
    }
    default:
      throw new Error(`unknown bench part '${name}'`);
  }
}

/** Writes `repeat` copies of a dump, one after another with shifted timesteps, to a temporary file. */
function repeatedDump(file: string, repeat: number): string {
  const text = gunzipSync(readFileSync(file)).toString('latin1');
  const steps = [...text.matchAll(/ITEM: TIMESTEP\n(\d+)/g)].map((m) => Number(m[1]));
  const span = steps[steps.length - 1] - steps[0] + (steps[1] - steps[0]);
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'softness-bench-')), `repeated${repeat}.dump`);
  writeFileSync(out, '');
  for (let r = 0; r < repeat; r++)
    appendFileSync(
      out,
      text.replace(/ITEM: TIMESTEP\n(\d+)/g, (_, t: string) => `ITEM: TIMESTEP\n${Number(t) + r * span}`),
    );
  return out;
}

async function main(): Promise<void> {
  const index = process.argv.indexOf('--part');
  if (index >= 0) {
    const rows = await part(process.argv[index + 1]);
    const peakMiB = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(JSON.stringify({ rows, peakMiB }));
    return;
  }
  console.log(
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
  );
  console.log('| measurement | result | target | peak RSS of the part |');
  console.log('| --- | --- | --- | --- |');
  for (const name of ['features', 'svm', 'quickstart', 'softness', 'softness4x', 'preview']) {
    const extra = name === 'softness4x' ? ['--file', repeatedDump(sample, 4)] : [];
    const out = execFileSync(process.execPath, [__filename, '--part', name, ...extra], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const { rows, peakMiB } = JSON.parse(out) as { rows: Row[]; peakMiB: number };
    for (const [what, result, target] of rows) console.log(`| ${what} | ${result} | ${target} | ${peakMiB.toFixed(0)} MiB |`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
