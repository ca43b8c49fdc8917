import { TrajectoryError } from './frame';
import { parseNumber } from './parseNumber';

/** How a whitespace-separated column of an atom table is decoded. */
export interface TableColumn {
  /** Header name, used in error messages. */
  readonly name: string;
  /** `number`: finite decimal; `label`: short string interned per table; `skip`: ignored. */
  readonly kind: 'number' | 'label' | 'skip';
}

/** Result of {@link parseAtomTable}, in file row order. */
export interface AtomTable {
  /**
   * Per table column: Float64Array [n] of values (for a label column, the index of the row's
   * label in `labels[j]`), or null for skipped columns.
   */
  readonly values: (Float64Array | null)[];
  /** Per table column: distinct labels in order of first appearance (label columns only). */
  readonly labels: (string[] | null)[];
  /** Byte position just after the table's last line. */
  readonly end: number;
}

/** Where a table sits, for error messages. */
export interface TablePlace {
  readonly file: string;
  readonly frame: number;
  /** File line number of the table's first row. */
  readonly firstLine: number;
}

const KIND_CODE = { number: 0, label: 1, skip: 2 } as const;
/** Tables of more values than this (512 kB of columns) are checked against the bytes first. */
const PRECHECKED_VALUES = 1 << 16;

/**
 * Decodes `n` lines of whitespace-separated columns starting at byte `pos` of `buf`
 * (LAMMPS `ITEM: ATOMS` rows, XYZ atom lines). Tokens are parsed straight from the bytes,
 * one pass, no per-value strings. `allowExtra` lets lines carry more tokens than `columns`
 * (plain XYZ), which are ignored.
 *
 * Throws TrajectoryError naming file, frame and line when the bytes after `pos` are too few for
 * n lines of the columns (checked before allocating a large table), a line has too few (or, unless
 * `allowExtra`, too many) values, or a number column holds a non-numeric or non-finite token.
 */
export function parseAtomTable(
  buf: Uint8Array,
  pos: number,
  n: number,
  columns: readonly TableColumn[],
  allowExtra: boolean,
  place: TablePlace,
): AtomTable {
  const nCols = columns.length;
  const len = buf.length;
  const fail = (row: number, what: string): never => {
    throw new TrajectoryError(place.file, { frame: place.frame, line: place.firstLine + row }, what);
  };
  const expected = `${nCols} values (${columns.map((c) => c.name).join(' ')})`;
  // Every line holds nCols tokens of >= 1 byte, each followed by a blank or the newline: a
  // count the bytes cannot hold is rejected before large columns are allocated (small tables
  // get the precise per-line message below).
  const needed = 2 * n * nCols;
  if (n * nCols > PRECHECKED_VALUES && needed > len - pos) {
    throw new TrajectoryError(
      place.file,
      { frame: place.frame, line: place.firstLine },
      `${n} atom lines of ${expected} need at least ${needed} bytes, but the frame holds ${len - pos} after its header (wrong atom count or columns?)`,
    );
  }
  const kinds = Uint8Array.from(columns, (c) => KIND_CODE[c.kind]);
  const values = columns.map((c) => (c.kind === 'skip' ? null : new Float64Array(n)));
  const labelBytes = columns.map((c) => (c.kind === 'label' ? ([] as Uint8Array[]) : null));
  for (let row = 0; row < n; row++) {
    let j = 0;
    for (;;) {
      let c = buf[pos];
      while (pos < len && (c === 32 || c === 9 || c === 13)) c = buf[++pos];
      if (pos >= len || c === 10) break;
      const start = pos;
      while (pos < len && c !== 32 && c !== 9 && c !== 10 && c !== 13) c = buf[++pos];
      if (j < nCols) {
        const kind = kinds[j];
        if (kind === 0) {
          const v = parseNumber(buf, start, pos);
          if (!Number.isFinite(v)) fail(row, badNumber(columns[j].name, buf, start, pos));
          values[j]![row] = v;
        } else if (kind === 1) {
          values[j]![row] = intern(labelBytes[j]!, buf, start, pos);
        }
      } else if (!allowExtra) {
        fail(row, `expected ${expected}, found more`);
      }
      j++;
    }
    if (j < nCols) fail(row, `expected ${expected}, found ${j}`);
    pos++; // the newline
  }
  const labels = labelBytes.map((list) => (list ? list.map((b) => Buffer.from(b).toString('latin1')) : null));
  return { values, labels, end: Math.min(pos, len) };
}

/** Index of label `buf[start..end)` in `known`, appending a copy when it is new. */
function intern(known: Uint8Array[], buf: Uint8Array, start: number, end: number): number {
  const length = end - start;
  search: for (let k = 0; k < known.length; k++) {
    const label = known[k];
    if (label.length !== length) continue;
    for (let i = 0; i < length; i++) if (label[i] !== buf[start + i]) continue search;
    return k;
  }
  known.push(buf.slice(start, end));
  return known.length - 1;
}

function badNumber(column: string, buf: Uint8Array, start: number, end: number): string {
  const token = Buffer.from(buf.subarray(start, Math.min(end, start + 40))).toString('latin1');
  const nonFinite = /^[+-]?(nan|inf(inity)?)$/i.test(token) || /^[+-]?[\d.]+e[+-]?\d+$/i.test(token);
  return nonFinite
    ? `column '${column}': expected a finite number, found '${token}'`
    : `column '${column}': expected a number, found '${token}'`;
}
