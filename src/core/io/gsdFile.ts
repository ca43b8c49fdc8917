import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { TrajectoryError } from './frame';

/**
 * Read-only access to the GSD file layer (glotzerlab/gsd, doc/file-layer.rst, versions 1.0 and
 * 2.0): a 256-byte header, an index block of 32-byte entries (one per data chunk, ordered by
 * frame), a name list, and raw data chunks. Only the header, the name list and the index are
 * read when the file is opened; chunk data is read on demand, so a file of many GB costs one
 * index's worth of memory. Files are little-endian (every platform GSD is written on).
 */

/** One data chunk: an N x M row-major matrix of `type` at byte `location`. */
export interface GsdChunk {
  readonly name: string;
  readonly frame: number;
  /** Rows N and columns M (M is the fast index). */
  readonly rows: number;
  readonly columns: number;
  readonly type: GsdType;
  readonly location: number;
}

/** Element type of a chunk (GSD_TYPE_* of gsd.h; 'char' is GSD_TYPE_CHARACTER, gsd >= 3). */
export type GsdType = 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'int8' | 'int16' | 'int32' | 'int64' | 'float32' | 'float64' | 'char';

type ElementArray = new (buffer: ArrayBuffer) => ArrayLike<number | bigint>;

/** GSD type code (index) -> type name, element size in bytes and typed-array view; code 0 is invalid. */
const TYPES: readonly (readonly [GsdType, number, ElementArray] | null)[] = [
  null,
  ['uint8', 1, Uint8Array],
  ['uint16', 2, Uint16Array],
  ['uint32', 4, Uint32Array],
  ['uint64', 8, BigUint64Array],
  ['int8', 1, Int8Array],
  ['int16', 2, Int16Array],
  ['int32', 4, Int32Array],
  ['int64', 8, BigInt64Array],
  ['float32', 4, Float32Array],
  ['float64', 8, Float64Array],
  ['char', 1, Uint8Array],
];

const MAGIC = 0x65df65df65df65dfn;
const HEADER_BYTES = 256;

/** Whether `head` (a file's first bytes) starts with the GSD magic number (what GsdFile checks first). */
export function startsWithGsdMagic(head: Buffer): boolean {
  return head.length >= 8 && head.readBigUInt64LE(0) === MAGIC;
}
const ENTRY_BYTES = 32;
/** Name-list blocks are allocated in 64-byte segments in both versions. */
const NAME_SEGMENT_BYTES = 64;
/** Index entries read per system call while scanning for the end of the index. */
const ENTRIES_PER_READ = 1 << 15;

/** Size and typed-array view of `type`. */
function typeInfo(type: GsdType): readonly [GsdType, number, ElementArray] {
  return TYPES.find((t) => t?.[0] === type)!;
}

/**
 * An open GSD file. `find(frame, name)` locates a chunk through the in-memory index (binary
 * search on the frame, then a scan of that frame's entries); `readNumbers` reads one chunk.
 */
export class GsdFile {
  /** File-layer version as [major, minor] (1.0 or 2.0 in practice). */
  readonly version: readonly [number, number];
  /** Header strings: the writer (e.g. 'gsd.hoomd 2.7.0') and the schema (e.g. 'hoomd'). */
  readonly application: string;
  readonly schema: string;
  /** Chunk names in name-list order (index = entry id). */
  readonly names: readonly string[];
  /** Frames in the file: the last index entry's frame + 1 (0 for an empty file). */
  readonly frameCount: number;

  private fd: number | null;
  private readonly nameIds: Map<string, number>;
  /** Index entries as parallel arrays, in file order (sorted by frame). */
  private readonly entryFrame: Float64Array;
  private readonly entryRows: Float64Array;
  private readonly entryLocation: Float64Array;
  private readonly entryColumns: Uint32Array;
  private readonly entryId: Uint16Array;
  private readonly entryType: Uint8Array;

  /**
   * Opens `dataPath` (default `path`; e.g. the decompressed copy of a `.gsd.gz`) and reads its
   * header, name list and index; errors name `path`.
   *
   * Throws TrajectoryError naming the file for: a file shorter than the 256-byte header, a bad
   * magic number, a file-layer version outside 1.0..2.x, an index or name-list block that
   * extends past the end of the file, and an index entry with an unknown type, no columns, a
   * name id outside the name list, non-zero flags, a frame lower than the previous entry's, or
   * data past the end of the file (a truncated file; the message names the frame and chunk).
   * Throws Node's error when the file cannot be opened.
   */
  constructor(
    readonly path: string,
    dataPath: string = path,
  ) {
    this.fd = openSync(dataPath, 'r');
    try {
      const size = fstatSync(this.fd).size;
      const header = this.headerBlock(size);
      this.version = [header.version >>> 16, header.version & 0xffff];
      this.application = header.application;
      this.schema = header.schema;
      const namesBytes = this.block(header.namelistLocation, header.namelistSegments * NAME_SEGMENT_BYTES, size, 'name list');
      this.names = this.version[0] === 1 ? namesV1(namesBytes) : namesV2(namesBytes);
      this.nameIds = new Map(this.names.map((name, id) => [name, id]));
      const entries = this.indexEntries(header.indexLocation, header.indexEntries, size);
      this.entryFrame = entries.frame;
      this.entryRows = entries.rows;
      this.entryLocation = entries.location;
      this.entryColumns = entries.columns;
      this.entryId = entries.id;
      this.entryType = entries.type;
      const count = this.entryFrame.length;
      this.frameCount = count === 0 ? 0 : this.entryFrame[count - 1] + 1;
      // Frames are numbered by their chunks: a frame number far beyond the chunks is corrupt (a
      // gap of frames storing nothing, each read back as a copy of frame 0, is no trajectory).
      if (this.frameCount > count) {
        throw new TrajectoryError(
          path,
          { frame: this.entryFrame[count - 1] },
          `index entry ${count - 1} claims frame ${this.entryFrame[count - 1]}, but the index holds only ${count} chunks for ${this.frameCount} frames; the frame number is corrupt`,
        );
      }
    } catch (e) {
      this.close();
      throw e;
    }
  }

  /** True when some frame of the file has a chunk called `name`. */
  hasName(name: string): boolean {
    return this.nameIds.has(name);
  }

  /** The chunk `name` of `frame`, or null when that frame does not store it. Throws nothing. */
  find(frame: number, name: string): GsdChunk | null {
    const id = this.nameIds.get(name);
    if (id === undefined) return null;
    // Lower bound of `frame` in the sorted entry frames.
    let lo = 0;
    let hi = this.entryFrame.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.entryFrame[mid] < frame) lo = mid + 1;
      else hi = mid;
    }
    for (let e = lo; e < this.entryFrame.length && this.entryFrame[e] === frame; e++) {
      if (this.entryId[e] === id) {
        return {
          name,
          frame,
          rows: this.entryRows[e],
          columns: this.entryColumns[e],
          type: TYPES[this.entryType[e]]![0],
          location: this.entryLocation[e],
        };
      }
    }
    return null;
  }

  /**
   * The raw bytes of `chunk` (rows x columns x element size, row-major), in a fresh
   * ArrayBuffer (so typed-array views on it are aligned). Throws Error after close(),
   * TrajectoryError when the file got shorter since it was opened.
   */
  readBytes(chunk: GsdChunk): ArrayBuffer {
    const length = chunk.rows * chunk.columns * typeInfo(chunk.type)[1];
    const bytes = new Uint8Array(length);
    this.readAt(
      bytes,
      chunk.location,
      () => `frame ${chunk.frame}, chunk ${chunk.name}: file is shorter than when it was opened (modified while open?)`,
    );
    return bytes.buffer;
  }

  /**
   * The values of a numeric chunk as Float64Array [rows x columns] row-major (64-bit integers
   * are exact up to 2^53). Throws as readBytes.
   */
  readNumbers(chunk: GsdChunk): Float64Array {
    const values = new (typeInfo(chunk.type)[2])(this.readBytes(chunk));
    // The typed-array constructor converts natively; only 64-bit integers (BigInt) need a map.
    return values instanceof BigInt64Array || values instanceof BigUint64Array
      ? Float64Array.from(values, Number)
      : new Float64Array(values as ArrayLike<number>);
  }

  /** Releases the file handle; further reads throw. Safe to call twice. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private fail(what: string): never {
    throw new TrajectoryError(this.path, {}, what);
  }

  private headerBlock(size: number) {
    if (size < HEADER_BYTES)
      this.fail(`file is ${size} bytes, shorter than the ${HEADER_BYTES}-byte GSD header; not a GSD file or truncated`);
    const bytes = Buffer.alloc(HEADER_BYTES);
    this.readAt(bytes, 0, () => 'cannot read the GSD header');
    const magic = bytes.readBigUInt64LE(0);
    if (magic !== MAGIC) this.fail(`not a GSD file: expected magic number 0x65df65df65df65df, found 0x${magic.toString(16)}`);
    const version = bytes.readUInt32LE(44);
    const major = version >>> 16;
    if (major < 1 || major > 2) {
      this.fail(`unsupported GSD file-layer version ${major}.${version & 0xffff}: expected 1.x or 2.x`);
    }
    const text = (start: number) => {
      const field = bytes.subarray(start, start + 64);
      const end = field.indexOf(0);
      return field.toString('utf8', 0, end < 0 ? 64 : end);
    };
    return {
      indexLocation: this.count(bytes, 8, 'index location'),
      indexEntries: this.count(bytes, 16, 'index size'),
      namelistLocation: this.count(bytes, 24, 'name list location'),
      namelistSegments: this.count(bytes, 32, 'name list size'),
      version,
      application: text(48),
      schema: text(112),
    };
  }

  /** A uint64 header field that must fit a JS number exactly. */
  private count(bytes: Buffer, offset: number, what: string): number {
    const value = bytes.readBigUInt64LE(offset);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(`corrupt GSD header: ${what} is ${value}`);
    return Number(value);
  }

  private block(location: number, length: number, size: number, what: string): Buffer {
    if (location < HEADER_BYTES || location + length > size) {
      this.fail(
        `${what} block at bytes ${location}..${location + length} lies outside the file (${size} bytes); the file is truncated or corrupt`,
      );
    }
    const bytes = Buffer.alloc(length);
    this.readAt(bytes, location, () => `cannot read the ${what} block`);
    return bytes;
  }

  /** Reads index entries until the first one with location 0 (end of the used index). */
  private indexEntries(location: number, allocated: number, size: number) {
    if (location < HEADER_BYTES || location + allocated * ENTRY_BYTES > size) {
      this.fail(
        `index block at bytes ${location}..${location + allocated * ENTRY_BYTES} (${allocated} entries) lies outside the file (${size} bytes); the file is truncated or corrupt`,
      );
    }
    const frame: number[] = [];
    const rows: number[] = [];
    const where: number[] = [];
    const columns: number[] = [];
    const id: number[] = [];
    const type: number[] = [];
    const bytes = Buffer.alloc(Math.min(allocated, ENTRIES_PER_READ) * ENTRY_BYTES);
    scan: for (let first = 0; first < allocated; first += ENTRIES_PER_READ) {
      const count = Math.min(ENTRIES_PER_READ, allocated - first);
      const view = bytes.subarray(0, count * ENTRY_BYTES);
      this.readAt(view, location + first * ENTRY_BYTES, () => 'cannot read the index block');
      for (let i = 0; i < count; i++) {
        const o = i * ENTRY_BYTES;
        const at = Number(view.readBigInt64LE(o + 16));
        if (at === 0) break scan;
        const entry = {
          index: first + i,
          frame: Number(view.readBigUInt64LE(o)),
          rows: Number(view.readBigUInt64LE(o + 8)),
          location: at,
          columns: view.readUInt32LE(o + 24),
          id: view.readUInt16LE(o + 28),
          type: view.readUInt8(o + 30),
          flags: view.readUInt8(o + 31),
        };
        this.checkEntry(entry, frame.length > 0 ? frame[frame.length - 1] : 0, size);
        frame.push(entry.frame);
        rows.push(entry.rows);
        where.push(entry.location);
        columns.push(entry.columns);
        id.push(entry.id);
        type.push(entry.type);
      }
    }
    return {
      frame: Float64Array.from(frame),
      rows: Float64Array.from(rows),
      location: Float64Array.from(where),
      columns: Uint32Array.from(columns),
      id: Uint16Array.from(id),
      type: Uint8Array.from(type),
    };
  }

  /** The validity rules of gsd.c (__is_entry_valid) plus frame order, with messages naming the entry. */
  private checkEntry(
    e: { index: number; frame: number; rows: number; location: number; columns: number; id: number; type: number; flags: number },
    previousFrame: number,
    size: number,
  ): void {
    const name = e.id < this.names.length ? this.names[e.id] : null;
    const entry = `index entry ${e.index} (frame ${e.frame}, chunk ${name ?? `#${e.id}`})`;
    if (name === null) this.fail(`${entry}: name id ${e.id} is outside the name list of ${this.names.length} names; the file is corrupt`);
    const type = TYPES[e.type];
    if (!type) this.fail(`${entry}: unknown data type code ${e.type} (expected 1..${TYPES.length - 1})`);
    if (e.columns === 0) this.fail(`${entry}: chunk has 0 columns; the file is corrupt`);
    if (e.flags !== 0) this.fail(`${entry}: flags must be 0, found ${e.flags}`);
    if (e.frame < previousFrame)
      this.fail(`${entry}: frame is lower than the previous entry's frame ${previousFrame}; the index must be sorted by frame`);
    const end = e.location + e.rows * e.columns * type[1];
    if (e.location < HEADER_BYTES || end > size) {
      throw new TrajectoryError(
        this.path,
        { frame: e.frame },
        `chunk ${name}: data at bytes ${e.location}..${end} lies past the end of the file (${size} bytes); the file is truncated`,
      );
    }
  }

  private readAt(bytes: Uint8Array, position: number, what: () => string): void {
    if (this.fd === null) throw new Error(`${this.path}: GSD file is closed`);
    let done = 0;
    while (done < bytes.length) {
      const got = readSync(this.fd, bytes, done, bytes.length - done, position + done);
      if (got === 0) this.fail(what());
      done += got;
    }
  }
}

/** v1.0 name list: 0-terminated strings in 64-byte segments; the first empty one ends the list. */
function namesV1(bytes: Buffer): string[] {
  const names: string[] = [];
  for (let start = 0; start < bytes.length && bytes[start] !== 0; start += NAME_SEGMENT_BYTES) {
    const end = bytes.indexOf(0, start);
    names.push(bytes.toString('utf8', start, end < 0 || end > start + NAME_SEGMENT_BYTES ? start + NAME_SEGMENT_BYTES : end));
  }
  return names;
}

/** v2.0 name list: 0-separated strings of any length; the first empty one ends the list. */
function namesV2(bytes: Buffer): string[] {
  const names: string[] = [];
  let start = 0;
  while (start < bytes.length && bytes[start] !== 0) {
    const end = bytes.indexOf(0, start);
    const stop = end < 0 ? bytes.length : end;
    names.push(bytes.toString('utf8', start, stop));
    start = stop + 1;
  }
  return names;
}
