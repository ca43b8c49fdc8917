import { ShaderMaterial } from 'three';

/**
 * The material of the particle cloud: each vertex is a round sprite whose diameter is given in
 * world units (sigma_AA) by the per-vertex attribute `diameter`, coloured by the per-vertex
 * attribute `colour` (normalised RGB bytes). Sizing in world units keeps the particles touching
 * as in the physical packing at any zoom, for the orthographic (2D) and perspective (3D) camera
 * alike: projectionMatrix[1][1] is (half the view height)^-1 in world units for the
 * orthographic camera and cot(fov/2) for the perspective one, which then also divides by depth.
 * `shaded` gives 3D sprites a spherical light falloff (depth cue); 2D sprites are flat with a
 * darker rim so touching particles stay distinguishable.
 */
export function particleMaterial(): ShaderMaterial {
  return new ShaderMaterial({
    uniforms: {
      // Half the drawing-buffer height in device pixels; set on every resize.
      halfHeightPx: { value: 1 },
      perspective: { value: false },
      shaded: { value: false },
    },
    vertexShader: `
      attribute float diameter;
      attribute vec3 colour;
      uniform float halfHeightPx;
      uniform bool perspective;
      varying vec3 vColour;
      void main() {
        vec4 mv = modelViewMatrix * vec4(position, 1.0);
        gl_Position = projectionMatrix * mv;
        float px = diameter * projectionMatrix[1][1] * halfHeightPx;
        gl_PointSize = max(1.5, perspective ? px / -mv.z : px);
        vColour = colour;
      }`,
    fragmentShader: `
      uniform bool shaded;
      varying vec3 vColour;
      void main() {
        vec2 p = 2.0 * gl_PointCoord - 1.0;
        float r2 = dot(p, p);
        if (r2 > 1.0) discard;
        float light = shaded ? 0.55 + 0.45 * sqrt(1.0 - r2) : (r2 > 0.78 ? 0.7 : 1.0);
        gl_FragColor = vec4(vColour * light, 1.0);
      }`,
  });
}
