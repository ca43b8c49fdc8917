import type { CellOutput, SnapshotOutput } from '../core/lang/outputs';
import type { Figure } from '../core/plots/figure';
import { safeFigure } from './figureSafety';

/**
 * Cell outputs as notebook output items: MIME type + bytes. The one place where the worker's
 * outputs are serialised for the extension host and parsed again by the notebook renderer.
 * Plots and tables are JSON (small); a snapshot is binary — a JSON header followed by its typed
 * arrays — so 100,000 particles travel as ~1.7 MB of floats, not as a JSON list of numbers.
 */
export const MIME = {
  text: 'text/plain',
  plot: 'application/vnd.softness.plot+json',
  table: 'application/vnd.softness.table+json',
  snapshot: 'application/vnd.softness.snapshot',
} as const;

export interface OutputItem {
  readonly mime: string;
  readonly data: Uint8Array;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** Serialises one cell output to its MIME type and bytes. */
export function encodeOutput(output: CellOutput): OutputItem {
  switch (output.kind) {
    case 'text':
      return { mime: MIME.text, data: utf8.encode(output.text) };
    case 'plot':
      return { mime: MIME.plot, data: utf8.encode(JSON.stringify({ title: output.title, figure: output.figure })) };
    case 'table':
      return { mime: MIME.table, data: utf8.encode(JSON.stringify({ title: output.title, columns: output.columns, rows: output.rows })) };
    case 'snapshot':
      return { mime: MIME.snapshot, data: encodeSnapshot(output) };
  }
}

/**
 * Parses bytes of one of our MIME types back into the cell output; a plot's figure comes back
 * through safeFigure (figureSafety.ts). Throws Error naming the MIME type for an unknown type or
 * malformed bytes.
 */
export function decodeOutput(mime: string, data: Uint8Array): CellOutput {
  switch (mime) {
    case MIME.text:
      return { kind: 'text', text: fromUtf8.decode(data) };
    case MIME.plot: {
      // Decoded figures may come from any notebook file: nothing in them may load a URL (figureSafety.ts).
      const plot = parseJson(mime, data) as { title: string; figure: Figure };
      return { kind: 'plot', title: plot.title, figure: safeFigure(plot.figure) };
    }
    case MIME.table:
      return { kind: 'table', ...(parseJson(mime, data) as { title: string; columns: string[]; rows: Array<Array<number | string>> }) };
    case MIME.snapshot:
      return decodeSnapshot(data);
    default:
      throw new Error(`unknown softness output type ${mime}`);
  }
}

/**
 * Snapshot layout (little-endian): uint32 header length H; H bytes of UTF-8 JSON header
 * {title, dimension, n, speciesNames, valueName, cell}; zero padding to a multiple of 4;
 * Float32Array positions [n x 3]; Float32Array values [n]; Uint8Array species [n].
 */
function encodeSnapshot(s: SnapshotOutput): Uint8Array {
  const n = s.species.length;
  if (s.positions.length !== 3 * n || s.values.length !== n) {
    throw new RangeError(
      `snapshot '${s.title}': positions (${s.positions.length}) and values (${s.values.length}) do not match ${n} particles`,
    );
  }
  const header = utf8.encode(
    JSON.stringify({ title: s.title, dimension: s.dimension, n, speciesNames: s.speciesNames, valueName: s.valueName, cell: s.cell }),
  );
  const start = align4(4 + header.length);
  const bytes = new Uint8Array(start + 16 * n + n);
  new DataView(bytes.buffer).setUint32(0, header.length, true);
  bytes.set(header, 4);
  bytes.set(new Uint8Array(s.positions.buffer, s.positions.byteOffset, 12 * n), start);
  bytes.set(new Uint8Array(s.values.buffer, s.values.byteOffset, 4 * n), start + 12 * n);
  bytes.set(s.species, start + 16 * n);
  return bytes;
}

function decodeSnapshot(data: Uint8Array): SnapshotOutput {
  if (data.length < 4) throw new Error(`${MIME.snapshot}: ${data.length} bytes is too short for a header`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const headerLength = view.getUint32(0, true);
  const header = parseJson(MIME.snapshot, data.subarray(4, 4 + headerLength)) as Omit<
    SnapshotOutput,
    'kind' | 'positions' | 'values' | 'species'
  > & { n: number };
  const n = header.n;
  const start = align4(4 + headerLength);
  if (data.length !== start + 17 * n)
    throw new Error(`${MIME.snapshot}: expected ${start + 17 * n} bytes for ${n} particles, got ${data.length}`);
  // Copy into fresh, aligned buffers (the item's bytes may sit at any offset of a larger buffer).
  const body = data.slice(start);
  return {
    kind: 'snapshot',
    title: header.title,
    dimension: header.dimension,
    speciesNames: header.speciesNames,
    valueName: header.valueName,
    cell: header.cell,
    positions: new Float32Array(body.buffer, 0, 3 * n),
    values: new Float32Array(body.buffer, 12 * n, n),
    species: new Uint8Array(body.buffer, 16 * n, n),
  };
}

function align4(k: number): number {
  return (k + 3) & ~3;
}

function parseJson(mime: string, data: Uint8Array): unknown {
  try {
    return JSON.parse(fromUtf8.decode(data));
  } catch (error) {
    throw new Error(`${mime}: malformed JSON (${(error as Error).message})`);
  }
}
