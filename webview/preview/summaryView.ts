import type { PreviewError, TrajectorySummary } from '../../src/protocol/previewMessages';
import { h } from '../common/dom';

/** What the summary shows of the index, which grows while the file is scanned. */
export interface IndexState {
  readonly frames: number;
  readonly indexing: boolean;
  /** Fraction of the file scanned (0..1), while indexing. */
  readonly fraction: number | null;
  readonly lastTimestep: number | null;
}

/**
 * The summary table of a trajectory: file, format, N, species with their counts in frame 0,
 * 2D/3D, box (edges, tilt factors and periodicity), frames (with the indexing progress),
 * timestep range and the per-atom columns. `summary-frames` and `summary-timesteps` are
 * updated in place by updateIndexState while the index grows.
 */
export function summaryView(summary: TrajectorySummary, index: IndexState): HTMLElement {
  const species = summary.speciesNames.map((name, s) => `${name}: ${summary.speciesCounts[s]}`).join(', ');
  const rows: Array<[string, Node | string]> = [
    ['file', summary.file],
    ['format', summary.format],
    ['particles N', String(summary.n)],
    ['species (frame 0)', species],
    ['dimension', `${summary.dimension}D`],
    ['box', boxText(summary.box)],
    ['frames', h('span', { id: 'summary-frames' })],
    ['timesteps', h('span', { id: 'summary-timesteps' })],
    ['per-atom columns', summary.columns.length > 0 ? summary.columns.join(', ') : 'none besides id, type and positions'],
  ];
  const table = h('table', { className: 'summary' }, ...rows.map(([key, value]) => h('tr', {}, h('th', {}, key), h('td', {}, value))));
  updateIndexState(table, summary, index);
  return table;
}

/** Refreshes the frame count and timestep range cells of a summaryView table. */
export function updateIndexState(table: HTMLElement, summary: TrajectorySummary, index: IndexState): void {
  const frames = table.querySelector('#summary-frames') as HTMLElement;
  const timesteps = table.querySelector('#summary-timesteps') as HTMLElement;
  const progress = index.fraction === null ? '' : ` (${Math.round(100 * index.fraction)}% of the file)`;
  frames.textContent = index.indexing ? `${index.frames} so far, indexing…${progress}` : String(index.frames);
  timesteps.textContent =
    index.lastTimestep === null
      ? `from ${summary.firstTimestep}${index.indexing ? ' (indexing…)' : ''}`
      : `${summary.firstTimestep} – ${index.lastTimestep}`;
}

/** Box edges from lo with tilt factors (LAMMPS convention) and periodicity, or open boundaries. */
function boxText(box: TrajectorySummary['box']): string {
  if (!box) return 'none (open boundaries)';
  const f = (v: number) => Number(v.toPrecision(6)).toString();
  const periodic = box.periodic.map((p, axis) => `${'xyz'[axis]}: ${p ? 'periodic' : 'fixed'}`).join(', ');
  const tilt =
    box.xy !== 0 || box.xz !== 0 || box.yz !== 0
      ? `, tilt xy = ${f(box.xy)}, xz = ${f(box.xz)}, yz = ${f(box.yz)} (triclinic)`
      : ', orthogonal';
  return `lx = ${f(box.lx)}, ly = ${f(box.ly)}, lz = ${f(box.lz)} σ from (${box.lo.map(f).join(', ')})${tilt}; ${periodic}`;
}

/**
 * The error panel: what could not be read, with the file, frame and line as separate fields
 * (so the user sees where to look) and the full message.
 */
export function errorView(title: string, error: PreviewError): HTMLElement {
  const where = [error.frame !== undefined ? `frame ${error.frame}` : '', error.line !== undefined ? `line ${error.line}` : '']
    .filter(Boolean)
    .join(', ');
  return h(
    'section',
    { className: 'preview-error', role: 'alert' },
    h('h2', {}, title),
    h('p', {}, h('strong', {}, 'file: '), error.file),
    ...(where ? [h('p', {}, h('strong', {}, 'where: '), where)] : []),
    h('pre', {}, error.message),
  );
}
