import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { writeThroughTempFile } from './atomicWrite';
import { TrajectoryError } from './frame';
import { zlibFileToFd } from './zlibFile';

/** Where decompressed copies of `.gz` trajectories live between sessions. */
export const GUNZIP_CACHE_DIR = join(tmpdir(), 'softness-studio-cache');

/**
 * Where the decompressed copy of the `.gz` file `path` lives in GUNZIP_CACHE_DIR (it may not
 * exist yet): keyed by absolute path + size + mtime. Throws Node's error when `path` is missing.
 */
export function gunzipCachePath(path: string): string {
  const stat = statSync(path);
  const key = createHash('sha1')
    .update(`${resolve(path)}\0${stat.size}\0${stat.mtimeMs}`)
    .digest('hex')
    .slice(0, 16);
  return join(GUNZIP_CACHE_DIR, `${key}-${basename(path).slice(0, -3)}`);
}

/**
 * The plain-text file to index for `path`: `path` itself unless it ends in `.gz`, in which
 * case it is stream-decompressed once into GUNZIP_CACHE_DIR (file name keyed by absolute
 * path + size + mtime, so an unchanged archive is decompressed only once and a changed one
 * never reuses a stale copy). Memory stays bounded; the copy is written to a temp name and
 * renamed, so an interrupted run never leaves a half file in the cache. The cache is never
 * pruned automatically (it lives in the OS temp directory).
 * `onProgress(compressedBytesRead, compressedSize)` is called about 5 times a second.
 *
 * Throws TrajectoryError naming `path` when the gzip data is truncated or corrupt, and Node's
 * error when `path` cannot be read or the cache directory cannot be written.
 */
export function plainTextPath(path: string, onProgress?: (done: number, total: number) => void): string {
  if (!path.toLowerCase().endsWith('.gz')) return path;
  const cached = gunzipCachePath(path);
  if (existsSync(cached)) return cached;
  mkdirSync(GUNZIP_CACHE_DIR, { recursive: true });
  writeThroughTempFile(cached, (fd) => {
    const failure = zlibFileToFd(path, fd, 'gunzip', onProgress);
    if (failure !== null) throw corruptGzipError(path, failure);
  });
  return cached;
}

/** The error for a `.gz` file that zlib could not decompress (`failure` is zlib's message). */
export function corruptGzipError(path: string, failure: string): TrajectoryError {
  return new TrajectoryError(path, {}, `truncated or corrupt gzip data (${failure}); expected a complete .gz file`);
}
