import { TrajectoryError } from './frame';
import type { GsdChunk, GsdFile, GsdType } from './gsdFile';

/** Element types a chunk may have, and how an error message names them. */
export interface GsdKind {
  readonly types: readonly GsdType[];
  readonly label: string;
}

const INTEGERS: readonly GsdType[] = ['uint8', 'uint16', 'uint32', 'uint64', 'int8', 'int16', 'int32', 'int64'];
export const FLOATS: GsdKind = { types: ['float32', 'float64'], label: 'float32 or float64' };
export const INTEGER: GsdKind = { types: INTEGERS, label: 'integers' };
export const NUMBER: GsdKind = { types: [...INTEGERS, 'float32', 'float64'], label: 'numbers' };
const STRINGS: GsdKind = { types: ['int8', 'uint8', 'char'], label: 'int8' };

/**
 * The chunks one frame of a HOOMD-schema GSD file sees, with the schema's inheritance rule
 * (gsd.hoomd, HOOMDTrajectory): a chunk the frame does not store is taken from frame 0 —
 * for per-particle chunks only when frame 0 has the same particle count — and otherwise the
 * caller applies the schema default. Every accessor checks the chunk's shape and type and
 * throws TrajectoryError naming the file, the frame that stores the chunk and the chunk, e.g.
 * `(frame 3): chunk particles/position: expected N x 3 float32 or float64 (N = 200), found 200 x 2 float32`.
 */
export class GsdFrameChunks {
  /**
   * @param k frame to read (0-based).
   * @param n0 particle count of frame 0 (per-particle chunks inherit only when it equals n).
   */
  constructor(
    readonly file: GsdFile,
    readonly k: number,
    private readonly n0: number,
  ) {}

  /** Frame k's own chunk `name`, else frame 0's, else null; `n` restricts inheritance to the same N. */
  locate(name: string, n?: number): GsdChunk | null {
    const own = this.file.find(this.k, name);
    if (own || this.k === 0 || (n !== undefined && n !== this.n0)) return own;
    return this.file.find(0, name);
  }

  /** A 1 x 1 integer chunk's value, or `fallback` when absent. */
  integer(name: string, fallback: number): number {
    const chunk = this.locate(name);
    if (!chunk) return fallback;
    return this.values(chunk, 1, 1, INTEGER, '1')[0];
  }

  /** A rows x columns chunk of one of `types`, Float64Array row-major, or null when absent. */
  matrix(name: string, rows: number, columns: number, kind: GsdKind): Float64Array | null {
    const chunk = this.locate(name);
    return chunk && this.values(chunk, rows, columns, kind, String(rows));
  }

  /** A per-particle N x columns chunk, Float64Array [n x columns] row-major, or null when absent. */
  perParticle(name: string, n: number, columns: number, kind: GsdKind): Float64Array | null {
    const chunk = this.locate(name, n);
    return chunk && this.values(chunk, n, columns, kind, 'N', n);
  }

  /** Frame k's own string list chunk (rows of 0-terminated UTF-8), or null when frame k does not store it. */
  ownStrings(name: string): string[] | null {
    const chunk = this.file.find(this.k, name);
    return chunk && this.strings(chunk);
  }

  /** The rows of a string list chunk (NT x M int8, one 0-terminated UTF-8 name per row). */
  strings(chunk: GsdChunk): string[] {
    if (!STRINGS.types.includes(chunk.type))
      this.fail(
        chunk,
        `expected NT x M ${STRINGS.label} (one 0-terminated name per row), found ${chunk.rows} x ${chunk.columns} ${chunk.type}`,
      );
    const bytes = Buffer.from(this.file.readBytes(chunk));
    return Array.from({ length: chunk.rows }, (_, row) => {
      const start = row * chunk.columns;
      const end = bytes.indexOf(0, start);
      return bytes.toString('utf8', start, end < 0 || end > start + chunk.columns ? start + chunk.columns : end);
    });
  }

  /** Throws TrajectoryError for `chunk` (naming the frame that stores it). */
  fail(chunk: GsdChunk, what: string): never {
    throw new TrajectoryError(this.file.path, { frame: chunk.frame }, `chunk ${chunk.name}: ${what}`);
  }

  private values(chunk: GsdChunk, rows: number, columns: number, kind: GsdKind, rowsText: string, n?: number): Float64Array {
    if (chunk.rows !== rows || chunk.columns !== columns || !kind.types.includes(chunk.type)) {
      const count = n !== undefined ? ` (N = ${n})` : '';
      this.fail(chunk, `expected ${rowsText} x ${columns} ${kind.label}${count}, found ${chunk.rows} x ${chunk.columns} ${chunk.type}`);
    }
    return this.file.readNumbers(chunk);
  }
}
