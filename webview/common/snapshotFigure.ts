import type { SnapshotOutput } from '../../src/core/lang/outputs';
import { valueLimits } from './colourScales';

/** Trace uids, so tests can tell particle traces from the cell outline. */
export const SNAPSHOT_TRACE = { species: (s: number) => `species-${s}`, cell: 'cell' } as const;

interface Bucket {
  x: number[];
  y: number[];
  z: number[];
  c: number[];
}

/**
 * A plotly figure of a softness snapshot for the CLI's HTML report (Cubuk et al. PRL 2015, Fig. 3
 * style): one WebGL scatter trace per species (marker size by species, species 0 largest as
 * sigma_AA = 1 > sigma_BB), coloured by the value on a diverging scale centred on 0 (red = soft,
 * S > 0; blue = hard) spanning +-max|value|, with the periodic cell outlined. 3D frames use
 * scatter3d; 2D frames scattergl with equal axes. Positions are read from `snapshot.positions`
 * (Float32Array row-major [n x 3], sigma_AA). The notebook renderer draws snapshots with
 * particleCanvas.ts instead.
 */
export function snapshotFigure(snapshot: SnapshotOutput): { data: object[]; layout: object } {
  const { positions, species, values, speciesNames, dimension } = snapshot;
  const { hi: vmax } = valueLimits(values, 'diverging');
  const buckets = speciesNames.map(emptyBucket);
  for (let i = 0; i < species.length; i++) {
    const bucket = buckets[species[i]];
    bucket.x.push(round(positions[3 * i]));
    bucket.y.push(round(positions[3 * i + 1]));
    bucket.z.push(round(positions[3 * i + 2]));
    bucket.c.push(round(values[i]));
  }
  const data: object[] = buckets.map((b, s) => {
    const marker = {
      color: b.c,
      // plotly's RdBu runs blue (low) to red (high): red = soft, as in the papers' snapshots.
      colorscale: 'RdBu',
      cmin: -vmax,
      cmax: vmax,
      size: markerSize(dimension, s),
      showscale: s === 0,
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
  if (snapshot.cell) data.push(cellOutline(snapshot.cell, dimension));
  const layout =
    dimension === 3
      ? { title: { text: snapshot.title }, scene: { aspectmode: 'data', xaxis: { title: { text: 'x' } }, yaxis: { title: { text: 'y' } }, zaxis: { title: { text: 'z' } } }, legend: { x: 0, y: 1 }, margin: { l: 0, r: 0, t: 40, b: 0 } }
      : { title: { text: snapshot.title }, xaxis: { title: { text: 'x (σ_AA)' } }, yaxis: { title: { text: 'y (σ_AA)' }, scaleanchor: 'x' }, legend: { x: 0, y: 1 } };
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
