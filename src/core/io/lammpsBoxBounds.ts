import { isTriclinic, makeBox, type Box } from '../geometry/box';

/**
 * The three numeric rows under `ITEM: BOX BOUNDS` of a LAMMPS dump: [lo, hi] per axis for an
 * orthogonal box, or [lo_bound, hi_bound, tilt] with tilts xy, xz, yz on rows x, y, z for a
 * triclinic one.
 */
export type BoxBoundsRows = readonly [readonly number[], readonly number[], readonly number[]];

/**
 * Box from dump bounds. For a triclinic cell the dump gives the bounding box of the tilted
 * cell, converted back as in the LAMMPS `dump` doc / Howto triclinic:
 * xlo = xlo_bound - min(0, xy, xz, xy + xz), xhi = xhi_bound - max(0, xy, xz, xy + xz),
 * ylo = ylo_bound - min(0, yz), yhi = yhi_bound - max(0, yz), z unchanged.
 * Lengths in the dump's units (sigma_AA for LJ). Throws RangeError (from makeBox) when an
 * edge is not positive or a value is not finite.
 */
export function boxFromBounds(rows: BoxBoundsRows, periodic: readonly [boolean, boolean, boolean]): Box {
  const triclinic = rows[0].length === 3;
  const xy = triclinic ? rows[0][2] : 0;
  const xz = triclinic ? rows[1][2] : 0;
  const yz = triclinic ? rows[2][2] : 0;
  const xlo = rows[0][0] - Math.min(0, xy, xz, xy + xz);
  const xhi = rows[0][1] - Math.max(0, xy, xz, xy + xz);
  const ylo = rows[1][0] - Math.min(0, yz);
  const yhi = rows[1][1] - Math.max(0, yz);
  const zlo = rows[2][0];
  return makeBox({ lo: [xlo, ylo, zlo], lx: xhi - xlo, ly: yhi - ylo, lz: rows[2][1] - zlo, xy, xz, yz, periodic });
}

/**
 * Inverse of {@link boxFromBounds}: the rows to write under `ITEM: BOX BOUNDS`, with a third
 * (tilt) entry per row exactly when the box is triclinic. Throws nothing.
 */
export function boundsFromBox(box: Box): BoxBoundsRows {
  const [xlo, ylo, zlo] = box.lo;
  const xhi = xlo + box.lx;
  const yhi = ylo + box.ly;
  const zhi = zlo + box.lz;
  if (!isTriclinic(box))
    return [
      [xlo, xhi],
      [ylo, yhi],
      [zlo, zhi],
    ];
  const { xy, xz, yz } = box;
  return [
    [xlo + Math.min(0, xy, xz, xy + xz), xhi + Math.max(0, xy, xz, xy + xz), xy],
    [ylo + Math.min(0, yz), yhi + Math.max(0, yz), xz],
    [zlo, zhi, yz],
  ];
}
