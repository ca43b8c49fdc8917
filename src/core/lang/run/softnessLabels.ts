import type { RearrangementsValue, SoftnessValue } from '../values';

/**
 * Softness and rearrangement flags over the same particle-frames: the rows of `softness` paired
 * with the rows of the rearrangements computed on the same trajectory selection.
 * Returns flat Float32Array S and Uint8Array flags (1 / 0 / 255 unknown), both [nRows x n].
 * Throws Error when the two were computed on different trajectory selections.
 */
export function alignSoftnessWithRearrangements(
  softness: SoftnessValue,
  events: RearrangementsValue,
): { softness: Float32Array; rearranging: Uint8Array } {
  if (softness.source !== events.source) {
    throw new Error(
      'softness and rearrangements were computed on different trajectories (or frame selections); use the same loaded trajectory for both',
    );
  }
  return {
    softness: softness.values,
    rearranging: gatherRows(events.rearranging, softness.rows, softness.source.n, new Uint8Array(softness.values.length)),
  };
}

/** Copies the per-frame blocks `field[row * n .. (row + 1) * n)` of the given rows, in order, into `out` [rows.length x n]. */
export function gatherRows<T extends Uint8Array | Float64Array | Float32Array>(field: T, rows: Int32Array, n: number, out: T): T {
  for (const [k, row] of rows.entries()) out.set(field.subarray(row * n, (row + 1) * n), k * n);
  return out;
}
