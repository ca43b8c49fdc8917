import { makeBox, type Box } from '../geometry/box';

/**
 * The periodic cell of a HOOMD box `[Lx, Ly, Lz, xy, xz, yz]` (GSD chunk configuration/box,
 * HOOMD-blue `Box` documentation) in the LAMMPS restricted-triclinic convention of Box.
 *
 * HOOMD's edge vectors are a1 = (Lx, 0, 0), a2 = (xy Ly, Ly, 0), a3 = (xz Lz, yz Lz, Lz): its
 * tilt factors are dimensionless, LAMMPS's are lengths, so xy_L = xy Ly, xz_L = xz Lz,
 * yz_L = yz Lz. HOOMD's cell is centred on the origin (r = f1 a1 + f2 a2 + f3 a3 with
 * f in [-1/2, 1/2)), so the LAMMPS origin is lo = -(a1 + a2 + a3) / 2. This also makes the
 * image-flag rule of the GSD hoomd schema (x_u = x + ix Lx + xy iy Ly + xz iz Lz, ...) the
 * same as Box's u = x + ix a + iy b + iz c.
 *
 * `dimension` 2: HOOMD 2D boxes have Lz = 0 (or an arbitrary Lz) and z = 0 for every particle;
 * the cell becomes a unit-thick non-periodic slab around z = 0 with xz = yz = 0, as the XYZ
 * reader does for 2D cells.
 *
 * Units: HOOMD length units (sigma_AA for LJ data). Throws RangeError (from makeBox) for a
 * non-positive or non-finite edge or a non-finite tilt.
 */
export function boxFromHoomd(hoomd: ArrayLike<number>, dimension: 2 | 3): Box {
  const [lx, ly, lz3, xyFactor, xzFactor, yzFactor] = Array.from(hoomd);
  const flat = dimension === 2;
  const lz = flat ? 1 : lz3;
  const xy = xyFactor * ly;
  const xz = flat ? 0 : xzFactor * lz;
  const yz = flat ? 0 : yzFactor * lz;
  return makeBox({
    lo: [-(lx + xy + xz) / 2, -(ly + yz) / 2, -lz / 2],
    lx,
    ly,
    lz,
    xy,
    xz,
    yz,
    periodic: [true, true, !flat],
  });
}
