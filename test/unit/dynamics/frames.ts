import type { Box } from '../../../src/core/geometry/box';
import type { Frame } from '../../../src/core/io/frame';

/** A Frame with ids 1..n (or `ids`), species 0, for dynamics tests. */
export function makeFrame(
  positions: Float64Array,
  box: Box | null,
  options: { index?: number; dimension?: 2 | 3; unwrapped?: Float64Array; ids?: Int32Array } = {},
): Frame {
  const n = positions.length / 3;
  return {
    index: options.index ?? 0,
    timestep: (options.index ?? 0) * 100,
    n,
    dimension: options.dimension ?? 3,
    box,
    ids: options.ids ?? Int32Array.from({ length: n }, (_, i) => i + 1),
    species: new Uint8Array(n),
    positions,
    unwrapped: options.unwrapped ?? null,
    columns: new Map(),
  };
}

/** Deterministic uniform generator in [0, 1) (mulberry32), so failures reproduce. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Wraps a point into `box` (all three axes) through fractional coordinates, in place at out[o..o+2]. */
export function wrapInto(box: Box, out: Float64Array, o: number): void {
  let z = out[o + 2] - box.lo[2];
  let y = out[o + 1] - box.lo[1];
  let x = out[o] - box.lo[0];
  const sz = Math.floor(z / box.lz);
  z -= sz * box.lz;
  y -= sz * box.yz;
  x -= sz * box.xz;
  const sy = Math.floor(y / box.ly);
  y -= sy * box.ly;
  x -= sy * box.xy;
  const sx = Math.floor(x / box.lx);
  x -= sx * box.lx;
  out[o] = x + box.lo[0];
  out[o + 1] = y + box.lo[1];
  out[o + 2] = z + box.lo[2];
}
