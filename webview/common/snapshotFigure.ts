import type { SnapshotOutput } from '../../src/core/lang/outputs';

/**
 * A plotly figure of a softness snapshot: one WebGL scatter trace per species (marker size by
 * species, species 0 largest as sigma_AA = 1 > sigma_BB), coloured by the value on a diverging
 * scale centred on 0 (red = soft, S > 0; blue = hard), with the periodic cell outlined.
 * 3D frames use scatter3d; 2D frames scattergl with equal axes.
 */
export function snapshotFigure(snapshot: SnapshotOutput): { data: object[]; layout: object } {
  const { positions, species, values, speciesNames, dimension } = snapshot;
  let vmax = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) vmax = Math.max(vmax, Math.abs(values[i]));
  vmax = vmax || 1;
  const data: object[] = speciesNames.map((name, s) => {
    const x: number[] = [];
    const y: number[] = [];
    const z: number[] = [];
    const c: number[] = [];
    for (let i = 0; i < species.length; i++) {
      if (species[i] !== s) continue;
      x.push(round(positions[3 * i]));
      y.push(round(positions[3 * i + 1]));
      z.push(round(positions[3 * i + 2]));
      c.push(round(values[i]));
    }
    const marker = {
      color: c,
      // plotly's RdBu runs blue (low) to red (high): red = soft, as in the papers' snapshots.
      colorscale: 'RdBu',
      cmin: -vmax,
      cmax: vmax,
      size: dimension === 3 ? (s === 0 ? 4 : 3) : s === 0 ? 7 : 5,
      showscale: s === 0,
      colorbar: { title: { text: snapshot.valueName } },
      line: { width: 0 },
    };
    const common = { name: `${name} (${x.length})`, mode: 'markers', marker, hovertemplate: `${name} ${snapshot.valueName}=%{marker.color:.2f}<extra></extra>` };
    return dimension === 3 ? { type: 'scatter3d', x, y, z, ...common } : { type: 'scattergl', x, y, ...common };
  });
  if (snapshot.cell) data.push(cellOutline(snapshot.cell, dimension));
  const layout =
    dimension === 3
      ? { title: { text: snapshot.title }, scene: { aspectmode: 'data', xaxis: { title: 'x' }, yaxis: { title: 'y' }, zaxis: { title: 'z' } }, legend: { x: 0, y: 1 }, margin: { l: 0, r: 0, t: 40, b: 0 } }
      : { title: { text: snapshot.title }, xaxis: { title: 'x (σ_AA)' }, yaxis: { title: 'y (σ_AA)', scaleanchor: 'x' }, legend: { x: 0, y: 1 } };
  return { data, layout };
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
  return dimension === 3
    ? { type: 'scatter3d', mode: 'lines', x: xs, y: ys, z: zs, line, name: 'cell', hoverinfo: 'skip', showlegend: false }
    : { type: 'scattergl', mode: 'lines', x: xs, y: ys, line, name: 'cell', hoverinfo: 'skip', showlegend: false };
}
