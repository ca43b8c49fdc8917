import { describe, expect, it } from 'vitest';
import type { SnapshotOutput } from '../../../src/core/lang/outputs';
import { SNAPSHOT_TRACE, snapshotFigure, type SnapshotView } from '../../../webview/common/snapshotFigure';

type Trace = { uid: string; x: number[]; z?: number[]; marker: { color: number[] | string; showscale?: boolean; cmin?: number; cmax?: number } };

/** A seeded random 3D snapshot of n particles in a 10 sigma_AA cube, S in [-2, 2], 3 species. */
function snapshot(n: number): SnapshotOutput {
  let seed = 12345;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const positions = Float32Array.from({ length: 3 * n }, () => 10 * random());
  const species = Uint8Array.from({ length: n }, () => Math.floor(3 * random()));
  const values = Float32Array.from({ length: n }, () => 4 * random() - 2);
  return { kind: 'snapshot', title: 't', dimension: 3, positions, species, speciesNames: ['A', 'B', 'C'], values, valueName: 'S', cell: { origin: [0, 0, 0], a: [10, 0, 0], b: [0, 10, 0], c: [0, 0, 10] } };
}

const byUid = (data: object[]): Map<string, Trace> => new Map((data as Trace[]).map((t) => [t.uid, t]));

describe('snapshotFigure view', () => {
  const snap = snapshot(5000);
  const vmax = snap.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

  it('matches a brute-force count per species for hidden species, a slab and a value range together', () => {
    const view: SnapshotView = { hiddenSpecies: new Set([1]), slab: { axis: 2, lo: 2.5, hi: 6 }, valueRange: { lo: 0, hi: 1.5 } };
    const traces = byUid(snapshotFigure(snap, view).data);
    const expected = [0, 0, 0];
    let outside = 0;
    for (let i = 0; i < 5000; i++) {
      const z = snap.positions[3 * i + 2];
      if (snap.species[i] === 1 || z < 2.5 || z > 6) continue;
      if (snap.values[i] >= 0 && snap.values[i] <= 1.5) expected[snap.species[i]]++;
      else outside++;
    }
    expect([0, 1, 2].map((s) => traces.get(SNAPSHOT_TRACE.species(s))?.x.length)).toEqual(expected);
    expect(traces.get(SNAPSHOT_TRACE.outside)?.x.length).toBe(outside);
    expect(expected[0]).toBeGreaterThan(100);
    expect(outside).toBeGreaterThan(100);
    for (const z of traces.get(SNAPSHOT_TRACE.species(0))?.z ?? []) expect(z >= 2.5 && z <= 6).toBe(true);
    for (const c of traces.get(SNAPSHOT_TRACE.species(2))?.marker.color as number[]) expect(c >= 0 && c <= 1.5).toBe(true);
  });

  it('keeps the colour scale at +-max|S| of the whole frame and moves the colour bar off a hidden species 0', () => {
    const traces = byUid(snapshotFigure(snap, { hiddenSpecies: new Set([0]), valueRange: { lo: 1, hi: 2 } }).data);
    const b = traces.get(SNAPSHOT_TRACE.species(1));
    expect(b?.marker.cmax).toBe(vmax);
    expect(vmax).toBeGreaterThan(1.99);
    expect(traces.get(SNAPSHOT_TRACE.species(0))?.x.length).toBe(0);
    expect(b?.marker.cmin).toBe(-(b?.marker.cmax ?? 0));
    expect([0, 1, 2].map((s) => traces.get(SNAPSHOT_TRACE.species(s))?.marker.showscale)).toEqual([false, true, false]);
    expect(traces.get(SNAPSHOT_TRACE.cell)).toBeDefined();
  });

  it('draws everything without a view (the CLI report) and has no outside trace', () => {
    const traces = byUid(snapshotFigure(snap).data);
    expect([0, 1, 2].reduce((sum, s) => sum + (traces.get(SNAPSHOT_TRACE.species(s))?.x.length ?? 0), 0)).toBe(5000);
    expect(traces.has(SNAPSHOT_TRACE.outside)).toBe(false);
  });

  it('rejects inverted slabs and ranges', () => {
    expect(() => snapshotFigure(snap, { slab: { axis: 0, lo: 3, hi: 1 } })).toThrow(/slab: lo \(3\) must be <= hi \(1\)/);
    expect(() => snapshotFigure(snap, { valueRange: { lo: 1, hi: Number.NaN } })).toThrow(/S range/);
  });
});
