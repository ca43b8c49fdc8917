import { implausibleBox, makeBox, type Box } from '../geometry/box';
import { gatherRows, orderById, speciesFromCodes } from './atomOrder';
import { parseAtomTable, type TableColumn, type TablePlace } from './atomTable';
import { dimensionFromZ } from './dimension';
import { TrajectoryError, type Frame, type Trajectory } from './frame';
import { LineCursor } from './lineCursor';
import type { OpenOptions } from './openOptions';
import { letterSpeciesNames } from './speciesNames';
import { openTextTrajectory, type TextFormat } from './textTrajectory';
import { parseXyzComment, type XyzComment, type XyzProperty } from './xyzComment';
import { xyzSplitter } from './xyzIndex';

/**
 * Opens a plain or extended XYZ trajectory (optionally `.gz`) for lazy random access.
 *
 * Plain XYZ: `N`, a comment line, N lines `species x y z [ignored extra columns]`.
 * Extended XYZ (libAtoms/ASE extxyz convention): `Lattice="ax ay az bx by bz cx cy cz"` (cell
 * vectors a, b, c; must be LAMMPS restricted triclinic, i.e. a along x and b in the xy plane;
 * c = 0 marks a 2D cell, then z is non-periodic with unit thickness), `Origin="x y z"`,
 * `pbc="T T T"` (default all periodic when Lattice is given), `Properties=species:S:1:pos:R:3:...`
 * (exactly those columns per line; an `id` property orders atoms by id, otherwise ids are
 * 1..N in file order; other R/I properties go to `columns` as `name`, or `name_0`, `name_1`,
 * ... when they have several components; S/L properties are ignored),
 * `Timestep=` or else `Time=` -> Frame.timestep (else the frame index).
 * No Lattice -> box = null (open boundaries). Species: in order of first appearance in
 * frame 0, except that all-numeric species 1, 2, ... map to 'A', 'B', ... like LAMMPS types.
 * Dimension: options.dimension, else 2 when all z of frame 0 are equal, else 3.
 *
 * Throws TrajectoryError naming file, frame and line for: a truncated last frame, N changing,
 * a Lattice that is not restricted triclinic or has a non-positive edge or no room for N atoms
 * (implausibleBox), periodic pbc without
 * Lattice, a malformed Properties/pbc/Lattice value, a property name given twice, more
 * Properties columns than the atom lines can hold (checked before allocating), missing species or pos, non-numeric or
 * non-finite values, wrong value counts, duplicate ids, a species absent from frame 0 (later
 * frames, at read time); and for a truncated `.gz`.
 */
export function openXyz(path: string, options: OpenOptions = {}): Trajectory {
  return openTextTrajectory(path, xyzFormat, options);
}

/** (Extended) XYZ as a TextFormat (see openXyz for the layout, species and errors). */
export const xyzFormat: TextFormat = {
  format: 'xyz',
  splitter: xyzSplitter,
  fromFirstFrame(bytes, firstLine, file, dimension) {
    const first = decodeXyzFrame(bytes, 0, firstLine, { file, species: null, dimension });
    const settings: XyzSettings = { file, species: first.species, dimension: first.frame.dimension };
    return { speciesNames: first.species.names, decode: (frameBytes, k, line) => decodeXyzFrame(frameBytes, k, line, settings).frame };
  },
};

/** How species labels map to indices, fixed by frame 0. */
interface SpeciesScheme {
  /** True when frame 0's labels are all positive integers (then label t -> index t - 1). */
  readonly numeric: boolean;
  readonly names: readonly string[];
}

interface XyzSettings {
  readonly file: string;
  /** Null while decoding frame 0, which defines the scheme. */
  readonly species: SpeciesScheme | null;
  /** Null to detect from this frame. */
  readonly dimension: 2 | 3 | null;
}

const DEFAULT_PROPERTIES: readonly XyzProperty[] = [
  { name: 'species', type: 'S', count: 1 },
  { name: 'pos', type: 'R', count: 3 },
];
const NUMERIC_LABEL = /^[1-9]\d*$/;
/** Properties= with at most this many columns is never rejected for its size alone. */
const SMALL_TABLE_COLUMNS = 256;

function decodeXyzFrame(bytes: Buffer, k: number, firstLine: number, settings: XyzSettings): { frame: Frame; species: SpeciesScheme } {
  const { file } = settings;
  const cursor = new LineCursor(bytes, firstLine);
  const fail = (what: string): never => {
    throw new TrajectoryError(file, { frame: k, line: cursor.line }, what);
  };
  cursor.next();
  const n = Number(cursor.text());
  if (!cursor.next()) fail('expected a comment line after the atom count');
  const comment = parseXyzComment(cursor.text(), fail);
  // An atom line holds each value and a blank or newline after it: no more columns fit.
  const maxColumns = Math.floor((bytes.length - cursor.pos) / 2);
  const layout = xyzLayout(comment.properties ?? DEFAULT_PROPERTIES, maxColumns, fail);
  const place: TablePlace = { file, frame: k, firstLine: cursor.line + 1 };
  const table = parseAtomTable(bytes, cursor.pos, n, layout.table, comment.properties === null, place);
  const column = (j: number) => table.values[j]!;
  const { ids, rank } =
    layout.id >= 0 ? orderById(column(layout.id), place) : { ids: Int32Array.from({ length: n }, (_, i) => i + 1), rank: null };
  const labels = table.labels[layout.species]!;
  const scheme = settings.species ?? learnSpecies(labels, fail);
  const species = speciesFromCodes(
    column(layout.species),
    rank,
    labelsToSpecies(labels, scheme),
    (code) => badSpecies(labels[code], scheme),
    place,
  );
  const positions = gatherRows([column(layout.pos), column(layout.pos + 1), column(layout.pos + 2)], rank);
  const dimension = settings.dimension ?? dimensionFromZ(positions);
  const frame: Frame = {
    index: k,
    timestep: comment.timestep ?? k,
    n,
    dimension,
    box: xyzBox(comment, positions, fail),
    ids,
    species,
    positions,
    unwrapped: null,
    columns: new Map(layout.extra.map(([name, j]) => [name, gatherRows([column(j)], rank)])),
  };
  return { frame, species: scheme };
}

/**
 * Table columns of the Properties list and where species, pos, id and extras sit. Fails for a
 * property name given twice (a second `id` would silently become another column) and for more
 * columns than `maxColumns` (what the frame's bytes can hold), before building the table.
 */
function xyzLayout(properties: readonly XyzProperty[], maxColumns: number, fail: (what: string) => never) {
  const repeated = properties.find((p, i) => properties.findIndex((q) => q.name === p.name) !== i);
  if (repeated) fail(`property '${repeated.name}' appears twice in Properties=; each column needs its own name`);
  const declared = properties.reduce((sum, p) => sum + p.count, 0);
  // Small tables are let through, for the precise per-line messages of parseAtomTable.
  if (declared > Math.max(SMALL_TABLE_COLUMNS, maxColumns)) {
    fail(`Properties= declares ${declared} columns per atom line, but the frame's atom lines can hold at most ${maxColumns}`);
  }
  const table: TableColumn[] = [];
  const extra: [string, number][] = [];
  let species = -1;
  let pos = -1;
  let id = -1;
  for (const p of properties) {
    const at = table.length;
    if (p.name === 'species') {
      if (p.count !== 1) fail(`expected species with 1 component, found species:${p.type}:${p.count}`);
      species = at;
    } else if (p.name === 'pos') {
      if (p.count !== 3 || p.type !== 'R') fail(`expected pos:R:3, found pos:${p.type}:${p.count}`);
      pos = at;
    } else if (p.name === 'id' && p.count === 1 && p.type === 'I') {
      id = at;
    }
    const numeric = p.type === 'R' || p.type === 'I';
    for (let c = 0; c < p.count; c++) {
      const name = at === pos ? 'xyz'[c] : p.count === 1 ? p.name : `${p.name}_${c}`;
      const kind = at === species ? 'label' : numeric ? 'number' : 'skip';
      table.push({ name, kind });
      if (kind === 'number' && at !== pos && at !== id) extra.push([name, at + c]);
    }
  }
  if (species < 0 || pos < 0) fail(`Properties must include species and pos (e.g. species:S:1:pos:R:3)`);
  const clash = extra.find(([name], i) => extra.findIndex(([other]) => other === name) !== i);
  if (clash) fail(`column name '${clash[0]}' arises twice from Properties= (a name:R:k property and a property named like its component)`);
  return { table, species, pos, id, extra };
}

/** Frame 0 fixes the species: all-numeric labels act like LAMMPS types, names keep first-appearance order. */
function learnSpecies(labels: readonly string[], fail: (what: string) => never): SpeciesScheme {
  if (labels.every((l) => NUMERIC_LABEL.test(l))) {
    const count = Math.max(...labels.map(Number));
    if (count > 255) fail(`numeric species must be at most 255, found ${count}`);
    return { numeric: true, names: letterSpeciesNames(count) };
  }
  if (labels.length > 255) fail(`at most 255 species are supported, found ${labels.length}`);
  return { numeric: false, names: labels };
}

/** speciesOf table for speciesFromCodes: table label index -> species index or -1. */
function labelsToSpecies(labels: readonly string[], scheme: SpeciesScheme): Int16Array {
  return Int16Array.from(labels, (label) => {
    if (!scheme.numeric) return scheme.names.indexOf(label);
    return NUMERIC_LABEL.test(label) && Number(label) <= scheme.names.length ? Number(label) - 1 : -1;
  });
}

function badSpecies(label: string, scheme: SpeciesScheme): string {
  const known = scheme.numeric ? `1..${scheme.names.length}` : scheme.names.join(', ');
  return `species '${label}' is not one of frame 0's species (${known}); species are fixed by frame 0`;
}

/**
 * Box of an extended-XYZ frame (null without Lattice). Only restricted-triclinic cells are
 * representable (Box contract): a = (lx,0,0), b = (xy,ly,0), c = (xz,yz,lz); off-plane
 * components below 1e-10 of the largest cell entry count as zero (text round-off).
 */
function xyzBox(comment: XyzComment, positions: Float64Array, fail: (what: string) => never): Box | null {
  const { lattice } = comment;
  if (lattice === null) {
    if (comment.pbc?.includes(true)) fail('pbc marks periodic axes but the frame has no Lattice="..." cell');
    return null;
  }
  const [ax, ay, az, bx, by, bz, cx, cy, cz] = lattice;
  const tolerance = 1e-10 * Math.max(...lattice.map(Math.abs));
  const zero = (v: number) => Math.abs(v) <= tolerance;
  if (!zero(ay) || !zero(az) || !zero(bz)) {
    fail(
      `Lattice must be LAMMPS restricted triclinic (a along x, b in the xy plane), found a = (${ax}, ${ay}, ${az}), b = (${bx}, ${by}, ${bz}); rotate the cell first`,
    );
  }
  const periodic = comment.pbc ?? [true, true, true];
  const origin = comment.origin ?? [0, 0, 0];
  const flat = zero(cx) && zero(cy) && zero(cz);
  if (flat && dimensionFromZ(positions) !== 2) fail('Lattice has c = 0 (2D cell) but the z coordinates differ');
  let box: Box;
  try {
    // A 2D cell (c = 0) gets a unit-thick non-periodic slab around the common z.
    box = makeBox({
      lo: [origin[0], origin[1], flat ? positions[2] - 0.5 : origin[2]],
      lx: ax,
      ly: by,
      lz: flat ? 1 : cz,
      xy: bx,
      xz: flat ? 0 : cx,
      yz: flat ? 0 : cy,
      periodic: [periodic[0], periodic[1], flat ? false : periodic[2]],
    });
  } catch (e) {
    return fail(`invalid Lattice: ${(e as Error).message}`);
  }
  const implausible = implausibleBox(box, positions.length / 3);
  return implausible ? fail(`implausible Lattice: ${implausible}`) : box;
}
