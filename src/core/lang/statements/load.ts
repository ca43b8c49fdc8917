import { openTrajectory } from '../../io/open';
import { loadDoc } from '../statementDocs';
import type { StatementDefinition } from './definition';
import type { TrajectoryValue } from '../values';

/** `traj = load "file" dt=0.005 start=0 stop=-1 every=1 dimension=auto` */
export const load: StatementDefinition = {
  doc: loadDoc,
  async run(args, ctx) {
    const file = args.file as string;
    const dimension = args.dimension === 'auto' ? undefined : (Number(args.dimension) as 2 | 3);
    const trajectory = openTrajectory(file, {
      dimension,
      onProgress: (done, total) => ctx.progress(`indexing ${file}`, total > 0 ? done / total : null),
    });
    try {
      const count = trajectory.frameCount;
      const stop = (args.stop as number) < 0 ? count : Math.min(args.stop as number, count);
      const start = args.start as number;
      if (start >= stop) throw new RangeError(`no frame selected: start=${start}, stop=${stop}, the file has ${count} frames`);
      const every = args.every as number;
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
      const dt = args.dt as number;
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
  },
};
