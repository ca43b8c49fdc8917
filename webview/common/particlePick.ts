import { Matrix4, type Camera } from 'three';

/** What pickParticle reads: the drawn particles and their drawing diameters. */
export interface PickInput {
  /** Float32Array row-major [n x 3], sigma_AA. */
  readonly positions: Float32Array;
  /** Uint32Array: particle indices drawn, the first `count` entries used. */
  readonly drawn: Uint32Array;
  readonly count: number;
  /** Float32Array [n]: drawing diameter of each particle, sigma_AA. */
  readonly diameters: Float32Array;
}

/**
 * The particle under the pointer: among the drawn particles whose round sprite covers the point
 * (x, y) of a viewport of width x height CSS pixels (origin top left), the one nearest to the
 * camera (in 2D, where all are at the same depth, the one whose centre is nearest). Sprites are
 * sized as particleMaterial.ts draws them: diameter x projectionMatrix[1][1] x height / 2, over
 * the depth for a perspective camera. One pass over the drawn particles (100,000 in a few ms),
 * run on click only. Returns the particle index, or -1 when the point hits none.
 */
export function pickParticle(input: PickInput, camera: Camera, width: number, height: number, x: number, y: number): number {
  camera.updateMatrixWorld();
  const view = camera.matrixWorldInverse.elements;
  const projection = camera.projectionMatrix.elements;
  const viewProjection = new Matrix4().multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse).elements;
  const perspective = projection[11] === -1;
  const { positions, drawn, count, diameters } = input;
  let best = -1;
  let bestDepth = Infinity;
  let bestDistance = Infinity;
  for (let k = 0; k < count; k++) {
    const i = drawn[k];
    const [px, py, pz] = [positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]];
    // Column-major: clip = VP * (p, 1); eye depth = -(V * p).z.
    const w = viewProjection[3] * px + viewProjection[7] * py + viewProjection[11] * pz + viewProjection[15];
    const sx = ((viewProjection[0] * px + viewProjection[4] * py + viewProjection[8] * pz + viewProjection[12]) / w + 1) * 0.5 * width;
    const sy = (1 - (viewProjection[1] * px + viewProjection[5] * py + viewProjection[9] * pz + viewProjection[13]) / w) * 0.5 * height;
    const depth = -(view[2] * px + view[6] * py + view[10] * pz + view[14]);
    if (perspective && !(depth > 0)) continue;
    const radius = (0.5 * diameters[i] * projection[5] * height) / 2 / (perspective ? depth : 1);
    const distance = Math.hypot(sx - x, sy - y);
    if (distance > radius) continue;
    if (depth < bestDepth - 1e-6 || (Math.abs(depth - bestDepth) <= 1e-6 && distance < bestDistance)) {
      best = i;
      bestDepth = depth;
      bestDistance = distance;
    }
  }
  return best;
}
