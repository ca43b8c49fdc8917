import { createReadStream, mkdirSync, statSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { detectFormat } from './formatDetect';
import type { Trajectory } from './frame';
import { CHUNK_BYTES, FrameIndexBuilder, FrameScanner } from './frameIndex';
import { cachedCopy, corruptGzipError, GUNZIP_CACHE_DIR, GUNZIP_CACHE_MAX_BYTES, gunzipCachePath, pruneGunzipCache } from './gunzip';
import { registerTemp, releaseTemp } from './tempFiles';
import { trajectoryOnIndex, type TextFormat } from './textTrajectory';

/** A trajectory whose frame index is still being built: `frameCount` grows until `indexed` settles. */
export interface StreamingTrajectory extends Trajectory {
  /**
   * Resolves when the whole file is indexed (frameCount is then final). Rejects with the error
   * that stopped indexing: a TrajectoryError naming file, frame and line (the frames indexed
   * before it stay readable), Node's error when reading fails, or an AbortError after close().
   */
  readonly indexed: Promise<void>;
}

export interface StreamingOptions {
  /** Force the dimension instead of detecting it from frame 0 (as OpenOptions.dimension). */
  readonly dimension?: 2 | 3;
  /**
   * Called after every chunk with the complete frames so far and the bytes read of the file
   * (the compressed bytes for a `.gz` decompressed on the way).
   */
  readonly onProgress?: (frames: number, bytesDone: number, totalBytes: number) => void;
  /** Scan chunk size in bytes (tests force small chunks). */
  readonly chunkBytes?: number;
  /** Aborting stops the scan (also before frame 0: the open then rejects with an AbortError). */
  readonly signal?: AbortSignal;
}

/** Where the plain text comes from and how to pump it into the scanner. */
interface TextFeed {
  /** The plain-text file the frames are read from (it grows while the feed runs). */
  readonly dataPath: string;
  /** Pumps every byte into `scanner`, calling `afterChunk` after each piece; resolves to the plain-text size. */
  run(scanner: FrameScanner, signal: AbortSignal, afterChunk: (done: number, total: number) => void): Promise<number>;
}

/**
 * Opens a trajectory whose format (detectFormat: by name, optionally `.gz`, else by content) has
 * a `streaming` text format in TRAJECTORY_FORMATS (LAMMPS dump, (extended) XYZ) and indexes it in
 * ONE streaming pass that runs in the background, yielding to the event loop between chunks:
 * the returned promise resolves as soon as frame 0 is complete and decoded (a multi-GB dump
 * shows its first frame after its first 8 MB chunk), frames become readable as the index
 * reaches them, and `indexed` tells when the scan is over. A `.gz` is decompressed on the way
 * into the same cache plainTextPath uses (reused when present), so it is read only once.
 * Other formats (GSD) open whole through their reader and are complete at once.
 * Memory: one scan chunk (8 MB) plus the offsets; frames are read from disk on demand.
 *
 * Rejects with a TrajectoryError (file, frame, line, what was expected) when frame 0 cannot be
 * indexed or decoded, with an AbortError when `options.signal` aborts first, with
 * detectFormat's error for an unrecognised file, or with what the reader of another format throws.
 */
export async function openTrajectoryStreaming(path: string, options: StreamingOptions = {}): Promise<StreamingTrajectory> {
  const format = detectFormat(path);
  if (!format.streaming) return alreadyIndexed(format.open(path, { dimension: options.dimension }));
  return streamTextTrajectory(path, format.streaming, options);
}

/** The streaming pass of openTrajectoryStreaming over a text format. */
function streamTextTrajectory(path: string, format: TextFormat, options: StreamingOptions): Promise<StreamingTrajectory> {
  const cached = path.toLowerCase().endsWith('.gz') ? cachedCopy(path) : path;
  const feed = cached ? fileFeed(cached) : gunzipFeed(path);
  const controller = new AbortController();
  options.signal?.addEventListener('abort', () => controller.abort(), { once: true });
  const index = new FrameIndexBuilder();
  const scanner = new FrameScanner(format.splitter(path)(index), options.chunkBytes ?? CHUNK_BYTES);
  let trajectory: StreamingTrajectory | null = null;
  return new Promise<StreamingTrajectory>((resolve, reject) => {
    const openWhenFirstFrameIsComplete = (): void => {
      if (trajectory || index.lengths.length === 0) return;
      const opened = trajectoryOnIndex(path, feed.dataPath, index, format, options.dimension ?? null);
      trajectory = withIndexed(opened, indexed, () => controller.abort());
      resolve(trajectory);
    };
    const indexed = feed
      .run(scanner, controller.signal, (done, total) => {
        openWhenFirstFrameIsComplete();
        options.onProgress?.(index.lengths.length, done, total);
      })
      .then((size) => {
        scanner.end();
        index.end(size);
        openWhenFirstFrameIsComplete();
      });
    // Before frame 0 the caller hears of failures through the returned promise, after it through `indexed`.
    indexed.catch((error: unknown) => {
      if (!trajectory) reject(error);
      controller.abort();
    });
  });
}

/** A plain-text file (or the cached decompressed copy of a `.gz`) read in chunks straight into the scan buffer. */
function fileFeed(dataPath: string): TextFeed {
  return {
    dataPath,
    async run(scanner, signal, afterChunk) {
      const handle = await open(dataPath, 'r');
      try {
        const total = (await handle.stat()).size;
        for (;;) {
          signal.throwIfAborted();
          const { buffer, offset, length } = scanner.freeSpace();
          const { bytesRead } = await handle.read(buffer, offset, length, scanner.bytesFed);
          if (bytesRead === 0) return scanner.bytesFed;
          scanner.appended(bytesRead);
          afterChunk(scanner.bytesFed, total);
        }
      } finally {
        await handle.close();
      }
    },
  };
}

/**
 * A `.gz` decompressed as a stream: each piece is appended to a temp file in the gunzip cache
 * BEFORE the scanner sees it (so every indexed frame is on disk to be read), and the temp file
 * is renamed to the cache name once complete (never a half file under the cache name); the temp
 * file is registered (tempFiles.ts), so an interrupted process leaves none behind.
 */
function gunzipFeed(path: string): TextFeed {
  const cached = gunzipCachePath(path);
  mkdirSync(GUNZIP_CACHE_DIR, { recursive: true });
  const temp = registerTemp(cached);
  let renamed = false;
  return {
    // Frames are read from the temp file while it grows, and from the cache name once it is renamed
    // (frame 0 of a small file completes only at the end of the data, after the rename).
    get dataPath() {
      return renamed ? cached : temp;
    },
    async run(scanner, signal, afterChunk) {
      const out = await open(temp, 'w');
      const input = createReadStream(path, { highWaterMark: 1 << 20 });
      let complete = false;
      let consumerError: unknown = null;
      try {
        const total = statSync(path).size;
        await pipeline(
          input,
          createGunzip({ chunkSize: 1 << 20 }),
          async (source: AsyncIterable<Buffer>) => {
            for await (const piece of source) {
              try {
                for (let written = 0; written < piece.length; )
                  written += (await out.write(piece, written, piece.length - written)).bytesWritten;
                scanner.push(piece);
                afterChunk(input.bytesRead, total);
              } catch (error) {
                consumerError = error;
                throw error;
              }
            }
          },
          { signal },
        ).catch((error: Error & { code?: string }) => {
          // The scanner's TrajectoryError wins (pipeline may report the teardown's AbortError
          // instead); zlib's errors carry Z_* codes; aborts pass through.
          if (consumerError) throw consumerError;
          throw error.code?.startsWith('Z_') ? corruptGzipError(path, error.message) : error;
        });
        await out.sync();
        complete = true;
        return scanner.bytesFed;
      } finally {
        await out.close();
        if (complete) {
          await rename(temp, cached);
          renamed = true;
        } else {
          await rm(temp, { force: true });
        }
        releaseTemp(temp);
        if (complete) pruneGunzipCache(GUNZIP_CACHE_MAX_BYTES, cached);
      }
    },
  };
}

/** A trajectory opened whole (GSD) seen as a finished stream. */
function alreadyIndexed(trajectory: Trajectory): StreamingTrajectory {
  return withIndexed(trajectory, Promise.resolve(), () => {});
}

/** `trajectory` with its `indexed` promise; `stop` runs before close (stops the scan). */
function withIndexed(trajectory: Trajectory, indexed: Promise<void>, stop: () => void): StreamingTrajectory {
  return {
    path: trajectory.path,
    format: trajectory.format,
    speciesNames: trajectory.speciesNames,
    get frameCount() {
      return trajectory.frameCount;
    },
    readFrame: (k) => trajectory.readFrame(k),
    close: () => {
      stop();
      trajectory.close();
    },
    indexed,
  };
}
