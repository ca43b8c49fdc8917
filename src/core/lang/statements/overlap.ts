import { overlap as overlapFunction, tauAlpha } from '../../dynamics/overlap';
import { overlapDoc } from '../statementDocs';
import type { StatementDefinition } from './definition';
import { frameSpacing, readUnwrapped } from './frameLoop';
import type { TableValue, TrajectoryValue } from '../values';

/** `q = overlap traj a=0.3` — q(t) and tau_alpha, to choose tau_c for the training set. */
export const overlap: StatementDefinition = {
  doc: overlapDoc,
  async run(args, ctx) {
    const traj = args.trajectory as TrajectoryValue;
    const spacing = frameSpacing(traj);
    const nFrames = traj.frames.length;
    const maxLagArg = args.maxLag as number;
    const maxLag = Math.min(nFrames - 1, maxLagArg < 0 ? Math.floor(nFrames / 2) : Math.round(maxLagArg / spacing));
    const unwrapped = await readUnwrapped(traj, ctx);
    const q = overlapFunction(unwrapped, nFrames, traj.n, { a: args.a as number, maxLag });
    const times = Float64Array.from(q, (_, k) => k * spacing);
    // q(t) may not reach 1/e within the lags computed: then tau_alpha is only bounded from below.
    const tau = q[q.length - 1] < Math.exp(-1) ? tauAlpha(q, times) : NaN;
    ctx.emit({
      kind: 'text',
      text: Number.isFinite(tau)
        ? `tau_alpha = ${tau.toFixed(2)} tau (q(t) = 1/e, a = ${args.a})`
        : `q(t) stays above 1/e up to ${times[times.length - 1]} tau: tau_alpha is longer than the lags computed`,
    });
    ctx.emit({
      kind: 'plot',
      title: 'overlap q(t)',
      figure: {
        data: [{ type: 'scatter', mode: 'lines+markers', x: Array.from(times), y: Array.from(q), name: 'q(t)' }],
        layout: {
          title: { text: `overlap q(t), a = ${args.a} σ_AA` },
          xaxis: { title: { text: 't (τ)' }, type: 'log' },
          yaxis: { title: { text: 'q(t)' }, range: [0, 1.02] },
        },
      },
    });
    const table: TableValue = { kind: 'table', title: 'overlap', columns: ['t', 'q'], rows: Array.from(q, (v, k) => [times[k], v]) };
    return table;
  },
};
