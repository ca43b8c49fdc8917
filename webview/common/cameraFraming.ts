import { OrthographicCamera, PerspectiveCamera, Vector3 } from 'three';

/** Axis-aligned bounds of what a view frames (sigma_AA). */
export interface Bounds {
  readonly min: Vector3;
  readonly max: Vector3;
}

/** Bounds of the periodic cell's 8 corners origin + {0,1}a + {0,1}b + {0,1}c (3-vectors, sigma_AA). */
export function cellBounds(cell: {
  readonly origin: readonly number[];
  readonly a: readonly number[];
  readonly b: readonly number[];
  readonly c: readonly number[];
}): Bounds {
  const min = new Vector3(Infinity, Infinity, Infinity);
  const max = new Vector3(-Infinity, -Infinity, -Infinity);
  for (let corner = 0; corner < 8; corner++) {
    const p = new Vector3(...(cell.origin as [number, number, number]));
    if (corner & 1) p.add(new Vector3(...(cell.a as [number, number, number])));
    if (corner & 2) p.add(new Vector3(...(cell.b as [number, number, number])));
    if (corner & 4) p.add(new Vector3(...(cell.c as [number, number, number])));
    min.min(p);
    max.max(p);
  }
  return { min, max };
}

/** Bounds of the finite rows of positions (Float32Array row-major [n x 3]); the unit cube if none. */
export function positionBounds(positions: Float32Array): Bounds {
  const min = new Vector3(Infinity, Infinity, Infinity);
  const max = new Vector3(-Infinity, -Infinity, -Infinity);
  const p = new Vector3();
  for (let i = 0; i + 2 < positions.length; i += 3) {
    p.set(positions[i], positions[i + 1], positions[i + 2]);
    if (Number.isFinite(p.x) && Number.isFinite(p.y) && Number.isFinite(p.z)) {
      min.min(p);
      max.max(p);
    }
  }
  return min.x <= max.x ? { min, max } : { min: new Vector3(0, 0, 0), max: new Vector3(1, 1, 1) };
}

/** Margin around the framed bounds (sigma_AA): one particle diameter, so edge particles show whole. */
const MARGIN = 1;

/**
 * A top-down orthographic camera (looking along -z, y up) framing the x-y extent of `bounds`
 * with MARGIN, for a viewport of aspect width/height. Its frustum half-height is kept in
 * `userData.halfHeight` so `fitOrthographic` can follow resizes without losing the user's zoom
 * (OrbitControls zooms through `camera.zoom`). Returns the camera and the point below its centre
 * for the controls' target.
 */
export function orthographicCamera(bounds: Bounds, aspect: number): { camera: OrthographicCamera; target: Vector3 } {
  const halfWidth = (bounds.max.x - bounds.min.x) / 2 + MARGIN;
  const halfHeight = (bounds.max.y - bounds.min.y) / 2 + MARGIN;
  const camera = new OrthographicCamera();
  camera.userData.halfHeight = Math.max(halfHeight, halfWidth / aspect);
  const centre = bounds.min.clone().add(bounds.max).multiplyScalar(0.5);
  const depth = bounds.max.z - bounds.min.z + 2 * MARGIN;
  camera.position.set(centre.x, centre.y, bounds.max.z + MARGIN + 1);
  camera.near = 0.5;
  camera.far = depth + 2 * MARGIN + 2;
  fitOrthographic(camera, aspect);
  return { camera, target: new Vector3(centre.x, centre.y, bounds.min.z) };
}

/** Updates an orthographic camera's frustum to a new viewport aspect (width/height). */
export function fitOrthographic(camera: OrthographicCamera, aspect: number): void {
  const halfHeight = camera.userData.halfHeight as number;
  camera.top = halfHeight;
  camera.bottom = -halfHeight;
  camera.right = halfHeight * aspect;
  camera.left = -halfHeight * aspect;
  camera.updateProjectionMatrix();
}

/** Vertical field of view of the 3D camera, degrees: mild perspective, as in OVITO's default. */
const FOV = 35;

/**
 * A perspective camera (z up) looking at the centre of `bounds` from an oblique direction, at
 * the distance where the bounds' enclosing sphere fills the view height (and width, for a
 * portrait viewport). Returns the camera and the centre for the orbit controls' target.
 */
export function perspectiveCamera(bounds: Bounds, aspect: number): { camera: PerspectiveCamera; target: Vector3 } {
  const target = bounds.min.clone().add(bounds.max).multiplyScalar(0.5);
  const radius = bounds.min.distanceTo(bounds.max) / 2 + MARGIN;
  const halfAngle = (Math.PI / 360) * FOV;
  const distance = radius / Math.sin(Math.min(halfAngle, Math.atan(Math.tan(halfAngle) * aspect)));
  const camera = new PerspectiveCamera(FOV, aspect, distance / 100, distance * 10);
  camera.up.set(0, 0, 1);
  camera.position.copy(target).add(new Vector3(0.55, -1, 0.45).normalize().multiplyScalar(distance));
  camera.lookAt(target);
  return { camera, target };
}
