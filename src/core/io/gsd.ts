import { implausibleBox, type Box } from '../geometry/box';
import { assertFiniteRows } from './finite';
import { unwrapWithImages } from './cellVectors';
import { TrajectoryError, type Frame, type Trajectory } from './frame';
import { FLOATS, GsdFrameChunks, INTEGER, NUMBER } from './gsdChunks';
import { boxFromHoomd } from './gsdBox';
import { GsdFile } from './gsdFile';
import { plainTextPath } from './gunzip';
import type { OpenOptions } from './openOptions';

/** HOOMD schema default box [Lx, Ly, Lz, xy, xz, yz] when no frame stores one. */
const DEFAULT_BOX = [1, 1, 1, 0, 0, 0];
/** HOOMD schema default type names when frame 0 stores none. */
const DEFAULT_TYPES = ['A'];
/** Per-particle chunks with their own Frame field (or none), so not copied into `columns`. */
const OWN_FIELDS = new Set([
  'particles/N',
  'particles/types',
  'particles/typeid',
  'particles/position',
  'particles/image',
  'particles/type_shapes',
]);
/** HOOMD schema defaults of the one-column per-particle chunks, used when no frame to inherit from stores them. */
const COLUMN_DEFAULTS: ReadonlyMap<string, number> = new Map([
  ['particles/diameter', 1],
  ['particles/mass', 1],
  ['particles/charge', 0],
  ['particles/body', -1],
]);

/**
 * Opens a HOOMD-blue GSD trajectory (GSD file layer 1.x or 2.x, schema `hoomd`; optionally
 * `.gsd.gz`, decompressed once like the text readers) for lazy random access: opening reads
 * the header, name list and index (GsdFile) and frame 0; readFrame(k) reads only frame k's
 * chunks (and frame 0's for what frame k inherits).
 *
 * Per frame (GSD hoomd schema; a chunk frame k lacks is taken from frame 0 — per-particle
 * chunks only when frame 0 has the same N — else the schema default):
 * - n = particles/N (default 0); ids = 1..n by position: GSD has no particle ids, its rows are
 *   HOOMD tags 0..n-1 in every frame, so id = tag + 1;
 * - positions [n x 3] from particles/position (float32/float64); a frame with n > 0 and no
 *   position chunk (own or inherited) is an error, not the schema's all-zero default;
 * - species from particles/typeid (default 0) through particles/types: names come from frame
 *   0's types (default ['A']); a frame storing its own types is mapped by name;
 * - box from configuration/box [Lx, Ly, Lz, xy, xz, yz] (default [1,1,1,0,0,0]) via
 *   boxFromHoomd (HOOMD tilts are dimensionless, centred cell);
 * - unwrapped = position + image flags (particles/image, default 0) through the cell vectors,
 *   when the file stores particles/image in any frame, else null;
 * - timestep = configuration/step (default 0), or the frame index when no frame stores a step;
 * - columns: every other per-particle chunk with one column, by name without `particles/`
 *   (e.g. `diameter`, `mass`, `charge`, `body`), with the schema default (diameter 1, mass 1,
 *   charge 0, body -1) when neither the frame nor frame 0 stores it.
 * Dimension: options.dimension, else configuration/dimensions of frame 0, else 2 when frame
 * 0's Lz is 0, else 3 (a 2D file's cell is a unit-thick non-periodic slab, see boxFromHoomd).
 *
 * Throws TrajectoryError naming the file (and, for chunk problems, the frame that stores the
 * chunk and its name) for: what GsdFile throws (bad magic, unsupported version, index or data
 * past the end of the file), a schema other than `hoomd`, a file without frames, a chunk of
 * the wrong shape or type, a typeid outside the type list, a frame type name absent from frame
 * 0's types, no positions, a particle count other than frame 0's, a non-finite position, box
 * value or per-particle column value (also after conversion: position plus image flags), a
 * bad or implausible box (implausibleBox) or a dimensions value other than 2 or 3. readFrame throws RangeError for k outside [0, frameCount).
 */
export function openGsd(path: string, options: OpenOptions = {}): Trajectory {
  const file = new GsdFile(path, plainTextPath(path, options.onProgress));
  try {
    if (file.schema !== 'hoomd') {
      throw new TrajectoryError(path, {}, `GSD schema is '${file.schema}', expected 'hoomd' (HOOMD-blue trajectories)`);
    }
    if (file.frameCount === 0) throw new TrajectoryError(path, {}, 'GSD file holds no frames');
    const settings = firstFrameSettings(file, options.dimension);
    const frameCount = file.frameCount;
    // Decode frame 0 once now, so that a broken file fails at open as the text readers do.
    decodeFrame(file, 0, settings);
    return {
      path,
      format: 'gsd',
      speciesNames: settings.speciesNames,
      frameCount,
      readFrame: (k) => {
        if (!Number.isInteger(k) || k < 0 || k >= frameCount) throw new RangeError(`${path}: frame ${k} out of range [0, ${frameCount})`);
        return decodeFrame(file, k, settings);
      },
      close: () => file.close(),
    };
  } catch (e) {
    file.close();
    throw e;
  }
}

/** What frame 0 fixes for the whole trajectory. */
interface GsdSettings {
  readonly n0: number;
  readonly speciesNames: readonly string[];
  /** Dimension of the file's cells (2 -> slab box). */
  readonly fileDimension: 2 | 3;
  /** Frame.dimension (options.dimension or fileDimension). */
  readonly dimension: 2 | 3;
  /** Per-particle chunk names that may become `columns` (one-column ones), in name-list order. */
  readonly columnNames: readonly string[];
}

function firstFrameSettings(file: GsdFile, forced: 2 | 3 | undefined): GsdSettings {
  const chunks = new GsdFrameChunks(file, 0, 0);
  const n0 = chunks.integer('particles/N', 0);
  const typesChunk = file.find(0, 'particles/types');
  const speciesNames = typesChunk ? chunks.strings(typesChunk) : DEFAULT_TYPES;
  if (speciesNames.length === 0 || speciesNames.length > 255) {
    chunks.fail(typesChunk!, `expected 1..255 type names, found ${speciesNames.length}`);
  }
  const dimensionsChunk = file.find(0, 'configuration/dimensions');
  let fileDimension: 2 | 3;
  if (dimensionsChunk) {
    const value = chunks.integer('configuration/dimensions', 3);
    if (value !== 2 && value !== 3) return chunks.fail(dimensionsChunk, `expected 2 or 3, found ${value}`);
    fileDimension = value;
  } else {
    // HOOMD-blue 3+ marks a 2D box by Lz = 0 (gsd.hoomd uses the same rule when dimensions is unset).
    const box = chunks.matrix('configuration/box', 6, 1, FLOATS) ?? DEFAULT_BOX;
    fileDimension = box[2] === 0 ? 2 : 3;
  }
  const columnNames = file.names.filter((name) => name.startsWith('particles/') && !OWN_FIELDS.has(name));
  return { n0, speciesNames, fileDimension, dimension: forced ?? fileDimension, columnNames };
}

function decodeFrame(file: GsdFile, k: number, settings: GsdSettings): Frame {
  const chunks = new GsdFrameChunks(file, k, settings.n0);
  const n = chunks.integer('particles/N', 0);
  if (n !== settings.n0) {
    chunks.fail(
      chunks.locate('particles/N')!,
      `number of particles changes from ${settings.n0} (frame 0) to ${n}; a trajectory must keep the same particles`,
    );
  }
  const box = frameBox(chunks, settings.fileDimension, n);
  const positions = framePositions(chunks, n);
  const images = file.hasName('particles/image') ? (chunks.perParticle('particles/image', n, 3, INTEGER) ?? new Float64Array(3 * n)) : null;
  const unwrapped = images && unwrapWithImages(positions, images, box);
  if (unwrapped) {
    assertFiniteRows(unwrapped, 3, (i, value) =>
      chunks.fail(chunks.locate('particles/image', n)!, `particle ${i}: position plus image flags times the cell is ${value}`),
    );
  }
  const columns = new Map<string, Float64Array>();
  for (const name of settings.columnNames) {
    const values = frameColumn(chunks, name, n);
    if (values) columns.set(name.slice('particles/'.length), values);
  }
  return {
    index: k,
    timestep: file.hasName('configuration/step') ? chunks.integer('configuration/step', 0) : k,
    n,
    dimension: settings.dimension,
    box,
    ids: tagIds(n),
    species: frameSpecies(chunks, n, settings.speciesNames),
    positions,
    unwrapped,
    columns,
  };
}

/** Ids 1..n: GSD rows are HOOMD tags 0..n-1, and Frame ids are 1-based like LAMMPS ids. */
function tagIds(n: number): Int32Array {
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i + 1;
  return ids;
}

function frameBox(chunks: GsdFrameChunks, fileDimension: 2 | 3, n: number): Box {
  const values = chunks.matrix('configuration/box', 6, 1, FLOATS) ?? DEFAULT_BOX;
  let box: Box;
  try {
    box = boxFromHoomd(values, fileDimension);
  } catch (e) {
    return chunks.fail(chunks.locate('configuration/box')!, `invalid box [${Array.from(values).join(', ')}]: ${(e as Error).message}`);
  }
  const implausible = implausibleBox(box, n);
  if (implausible) {
    const where = chunks.locate('configuration/box');
    const what = `implausible box [${Array.from(values).join(', ')}]: ${implausible}`;
    if (where) chunks.fail(where, what);
    throw new TrajectoryError(chunks.file.path, { frame: chunks.k }, `default box [1, 1, 1, 0, 0, 0]: ${what}`);
  }
  return box;
}

function framePositions(chunks: GsdFrameChunks, n: number): Float64Array {
  const positions = chunks.perParticle('particles/position', n, 3, FLOATS);
  if (!positions) {
    if (n === 0) return new Float64Array(0);
    throw new TrajectoryError(
      chunks.file.path,
      { frame: chunks.k },
      `no particles/position chunk in this frame or in frame 0 (with the same N = ${n})`,
    );
  }
  assertFiniteRows(positions, 3, (i, value) =>
    chunks.fail(chunks.locate('particles/position', n)!, `particle ${i} has a non-finite coordinate ${value}`),
  );
  return positions;
}

/** Species index per particle, mapping frame k's type names (when it stores its own) onto frame 0's. */
function frameSpecies(chunks: GsdFrameChunks, n: number, speciesNames: readonly string[]): Uint8Array {
  const typeids = chunks.perParticle('particles/typeid', n, 1, INTEGER);
  const species = new Uint8Array(n);
  if (!typeids) return species;
  const ownNames = chunks.ownStrings('particles/types');
  const names = ownNames ?? speciesNames;
  const toSpecies = names.map((name) => speciesNames.indexOf(name));
  const source = chunks.locate('particles/typeid', n)!;
  for (let i = 0; i < n; i++) {
    const t = typeids[i];
    if (t < 0 || t >= names.length) {
      chunks.fail(source, `particle ${i} has typeid ${t}, expected 0..${names.length - 1} (the ${names.length} names of particles/types)`);
    }
    if (toSpecies[t] < 0) {
      chunks.fail(
        chunks.locate('particles/types')!,
        `type '${names[t]}' (typeid ${t}, particle ${i}) is not one of frame 0's types (${speciesNames.join(', ')}); species are fixed by frame 0`,
      );
    }
    species[i] = toSpecies[t];
  }
  return species;
}

/** A one-column per-particle chunk (own, inherited or schema default), or null when it is not one. */
function frameColumn(chunks: GsdFrameChunks, name: string, n: number): Float64Array | null {
  const chunk = chunks.locate(name, n);
  if (chunk) {
    if (chunk.columns !== 1) return null;
    const values = chunks.perParticle(name, n, 1, NUMBER)!;
    assertFiniteRows(values, 1, (i, value) => chunks.fail(chunk, `particle ${i} has the non-finite value ${value}`));
    return values;
  }
  const fallback = COLUMN_DEFAULTS.get(name);
  return fallback === undefined ? null : new Float64Array(n).fill(fallback);
}
