import type { Box } from '../geometry/box';
import { TrajectoryError } from './frame';
import { boxFromBounds, type BoxBoundsRows } from './lammpsBoxBounds';
import { LineCursor } from './lineCursor';
import { parseDecimalText } from './parseNumber';

/** The `ITEM:` header of one LAMMPS dump frame. */
export interface DumpHeader {
  /** `ITEM: TIMESTEP` value, or null when the frame has none. */
  readonly timestep: number | null;
  /** `ITEM: NUMBER OF ATOMS`. */
  readonly n: number;
  readonly box: Box;
  /** File line number of `ITEM: BOX BOUNDS`. */
  readonly boxLine: number;
  /** Column names after `ITEM: ATOMS`, in file order. */
  readonly columns: readonly string[];
  /** Byte position and file line number of the first atom line. */
  readonly atomsPos: number;
  readonly atomsLine: number;
}

/**
 * Parses the header of the frame whose bytes are `bytes` and whose first line is line
 * `firstLine` of `file` (LAMMPS `dump` doc, text format): TIMESTEP, optional TIME and UNITS,
 * NUMBER OF ATOMS, BOX BOUNDS (orthogonal `pp pp pp` or triclinic `xy xz yz pp pp pp`; a flag
 * line without flags, as written by very old LAMMPS, means periodic) and ATOMS.
 *
 * Throws TrajectoryError naming file, frame and line for an unknown ITEM, a non-integer
 * timestep or count, a garbled BOX BOUNDS line (wrong flags, wrong number of values, a
 * non-positive edge, the unsupported general-triclinic `abc origin` form), an `ITEM: ATOMS`
 * without or with repeated column names, or a missing NUMBER OF ATOMS / BOX BOUNDS / ATOMS.
 */
export function parseDumpHeader(bytes: Uint8Array, firstLine: number, file: string, frame: number): DumpHeader {
  const cursor = new LineCursor(bytes, firstLine);
  const fail = (what: string): never => {
    throw new TrajectoryError(file, { frame, line: cursor.line }, what);
  };
  const valueLine = (item: string): string => {
    if (!cursor.next()) fail(`expected a value line after 'ITEM: ${item}'`);
    return cursor.text();
  };
  const integer = (item: string): number => {
    const text = valueLine(item);
    // Beyond 2^53 an integer is no longer exact (and 400 digits overflow to Infinity).
    if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
      fail(`expected an integer of at most 2^53 after 'ITEM: ${item}', found '${text.slice(0, 60)}'`);
    }
    return Number(text);
  };
  let timestep: number | null = null;
  let n = -1;
  let box: Box | null = null;
  let boxLine = 0;
  while (cursor.next()) {
    const text = cursor.text();
    if (text === '') continue;
    if (!text.startsWith('ITEM:')) fail(`expected an 'ITEM:' line in the frame header, found '${text.slice(0, 60)}'`);
    const item = text.slice(5).trim();
    if (item === 'TIMESTEP') {
      timestep = integer(item);
    } else if (item === 'NUMBER OF ATOMS') {
      n = integer(item);
    } else if (item === 'TIME' || item === 'UNITS') {
      valueLine(item);
    } else if (item.startsWith('BOX BOUNDS')) {
      boxLine = cursor.line;
      box = parseBoxBounds(item.slice(10).trim().split(/\s+/).filter(Boolean), cursor, fail);
    } else if (item.startsWith('ATOMS')) {
      if (n < 0) fail("expected 'ITEM: NUMBER OF ATOMS' before 'ITEM: ATOMS'");
      if (box === null) fail("expected 'ITEM: BOX BOUNDS' before 'ITEM: ATOMS'");
      const columns = item.slice(5).trim().split(/\s+/).filter(Boolean);
      if (columns.length === 0) fail("expected column names after 'ITEM: ATOMS' (e.g. 'id type x y z')");
      const repeated = columns.find((c, i) => columns.indexOf(c) !== i);
      if (repeated !== undefined) fail(`column '${repeated}' appears twice in 'ITEM: ATOMS'`);
      return { timestep, n, box: box!, boxLine, columns, atomsPos: cursor.pos, atomsLine: cursor.line + 1 };
    } else {
      fail(`unknown header item 'ITEM: ${item}' (expected TIMESTEP, NUMBER OF ATOMS, BOX BOUNDS or ATOMS)`);
    }
  }
  return fail("frame header ends without 'ITEM: ATOMS'");
}

const FLAG = /^(pp|[fsm]{2})$/;

/** Reads the 3 value lines of `ITEM: BOX BOUNDS <words>`; `words` are the tokens after it. */
function parseBoxBounds(words: string[], cursor: LineCursor, fail: (what: string) => never): Box {
  const expectedForm = "expected 'ITEM: BOX BOUNDS pp pp pp' or 'ITEM: BOX BOUNDS xy xz yz pp pp pp' (flags pp, ff, ss, fm, ...)";
  if (words[0] === 'abc') fail(`general triclinic 'BOX BOUNDS ${words.join(' ')}' is not supported; ${expectedForm}`);
  const triclinic = words[0] === 'xy';
  if (triclinic && (words[1] !== 'xz' || words[2] !== 'yz')) fail(`garbled 'BOX BOUNDS ${words.join(' ')}': ${expectedForm}`);
  const flags = triclinic ? words.slice(3) : words;
  const periodic: [boolean, boolean, boolean] = [true, true, true];
  if (flags.length > 0) {
    if (flags.length !== 3 || !flags.every((f) => FLAG.test(f))) fail(`garbled 'BOX BOUNDS ${words.join(' ')}': ${expectedForm}`);
    for (let axis = 0; axis < 3; axis++) periodic[axis] = flags[axis] === 'pp';
  }
  const width = triclinic ? 3 : 2;
  const row = (axis: number): number[] => {
    if (!cursor.next()) fail(`expected 3 lines of box bounds after 'ITEM: BOX BOUNDS', found ${axis}`);
    const text = cursor.text();
    const values = text.split(/\s+/).map(parseDecimalText);
    if (values.length !== width || !values.every(Number.isFinite)) {
      const what = triclinic ? 'lo_bound hi_bound tilt' : 'lo hi';
      fail(`expected ${width} finite numbers (${what}) for axis ${'xyz'[axis]} of the box bounds, found '${text}'`);
    }
    return values;
  };
  const rows: BoxBoundsRows = [row(0), row(1), row(2)];
  try {
    return boxFromBounds(rows, periodic);
  } catch (e) {
    return fail(`invalid box bounds: ${(e as Error).message}`);
  }
}
