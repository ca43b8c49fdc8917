import { OrthographicCamera, PerspectiveCamera } from 'three';
import { describe, expect, it } from 'vitest';
import { pickParticle } from '../../../webview/common/particlePick';

// A 400 x 400 CSS-pixel viewport.
const SIZE = 400;

describe('pickParticle', () => {
  it('picks the nearest of two particles on the line of sight of a perspective camera, and checks the sprite radius', () => {
    // Camera at z = 10 looking down -z, 90 degree field of view: at depth d, 1 sigma spans 200/d pixels.
    const camera = new PerspectiveCamera(90, 1, 0.1, 100);
    camera.position.set(0, 0, 10);
    camera.lookAt(0, 0, 0);
    camera.updateProjectionMatrix();
    // Particle 0 at depth 10, particle 1 at depth 5 (in front), particle 2 hidden from the pick.
    const input = {
      positions: Float32Array.from([0, 0, 0, 0, 0, 5, 3, 0, 0]),
      drawn: Uint32Array.from([0, 1, 2]),
      count: 2,
      diameters: Float32Array.from([1, 1, 1]),
    };
    expect(pickParticle(input, camera, SIZE, SIZE, 200, 200)).toBe(1);
    // Particle 1's sprite: radius 0.5 x 200 / 5 = 20 px; particle 0's: 10 px.
    expect(pickParticle(input, camera, SIZE, SIZE, 200 + 19, 200)).toBe(1);
    expect(pickParticle(input, camera, SIZE, SIZE, 200 + 21, 200)).toBe(-1);
    // Only particle 0 drawn: it is found where particle 1 was in front.
    expect(pickParticle({ ...input, drawn: Uint32Array.from([0]), count: 1 }, camera, SIZE, SIZE, 200 + 9, 200)).toBe(0);
    // Particle 2 (x = 3) is not among the first `count` drawn: never picked, even on its centre (200 + 3 x 20 px).
    expect(pickParticle(input, camera, SIZE, SIZE, 260, 200)).toBe(-1);
  });

  it('picks by distance to the centre for an orthographic (2D) camera, y up on screen', () => {
    // Frames [-5, 5]^2: 40 px per sigma.
    const camera = new OrthographicCamera(-5, 5, 5, -5, 0.5, 10);
    camera.position.set(0, 0, 2);
    camera.lookAt(0, 0, 0);
    camera.updateProjectionMatrix();
    const input = {
      positions: Float32Array.from([0, 0, 0, 0.6, 0, 0, 0, 2, 0]),
      drawn: Uint32Array.from([0, 1, 2]),
      count: 3,
      diameters: Float32Array.from([1, 1, 0.88]),
    };
    // At x = 0.35 sigma both sprites (radius 20 px) cover the point; particle 1 (0.25 away) is nearer than particle 0 (0.35).
    expect(pickParticle(input, camera, SIZE, SIZE, 200 + 0.35 * 40, 200)).toBe(1);
    expect(pickParticle(input, camera, SIZE, SIZE, 200 - 0.35 * 40, 200)).toBe(0);
    // Particle 2 at y = 2 is 80 px above the centre; its radius is 0.44 x 40 = 17.6 px.
    expect(pickParticle(input, camera, SIZE, SIZE, 200, 200 - 80 - 17)).toBe(2);
    expect(pickParticle(input, camera, SIZE, SIZE, 200, 200 - 80 - 18.5)).toBe(-1);
  });
});
