import fc from 'fast-check';
import type { Expectation } from './outcome';

/** One mutated input: how it was made (for the report and the kept fixture) and what it may mean. */
export interface Mutant {
  readonly label: string;
  readonly expect: Expectation;
  readonly bytes: Buffer;
}

/** A mutation of a seed's bytes, drawn by fast-check; `pick` values are reduced modulo what is available. */
export type Mutation = (seed: Buffer) => Mutant;

/** Tokens that replace numbers: huge, tiny, non-finite, malformed, integer-range edges and garbage. */
const TOKENS = [
  '1e308',
  '-1e308',
  '1e999',
  '1e-320',
  '5e-324',
  '1e-300',
  '0',
  '-0',
  '1e15',
  '2147483648',
  '-2147483649',
  '4294967297',
  '9007199254740993',
  '1e300',
  'NaN',
  'nan',
  'inf',
  '-Infinity',
  '0x10',
  '1_0',
  '',
  '--1',
  '1e',
  '.',
  '+',
  'e5',
  '1.2.3',
  '9'.repeat(400),
  '\u0000',
  'ITEM:',
  '\u00e9',
];
/** Values for counts (atoms, frames, columns) in headers. */
const COUNTS = ['0', '1', '-1', '2', '31', '33', '1000000000', '1000000000000', '99999999999999999999', '1e3', '3.5', 'x', ''];
/** Box-bound lines (LAMMPS rows) and Lattice values. */
const BOUNDS = [
  '0 1e-300',
  '0 0',
  '5 -5',
  '0 1e300',
  'nan nan',
  '0 1e60',
  '1e9 1000000000.0001',
  '-1e308 1e308',
  '0',
  '0 1 2 3',
  '0 3 1e300',
];
const LATTICES = [
  '1e-300 0 0 0 1e-300 0 0 0 1e-300',
  '0 0 0 0 0 0 0 0 0',
  '4 0 0 0 4 0 0 0 0',
  '1e300 0 0 0 1e300 0 0 0 1e300',
  '4 1 0 0 4 0 0 0 4',
  'nan 0 0 0 4 0 0 0 4',
  '4 0 0 0 4 0 0 0',
];
const PROPERTY_EDITS = [
  (p: string) => p.replace(/:R:3/, ':R:1000000000'),
  (p: string) => p.replace(/:R:1/, ':R:999999999999'),
  (p: string) => `${p}:id:I:1`,
  (p: string) => p.replace('species:S:1', 'species:S:1:species:S:1'),
  (p: string) => p.replace('pos:R:3', 'pos:R:2'),
  (p: string) => p.replace(/id:I:1:?/, ''),
  (p: string) => `${p}:`,
  (p: string) => p.replace(/:I:/, ':Q:'),
];

const at = <T>(list: readonly T[], pick: number): T => list[pick % list.length];

function lines(seed: Buffer): string[] {
  return seed.toString('latin1').split('\n');
}
const join = (parts: string[]) => Buffer.from(parts.join('\n'), 'latin1');

/** Byte positions of one class in the text, for cuts. */
function cutPositions(text: Buffer, where: 'anywhere' | 'in-number' | 'before-newline' | 'after-newline'): number[] {
  const out: number[] = [];
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (where === 'anywhere') out.push(i);
    else if (where === 'in-number' && c >= 48 && c <= 57 && text[i - 1] >= 46 && text[i - 1] <= 57) out.push(i);
    else if (where === 'before-newline' && c === 10) out.push(i);
    else if (where === 'after-newline' && text[i - 1] === 10) out.push(i);
  }
  return out.length > 0 ? out : [text.length];
}

/** Numeric tokens of the text as [start, end) byte ranges. */
function numberTokens(text: string): [number, number][] {
  return [...text.matchAll(/[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/g)].map((m) => [m.index, m.index + m[0].length]);
}

/** One byte set to any value, the mutation every format gets. */
function byteFlip(pick: fc.Arbitrary<number>): fc.Arbitrary<Mutation> {
  return fc.tuple(pick, fc.integer({ min: 0, max: 255 })).map(
    ([p, byte]): Mutation =>
      (seed) => {
        const bytes = Buffer.from(seed);
        bytes[p % bytes.length] = byte;
        return { label: `flip byte ${p % bytes.length} to ${byte}`, expect: 'any', bytes };
      },
  );
}

/** Mutations of a text trajectory (LAMMPS dump or XYZ), as fast-check arbitraries. */
export function textMutation(): fc.Arbitrary<Mutation> {
  const pick = fc.nat();
  return fc.oneof(
    byteFlip(pick),
    fc.tuple(fc.constantFrom('anywhere', 'in-number', 'before-newline', 'after-newline') as fc.Arbitrary<'anywhere'>, pick).map(
      ([where, p]): Mutation =>
        (seed) => {
          const cut = at(cutPositions(seed, where), p);
          return { label: `cut at ${cut} (${where})`, expect: 'prefix', bytes: seed.subarray(0, cut) };
        },
    ),
    fc.tuple(fc.boolean(), pick).map(
      ([duplicate, p]): Mutation =>
        (seed) => {
          const parts = lines(seed);
          const i = p % parts.length;
          parts.splice(i, duplicate ? 0 : 1, ...(duplicate ? [parts[i]] : []));
          return { label: `${duplicate ? 'duplicate' : 'delete'} line ${i + 1}`, expect: 'any', bytes: join(parts) };
        },
    ),
    fc.tuple(pick, pick).map(
      ([p, t]): Mutation =>
        (seed) => {
          const text = seed.toString('latin1');
          const tokens = numberTokens(text);
          if (tokens.length === 0) return { label: 'no number', expect: 'same', bytes: seed };
          const [start, end] = at(tokens, p);
          const token = at(TOKENS, t);
          return {
            label: `number at ${start} -> '${token.slice(0, 20)}'`,
            expect: 'any',
            bytes: Buffer.from(text.slice(0, start) + token + text.slice(end), 'latin1'),
          };
        },
    ),
    fc.tuple(pick, pick, pick).map(
      ([p, v, e]): Mutation =>
        (seed) =>
          headerMutation(seed, p, v, e),
    ),
    fc.tuple(fc.constantFrom('tabs', 'spaces', 'crlf', 'trailing', 'blank-line'), pick).map(
      ([how, p]): Mutation =>
        (seed) =>
          whitespace(seed, how, p),
    ),
  );
}

/** Counts, box bounds, Lattice, Properties and ATOMS columns changed in the header of one frame. */
function headerMutation(seed: Buffer, p: number, v: number, e: number): Mutant {
  const parts = lines(seed);
  const targets: [number, string][] = [];
  parts.forEach((line, i) => {
    if (/^\d+\s*$/.test(line)) targets.push([i, 'count']);
    if (parts[i - 1]?.startsWith('ITEM: NUMBER OF ATOMS')) targets.push([i, 'count']);
    if (
      parts[i - 1]?.startsWith('ITEM: BOX BOUNDS') ||
      parts[i - 2]?.startsWith('ITEM: BOX BOUNDS') ||
      parts[i - 3]?.startsWith('ITEM: BOX BOUNDS')
    ) {
      targets.push([i, 'bounds']);
    }
    if (line.startsWith('ITEM: ATOMS')) targets.push([i, 'columns']);
    if (line.includes('Lattice=')) targets.push([i, 'lattice']);
    if (line.includes('Properties=')) targets.push([i, 'properties']);
  });
  if (targets.length === 0) return { label: 'no header field', expect: 'same', bytes: seed };
  const [i, kind] = at(targets, p);
  const line = parts[i];
  if (kind === 'count') parts[i] = at(COUNTS, v);
  else if (kind === 'bounds') parts[i] = at(BOUNDS, v);
  else if (kind === 'lattice') parts[i] = line.replace(/Lattice="[^"]*"/, `Lattice="${at(LATTICES, v)}"`);
  else if (kind === 'properties')
    parts[i] = line.replace(/Properties=(\S+)/, (_m, props: string) => `Properties=${at(PROPERTY_EDITS, v)(props)}`);
  else {
    const columns = line.slice('ITEM: ATOMS'.length).trim().split(/\s+/);
    const j = e % columns.length;
    const edits = [
      () => columns.splice(j, 1),
      () => columns.splice(j, 0, columns[j]),
      () => columns.splice(j, 1, at(['xs', 'xu', 'ix', 'element', 'id', 'type', 'q'], v)),
      () => columns.reverse(),
    ];
    at(edits, v)();
    parts[i] = `ITEM: ATOMS ${columns.join(' ')}`;
  }
  return { label: `${kind} on line ${i + 1} -> '${parts[i].slice(0, 60)}'`, expect: 'any', bytes: join(parts) };
}

/** Meaning-preserving edits: blanks between values, line endings, blank lines between frames. */
function whitespace(seed: Buffer, how: string, p: number): Mutant {
  const parts = lines(seed);
  const data = (line: string) => !line.startsWith('ITEM:') && !line.includes('=') && line.includes(' ');
  let edited: string[];
  if (how === 'tabs') edited = parts.map((line) => (data(line) ? line.replace(/ /g, '\t') : line));
  else if (how === 'spaces') edited = parts.map((line) => (data(line) ? `  ${line.replace(/ /g, '   ')}` : line));
  else if (how === 'crlf') edited = parts.map((line, i) => (i < parts.length - 1 ? `${line}\r` : line));
  else if (how === 'trailing') edited = parts.map((line, i) => (i < parts.length - 1 ? `${line} \t` : line));
  else {
    const starts = parts.flatMap((line, i) => (i > 0 && (line.startsWith('ITEM: TIMESTEP') || /^\d+$/.test(line)) ? [i] : []));
    edited = [...parts];
    if (starts.length > 0) edited.splice(at(starts, p), 0, '');
  }
  return { label: `whitespace: ${how}`, expect: 'same', bytes: join(edited) };
}

/** The GSD file layer's layout, read from a seed (doc/file-layer.rst). */
function gsdLayout(seed: Buffer): { entries: number[]; namesAt: number; namesBytes: number } {
  const index = Number(seed.readBigUInt64LE(8));
  const entries: number[] = [];
  for (let e = index; e + 32 <= seed.length && seed.readBigInt64LE(e + 16) !== 0n; e += 32) entries.push(e);
  return { entries, namesAt: Number(seed.readBigUInt64LE(24)), namesBytes: Number(seed.readBigUInt64LE(32)) * 64 };
}

const U64 = [0n, 1n, 2n, 255n, 256n, 4095n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n, 2n ** 63n, 2n ** 64n - 1n, 10n ** 12n];
const ENTRY_FIELDS = [
  { name: 'frame', offset: 0, size: 8 },
  { name: 'N', offset: 8, size: 8 },
  { name: 'location', offset: 16, size: 8 },
  { name: 'M', offset: 24, size: 4 },
  { name: 'id', offset: 28, size: 2 },
  { name: 'type', offset: 30, size: 1 },
  { name: 'flags', offset: 31, size: 1 },
] as const;
const HEADER_FIELDS = [
  { name: 'index location', offset: 8, size: 8 },
  { name: 'index size', offset: 16, size: 8 },
  { name: 'name list location', offset: 24, size: 8 },
  { name: 'name list size', offset: 32, size: 8 },
  { name: 'version', offset: 44, size: 4 },
] as const;
const FLOATS = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 3.4e38, -3.4e38, 1e-45, 1e300, -0];

function writeField(bytes: Buffer, at: number, size: number, value: bigint): void {
  const masked = value & ((1n << BigInt(8 * size)) - 1n);
  if (size === 8) bytes.writeBigUInt64LE(masked, at);
  else if (size === 4) bytes.writeUInt32LE(Number(masked), at);
  else if (size === 2) bytes.writeUInt16LE(Number(masked), at);
  else bytes.writeUInt8(Number(masked), at);
}

/** Mutations of a GSD file: bytes, cuts, index entries, header fields, chunk data, name list. */
export function gsdMutation(): fc.Arbitrary<Mutation> {
  const pick = fc.nat();
  return fc.oneof(
    byteFlip(pick),
    pick.map(
      (p): Mutation =>
        (seed) => ({ label: `cut at ${p % seed.length}`, expect: 'prefix', bytes: seed.subarray(0, p % seed.length) }),
    ),
    fc.tuple(pick, pick, pick, fc.integer({ min: -2, max: 2 })).map(
      ([e, f, v, delta]): Mutation =>
        (seed) => {
          const bytes = Buffer.from(seed);
          const { entries } = gsdLayout(seed);
          const entry = at(entries, e);
          const field = at(ENTRY_FIELDS, f);
          const current =
            field.size === 8 ? bytes.readBigUInt64LE(entry + field.offset) : BigInt(bytes.readUIntLE(entry + field.offset, field.size));
          const value = v % 3 === 0 ? current + BigInt(delta) : at(U64, v);
          writeField(bytes, entry + field.offset, field.size, value);
          return { label: `index entry at ${entry}: ${field.name} = ${value}`, expect: 'any', bytes };
        },
    ),
    fc.tuple(pick, pick).map(
      ([f, v]): Mutation =>
        (seed) => {
          const bytes = Buffer.from(seed);
          const field = at(HEADER_FIELDS, f);
          writeField(bytes, field.offset, field.size, at(U64, v));
          return { label: `header ${field.name} = ${at(U64, v)}`, expect: 'any', bytes };
        },
    ),
    fc.tuple(pick, pick, pick).map(
      ([e, i, v]): Mutation =>
        (seed) => {
          const bytes = Buffer.from(seed);
          const entry = at(gsdLayout(seed).entries, e);
          const rows = Number(bytes.readBigUInt64LE(entry + 8));
          const columns = bytes.readUInt32LE(entry + 24);
          const type = bytes.readUInt8(entry + 30);
          const size = [0, 1, 2, 4, 8, 1, 2, 4, 8, 4, 8, 1][type] ?? 1;
          const location = Number(bytes.readBigUInt64LE(entry + 16));
          const element = i % Math.max(1, rows * columns);
          const where = location + element * size;
          if (where + size > bytes.length) return { label: 'chunk outside', expect: 'same', bytes: seed };
          const value = at(FLOATS, v);
          if (type === 9) bytes.writeFloatLE(value, where);
          else if (type === 10) bytes.writeDoubleLE(value, where);
          else bytes.fill(v & 0xff, where, where + size);
          return { label: `chunk data at ${where} (type ${type}) -> ${type >= 9 ? value : v & 0xff}`, expect: 'any', bytes };
        },
    ),
    fc.tuple(pick, fc.integer({ min: 0, max: 255 })).map(
      ([p, byte]): Mutation =>
        (seed) => {
          const bytes = Buffer.from(seed);
          const { namesAt, namesBytes } = gsdLayout(seed);
          const where = namesAt + (p % Math.max(1, namesBytes));
          if (where < bytes.length) bytes[where] = byte;
          return { label: `name list byte ${where} = ${byte}`, expect: 'any', bytes };
        },
    ),
  );
}

/** Mutations of a `.gz`: text mutations of the plain data (gzipped after), or of the compressed bytes. */
export function gzipMutation(gzip: (plain: Buffer) => Buffer): fc.Arbitrary<Mutation> {
  const pick = fc.nat();
  return fc.oneof(
    {
      weight: 3,
      arbitrary: textMutation().map(
        (m): Mutation =>
          (seed) => {
            const mutant = m(seed);
            return { ...mutant, label: `plain ${mutant.label}`, bytes: gzip(mutant.bytes) };
          },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(pick, fc.integer({ min: 0, max: 255 })).map(
        ([p, byte]): Mutation =>
          (seed) => {
            const bytes = gzip(seed);
            bytes[p % bytes.length] = byte;
            return { label: `compressed byte ${p % bytes.length} = ${byte}`, expect: 'any', bytes };
          },
      ),
    },
    {
      weight: 1,
      arbitrary: pick.map(
        (p): Mutation =>
          (seed) => {
            const bytes = gzip(seed);
            return { label: `compressed cut at ${p % bytes.length}`, expect: 'prefix', bytes: bytes.subarray(0, p % bytes.length) };
          },
      ),
    },
  );
}
