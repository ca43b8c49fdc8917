import { requireFrameArray, requireInteger } from './shape';

/**
 * Rearrangement events, one entry per event in parallel typed arrays (no object per event),
 * ordered by particle, then by tStart. Frames are 0-based frame indices of the trajectory.
 */
export interface RearrangementEvents {
  readonly count: number;
  /** Particle row (index into the frame's sorted ids), Int32Array [count]. */
  readonly particle: Int32Array;
  /** First frame with p_hop > p_L, Int32Array [count]. */
  readonly tStart: Int32Array;
  /** First frame after tStart with p_hop <= p_L, Int32Array [count]; duration = tEnd - tStart. */
  readonly tEnd: Int32Array;
  /** Frame of the maximum p_hop inside the event (earliest if tied), Int32Array [count]. */
  readonly tPeak: Int32Array;
  /** p* = max p_hop inside the event (sigma_AA^2), Float32Array [count]. */
  readonly pStar: Float32Array;
  /** |x(tEnd) - x(tStart)| from unwrapped positions (sigma_AA), Float32Array [count]. */
  readonly displacement: Float32Array;
}

/** Stretches of frames with no rearrangement, per particle, in parallel typed arrays. */
export interface QuiescentWindows {
  readonly count: number;
  /** Particle row, Int32Array [count]. */
  readonly particle: Int32Array;
  /** First quiescent frame, Int32Array [count]. */
  readonly start: Int32Array;
  /** One past the last quiescent frame (exclusive), Int32Array [count]; length = end - start. */
  readonly end: Int32Array;
}

/**
 * Rearrangement events from a p_hop field ([Schoenholz2018] Sec. 3.1):
 * an event is a maximal run of frames with p_hop > p_L; t_start is its first frame, t_end the
 * first frame after it with p_hop <= p_L, p* the maximum inside, and the displacement is
 * |x_i(t_end) - x_i(t_start)|.
 *
 * NaN p_hop (incomplete window, see `pHop`) means "unknown": a run that touches a NaN frame or
 * the trajectory ends at either side has an unknown t_start or t_end and is NOT reported (it is
 * still excluded from `quiescentWindows`, which only accepts frames with a known p_hop <= p_L).
 *
 * @param pHop Float32Array row-major [nFrames x n] (sigma_AA^2), as returned by `pHop`.
 * @param unwrapped Float64Array row-major [nFrames x n x 3] (sigma_AA), the positions p_hop came from.
 * @param pL threshold p_L (sigma_AA^2), 0.05 in [Schoenholz2018] Sec. 3.1.
 * @throws RangeError when an array does not match [nFrames x n] / [nFrames x n x 3] or p_L is
 *   not a finite number >= 0.
 */
export function detectEvents(pHop: Float32Array, unwrapped: Float64Array, nFrames: number, n: number, pL = 0.05): RearrangementEvents {
  requireFrameArray('detectEvents: pHop', pHop, nFrames, n, 1);
  requireFrameArray('detectEvents: unwrapped positions', unwrapped, nFrames, n, 3);
  requireThreshold('detectEvents', pL);
  // Two passes over the same scan (count, then fill) keep the output in exactly-sized typed arrays.
  let count = 0;
  forEachRun(pHop, nFrames, n, pL, 'above', () => count++);
  const events = {
    count,
    particle: new Int32Array(count),
    tStart: new Int32Array(count),
    tEnd: new Int32Array(count),
    tPeak: new Int32Array(count),
    pStar: new Float32Array(count),
    displacement: new Float32Array(count),
  };
  let e = 0;
  forEachRun(pHop, nFrames, n, pL, 'above', (i, start, end) => {
    let peak = start;
    for (let k = start + 1; k < end; k++) if (pHop[k * n + i] > pHop[peak * n + i]) peak = k;
    const s = 3 * (start * n + i);
    const t = 3 * (end * n + i);
    events.particle[e] = i;
    events.tStart[e] = start;
    events.tEnd[e] = end;
    events.tPeak[e] = peak;
    events.pStar[e] = pHop[peak * n + i];
    events.displacement[e] = Math.hypot(
      unwrapped[t] - unwrapped[s],
      unwrapped[t + 1] - unwrapped[s + 1],
      unwrapped[t + 2] - unwrapped[s + 2],
    );
    e++;
  });
  return events;
}

/**
 * Quiescent windows for the "stable" training population ([Schoenholz2018] Sec. 3.1: particles with no
 * rearrangement for about tau_c ~ tau_alpha; training uses the middle of each window): for every
 * particle, each maximal run of frames whose p_hop is known (not NaN) and <= p_L, kept when it
 * lasts at least `tauCFrames` frames (tau_c divided by the frame spacing, converted by the caller).
 *
 * @param pHop Float32Array row-major [nFrames x n] (sigma_AA^2).
 * @param pL threshold p_L (sigma_AA^2), the same as used for `detectEvents`.
 * @param tauCFrames minimum window length in frames, integer >= 1.
 * @returns windows [start, end) ordered by particle, then start.
 * @throws RangeError on a shape mismatch, a non-finite or negative p_L, or tauCFrames < 1.
 */
export function quiescentWindows(pHop: Float32Array, nFrames: number, n: number, pL: number, tauCFrames: number): QuiescentWindows {
  requireFrameArray('quiescentWindows: pHop', pHop, nFrames, n, 1);
  requireThreshold('quiescentWindows', pL);
  requireInteger('quiescentWindows: tauCFrames (tau_c in frames)', tauCFrames, 1);
  let count = 0;
  const longEnough = (start: number, end: number) => end - start >= tauCFrames;
  forEachRun(pHop, nFrames, n, pL, 'quiet', (_i, start, end) => {
    if (longEnough(start, end)) count++;
  });
  const windows = { count, particle: new Int32Array(count), start: new Int32Array(count), end: new Int32Array(count) };
  let w = 0;
  forEachRun(pHop, nFrames, n, pL, 'quiet', (i, start, end) => {
    if (!longEnough(start, end)) return;
    windows.particle[w] = i;
    windows.start[w] = start;
    windows.end[w] = end;
    w++;
  });
  return windows;
}

function requireThreshold(who: string, pL: number): void {
  if (!(Number.isFinite(pL) && pL >= 0)) throw new RangeError(`${who}: pL must be a finite number >= 0 (sigma_AA^2), got ${pL}`);
}

/**
 * Calls `visit(particle, start, end)` for every maximal run [start, end) of one particle's frames
 * in the given state, particle by particle. 'above' = p_hop > p_L, reported only when bounded on
 * both sides by a known p_hop <= p_L (complete events); 'quiet' = known p_hop <= p_L, reported
 * whatever bounds it.
 */
function forEachRun(
  pHop: Float32Array,
  nFrames: number,
  n: number,
  pL: number,
  state: 'above' | 'quiet',
  visit: (particle: number, start: number, end: number) => void,
): void {
  const wantAbove = state === 'above';
  // p_hop is Float32: compare with p_L rounded the same way, so p_hop == p_L is not "above".
  const threshold = Math.fround(pL);
  // Comparisons with NaN are false, so a run of either state stops at an unknown p_hop.
  const inState = (p: number) => (wantAbove ? p > threshold : p <= threshold);
  const isQuiet = (i: number, k: number) => k >= 0 && k < nFrames && pHop[k * n + i] <= threshold;
  for (let i = 0; i < n; i++) {
    let k = 0;
    while (k < nFrames) {
      if (!inState(pHop[k * n + i])) {
        k++;
        continue;
      }
      const start = k;
      while (k < nFrames && inState(pHop[k * n + i])) k++;
      if (!wantAbove || (isQuiet(i, start - 1) && isQuiet(i, k))) visit(i, start, k);
    }
  }
}
