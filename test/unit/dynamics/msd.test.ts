import { describe, expect, it } from 'vitest';
import { meanSquaredDisplacement } from '../../../src/core/dynamics/msd';
import { Rng } from '../../../src/core/learn/rng';

/** Positions [nFrames x n x 3] from a function of (frame, particle) -> [x, y, z]. */
function trajectory(nFrames: number, n: number, at: (frame: number, i: number) => readonly number[]): Float64Array {
  const out = new Float64Array(nFrames * n * 3);
  for (let k = 0; k < nFrames; k++) for (let i = 0; i < n; i++) out.set(at(k, i), (k * n + i) * 3);
  return out;
}

/** The definition, written out: every origin t0 = 0, s, 2s, ..., every particle of the species. */
function bruteForce(u: Float64Array, nFrames: number, n: number, species: Uint8Array, s: number, lag: number, stride: number): number {
  let sum = 0;
  let samples = 0;
  for (let t0 = 0; t0 + lag < nFrames; t0 += stride) {
    for (let i = 0; i < n; i++) {
      if (species[i] !== s) continue;
      let d2 = 0;
      for (let c = 0; c < 3; c++) d2 += (u[((t0 + lag) * n + i) * 3 + c] - u[(t0 * n + i) * 3 + c]) ** 2;
      sum += d2;
      samples++;
    }
  }
  return sum / samples;
}

describe('meanSquaredDisplacement', () => {
  it('is v^2 t^2 per species for ballistic motion', () => {
    // Species 0 moves with |v| = 0.5 (along x), species 1 with |v| = sqrt(0.01 + 0.04 + 0.04) = 0.3.
    const species = Uint8Array.of(0, 1, 0, 1);
    const velocity = [
      [0.5, 0, 0],
      [0.1, -0.2, 0.2],
    ];
    const u = trajectory(6, 4, (k, i) => velocity[species[i]].map((v, c) => i + c + v * k));
    const { msd, origins, maxLag } = meanSquaredDisplacement(u, 6, 4, species, 2);
    expect(maxLag).toBe(5);
    expect(Array.from(origins)).toEqual([6, 5, 4, 3, 2, 1]);
    for (let lag = 0; lag <= 5; lag++) {
      expect(msd[lag]).toBeCloseTo(0.25 * lag * lag, 12);
      expect(msd[6 + lag]).toBeCloseTo(0.09 * lag * lag, 12);
    }
  });

  it('counts a single jump in the origins whose window holds it', () => {
    // One particle jumps by d = (0.3, 0.4, 0) (|d|^2 = 0.25) between frames 3 and 4 of 8; the other stays.
    const nFrames = 8;
    const jump = 4;
    const u = trajectory(nFrames, 2, (k, i) => (i === 0 && k >= jump ? [0.3, 0.4, 0] : [0, 0, 0]));
    const { msd } = meanSquaredDisplacement(u, nFrames, 2, Uint8Array.of(0, 1), 2);
    for (let lag = 0; lag < nFrames; lag++) {
      // Origins t0 in [0, nFrames - 1 - lag] with t0 < jump <= t0 + lag.
      const crossing = Math.max(0, Math.min(jump - 1, nFrames - 1 - lag) - Math.max(jump - lag, 0) + 1);
      expect(msd[lag]).toBeCloseTo((0.25 * crossing) / (nFrames - lag), 12);
      expect(msd[nFrames + lag]).toBe(0);
    }
  });

  it('equals the definition on random walks, for every origin stride and lag range', () => {
    const rng = new Rng(7);
    const nFrames = 23;
    const n = 9;
    const species = Uint8Array.from({ length: n }, (_, i) => i % 3);
    const u = new Float64Array(nFrames * n * 3);
    for (let k = 1; k < nFrames; k++) for (let j = 0; j < n * 3; j++) u[k * n * 3 + j] = u[(k - 1) * n * 3 + j] + rng.nextFloat() - 0.5;
    for (const [maxLag, stride] of [
      [22, 1],
      [10, 3],
      [5, 7],
    ]) {
      const result = meanSquaredDisplacement(u, nFrames, n, species, 3, { maxLag, originStride: stride });
      for (let s = 0; s < 3; s++) {
        for (let lag = 0; lag <= maxLag; lag++)
          expect(result.msd[s * (maxLag + 1) + lag]).toBeCloseTo(bruteForce(u, nFrames, n, species, s, lag, stride), 10);
      }
    }
  });

  it('is NaN for a species without particles and rejects bad shapes and options', () => {
    const u = trajectory(3, 2, () => [0, 0, 0]);
    expect(Array.from(meanSquaredDisplacement(u, 3, 2, Uint8Array.of(0, 0), 2).msd.subarray(3))).toEqual([NaN, NaN, NaN]);
    expect(() => meanSquaredDisplacement(u, 3, 2, Uint8Array.of(0, 2), 2)).toThrow(/species index 2 is not below nSpecies = 2/);
    expect(() => meanSquaredDisplacement(u, 3, 2, Uint8Array.of(0), 1)).toThrow(/species has 1 entries, expected n = 2/);
    expect(() => meanSquaredDisplacement(u, 4, 2, Uint8Array.of(0, 0), 1)).toThrow(/expected 24/);
    expect(() => meanSquaredDisplacement(u, 3, 2, Uint8Array.of(0, 0), 1, { maxLag: 3 })).toThrow(/maxLag must be <= nFrames - 1 = 2/);
    expect(() => meanSquaredDisplacement(u, 3, 2, Uint8Array.of(0, 0), 1, { originStride: 0 })).toThrow(/originStride/);
  });
});
