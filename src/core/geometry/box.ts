/**
 * Simulation cells in the LAMMPS restricted-triclinic convention.
 *
 * The cell is spanned by the edge vectors a = (lx, 0, 0), b = (xy, ly, 0), c = (xz, yz, lz)
 * from the origin `lo` (LAMMPS Howto "triclinic"). An orthogonal box has xy = xz = yz = 0.
 * Lengths are in the trajectory's units (sigma_AA for the samples). A frame without a periodic
 * cell (experimental data, open boundaries) carries `box: null` instead of a Box.
 */
export interface Box {
  /** Origin of the cell, [xlo, ylo, zlo]. */
  readonly lo: readonly [number, number, number];
  readonly lx: number;
  readonly ly: number;
  readonly lz: number;
  /** Tilt factors (LAMMPS `xy xz yz`); zero for an orthogonal box. */
  readonly xy: number;
  readonly xz: number;
  readonly yz: number;
  /** Periodicity of each axis (LAMMPS `pp` vs `ff`/`ss`/`fs`...). */
  readonly periodic: readonly [boolean, boolean, boolean];
}

/** Throws RangeError unless every edge length is finite and > 0 and tilts are finite. */
export function makeBox(fields: {
  lo: readonly [number, number, number];
  lx: number;
  ly: number;
  lz: number;
  xy?: number;
  xz?: number;
  yz?: number;
  periodic?: readonly [boolean, boolean, boolean];
}): Box {
  const box: Box = {
    lo: [fields.lo[0], fields.lo[1], fields.lo[2]],
    lx: fields.lx,
    ly: fields.ly,
    lz: fields.lz,
    xy: fields.xy ?? 0,
    xz: fields.xz ?? 0,
    yz: fields.yz ?? 0,
    periodic: fields.periodic ?? [true, true, true],
  };
  for (const k of ['lx', 'ly', 'lz'] as const) {
    if (!(Number.isFinite(box[k]) && box[k] > 0)) {
      throw new RangeError(`box edge ${k} must be a finite positive length, got ${box[k]}`);
    }
  }
  for (const k of ['xy', 'xz', 'yz'] as const) {
    if (!Number.isFinite(box[k])) throw new RangeError(`box tilt ${k} must be finite, got ${box[k]}`);
  }
  for (const v of box.lo) {
    if (!Number.isFinite(v)) throw new RangeError(`box origin must be finite, got [${box.lo.join(', ')}]`);
  }
  return box;
}

/** True when any tilt factor is non-zero. */
export function isTriclinic(box: Box): boolean {
  return box.xy !== 0 || box.xz !== 0 || box.yz !== 0;
}

/** Cell volume (3D) or area (2D, ignoring lz). */
export function boxVolume(box: Box, dimension: 2 | 3): number {
  return dimension === 2 ? box.lx * box.ly : box.lx * box.ly * box.lz;
}

/**
 * Distances between opposite faces of the cell, [wx, wy, wz]: the largest cut-off for which
 * one periodic image per neighbour is enough is min(w)/2. For the restricted-triclinic
 * matrix h = [[lx, xy, xz], [0, ly, yz], [0, 0, lz]], w_i = V / |face normal area_i|.
 */
export function perpendicularWidths(box: Box): [number, number, number] {
  // Widths scale with the cell: computed on the cell scaled to unit size, so that products of
  // three lengths neither underflow (edges of 1e-300) nor overflow.
  const scale = Math.max(box.lx, box.ly, box.lz, Math.abs(box.xy), Math.abs(box.xz), Math.abs(box.yz));
  const [lx, ly, lz, xy, xz, yz] = [box.lx, box.ly, box.lz, box.xy, box.xz, box.yz].map((v) => v / scale);
  const volume = lx * ly * lz;
  // Face areas |b x c|, |c x a|, |a x b| with a = (lx,0,0), b = (xy,ly,0), c = (xz,yz,lz).
  const bxc = Math.hypot(ly * lz, -xy * lz, xy * yz - ly * xz);
  const cxa = Math.hypot(lz * lx, -yz * lx);
  const axb = lx * ly;
  return [(volume / bxc) * scale, (volume / cxa) * scale, (volume / axb) * scale];
}

/**
 * Fractional coordinates s = h^-1 (r - lo) of one point, written to `out[0..2]`.
 * With h upper-triangular the inverse is a back-substitution.
 */
export function toFractional(box: Box, x: number, y: number, z: number, out: Float64Array | number[]): void {
  const sz = (z - box.lo[2]) / box.lz;
  const sy = (y - box.lo[1] - box.yz * sz) / box.ly;
  const sx = (x - box.lo[0] - box.xy * sy - box.xz * sz) / box.lx;
  out[0] = sx;
  out[1] = sy;
  out[2] = sz;
}

/**
 * Applies the minimum-image convention to the separation vector stored at
 * `d[offset..offset+2]` in place, LAMMPS-style: periodic axes are reduced in the order
 * z, y, x using the tilted edge vectors, so sheared cells (fix deform) are handled.
 * Exact (gives the shortest image) whenever |d| after reduction is below min(perpendicularWidths)/2,
 * which is what the neighbour search guarantees by checking rCut against the widths.
 */
export function minimumImage(box: Box, d: Float64Array | number[], offset = 0): void {
  let dx = d[offset];
  let dy = d[offset + 1];
  let dz = d[offset + 2];
  if (box.periodic[2]) {
    const n = Math.round(dz / box.lz);
    dz -= n * box.lz;
    dy -= n * box.yz;
    dx -= n * box.xz;
  }
  if (box.periodic[1]) {
    const n = Math.round(dy / box.ly);
    dy -= n * box.ly;
    dx -= n * box.xy;
  }
  if (box.periodic[0]) {
    const n = Math.round(dx / box.lx);
    dx -= n * box.lx;
  }
  d[offset] = dx;
  d[offset + 1] = dy;
  d[offset + 2] = dz;
}

/**
 * Copies positions (Float64Array row-major [n x 3]) into the primary cell along its periodic
 * axes: fractional coordinates reduced to [0, 1), e.g. to draw unwrapped (`xu yu zu`) data.
 * Non-periodic axes are left as they are. Returns a new Float64Array [n x 3].
 */
export function wrapIntoCell(box: Box, positions: Float64Array): Float64Array {
  const out = new Float64Array(positions.length);
  const s = new Float64Array(3);
  for (let o = 0; o < positions.length; o += 3) {
    toFractional(box, positions[o], positions[o + 1], positions[o + 2], s);
    for (let a = 0; a < 3; a++) if (box.periodic[a]) s[a] -= Math.floor(s[a]);
    out[o] = box.lo[0] + box.lx * s[0] + box.xy * s[1] + box.xz * s[2];
    out[o + 1] = box.lo[1] + box.ly * s[1] + box.yz * s[2];
    out[o + 2] = box.lo[2] + box.lz * s[2];
  }
  return out;
}

/**
 * Bounds of a plausible cell, whatever the length unit (sigma_AA, Angstrom, nm, or metres for
 * granular data): at least 1e-30 length^3 per particle (a cube of 1e-10, an atom in metres),
 * edges at most 1e50 (products of three stay far from overflow) and at least 1e-10 of the
 * longest edge, and every edge wider than 1e-12 of its distance from the origin (else the
 * positions inside cannot be told apart in double precision).
 */
export const PLAUSIBLE_BOX = { minVolumePerParticle: 1e-30, maxLength: 1e50, minAspect: 1e-10, minRelativeWidth: 1e-12 } as const;

/**
 * Why a cell (already valid for makeBox) cannot hold `n` particles of a real trajectory, or
 * null when it can (bounds: PLAUSIBLE_BOX). Readers reject such cells where they read them, so
 * that no later step (neighbour search, images, volume) sees an edge of 1e-300 or 1e300.
 * Throws nothing.
 */
export function implausibleBox(box: Box, n: number): string | null {
  const edges = [box.lx, box.ly, box.lz];
  const longest = Math.max(...edges, Math.abs(box.xy), Math.abs(box.xz), Math.abs(box.yz));
  if (longest > PLAUSIBLE_BOX.maxLength) return `a cell length of ${longest} exceeds ${PLAUSIBLE_BOX.maxLength}`;
  for (let a = 0; a < 3; a++) {
    const name = ['lx', 'ly', 'lz'][a];
    if (edges[a] < PLAUSIBLE_BOX.minAspect * longest) {
      return `edge ${name} = ${edges[a]} is below ${PLAUSIBLE_BOX.minAspect} of the longest cell length ${longest}`;
    }
    const far = Math.max(Math.abs(box.lo[a]), Math.abs(box.lo[a] + edges[a]));
    if (edges[a] <= PLAUSIBLE_BOX.minRelativeWidth * far) {
      return `edge ${name} = ${edges[a]} is too thin to resolve positions ${far} from the origin in double precision`;
    }
  }
  const perParticle = (box.lx * box.ly * box.lz) / Math.max(1, n);
  if (!(perParticle >= PLAUSIBLE_BOX.minVolumePerParticle)) {
    return `a cell of ${box.lx} x ${box.ly} x ${box.lz} leaves ${perParticle} length^3 per particle for ${n} particles, below ${PLAUSIBLE_BOX.minVolumePerParticle}`;
  }
  return null;
}
