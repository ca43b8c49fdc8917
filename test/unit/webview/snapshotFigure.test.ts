import { describe, expect, it } from 'vitest';
import type { SnapshotOutput } from '../../../src/core/lang/outputs';
import { SNAPSHOT_TRACE, snapshotFigure } from '../../../webview/common/snapshotFigure';

type Trace = { uid: string; type: string; x: number[]; marker: { color: number[]; showscale?: boolean; cmin?: number; cmax?: number } };

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

describe('snapshotFigure (the CLI report)', () => {
  const snap = snapshot(5000);
  const vmax = snap.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

  it('puts every particle in its species trace with its value, on a colour scale of +-max|S|', () => {
    const traces = byUid(snapshotFigure(snap).data);
    const expected = [0, 0, 0];
    for (const s of snap.species) expected[s]++;
    expect([0, 1, 2].map((s) => traces.get(SNAPSHOT_TRACE.species(s))?.x.length)).toEqual(expected);
    const b = traces.get(SNAPSHOT_TRACE.species(1));
    expect(vmax).toBeGreaterThan(1.99);
    expect(b?.marker.cmax).toBe(vmax);
    expect(b?.marker.cmin).toBe(-vmax);
    const firstB = snap.species.indexOf(1);
    expect(b?.marker.color[0]).toBeCloseTo(snap.values[firstB], 3);
    expect([0, 1, 2].map((s) => traces.get(SNAPSHOT_TRACE.species(s))?.marker.showscale)).toEqual([true, false, false]);
    expect(traces.get(SNAPSHOT_TRACE.cell)?.type).toBe('scatter3d');
  });

  it('uses scattergl with equal axes and object titles (plotly 3) for 2D frames', () => {
    const fig = snapshotFigure({ ...snap, dimension: 2 });
    expect((fig.data as Trace[]).map((t) => t.type)).toEqual(['scattergl', 'scattergl', 'scattergl', 'scattergl']);
    expect(fig.layout).toMatchObject({ xaxis: { title: { text: 'x (σ_AA)' } }, yaxis: { title: { text: 'y (σ_AA)' }, scaleanchor: 'x' } });
  });
});
