import { d2min } from '../../dynamics/d2min';
import { detectEvents } from '../../dynamics/events';
import { pHop } from '../../dynamics/phop';
import type { Frame } from '../../io/frame';
import type { RunContext } from '../context';
import { frameSpacing, readUnwrapped } from '../run/frameLoop';
import { type ArgsOf, defineStatement, type StatementDoc } from '../spec';
import type { RearrangementsValue, TrajectoryValue } from '../values';

const doc = {
  verb: 'rearrangements',
  summary:
    'Labels what particles do next: p_hop and its events (quiescent liquids) or D2_min over an interval (sheared or compressed solids). Also flags each particle-frame as rearranging for P(S|R) and P_R(S).',
  returns: 'rearrangements',
  source: 'p_hop: [Schoenholz2018] Eq. 2 and sec. 3.1; D2_min: [Cubuk2015] Eq. 3, after [FalkLanger1998]',
  example: 'ev = rearrangements traj method=pHop tR=10',
  params: [
    { name: 'trajectory', type: 'result', kinds: ['trajectory'], positional: true, doc: 'the loaded trajectory' },
    {
      name: 'method',
      type: 'enum',
      values: ['pHop', 'd2min'],
      valueAliases: { phop: 'pHop' },
      default: 'pHop',
      doc: 'rearrangement indicator: p_hop or D2_min',
    },
    {
      name: 'tR',
      type: 'number',
      min: 0,
      default: 10,
      unit: 'tau',
      doc: 'p_hop window t_R (time to complete a rearrangement)',
      source: '[Schoenholz2018] sec. 3.1 (t_R = 10 tau)',
    },
    {
      name: 'pL',
      type: 'number',
      min: 0,
      default: 0.05,
      unit: 'sigma_AA^2',
      doc: 'p_hop event threshold p_L',
      source: '[Schoenholz2018] sec. 3.1 (p_L ~ 0.05)',
    },
    {
      name: 'pR',
      type: 'number',
      min: 0,
      default: 0.2,
      unit: 'sigma_AA^2',
      doc: 'p_hop above which a particle-frame counts as rearranging for P(S|R), P_R(S)',
      source: '[Schoenholz2018] below Eq. 10 (p_hop >~ 0.2)',
    },
    {
      name: 'interval',
      type: 'number',
      min: 0,
      default: 1,
      unit: 'tau',
      doc: 'D2_min interval Delta t (rounded to whole frames)',
      source: '[Cubuk2015] Eq. 3',
    },
    {
      name: 'rCut',
      type: 'number',
      min: 0,
      default: 2.5,
      unit: 'sigma_AA',
      doc: 'D2_min neighbour cut-off R_c^D',
      source: '[Cubuk2015] Eq. 3',
    },
    {
      name: 'threshold',
      type: 'number',
      min: 0,
      default: null,
      unit: 'sigma_AA^2',
      doc: 'D2_min,0: D2_min at or above it counts as rearranging (required for d2min)',
      source: '[Cubuk2016] sec. 4.3.1: 0.28 at T = 0.4, i.e. 0.7 T',
    },
  ],
} as const satisfies StatementDoc;

type Args = ArgsOf<typeof doc>;

const UNKNOWN = 255;

/** `ev = rearrangements traj method=pHop tR=10 pL=0.05 pR=0.2` or `method=d2min interval=1 rCut=2.5 threshold=0.21` */
export const rearrangements = defineStatement(doc, async (args, ctx) =>
  args.method === 'pHop' ? runPHop(args.trajectory, args, ctx) : runD2min(args.trajectory, args, ctx),
);

async function runPHop(traj: TrajectoryValue, args: Args, ctx: RunContext): Promise<RearrangementsValue> {
  const spacing = frameSpacing(traj);
  const tR = args.tR;
  // p_hop needs an even number of frames in t_R so that t = t_R / 2 falls on a frame.
  const windowFrames = 2 * Math.max(1, Math.round(tR / spacing / 2));
  const nFrames = traj.frames.length;
  if (nFrames < windowFrames + 1)
    throw new RangeError(
      `p_hop with tR = ${tR} tau needs at least ${windowFrames + 1} frames (spacing ${spacing} tau); ${nFrames} are selected`,
    );
  const unwrapped = await readUnwrapped(traj, ctx);
  const field = pHop(unwrapped, nFrames, traj.n, windowFrames);
  const pL = args.pL;
  const events = detectEvents(field, unwrapped, nFrames, traj.n, pL);
  const pR = args.pR;
  const { rearranging, flagged } = flagRearranging(field, (p) => p > pR);
  ctx.emit({
    kind: 'text',
    text: `p_hop: t_R = ${windowFrames * spacing} tau (${windowFrames} frames); ${events.count} events with p_hop > p_L = ${pL}; ${flagged} particle-frames with p_hop > p_R = ${pR}`,
  });
  return {
    kind: 'rearrangements',
    source: traj,
    method: 'phop',
    pHop: field,
    events,
    d2min: null,
    parameters: { tR: windowFrames * spacing, windowFrames, pL, pR },
    rearranging,
  };
}

async function runD2min(traj: TrajectoryValue, args: Args, ctx: RunContext): Promise<RearrangementsValue> {
  const threshold = args.threshold;
  if (threshold === null)
    throw new RangeError('method=d2min needs threshold= (D2_min,0 in sigma_AA^2; [Cubuk2016] sec. 4.3.1: 0.7 T, e.g. 0.21 at T = 0.3)');
  const spacing = frameSpacing(traj);
  const lag = Math.max(1, Math.round(args.interval / spacing));
  const nFrames = traj.frames.length;
  if (nFrames <= lag) throw new RangeError(`D2_min over ${lag} frames needs more than ${lag} selected frames; ${nFrames} are selected`);
  const n = traj.n;
  const field = new Float64Array(nFrames * n).fill(NaN);
  const rCut = args.rCut;
  // Each frame is the current frame of one interval and the reference of another: keep the
  // lag + 1 frames in between so every frame is parsed once.
  const window = new Map<number, Frame>();
  const frameAt = (k: number): Frame => {
    const kept = window.get(k);
    if (kept) return kept;
    const frame = traj.trajectory.readFrame(traj.frames[k]);
    window.set(k, frame);
    return frame;
  };
  for (let k = 0; k + lag < nFrames; k++) {
    await ctx.checkpoint();
    field.set(d2min(frameAt(k), frameAt(k + lag), rCut), k * n);
    window.delete(k);
    ctx.progress(`D2_min: frame ${k + 1}/${nFrames - lag}`, (k + 1) / (nFrames - lag));
  }
  const { rearranging, flagged } = flagRearranging(field, (v) => v >= threshold);
  ctx.emit({
    kind: 'text',
    text: `D2_min over ${lag * spacing} tau (${lag} frames), R_c^D = ${rCut}: ${flagged} particle-frames with D2_min >= ${threshold}`,
  });
  return {
    kind: 'rearrangements',
    source: traj,
    method: 'd2min',
    pHop: null,
    events: null,
    d2min: field,
    parameters: { interval: lag * spacing, lagFrames: lag, rCut, threshold },
    rearranging,
  };
}

/** 1 where the indicator says "rearranging", 0 where not, 255 where it is undefined (NaN). */
function flagRearranging(
  field: Float32Array | Float64Array,
  isRearranging: (v: number) => boolean,
): { rearranging: Uint8Array; flagged: number } {
  const rearranging = new Uint8Array(field.length);
  let flagged = 0;
  for (let k = 0; k < field.length; k++) {
    const v = field[k];
    rearranging[k] = Number.isNaN(v) ? UNKNOWN : isRearranging(v) ? 1 : 0;
    flagged += rearranging[k] === 1 ? 1 : 0;
  }
  return { rearranging, flagged };
}
