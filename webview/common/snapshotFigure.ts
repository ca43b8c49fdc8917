import type { SnapshotOutput } from '../../src/core/lang/outputs';

/** What the viewer currently shows of a snapshot (the renderer's controls; the CLI report uses none). */
export interface SnapshotView {
  /** Species indices (into speciesNames) that are not drawn (species toggles). */
  readonly hiddenSpecies?: ReadonlySet<number>;
  /** Keep only particles with lo <= position[axis] <= hi (sigma_AA): a slab of a 3D frame. */
  readonly slab?: { readonly axis: 0 | 1 | 2; readonly lo: number; readonly hi: number } | null;
  /** Highlight particles with lo <= value <= hi; the others are drawn as one faint grey trace. */
  readonly valueRange?: { readonly lo: number; readonly hi: number } | null;
}

/** Trace uids, so the viewer and tests can tell particle traces from the cell outline. */
export const SNAPSHOT_TRACE = { species: (s: number) => `species-${s}`, outside: 'outside-range', cell: 'cell' } as const;

interface Bucket {
  x: number[];
  y: number[];
  z: number[];
  c: number[];
}

/**
 * A plotly figure of a softness snapshot (Cubuk et al. PRL 2015, Fig. 3 style): one WebGL scatter
 * trace per species (marker size by species, species 0 largest as sigma_AA = 1 > sigma_BB),
 * coloured by the value on a diverging scale centred on 0 (red = soft, S > 0; blue = hard), with
 * the periodic cell outlined. 3D frames use scatter3d; 2D frames scattergl with equal axes.
 * `view` hides species, cuts a slab and highlights a value range; the colour scale always spans
 * +-max|value| of the whole frame so colours do not shift while filtering.
 * Positions are read from `snapshot.positions` (Float32Array row-major [n x 3], sigma_AA).
 * Throws RangeError if the slab is empty or inverted (lo > hi) or the value range is inverted.
 */
export function snapshotFigure(snapshot: SnapshotOutput, view: SnapshotView = {}): { data: object[]; layout: object } {
  const { positions, species, values, speciesNames, dimension } = snapshot;
  const { hiddenSpecies, slab, valueRange } = view;
  if (slab && !(slab.lo <= slab.hi)) throw new RangeError(`snapshot slab: lo (${slab.lo}) must be <= hi (${slab.hi})`);
  if (valueRange && !(valueRange.lo <= valueRange.hi)) throw new RangeError(`snapshot ${snapshot.valueName} range: lo (${valueRange.lo}) must be <= hi (${valueRange.hi})`);
  let vmax = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) vmax = Math.max(vmax, Math.abs(values[i]));
  vmax = vmax || 1;
  const buckets = speciesNames.map(emptyBucket);
  const outside = emptyBucket();
  // One pass over the particles: 100,000 of them must refilter within a frame or two.
  for (let i = 0; i < species.length; i++) {
    const s = species[i];
    if (hiddenSpecies?.has(s)) continue;
    if (slab) {
      const p = positions[3 * i + slab.axis];
      if (!(p >= slab.lo && p <= slab.hi)) continue;
    }
    const v = values[i];
    const bucket = valueRange && !(v >= valueRange.lo && v <= valueRange.hi) ? outside : buckets[s];
    bucket.x.push(round(positions[3 * i]));
    bucket.y.push(round(positions[3 * i + 1]));
    bucket.z.push(round(positions[3 * i + 2]));
    bucket.c.push(round(v));
  }
  const data: object[] = buckets.map((b, s) => {
    const marker = {
      color: b.c,
      // plotly's RdBu runs blue (low) to red (high): red = soft, as in the papers' snapshots.
      colorscale: 'RdBu',
      cmin: -vmax,
      cmax: vmax,
      size: markerSize(dimension, s),
      // The colour bar rides on species 0 and must survive hiding it, so it goes on the first shown.
      showscale: s === buckets.findIndex((_, k) => !hiddenSpecies?.has(k)),
      colorbar: { title: { text: snapshot.valueName } },
      line: { width: 0 },
    };
    const name = speciesNames[s];
    return particleTrace(dimension, b, {
      uid: SNAPSHOT_TRACE.species(s),
      name: `${name} (${b.x.length})`,
      marker,
      hovertemplate: `${name} ${snapshot.valueName}=%{marker.color:.2f}<extra></extra>`,
    });
  });
  if (valueRange) {
    const marker = { color: 'rgba(128,128,128,0.25)', size: markerSize(dimension, 1) - 1, line: { width: 0 } };
    const name = `${snapshot.valueName} outside [${valueRange.lo}, ${valueRange.hi}] (${outside.x.length})`;
    data.push(particleTrace(dimension, outside, { uid: SNAPSHOT_TRACE.outside, name, marker, hoverinfo: 'skip' }));
  }
  if (snapshot.cell) data.push(cellOutline(snapshot.cell, dimension));
  const layout =
    dimension === 3
      ? { title: { text: snapshot.title }, scene: { aspectmode: 'data', xaxis: { title: 'x' }, yaxis: { title: 'y' }, zaxis: { title: 'z' } }, legend: { x: 0, y: 1 }, margin: { l: 0, r: 0, t: 40, b: 0 } }
      : { title: { text: snapshot.title }, xaxis: { title: 'x (σ_AA)' }, yaxis: { title: 'y (σ_AA)', scaleanchor: 'x' }, legend: { x: 0, y: 1 } };
  return { data, layout };
}

function emptyBucket(): Bucket {
  return { x: [], y: [], z: [], c: [] };
}

function markerSize(dimension: 2 | 3, s: number): number {
  return dimension === 3 ? (s === 0 ? 4 : 3) : s === 0 ? 7 : 5;
}

function particleTrace(dimension: 2 | 3, b: Bucket, rest: object): object {
  return dimension === 3 ? { type: 'scatter3d', mode: 'markers', x: b.x, y: b.y, z: b.z, ...rest } : { type: 'scattergl', mode: 'markers', x: b.x, y: b.y, ...rest };
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/** The 12 edges (3D) or 4 edges (2D) of the parallelepiped origin + {0,1}a + {0,1}b + {0,1}c. */
function cellOutline(cell: NonNullable<SnapshotOutput['cell']>, dimension: 2 | 3): object {
  const corner = (i: number, j: number, k: number): number[] => [0, 1, 2].map((d) => cell.origin[d] + i * cell.a[d] + j * cell.b[d] + k * cell.c[d]);
  const edges: Array<[number[], number[]]> = [];
  const ks = dimension === 3 ? [0, 1] : [0];
  for (const k of ks) {
    edges.push([corner(0, 0, k), corner(1, 0, k)], [corner(1, 0, k), corner(1, 1, k)], [corner(1, 1, k), corner(0, 1, k)], [corner(0, 1, k), corner(0, 0, k)]);
  }
  if (dimension === 3) for (const [i, j] of [[0, 0], [1, 0], [1, 1], [0, 1]]) edges.push([corner(i, j, 0), corner(i, j, 1)]);
  const xs: Array<number | null> = [];
  const ys: Array<number | null> = [];
  const zs: Array<number | null> = [];
  for (const [p, q] of edges) {
    xs.push(p[0], q[0], null);
    ys.push(p[1], q[1], null);
    zs.push(p[2], q[2], null);
  }
  const line = { color: 'rgba(120,120,120,0.8)', width: 2 };
  const common = { uid: SNAPSHOT_TRACE.cell, mode: 'lines', line, name: 'cell', hoverinfo: 'skip', showlegend: false };
  return dimension === 3 ? { type: 'scatter3d', x: xs, y: ys, z: zs, ...common } : { type: 'scattergl', x: xs, y: ys, ...common };
}
