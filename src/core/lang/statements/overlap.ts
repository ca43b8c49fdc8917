import { overlap as overlapFunction, tauAlpha } from '../../dynamics/overlap';
import { frameSpacing, lagFrames, readUnwrapped } from '../run/frameLoop';
import { defineStatement, type StatementDoc } from '../spec';
import type { TableValue } from '../values';

const doc = {
  verb: 'overlap',
  summary: 'Self overlap q(t) averaged over time origins and the alpha-relaxation time tau_alpha (q = 1/e); plots q(t).',
  returns: 'table',
  source: '[Schoenholz2018] Eq. 1',
  example: 'q = overlap traj a=0.3',
  params: [
    { name: 'trajectory', type: 'result', kinds: ['trajectory'], positional: true, doc: 'the loaded trajectory' },
    { name: 'a', type: 'number', min: 0, default: 0.3, unit: 'sigma_AA', doc: 'mobility cut-off a' },
    { name: 'maxLag', type: 'number', min: -1, default: -1, unit: 'tau', doc: 'longest lag; -1 = half the trajectory' },
  ],
} as const satisfies StatementDoc;

/** `q = overlap traj a=0.3` — q(t) and tau_alpha, to choose tau_c for the training set. */
export const overlap = defineStatement(doc, async (args, ctx) => {
  const traj = args.trajectory;
  const spacing = frameSpacing(traj);
  const nFrames = traj.frames.length;
  const maxLag = lagFrames(traj, args.maxLag);
  const unwrapped = await readUnwrapped(traj, ctx);
  const q = overlapFunction(unwrapped, nFrames, traj.n, { a: args.a, maxLag });
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
});
