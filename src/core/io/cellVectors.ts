import type { Box } from '../geometry/box';

/**
 * Cartesian positions from fractional (LAMMPS scaled `xs ys zs`) ones, in place on a row-major
 * Float64Array [n x 3]: r = lo + sx a + sy b + sz c with a = (lx,0,0), b = (xy,ly,0),
 * c = (xz,yz,lz) (LAMMPS Howto triclinic). Units: the box's (sigma_AA). Throws nothing.
 */
export function fractionalToCartesian(rows: Float64Array, box: Box): void {
  const { lx, ly, lz, xy, xz, yz } = box;
  const [x0, y0, z0] = box.lo;
  for (let i = 0; i < rows.length; i += 3) {
    const sx = rows[i];
    const sy = rows[i + 1];
    const sz = rows[i + 2];
    rows[i] = x0 + sx * lx + sy * xy + sz * xz;
    rows[i + 1] = y0 + sy * ly + sz * yz;
    rows[i + 2] = z0 + sz * lz;
  }
}

/**
 * Unwrapped positions from wrapped ones and LAMMPS image flags, both row-major [n x 3]:
 * u = x + ix a + iy b + iz c (LAMMPS `dump` doc, image flags). Returns a new Float64Array
 * [n x 3]. Throws nothing.
 */
export function unwrapWithImages(positions: Float64Array, images: Float64Array, box: Box): Float64Array {
  const { lx, ly, lz, xy, xz, yz } = box;
  const out = new Float64Array(positions.length);
  for (let i = 0; i < positions.length; i += 3) {
    const ix = images[i];
    const iy = images[i + 1];
    const iz = images[i + 2];
    out[i] = positions[i] + ix * lx + iy * xy + iz * xz;
    out[i + 1] = positions[i + 1] + iy * ly + iz * yz;
    out[i + 2] = positions[i + 2] + iz * lz;
  }
  return out;
}

/**
 * Image flags (integers) that carry `positions` onto `unwrapped`, both row-major [n x 3]:
 * the inverse of {@link unwrapWithImages}, solved z, y, x because the cell matrix is upper
 * triangular. Returns Int32Array [n x 3]. Throws nothing (non-integer offsets are rounded).
 */
export function imagesBetween(positions: Float64Array, unwrapped: Float64Array, box: Box): Int32Array {
  const { lx, ly, lz, xy, xz, yz } = box;
  const out = new Int32Array(positions.length);
  for (let i = 0; i < positions.length; i += 3) {
    const iz = Math.round((unwrapped[i + 2] - positions[i + 2]) / lz);
    const iy = Math.round((unwrapped[i + 1] - positions[i + 1] - iz * yz) / ly);
    const ix = Math.round((unwrapped[i] - positions[i] - iy * xy - iz * xz) / lx);
    out[i] = ix;
    out[i + 1] = iy;
    out[i + 2] = iz;
  }
  return out;
}
