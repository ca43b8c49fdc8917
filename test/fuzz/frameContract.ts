import { implausibleBox } from '../../src/core/geometry/box';
import type { Frame, Trajectory } from '../../src/core/io/frame';

/**
 * What every reader promises for frames it returns (Frame docstring): returns the first broken
 * rule, or null. Checked: index, n >= 0 and the same in every frame, ids Int32Array [n]
 * strictly ascending, species Uint8Array [n] below speciesNames.length, positions (and
 * unwrapped, columns) finite with the right lengths, dimension 2 or 3, a finite timestep, and a
 * box that is null or plausible for n particles (implausibleBox).
 */
export function contractBreak(trajectory: Trajectory, frames: readonly Frame[]): string | null {
  if (!(Number.isInteger(trajectory.frameCount) && trajectory.frameCount >= 1)) return `frameCount ${trajectory.frameCount}`;
  if (trajectory.speciesNames.length < 1 || trajectory.speciesNames.length > 255) return `${trajectory.speciesNames.length} species`;
  for (const [k, f] of frames.entries()) {
    const where = `frame ${k}`;
    if (f.index !== k) return `${where}: index ${f.index}`;
    if (!(Number.isInteger(f.n) && f.n >= 0)) return `${where}: n = ${f.n}`;
    if (f.n !== frames[0].n) return `${where}: n = ${f.n}, frame 0 has ${frames[0].n}`;
    if (!Number.isFinite(f.timestep)) return `${where}: timestep ${f.timestep}`;
    if (f.dimension !== 2 && f.dimension !== 3) return `${where}: dimension ${f.dimension}`;
    if (!(f.ids instanceof Int32Array) || f.ids.length !== f.n) return `${where}: ids`;
    for (let i = 1; i < f.n; i++) if (!(f.ids[i] > f.ids[i - 1])) return `${where}: ids not ascending at ${i}`;
    if (!(f.species instanceof Uint8Array) || f.species.length !== f.n) return `${where}: species`;
    for (const s of f.species) if (s >= trajectory.speciesNames.length) return `${where}: species ${s} has no name`;
    const finite = (values: Float64Array, length: number, what: string) =>
      values.length !== length
        ? `${where}: ${what} has ${values.length} values`
        : values.every(Number.isFinite)
          ? null
          : `${where}: ${what} not finite`;
    const broken =
      finite(f.positions, 3 * f.n, 'positions') ??
      (f.unwrapped && finite(f.unwrapped, 3 * f.n, 'unwrapped')) ??
      [...f.columns].map(([name, values]) => finite(values, f.n, `column ${name}`)).find((b) => b !== null) ??
      null;
    if (broken) return broken;
    if (f.box) {
      const fields = [...f.box.lo, f.box.lx, f.box.ly, f.box.lz, f.box.xy, f.box.xz, f.box.yz];
      if (!fields.every(Number.isFinite) || !(f.box.lx > 0 && f.box.ly > 0 && f.box.lz > 0)) return `${where}: invalid box`;
      const implausible = implausibleBox(f.box, f.n);
      if (implausible) return `${where}: ${implausible}`;
    }
  }
  return null;
}

/** A frame's data as one comparable string (exact numbers), for "the seed's data" checks. */
export function frameDigest(f: Frame): string {
  const list = (values: ArrayLike<number> | null) => (values ? Array.from(values).join(',') : 'null');
  const columns = [...f.columns].map(([name, values]) => `${name}=${list(values)}`).join(';');
  return [
    f.index,
    f.timestep,
    f.n,
    f.dimension,
    JSON.stringify(f.box),
    list(f.ids),
    list(f.species),
    list(f.positions),
    list(f.unwrapped),
    columns,
  ].join('|');
}
