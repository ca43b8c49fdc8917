import { availableParallelism } from 'node:os';
import { makeBox } from '../src/core/geometry/box';
import type { Frame } from '../src/core/io/frame';
import { FeaturePool } from '../src/core/features/parallel';
import { featurePreset } from '../src/core/features/presets';
import { computeStructureFunctions } from '../src/core/features/structureFunctions';

/**
 * A stand-in sample until real ones exist: n particles uniformly at random in a periodic cube
 * at number density `density` (sigma_AA^-3), species A:B = 80:20 (Kob-Andersen ratio). Ideal-gas
 * positions give the same neighbour counts as a liquid at that density, which is what the cost
 * depends on. Seeded (xorshift), so every run measures the same configuration.
 */
export function randomBenchFrame(n = 4000, density = 1.2, seed = 2015): Frame {
  const l = Math.cbrt(n / density);
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const positions = Float64Array.from({ length: 3 * n }, () => next() * l);
  const species = Uint8Array.from({ length: n }, (_, i) => (i < 0.8 * n ? 0 : 1));
  return {
    index: 0,
    timestep: 0,
    n,
    dimension: 3,
    box: makeBox({ lo: [0, 0, 0], lx: l, ly: l, lz: l }),
    ids: Int32Array.from({ length: n }, (_, i) => i + 1),
    species,
    positions,
    unwrapped: null,
    columns: new Map(),
  };
}

export interface FeaturesBenchResult {
  environments: number;
  /** cubuk2015 (162 features for 2 species), one thread, environments per second (wall clock). */
  cubuk2015PerSecond: number;
  /**
   * The same run per second of process CPU time: the per-core speed when other jobs share the
   * cores (wall clock then also counts time the thread waited for a core).
   */
  cubuk2015PerCpuSecond: number;
  /** cubuk2015 on `threads` worker threads (null when the worker bundle is not available). */
  cubuk2015ParallelPerSecond: number | null;
  threads: number;
  /** schoenholz2016 (radial only), one thread. */
  schoenholz2016PerSecond: number;
}

/**
 * Structure-function throughput on `frames` (every particle of every frame is an environment):
 * cubuk2015 on one thread and on all cores (parallel.ts, needs dist/featureWorker.js next to
 * the running bundle or `workerPath`), schoenholz2016 on one thread. Each figure is the best of
 * 3 timed passes after an untimed warm-up pass (JIT). Target: >= 5,000 environments/s per core
 * for cubuk2015 in 3D at density 1.2 (radial cut-off 5.0, angular 2.5).
 * @throws RangeError for invalid species names (featurePreset) or frames (computeStructureFunctions).
 */
export async function benchFeatures(
  frames: Frame[],
  speciesNames: string[],
  options: { workerPath?: string } = {},
): Promise<FeaturesBenchResult> {
  const environments = frames.reduce((sum, f) => sum + f.n, 0);
  const cubuk = featurePreset('cubuk2015', speciesNames);
  const schoenholz = featurePreset('schoenholz2016', speciesNames);
  const cpuSeconds = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  };
  // Best of 3 timed runs after one warm-up: other jobs on the shared cores only ever slow a run.
  const perSecond = (run: () => void) => {
    run();
    let wall = 0;
    let cpu = 0;
    for (let k = 0; k < 3; k++) {
      const start = performance.now();
      const cpuStart = cpuSeconds();
      run();
      wall = Math.max(wall, environments / ((performance.now() - start) / 1000));
      cpu = Math.max(cpu, environments / (cpuSeconds() - cpuStart));
    }
    return { wall, cpu };
  };
  const serial = (spec: typeof cubuk) => () => {
    for (const f of frames) computeStructureFunctions(f, spec);
  };
  // The serial figure first: worker threads being torn down must not share its core.
  const cubuk1 = perSecond(serial(cubuk));
  const threads = availableParallelism();
  let cubuk2015ParallelPerSecond: number | null = null;
  let pool: FeaturePool | null = null;
  try {
    pool = new FeaturePool({ threads, workerPath: options.workerPath });
  } catch (e) {
    if (!(e instanceof Error && /not found/.test(e.message))) throw e;
  }
  if (pool) {
    try {
      const jobs = frames.map((frame) => ({ frame }));
      await pool.compute(jobs.slice(0, 1), cubuk); // warm-up: every worker compiles its kernels
      cubuk2015ParallelPerSecond = 0;
      for (let k = 0; k < 3; k++) {
        const start = performance.now();
        await pool.compute(jobs, cubuk);
        cubuk2015ParallelPerSecond = Math.max(cubuk2015ParallelPerSecond, environments / ((performance.now() - start) / 1000));
      }
    } finally {
      await pool.close();
    }
  }
  return {
    environments,
    cubuk2015PerSecond: cubuk1.wall,
    cubuk2015PerCpuSecond: cubuk1.cpu,
    cubuk2015ParallelPerSecond,
    threads,
    schoenholz2016PerSecond: perSecond(serial(schoenholz)).wall,
  };
}
