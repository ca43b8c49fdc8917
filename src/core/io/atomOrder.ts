import type { TablePlace } from './atomTable';
import { TrajectoryError } from './frame';

/** Atom ids sorted ascending, and where each file row goes in that order. */
export interface IdOrder {
  /** Int32Array [n], sorted strictly ascending. */
  readonly ids: Int32Array;
  /** rank[row] = sorted slot of file row `row`; null when the file is already sorted by id. */
  readonly rank: Int32Array | null;
}

/**
 * Sorts a frame's atoms by id (LAMMPS dumps list atoms in processor/memory order, not by id).
 * `ids` is Float64Array [n] in file row order.
 * Throws TrajectoryError naming the line for a non-integer id or one outside the 32-bit range,
 * and naming both lines for a duplicate id.
 */
export function orderById(ids: Float64Array, place: TablePlace): IdOrder {
  const n = ids.length;
  const fileOrder = new Int32Array(n);
  let sorted = true;
  for (let row = 0; row < n; row++) {
    const id = ids[row];
    if (!Number.isInteger(id) || id < -2147483648 || id > 2147483647) {
      throw new TrajectoryError(
        place.file,
        { frame: place.frame, line: place.firstLine + row },
        `atom id must be a 32-bit integer, found ${id}`,
      );
    }
    fileOrder[row] = id;
    if (row > 0 && id <= fileOrder[row - 1]) sorted = false;
  }
  if (sorted) return { ids: fileOrder, rank: null };
  const sortedIds = fileOrder.slice().sort();
  for (let i = 1; i < n; i++) {
    if (sortedIds[i] === sortedIds[i - 1]) throw duplicate(fileOrder, sortedIds[i], place);
  }
  const rank = new Int32Array(n);
  for (let row = 0; row < n; row++) {
    // Binary search: ids are unique, so the lower bound is the slot.
    let lo = 0;
    let hi = n - 1;
    const id = fileOrder[row];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sortedIds[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    rank[row] = lo;
  }
  return { ids: sortedIds, rank };
}

function duplicate(fileOrder: Int32Array, id: number, place: TablePlace): TrajectoryError {
  const first = fileOrder.indexOf(id);
  const second = fileOrder.indexOf(id, first + 1);
  return new TrajectoryError(
    place.file,
    { frame: place.frame, line: place.firstLine + second },
    `duplicate atom id ${id} (also on line ${place.firstLine + first}); ids must be unique`,
  );
}

/**
 * Interleaves k per-atom columns (each Float64Array [n], file row order) into a row-major
 * Float64Array [n x k] in id order, e.g. x, y, z -> positions [n x 3]. Throws nothing.
 */
export function gatherRows(columns: readonly Float64Array[], rank: Int32Array | null): Float64Array {
  const k = columns.length;
  const n = columns[0].length;
  const out = new Float64Array(n * k);
  for (let j = 0; j < k; j++) {
    const column = columns[j];
    if (rank) for (let row = 0; row < n; row++) out[rank[row] * k + j] = column[row];
    else for (let row = 0; row < n; row++) out[row * k + j] = column[row];
  }
  return out;
}

/**
 * Species index per atom, Uint8Array [n] in id order, from per-row codes (LAMMPS type, or a
 * label's index in the table): `speciesOf[code]` is the species index, or -1 when that code is
 * not allowed. Throws TrajectoryError naming the line of the first row whose code is not an
 * integer in range or maps to -1, with the message `describe(code)`.
 */
export function speciesFromCodes(
  codes: Float64Array,
  rank: Int32Array | null,
  speciesOf: Int16Array,
  describe: (code: number) => string,
  place: TablePlace,
): Uint8Array {
  const n = codes.length;
  const species = new Uint8Array(n);
  for (let row = 0; row < n; row++) {
    const code = codes[row];
    const s = Number.isInteger(code) && code >= 0 && code < speciesOf.length ? speciesOf[code] : -1;
    if (s < 0) throw new TrajectoryError(place.file, { frame: place.frame, line: place.firstLine + row }, describe(code));
    species[rank ? rank[row] : row] = s;
  }
  return species;
}
