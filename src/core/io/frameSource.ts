import { closeSync, openSync, readSync } from 'node:fs';
import type { FrameIndex } from './frameIndex';
import { TrajectoryError, type Frame, type Trajectory } from './frame';

/**
 * Random access to the raw bytes of indexed frames: reading frame k costs one `readSync` of
 * `index.lengths[k]` bytes at `index.offsets[k]`, whatever the file size.
 */
export class FrameSource {
  private fd: number | null;

  /**
   * Opens `dataPath` (the plain-text file that was indexed); errors name `path` (the file the
   * user gave, e.g. the `.gz`). Throws Node's error when the file cannot be opened.
   */
  constructor(
    readonly path: string,
    dataPath: string,
    readonly index: FrameIndex,
  ) {
    this.fd = openSync(dataPath, 'r');
  }

  /** Complete frames of the index (it may still be growing, see FrameIndexBuilder). */
  get frameCount(): number {
    return this.index.lengths.length;
  }

  /**
   * Bytes of frame k. Throws RangeError for k outside [0, frameCount), Error after close(),
   * TrajectoryError when the file got shorter since it was indexed.
   */
  read(k: number): Buffer {
    if (!Number.isInteger(k) || k < 0 || k >= this.frameCount) {
      throw new RangeError(`${this.path}: frame ${k} out of range [0, ${this.frameCount})`);
    }
    if (this.fd === null) throw new Error(`${this.path}: trajectory is closed`);
    const length = this.index.lengths[k];
    const bytes = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const got = readSync(this.fd, bytes, done, length - done, this.index.offsets[k] + done);
      if (got === 0) {
        throw new TrajectoryError(this.path, { frame: k }, 'file is shorter than when it was indexed (modified while open?)');
      }
      done += got;
    }
    return bytes;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/**
 * Wraps a FrameSource and a per-format decoder into the Trajectory contract.
 * `decode(bytes, k, firstLine)` turns the bytes of frame k (whose first line has number
 * `firstLine` in the file) into a Frame and throws TrajectoryError on malformed content.
 */
export function trajectoryFrom(
  source: FrameSource,
  format: Trajectory['format'],
  speciesNames: readonly string[],
  decode: (bytes: Buffer, k: number, firstLine: number) => Frame,
): Trajectory {
  return {
    path: source.path,
    format,
    speciesNames,
    get frameCount() {
      return source.frameCount;
    },
    readFrame: (k) => decode(source.read(k), k, source.index.lines[k]),
    close: () => source.close(),
  };
}
