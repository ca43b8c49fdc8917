import { closeSync, openSync, readSync } from 'node:fs';
import { TrajectoryError } from './frame';
import { formatSummary } from './formatNames';
import { TRAJECTORY_FORMATS, type FileHead, type TrajectoryFormat } from './formats';
import { plainTextPath } from './gunzip';

/** How many bytes of a file the sniffers see. */
export const SNIFF_BYTES = 4096;

/**
 * The format a file name announces: its extension, case-insensitively, optionally followed by
 * `.gz` for the formats read gzip-compressed; null when no format claims the name.
 */
export function formatOfName(path: string): TrajectoryFormat | null {
  const name = path.toLowerCase();
  const named = (format: TrajectoryFormat, ext: string) => name.endsWith(`.${ext}`) || (format.gzip && name.endsWith(`.${ext}.gz`));
  return TRAJECTORY_FORMATS.find((format) => format.extensions.some((ext) => named(format, ext))) ?? null;
}

/** The first format of the table whose sniffer accepts `head`, or null. */
export function sniffFormat(head: FileHead): TrajectoryFormat | null {
  return TRAJECTORY_FORMATS.find((format) => format.sniff(head)) ?? null;
}

/**
 * The format of `path`: by name (formatOfName), else sniffed from the first SNIFF_BYTES of its
 * plain data (a `.gz` is decompressed into the gunzip cache first, reporting `onProgress`).
 * Throws TrajectoryError naming the file, every accepted name and content, and what was found
 * when neither recognises it; Node's error when the file cannot be read; what plainTextPath
 * throws for corrupt gzip data.
 */
export function detectFormat(path: string, onProgress?: (done: number, total: number) => void): TrajectoryFormat {
  const named = formatOfName(path);
  if (named) return named;
  const head = readFileHead(plainTextPath(path, onProgress));
  const sniffed = sniffFormat(head);
  if (sniffed) return sniffed;
  throw unknownFormatError(path, head);
}

/** The error for a file that no format recognises by name or content. */
export function unknownFormatError(path: string, head: FileHead): TrajectoryError {
  const found = head.firstLine.slice(0, 60).replace(/[^\x20-\x7e]/g, '?');
  const contents = TRAJECTORY_FORMATS.map((format) => `${format.signature} (${format.label})`).join(', ');
  return new TrajectoryError(
    path,
    { line: 1 },
    `unknown trajectory format: expected a name of ${formatSummary()}, or content starting with ${contents}; found '${found}'`,
  );
}

/** The first SNIFF_BYTES of the file `path` (plain, not gunzipped) and its first line. Throws Node's error when it cannot be read. */
export function readFileHead(path: string): FileHead {
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.alloc(SNIFF_BYTES);
    const got = readSync(fd, bytes, 0, bytes.length, 0);
    const head = bytes.subarray(0, got);
    return { bytes: head, firstLine: head.toString('latin1').split('\n')[0].trim() };
  } finally {
    closeSync(fd);
  }
}
