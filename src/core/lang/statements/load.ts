import { formatSummary } from '../../io/formatNames';
import { openTrajectory } from '../../io/open';
import { defineStatement, type StatementDoc } from '../spec';
import type { TrajectoryValue } from '../values';

const doc = {
  verb: 'load',
  summary: `Opens a trajectory (${formatSummary()}) and selects frames. Frames are read lazily.`,
  returns: 'trajectory',
  example: 'traj = load "../samples/ka3d/ka3d_is.dump.gz" dt=0.005',
  params: [
    { name: 'file', type: 'path', positional: true, doc: 'trajectory file, relative to the notebook' },
    {
      name: 'dt',
      type: 'number',
      min: 1e-12,
      default: 0.005,
      unit: 'tau',
      doc: 'MD timestep size: frame time = timestep x dt (LAMMPS default for units lj)',
    },
    { name: 'start', type: 'number', integer: true, min: 0, default: 0, unit: 'frames', doc: 'first frame (0-based)' },
    { name: 'stop', type: 'number', integer: true, min: -1, default: -1, unit: 'frames', doc: 'one past the last frame; -1 = to the end' },
    { name: 'every', type: 'number', integer: true, min: 1, default: 1, unit: 'frames', doc: 'keep every k-th frame' },
    {
      name: 'dimension',
      type: 'enum',
      values: ['auto', '2', '3'],
      default: 'auto',
      doc: '2D or 3D; auto = 2 when all z are equal (GSD: its configuration/dimensions)',
    },
  ],
} as const satisfies StatementDoc;

/** `traj = load "file" dt=0.005 start=0 stop=-1 every=1 dimension=auto` */
export const load = defineStatement(doc, async (args, ctx) => {
  const file = args.file;
  const dimension = args.dimension === 'auto' ? undefined : args.dimension === '2' ? 2 : 3;
  const trajectory = openTrajectory(file, {
    dimension,
    onProgress: (done, total) => ctx.progress(`indexing ${file}`, total > 0 ? done / total : null),
  });
  try {
    const count = trajectory.frameCount;
    const stop = args.stop < 0 ? count : Math.min(args.stop, count);
    const start = args.start;
    if (start >= stop) throw new RangeError(`no frame selected: start=${start}, stop=${stop}, the file has ${count} frames`);
    const every = args.every;
    const frames = new Int32Array(Math.ceil((stop - start) / every)).map((_, k) => start + k * every);
    const first = trajectory.readFrame(frames[0]);
    const last = frames.length > 1 ? trajectory.readFrame(frames[frames.length - 1]) : first;
    // Times need every selected frame's timestep; frames are evenly spaced in well-formed dumps,
    // so the spacing is taken from the first two and checked against the last.
    const second = frames.length > 1 ? trajectory.readFrame(frames[1]) : first;
    const step = second.timestep - first.timestep;
    if (frames.length > 1 && last.timestep - first.timestep !== step * (frames.length - 1)) {
      throw new RangeError(
        `frames are not evenly spaced in time (timesteps ${first.timestep}, ${second.timestep}, ..., ${last.timestep}); select a regular subset with start/stop/every`,
      );
    }
    const dt = args.dt;
    const times = Float64Array.from(frames, (_, k) => (first.timestep + k * step) * dt);
    const value: TrajectoryValue = { kind: 'trajectory', trajectory, frames, times, dt, n: first.n, dimension: first.dimension };
    const counts = trajectory.speciesNames.map((name, s) => `${name}: ${first.species.filter((x) => x === s).length}`);
    const box = first.box
      ? `box ${first.box.lx.toFixed(3)} x ${first.box.ly.toFixed(3)}${first.dimension === 3 ? ` x ${first.box.lz.toFixed(3)}` : ''}${first.box.xy || first.box.xz || first.box.yz ? ` (tilt xy ${first.box.xy.toFixed(3)})` : ''}`
      : 'open boundaries';
    ctx.emit({ kind: 'text', text: `${counts.join(', ')}; ${box}; frame spacing ${(step * dt).toPrecision(4)} tau` });
    return value;
  } catch (error) {
    trajectory.close();
    throw error;
  }
});
