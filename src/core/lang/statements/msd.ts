import { meanSquaredDisplacement } from '../../dynamics/msd';
import { speciesColour } from '../../plots/speciesColours';
import { frameSpacing, lagFrames, readUnwrapped } from '../run/frameLoop';
import { defineStatement, type StatementDoc } from '../spec';
import type { TableValue } from '../values';

const doc = {
  verb: 'msd',
  summary:
    'Mean squared displacement <|r_i(t0 + t) - r_i(t0)|^2> per species against the lag time t, averaged over the particles of the species and over time origins t0, from unwrapped positions; plots it on log-log axes (ballistic ~ t^2, caged plateau, diffusive ~ t). The table holds species, lag t (tau), msd (sigma_AA^2) and the number of time origins behind each lag.',
  returns: 'table',
  source: '[KobAndersen1995]',
  example: 'm = msd traj maxLag=50',
  params: [
    { name: 'trajectory', type: 'result', kinds: ['trajectory'], positional: true, doc: 'the loaded trajectory' },
    { name: 'maxLag', type: 'number', min: -1, default: -1, unit: 'tau', doc: 'longest lag; -1 = half the trajectory' },
    {
      name: 'originStride',
      type: 'number',
      integer: true,
      min: 1,
      default: 1,
      unit: 'frames',
      doc: 'a time origin every this many frames (1 = every frame); larger is faster on long trajectories',
    },
  ],
} as const satisfies StatementDoc;

/** `m = msd traj maxLag=50` — MSD per species vs lag, table and log-log plot. */
export const msd = defineStatement(doc, async (args, ctx) => {
  const traj = args.trajectory;
  const spacing = frameSpacing(traj);
  const names = traj.trajectory.speciesNames;
  const species = traj.trajectory.readFrame(traj.frames[0]).species;
  const unwrapped = await readUnwrapped(traj, ctx);
  const result = meanSquaredDisplacement(unwrapped, traj.frames.length, traj.n, species, names.length, {
    maxLag: lagFrames(traj, args.maxLag),
    originStride: args.originStride,
  });
  const width = result.maxLag + 1;
  const present = names.map((name, s) => ({ name, s })).filter(({ s }) => !Number.isNaN(result.msd[s * width]));
  const lags = Array.from({ length: result.maxLag }, (_, k) => (k + 1) * spacing);
  const at = (s: number): number[] => Array.from(result.msd.subarray(s * width + 1, (s + 1) * width));
  ctx.emit({
    kind: 'text',
    text: `MSD at t = ${(result.maxLag * spacing).toPrecision(4)} tau (${result.origins[result.maxLag]} time origins): ${present
      .map(({ name, s }) => `${name} ${result.msd[s * width + result.maxLag].toPrecision(4)}`)
      .join(', ')} sigma_AA^2`,
  });
  ctx.emit({
    kind: 'plot',
    title: 'mean squared displacement',
    figure: {
      // Lag 0 (MSD = 0) has no place on log axes.
      data: present.map(({ name, s }) => ({
        type: 'scatter',
        mode: 'lines+markers',
        x: lags,
        y: at(s),
        name,
        line: { color: speciesColour(s) },
      })),
      layout: {
        title: { text: 'mean squared displacement per species' },
        xaxis: { title: { text: 't (τ)' }, type: 'log' },
        yaxis: { title: { text: 'MSD (σ_AA²)' }, type: 'log' },
      },
    },
  });
  const table: TableValue = {
    kind: 'table',
    title: 'mean squared displacement',
    columns: ['species', 't', 'msd', 'origins'],
    rows: present.flatMap(({ name, s }) =>
      Array.from({ length: width }, (_, lag) => [name, lag * spacing, result.msd[s * width + lag], result.origins[lag]]),
    ),
  };
  ctx.emit(table);
  return table;
});
