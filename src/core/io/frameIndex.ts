import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Where each frame of a text trajectory starts, found in one streaming pass.
 * Offsets are plain numbers (exact up to 2^53 bytes), so files of many GB are fine.
 */
export interface FrameIndex {
  /** Byte offset of the first line of frame k. */
  readonly offsets: readonly number[];
  /** 1-based line number of the first line of frame k (for error messages). */
  readonly lines: readonly number[];
  /** Byte length of frame k (up to the next frame, or the end of the file). */
  readonly lengths: readonly number[];
  /** Size of the indexed file in bytes. */
  readonly totalBytes: number;
}

/** Receives frame starts from a {@link FrameSplitter}. */
export interface FrameStarts {
  begin(offset: number, line: number): void;
}

/**
 * Format-specific rule that tells the scanner where frames start. It sees every line except
 * the ones it asked to skip, which lets the scanner jump over atom tables with a native
 * newline search instead of handing each atom line to JavaScript.
 */
export interface FrameSplitter {
  /**
   * Called with one line `buf[start..end)` (without `\n` or a trailing `\r`), its 1-based
   * number and its byte offset; returns how many of the following lines to skip.
   */
  line(buf: Buffer, start: number, end: number, lineNo: number, offset: number): number;
  /**
   * Called once at the end of the file. `nextLine` is the number the next line would have;
   * `missingLines` is how many lines the last `line` call asked to skip that the file lacks.
   */
  finish(nextLine: number, missingLines: number): void;
}

const CHUNK_BYTES = 8 << 20;

/**
 * Scans the text file at `path` once, in 8 MB chunks (memory stays bounded whatever the file
 * size), and returns the frame offsets found by `makeSplitter`'s splitter.
 * `onProgress(bytesRead, totalBytes)` is called after every chunk. `chunkBytes` only exists so
 * tests can force lines across chunk boundaries.
 *
 * Throws what the splitter throws (a TrajectoryError for malformed structure) and Node's
 * errors when the file cannot be read. Lines inside atom tables are only counted (native
 * `indexOf`), never decoded: measured 1.6-2 GB/s on a 200 MB dump in the page cache (Node 20).
 */
export function indexFrames(
  path: string,
  makeSplitter: (starts: FrameStarts) => FrameSplitter,
  onProgress?: (bytesRead: number, totalBytes: number) => void,
  chunkBytes = CHUNK_BYTES,
): FrameIndex {
  const offsets: number[] = [];
  const lines: number[] = [];
  const splitter = makeSplitter({
    begin(offset, line) {
      offsets.push(offset);
      lines.push(line);
    },
  });
  const fd = openSync(path, 'r');
  let totalBytes: number;
  try {
    totalBytes = fstatSync(fd).size;
    scan(fd, totalBytes, chunkBytes, splitter, onProgress);
  } finally {
    closeSync(fd);
  }
  const lengths = offsets.map((offset, k) => (k + 1 < offsets.length ? offsets[k + 1] : totalBytes) - offset);
  return { offsets, lines, lengths, totalBytes };
}

/** The chunked loop of {@link indexFrames}; `buf[0]` sits at file offset `base`. */
function scan(
  fd: number,
  totalBytes: number,
  chunkBytes: number,
  splitter: FrameSplitter,
  onProgress?: (bytesRead: number, totalBytes: number) => void,
): void {
  let buf = Buffer.allocUnsafe(Math.max(1, Math.min(chunkBytes, totalBytes + 1)));
  let base = 0;
  let have = 0;
  let lineNo = 1;
  let skip = 0;
  let lastByte = 10;
  for (;;) {
    if (have === buf.length) {
      // One line longer than the buffer: grow instead of failing.
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, have);
      buf = bigger;
    }
    let got = readSync(fd, buf, have, buf.length - have, base + have);
    if (got === 0) {
      // A last line without a newline still counts: append a virtual one, scan once more.
      if (lastByte === 10) break;
      buf[have] = 10;
      got = 1;
    }
    lastByte = buf[have + got - 1];
    have += got;
    const view = buf.subarray(0, have);
    let pos = 0;
    while (pos < have) {
      const nl = view.indexOf(10, pos);
      if (nl < 0) break;
      if (skip > 0) {
        skip--;
      } else {
        const end = nl > pos && view[nl - 1] === 13 ? nl - 1 : nl;
        skip = splitter.line(view, pos, end, lineNo, base + pos);
      }
      lineNo++;
      pos = nl + 1;
    }
    onProgress?.(Math.min(base + have, totalBytes), totalBytes);
    // Keep the unfinished line for the next read.
    buf.copyWithin(0, pos, have);
    base += pos;
    have -= pos;
  }
  splitter.finish(lineNo, skip);
}
