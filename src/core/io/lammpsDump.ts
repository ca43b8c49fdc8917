import { gatherRows, orderById, speciesFromCodes } from './atomOrder';
import { parseAtomTable, type TableColumn, type TablePlace } from './atomTable';
import { fractionalToCartesian, unwrapWithImages } from './cellVectors';
import { implausibleBox, wrapIntoCell } from '../geometry/box';
import { assertFiniteRows } from './finite';
import { dimensionFromZ } from './dimension';
import { TrajectoryError, type Frame, type Trajectory } from './frame';
import { parseDumpHeader } from './lammpsDumpHeader';
import { lammpsDumpSplitter } from './lammpsDumpIndex';
import type { OpenOptions } from './openOptions';
import { letterSpeciesNames } from './speciesNames';
import { openTextTrajectory, type TextFormat } from './textTrajectory';

/**
 * Opens a LAMMPS text dump (`dump custom` / `dump atom`, optionally `.gz`) for lazy random
 * access; one streaming pass indexes the frames, then frame 0 is decoded to fix the species
 * and the dimension (LAMMPS `dump` doc, text format).
 *
 * Per frame: atoms sorted by id; positions [n x 3] from `x y z`, else `xs ys zs` (scaled,
 * converted through the tilted cell), else `xu yu zu`, else `xsu ysu zsu`; `unwrapped` from
 * `xu yu zu` / `xsu ysu zsu`, else positions + image flags `ix iy iz` (u = x + ix a + iy b + iz c),
 * else null. Every other column is kept in `columns` by name (an `element` string column is
 * ignored). Species: type t -> index t - 1, names 'A', 'B', ... up to the largest type of
 * frame 0. Dimension: options.dimension, else 2 when all z of frame 0 are equal, else 3.
 * Box: always present for dumps; periodic only on axes flagged `pp` (ff/ss/fm/... are open
 * boundaries but keep their extent) — only XYZ files without Lattice give box = null.
 *
 * Throws TrajectoryError naming file, frame and line for: a truncated last frame, N changing
 * between frames, an unknown ITEM or garbled BOX BOUNDS, box bounds that no N atoms could
 * fill (implausibleBox), a missing id/type/position column, non-numeric or non-finite values
 * (also after conversion: scaled coordinates or image flags through the box), duplicate ids, a type above frame 0's largest (read time
 * for later frames), too few/many values on an atom line; and for a truncated `.gz`.
 */
export function openLammpsDump(path: string, options: OpenOptions = {}): Trajectory {
  return openTextTrajectory(path, lammpsDumpFormat, options);
}

/** The LAMMPS dump as a TextFormat (see openLammpsDump for the layout, species and errors). */
export const lammpsDumpFormat: TextFormat = {
  format: 'lammps-dump',
  splitter: lammpsDumpSplitter,
  fromFirstFrame(bytes, firstLine, file, dimension) {
    const first = decodeDumpFrame(bytes, 0, firstLine, { file, typeCount: 255, dimension });
    const typeCount = first.species.reduce((max, s) => Math.max(max, s + 1), 0);
    const settings: DumpSettings = { file, typeCount, dimension: first.dimension };
    return { speciesNames: letterSpeciesNames(typeCount), decode: (frameBytes, k, line) => decodeDumpFrame(frameBytes, k, line, settings) };
  },
};

interface DumpSettings {
  readonly file: string;
  /** Largest type allowed (frame 0's largest, or 255 while reading frame 0). */
  readonly typeCount: number;
  /** Trajectory dimension, or null to detect it from this frame. */
  readonly dimension: 2 | 3 | null;
}

/** Per-atom coordinate column families, in order of preference for `positions`. */
const FAMILIES = [
  { names: ['x', 'y', 'z'], scaled: false, unwrapped: false },
  { names: ['xs', 'ys', 'zs'], scaled: true, unwrapped: false },
  { names: ['xu', 'yu', 'zu'], scaled: false, unwrapped: true },
  { names: ['xsu', 'ysu', 'zsu'], scaled: true, unwrapped: true },
] as const;
const IMAGES = ['ix', 'iy', 'iz'] as const;
type Family = (typeof FAMILIES)[number];

/** Which `ITEM: ATOMS` columns feed which Frame field. */
interface DumpLayout {
  readonly table: TableColumn[];
  readonly positions: Family;
  readonly unwrapped: Family | null;
  readonly images: boolean;
  readonly extra: string[];
}

function dumpLayout(columns: readonly string[], fail: (what: string) => never): DumpLayout {
  const has = (name: string) => columns.includes(name);
  const complete = FAMILIES.filter((f) => f.names.every(has));
  const missing = ['id', 'type'].filter((name) => !has(name));
  if (missing.length > 0 || complete.length === 0) {
    const lacking = [...missing, ...(complete.length === 0 ? ['positions'] : [])].join(', ');
    fail(
      `'ITEM: ATOMS' lacks ${lacking}: expected id, type and one of 'x y z', 'xs ys zs', 'xu yu zu', 'xsu ysu zsu'; found '${columns.join(' ')}'`,
    );
  }
  const positions = complete[0];
  const unwrapped = complete.find((f) => f.unwrapped) ?? null;
  const images = unwrapped === null && IMAGES.every(has);
  const used = new Set<string>(['id', 'type', ...positions.names, ...(unwrapped?.names ?? []), ...(images ? IMAGES : [])]);
  const table = columns.map((name): TableColumn => ({ name, kind: name === 'element' ? 'skip' : 'number' }));
  const extra = columns.filter((name) => !used.has(name) && name !== 'element');
  return { table, positions, unwrapped, images, extra };
}

function decodeDumpFrame(bytes: Buffer, k: number, firstLine: number, settings: DumpSettings): Frame {
  const { file } = settings;
  const header = parseDumpHeader(bytes, firstLine, file, k);
  const implausible = implausibleBox(header.box, header.n);
  if (implausible) throw new TrajectoryError(file, { frame: k, line: header.boxLine }, `implausible box bounds: ${implausible}`);
  const layout = dumpLayout(header.columns, (what) => {
    throw new TrajectoryError(file, { frame: k, line: header.atomsLine - 1 }, what);
  });
  const place: TablePlace = { file, frame: k, firstLine: header.atomsLine };
  const table = parseAtomTable(bytes, header.atomsPos, header.n, layout.table, false, place);
  const column = (name: string) => table.values[header.columns.indexOf(name)]!;
  const { ids, rank } = orderById(column('id'), place);
  const species = speciesFromCodes(column('type'), rank, typeToSpecies(settings.typeCount), (t) => badType(t, settings.typeCount), place);
  const gather = (family: Family) => {
    const rows = gatherRows(family.names.map(column), rank);
    if (family.scaled) fractionalToCartesian(rows, header.box);
    return rows;
  };
  const unwrapped = layout.unwrapped ? gather(layout.unwrapped) : null;
  // A dump with only unwrapped columns gets its wrapped positions by folding them into the cell.
  const positions = layout.positions === layout.unwrapped && unwrapped ? wrapIntoCell(header.box, unwrapped) : gather(layout.positions);
  const fromImages = !unwrapped && layout.images ? unwrapWithImages(positions, gatherRows(IMAGES.map(column), rank), header.box) : null;
  // Finite file values can still overflow through the cell (xs = 1e300 times lx = 10).
  const overflow = (rows: Float64Array, what: string) =>
    assertFiniteRows(rows, 3, (slot, value) => {
      const row = rank ? rank.indexOf(slot) : slot;
      throw new TrajectoryError(file, { frame: k, line: header.atomsLine + row }, `${what} is ${value} after conversion through the box`);
    });
  overflow(positions, `position (from ${layout.positions.names.join(' ')})`);
  if (unwrapped) overflow(unwrapped, `unwrapped position (from ${layout.unwrapped!.names.join(' ')})`);
  if (fromImages) overflow(fromImages, 'unwrapped position (x y z plus image flags ix iy iz times the cell)');
  return {
    index: k,
    timestep: header.timestep ?? k,
    n: header.n,
    dimension: settings.dimension ?? dimensionFromZ(positions),
    box: header.box,
    ids,
    species,
    positions,
    unwrapped: unwrapped ?? fromImages,
    columns: new Map(layout.extra.map((name) => [name, gatherRows([column(name)], rank)])),
  };
}

/** speciesOf table for speciesFromCodes: type t in 1..typeCount -> t - 1, else -1. */
function typeToSpecies(typeCount: number): Int16Array {
  return Int16Array.from({ length: typeCount + 1 }, (_, t) => t - 1);
}

function badType(type: number, typeCount: number): string {
  return typeCount === 255
    ? `atom type must be an integer in 1..255, found ${type}`
    : `atom type ${type} is not one of the types 1..${typeCount} seen in frame 0 (species are fixed by frame 0)`;
}
