/**
 * [Cubuk2015] summary "21% of particles [classified soft] capture 80% of rearrangements":
 * among particle-frames with a known label, the fraction with S > threshold and the fraction of
 * rearranging ones that fall in that set. With threshold 0 the latter is P(S > 0 | R), about
 * 0.88-0.90 for 3D Kob-Andersen ([Schoenholz2018] Sec. 3.3).
 */
export interface RearrangementCapture {
  readonly threshold: number;
  readonly fractionClassifiedSoft: number;
  readonly fractionOfRearrangementsCaptured: number;
}

/**
 * `softness` Float32Array and `rearranging` Uint8Array [same length]; labels 0/1, 255 = unknown (skipped).
 * Throws RangeError on a length mismatch or when no rearranging particle-frame is labelled.
 */
export function rearrangementCapture(softness: Float32Array, rearranging: Uint8Array, threshold = 0): RearrangementCapture {
  if (softness.length !== rearranging.length)
    throw new RangeError(`softness (${softness.length}) and rearranging (${rearranging.length}) lengths differ`);
  let total = 0;
  let soft = 0;
  let rearr = 0;
  let captured = 0;
  for (let k = 0; k < softness.length; k++) {
    const label = rearranging[k];
    if (label > 1 || !Number.isFinite(softness[k])) continue;
    const isSoft = softness[k] > threshold;
    total++;
    if (isSoft) soft++;
    if (label === 1) {
      rearr++;
      if (isSoft) captured++;
    }
  }
  if (rearr === 0) throw new RangeError('no rearranging particle-frame: cannot measure the captured fraction');
  return { threshold, fractionClassifiedSoft: soft / total, fractionOfRearrangementsCaptured: captured / rearr };
}
