import { describe, expect, it } from 'vitest';
import { filterParticles, insideValueRange, type SnapshotView } from '../../../webview/common/particleView';

/** A seeded random 3D frame of n particles in a 10 sigma_AA cube, S in [-2, 2], 3 species. */
function frame(n: number): { positions: Float32Array; species: Uint8Array; values: Float32Array; valueName: string } {
  let seed = 12345;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const positions = Float32Array.from({ length: 3 * n }, () => 10 * random());
  const species = Uint8Array.from({ length: n }, () => Math.floor(3 * random()));
  const values = Float32Array.from({ length: n }, () => 4 * random() - 2);
  return { positions, species, values, valueName: 'S' };
}

describe('particle view filter', () => {
  const f = frame(5000);
  const drawn = new Uint32Array(5000);

  it('matches a brute-force selection for a hidden species and a slab together', () => {
    const view: SnapshotView = { hiddenSpecies: new Set([1]), slab: { axis: 2, lo: 2.5, hi: 6 }, valueRange: { lo: 0, hi: 1.5 } };
    const count = filterParticles(f, view, drawn);
    const expected: number[] = [];
    for (let i = 0; i < 5000; i++) if (f.species[i] !== 1 && f.positions[3 * i + 2] >= 2.5 && f.positions[3 * i + 2] <= 6) expected.push(i);
    expect(Array.from(drawn.subarray(0, count))).toEqual(expected);
    expect(count).toBeGreaterThan(800);
    // The value range greys particles, it does not remove them.
    const highlighted = expected.filter((i) => insideValueRange(view, f.values[i])).length;
    const brute = expected.filter((i) => f.values[i] >= 0 && f.values[i] <= 1.5).length;
    expect(highlighted).toBe(brute);
    expect(brute).toBeGreaterThan(100);
  });

  it('keeps everything without a view, and NaN is outside every range', () => {
    expect(filterParticles(f, {}, drawn)).toBe(5000);
    expect(insideValueRange({}, Number.NaN)).toBe(true);
    expect(insideValueRange({ valueRange: { lo: -10, hi: 10 } }, Number.NaN)).toBe(false);
  });

  it('rejects inverted slabs and ranges, a range without values, and a short index buffer', () => {
    expect(() => filterParticles(f, { slab: { axis: 0, lo: 3, hi: 1 } }, drawn)).toThrow(/slab: lo \(3\) must be <= hi \(1\)/);
    expect(() => filterParticles(f, { valueRange: { lo: 1, hi: Number.NaN } }, drawn)).toThrow(/S range/);
    expect(() => filterParticles({ ...f, values: null }, { valueRange: { lo: 0, hi: 1 } }, drawn)).toThrow(/no values to highlight/);
    expect(() => filterParticles(f, {}, new Uint32Array(10))).toThrow(/index buffer holds 10, need 5000/);
  });
});
