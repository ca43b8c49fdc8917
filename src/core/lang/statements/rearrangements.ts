import { d2min } from '../../dynamics/d2min';
import { detectEvents } from '../../dynamics/events';
import { pHop } from '../../dynamics/phop';
import type { Frame } from '../../io/frame';
import { rearrangementsDoc } from '../statementDocs';
import type { StatementDefinition } from './definition';
import { frameSpacing, readUnwrapped } from './frameLoop';
import type { RearrangementsValue, TrajectoryValue } from '../values';

const UNKNOWN = 255;

/** `ev = rearrangements traj method=phop tR=10 pL=0.05 pR=0.2` or `method=d2min interval=1 rCut=2.5 threshold=0.21` */
export const rearrangements: StatementDefinition = {
  doc: rearrangementsDoc,
  async run(args, ctx) {
    const traj = args.trajectory as TrajectoryValue;
    return args.method === 'phop' ? runPHop(traj, args, ctx) : runD2min(traj, args, ctx);
  },
};

type Args = Parameters<StatementDefinition['run']>[0];
type Ctx = Parameters<StatementDefinition['run']>[1];

async function runPHop(traj: TrajectoryValue, args: Args, ctx: Ctx): Promise<RearrangementsValue> {
  const spacing = frameSpacing(traj);
  const tR = args.tR as number;
  // p_hop needs an even number of frames in t_R so that t = t_R / 2 falls on a frame.
  const windowFrames = 2 * Math.max(1, Math.round(tR / spacing / 2));
  const nFrames = traj.frames.length;
  if (nFrames < windowFrames + 1)
    throw new RangeError(
      `p_hop with tR = ${tR} tau needs at least ${windowFrames + 1} frames (spacing ${spacing} tau); ${nFrames} are selected`,
    );
  const unwrapped = await readUnwrapped(traj, ctx);
  const field = pHop(unwrapped, nFrames, traj.n, windowFrames);
  const pL = args.pL as number;
  const events = detectEvents(field, unwrapped, nFrames, traj.n, pL);
  const pR = args.pR as number;
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

async function runD2min(traj: TrajectoryValue, args: Args, ctx: Ctx): Promise<RearrangementsValue> {
  const threshold = args.threshold as number | null;
  if (threshold === null)
    throw new RangeError('method=d2min needs threshold= (D2_min,0 in sigma_AA^2; Cubuk thesis: 0.7 T, e.g. 0.21 at T = 0.3)');
  const spacing = frameSpacing(traj);
  const lag = Math.max(1, Math.round((args.interval as number) / spacing));
  const nFrames = traj.frames.length;
  if (nFrames <= lag) throw new RangeError(`D2_min over ${lag} frames needs more than ${lag} selected frames; ${nFrames} are selected`);
  const n = traj.n;
  const field = new Float64Array(nFrames * n).fill(NaN);
  const rCut = args.rCut as number;
  // Each frame is the current frame of one interval and the reference of another: keep the
  // lag + 1 frames in between so every frame is parsed once.
  const window = new Map<number, Frame>();
  const frameAt = (k: number): Frame => {
    let frame = window.get(k);
    if (!frame) window.set(k, (frame = traj.trajectory.readFrame(traj.frames[k])));
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
