import { minimumImage, perpendicularWidths } from '../geometry/box';
import type { Frame } from '../io/frame';
import { buildNeighborList, type NeighborList } from '../neighbors/cellList';
import { checkSameParticles, describeFrame } from './shape';

/** D2_min and the best-fit local deformation of each center. */
export interface LocalDeformation {
  /** D2_min per center (sigma_AA^2), Float64Array [nCenters]; NaN where undefined (see `d2min`). */
  readonly d2min: Float64Array;
  /**
   * Best-fit Lambda per center, Float64Array row-major [nCenters x 3 x 3] (dimensionless;
   * Lambda - I is the local strain). In 2D the z row and column are those of the identity.
   * NaN where D2_min is NaN.
   */
  readonly lambda: Float64Array;
}

/**
 * Non-affine displacement D2_min of each center between a reference frame (time t) and a current
 * frame (t + Delta t) ([FalkLanger1998]; [Cubuk2015] Eq. 3):
 *
 *   D2_min(i) = min_Lambda (1/z) sum_j |R_ij(t + Delta t) - Lambda R_ij(t)|^2,
 *
 * over the z neighbours j with |R_ij(t)| < rCut in the REFERENCE frame (neighbour identity is
 * fixed at t). The 1/z of Eq. 3 makes D2_min a mean squared non-affine bond displacement,
 * independent of the neighbour count. Closed form: X = sum_j R'_ij R_ij^T, Y = sum_j R_ij R_ij^T,
 * Lambda = X Y^-1 (2x2 in 2D, 3x3 in 3D), and the residual is then summed bond by bond (not as
 * sum|R'|^2 - tr(X Y^-1 X^T), which cancels badly for nearly affine motion).
 *
 * Bond vectors: R_ij(t) is the minimum image in the reference box and R_ij(t + Delta t) the
 * minimum image in the CURRENT frame's box, so sheared triclinic cells (tilt changed or flipped
 * between the frames) work. This needs rCut <= half of every periodic perpendicular width of both
 * cells (checked) and every bond shorter than half a width at t + Delta t (assumed: a bond
 * stretched that far is not a local deformation).
 *
 * D2_min is NaN (not an error, so that one sparse particle does not abort the frame) when Y is
 * singular: fewer than `dimension` neighbours, or all neighbour bonds (nearly) collinear in 3D /
 * parallel in 2D (det Y <= 1e-10 (tr Y / d)^d), where Lambda is not determined.
 *
 * @param reference frame at t; positions Float64Array row-major [n x 3] (sigma_AA).
 * @param current frame at t + Delta t with the same N and atom ids (rows are matched).
 * @param rCut neighbour cut-off R_c^D (sigma_AA), e.g. 1.5 d_AA ([Cubuk2015]) or 2.5 sigma_AA.
 * @param centers particle rows to evaluate, Int32Array [nCenters] (default: all rows).
 * @returns Float64Array [nCenters], D2_min in sigma_AA^2, in the order of `centers`.
 * @throws Error naming the frame when N, ids or the dimension differ or a current position is
 *   not finite; RangeError when rCut is not finite and positive, exceeds half a periodic
 *   perpendicular width of either cell, or a center is not a row in [0, n).
 */
export function d2min(reference: Frame, current: Frame, rCut: number, centers?: Int32Array): Float64Array {
  return fitLocalDeformation(reference, current, rCut, centers, false).d2min;
}

/**
 * Same as `d2min`, also returning the best-fit Lambda of every center, Float64Array row-major
 * [nCenters x 3 x 3]. Same units, sources and errors as `d2min`.
 */
export function d2minWithStrain(reference: Frame, current: Frame, rCut: number, centers?: Int32Array): LocalDeformation {
  return fitLocalDeformation(reference, current, rCut, centers, true);
}

function fitLocalDeformation(
  reference: Frame,
  current: Frame,
  rCut: number,
  centers: Int32Array | undefined,
  withLambda: boolean,
): LocalDeformation {
  validate(reference, current, rCut);
  const list = buildNeighborList(reference, rCut, centers);
  const bondsNow = currentBonds(current, list);
  const bondsThen = list.vectors;
  const dim = reference.dimension;
  const nCenters = list.centers.length;
  const result = new Float64Array(nCenters);
  const lambdas = new Float64Array(withLambda ? 9 * nCenters : 0);
  const x = new Float64Array(9);
  const y = new Float64Array(9);
  const yInverse = new Float64Array(9);
  const lambda = new Float64Array(9);
  for (let c = 0; c < nCenters; c++) {
    const lo = list.offsets[c];
    const hi = list.offsets[c + 1];
    accumulate(bondsNow, bondsThen, lo, hi, x, y);
    if (dim === 2) {
      // z bonds are 0 in 2D: pad with the identity so that one 3x3 path serves both dimensions.
      x[8] = 1;
      y[8] = 1;
    }
    if (hi - lo < dim || !invertSymmetric(y, dim, yInverse)) {
      result[c] = NaN;
      if (withLambda) lambdas.fill(NaN, 9 * c, 9 * c + 9);
      continue;
    }
    multiply(x, yInverse, lambda);
    let residual = 0;
    for (let p = lo; p < hi; p++) {
      const o = 3 * p;
      for (let r = 0; r < 3; r++) {
        const e =
          bondsNow[o + r] - (lambda[3 * r] * bondsThen[o] + lambda[3 * r + 1] * bondsThen[o + 1] + lambda[3 * r + 2] * bondsThen[o + 2]);
        residual += e * e;
      }
    }
    result[c] = residual / (hi - lo);
    if (withLambda) lambdas.set(lambda, 9 * c);
  }
  return { d2min: result, lambda: lambdas };
}

/**
 * X = sum_p now_p then_p^T and Y = sum_p then_p then_p^T over pairs lo..hi-1, written row-major
 * into x and y (Y symmetric); unrolled because this is the per-pair hot loop.
 */
function accumulate(now: Float64Array, then: Float64Array, lo: number, hi: number, x: Float64Array, y: Float64Array): void {
  let xxx = 0,
    xxy = 0,
    xxz = 0,
    xyx = 0,
    xyy = 0,
    xyz = 0,
    xzx = 0,
    xzy = 0,
    xzz = 0;
  let yxx = 0,
    yxy = 0,
    yxz = 0,
    yyy = 0,
    yyz = 0,
    yzz = 0;
  for (let o = 3 * lo; o < 3 * hi; o += 3) {
    const rx = then[o],
      ry = then[o + 1],
      rz = then[o + 2];
    const sx = now[o],
      sy = now[o + 1],
      sz = now[o + 2];
    xxx += sx * rx;
    xxy += sx * ry;
    xxz += sx * rz;
    xyx += sy * rx;
    xyy += sy * ry;
    xyz += sy * rz;
    xzx += sz * rx;
    xzy += sz * ry;
    xzz += sz * rz;
    yxx += rx * rx;
    yxy += rx * ry;
    yxz += rx * rz;
    yyy += ry * ry;
    yyz += ry * rz;
    yzz += rz * rz;
  }
  x[0] = xxx;
  x[1] = xxy;
  x[2] = xxz;
  x[3] = xyx;
  x[4] = xyy;
  x[5] = xyz;
  x[6] = xzx;
  x[7] = xzy;
  x[8] = xzz;
  y[0] = yxx;
  y[1] = yxy;
  y[2] = yxz;
  y[3] = yxy;
  y[4] = yyy;
  y[5] = yyz;
  y[6] = yxz;
  y[7] = yyz;
  y[8] = yzz;
}

/**
 * Bond vectors at t + Delta t for every pair of the reference list, Float64Array row-major
 * [nPairs x 3]: minimum image of r_j - r_i in the current frame's own box.
 */
function currentBonds(current: Frame, list: NeighborList): Float64Array {
  const pos = current.positions;
  const bonds = new Float64Array(list.vectors.length);
  for (let c = 0; c < list.centers.length; c++) {
    const i = 3 * list.centers[c];
    for (let p = list.offsets[c]; p < list.offsets[c + 1]; p++) {
      const j = 3 * list.neighbors[p];
      bonds[3 * p] = pos[j] - pos[i];
      bonds[3 * p + 1] = pos[j + 1] - pos[i + 1];
      // The neighbour list reports z = 0 in 2D; match it whatever z the file carries.
      bonds[3 * p + 2] = current.dimension === 3 ? pos[j + 2] - pos[i + 2] : 0;
      if (current.box) minimumImage(current.box, bonds, 3 * p);
    }
  }
  return bonds;
}

/**
 * Inverts the symmetric positive semi-definite 3x3 matrix `m` (row-major) into `out` by the
 * adjugate. Returns false when it is singular at the scale of its first `dim` diagonal entries.
 */
function invertSymmetric(m: Float64Array, dim: 2 | 3, out: Float64Array): boolean {
  const [a, b, c, , e, f, , , i] = m;
  const c00 = e * i - f * f;
  const c01 = c * f - b * i;
  const c02 = b * f - c * e;
  const det = a * c00 + b * c01 + c * c02;
  const scale = (dim === 2 ? (a + e) / 2 : (a + e + i) / 3) ** dim;
  if (!(det > 1e-10 * scale)) return false;
  const inv = 1 / det;
  out[0] = c00 * inv;
  out[1] = c01 * inv;
  out[2] = c02 * inv;
  out[3] = c01 * inv;
  out[4] = (a * i - c * c) * inv;
  out[5] = (b * c - a * f) * inv;
  out[6] = c02 * inv;
  out[7] = out[5];
  out[8] = (a * e - b * b) * inv;
  return true;
}

/** out = p q for row-major 3x3 matrices. */
function multiply(p: Float64Array, q: Float64Array, out: Float64Array): void {
  for (let r = 0; r < 3; r++) {
    for (let s = 0; s < 3; s++) out[3 * r + s] = p[3 * r] * q[s] + p[3 * r + 1] * q[3 + s] + p[3 * r + 2] * q[6 + s];
  }
}

function validate(reference: Frame, current: Frame, rCut: number): void {
  checkSameParticles(reference, current);
  if (reference.dimension !== current.dimension) {
    throw new Error(`d2min: ${describeFrame(current)} is ${current.dimension}D but ${describeFrame(reference)} is ${reference.dimension}D`);
  }
  for (const frame of [reference, current]) {
    if (!frame.box || !(rCut > 0)) continue; // rCut itself is checked by the neighbour search
    const widths = perpendicularWidths(frame.box);
    for (let axis = 0; axis < frame.dimension; axis++) {
      if (frame.box.periodic[axis] && rCut > widths[axis] / 2) {
        throw new RangeError(
          `d2min: rCut = ${rCut} exceeds half the perpendicular width ${widths[axis].toFixed(4)} along ${'xyz'[axis]} of ${describeFrame(frame)}; ` +
            'bonds would need more than the minimum image (use a smaller rCut or a bigger cell)',
        );
      }
    }
  }
  const pos = current.positions;
  for (let k = 0; k < 3 * current.n; k++) {
    if (!Number.isFinite(pos[k])) {
      throw new Error(`d2min: ${describeFrame(current)}: position of particle row ${Math.floor(k / 3)} is not finite (${pos[k]})`);
    }
  }
}
