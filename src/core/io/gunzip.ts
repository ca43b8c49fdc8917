import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { writeThroughTempFile } from './atomicWrite';
import { TrajectoryError } from './frame';
import { processAlive } from './tempFiles';
import { zlibFileToFd } from './zlibFile';

/** Where decompressed copies of `.gz` trajectories live between sessions. */
export const GUNZIP_CACHE_DIR = join(tmpdir(), 'softness-studio-cache');

/**
 * Size cap of the gunzip cache in bytes: 4 GiB, or SOFTNESS_GUNZIP_CACHE_BYTES. Least recently
 * used copies are removed beyond it (the copy in use is always kept, even when larger).
 */
export const GUNZIP_CACHE_MAX_BYTES = Number(process.env.SOFTNESS_GUNZIP_CACHE_BYTES) || 4 * 2 ** 30;

/** Bytes hashed at each end of the compressed file for the cache key. */
const KEY_BYTES = 64 * 1024;
/** Temp files of the cache older than this are removed even when their pid is reused. */
const STALE_TEMP_MS = 24 * 3600 * 1000;

/**
 * Where the decompressed copy of the `.gz` file `path` lives in GUNZIP_CACHE_DIR (it may not
 * exist yet), keyed by content: SHA-256 of the compressed size, its first 64 kB and its last
 * 64 kB. The last 8 bytes of a gzip member are the CRC-32 and length of the uncompressed
 * data, so a replaced archive gets a new key even with the same size and mtime (mtime is not
 * used at all, the path neither: a copy or a rename of the same file reuses the entry), and
 * files up to 128 kB are hashed whole. Cost: two 64 kB reads, whatever the file size (hashing
 * a multi-GB archive at every open would cost seconds). Throws Node's error when `path` is
 * missing.
 */
export function gunzipCachePath(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const hash = createHash('sha256').update(`${size}\0`);
    const head = Buffer.alloc(Math.min(size, KEY_BYTES));
    readAll(fd, head, 0);
    hash.update(head);
    const tailStart = Math.max(head.length, size - KEY_BYTES);
    const tail = Buffer.alloc(size - tailStart);
    readAll(fd, tail, tailStart);
    hash.update(tail);
    return join(GUNZIP_CACHE_DIR, `${hash.digest('hex').slice(0, 32)}-${basename(path).slice(0, -3)}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * The cached copy of the `.gz` file `path` when it exists, marked as just used (its mtime,
 * which orders pruning), else null. Throws Node's error when `path` is missing.
 */
export function cachedCopy(path: string): string | null {
  const cached = gunzipCachePath(path);
  try {
    const now = new Date();
    utimesSync(cached, now, now);
    return cached;
  } catch {
    return null;
  }
}

/**
 * The plain-text file to index for `path`: `path` itself unless it ends in `.gz`, in which
 * case it is stream-decompressed once into GUNZIP_CACHE_DIR (keyed by content, see
 * gunzipCachePath), so an unchanged archive is decompressed only once and a replaced one never
 * reuses a stale copy. Memory stays bounded; the copy is written to a registered temp file and
 * renamed (an interrupted run never leaves a half file under the cache name, nor a temp file),
 * then the cache is pruned to GUNZIP_CACHE_MAX_BYTES (pruneGunzipCache).
 * `onProgress(compressedBytesRead, compressedSize)` is called about 5 times a second.
 *
 * Throws TrajectoryError naming `path` when the gzip data is truncated or corrupt, and Node's
 * error when `path` cannot be read or the cache directory cannot be written.
 */
export function plainTextPath(path: string, onProgress?: (done: number, total: number) => void): string {
  if (!path.toLowerCase().endsWith('.gz')) return path;
  const existing = cachedCopy(path);
  if (existing) return existing;
  const cached = gunzipCachePath(path);
  mkdirSync(GUNZIP_CACHE_DIR, { recursive: true });
  writeThroughTempFile(cached, (fd) => {
    const failure = zlibFileToFd(path, fd, 'gunzip', onProgress);
    if (failure !== null) throw corruptGzipError(path, failure);
  });
  pruneGunzipCache(GUNZIP_CACHE_MAX_BYTES, cached);
  return cached;
}

/**
 * Cleans the gunzip cache `dir` (GUNZIP_CACHE_DIR; tests pass their own): removes temp files (`.tmp-<pid>-...`) whose writer is gone or that
 * are older than a day, then removes the least recently used copies (oldest mtime first; every
 * use refreshes it) until the copies take at most `maxBytes`, never `keep` (the copy in use).
 * Returns the paths removed. Throws nothing (files that vanish or cannot be removed are skipped).
 */
export function pruneGunzipCache(maxBytes: number, keep?: string, dir: string = GUNZIP_CACHE_DIR): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  const remove = (path: string) => {
    try {
      rmSync(path, { force: true });
      removed.push(path);
    } catch {
      // Removed by another process, or in use on a platform that forbids it: next time.
    }
  };
  const copies: { path: string; size: number; used: number }[] = [];
  for (const name of names) {
    const path = join(dir, name);
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch {
      continue;
    }
    const temp = /\.tmp-(\d+)-/.exec(name);
    if (temp) {
      if (!processAlive(Number(temp[1])) || Date.now() - stat.mtimeMs > STALE_TEMP_MS) remove(path);
    } else if (stat.isFile()) {
      copies.push({ path, size: stat.size, used: stat.mtimeMs });
    }
  }
  copies.sort((a, b) => b.used - a.used);
  // The copy in use counts first: it stays whatever its age.
  let total = copies.find((copy) => copy.path === keep)?.size ?? 0;
  for (const copy of copies) {
    if (copy.path === keep) continue;
    total += copy.size;
    if (total > maxBytes) {
      remove(copy.path);
      total -= copy.size;
    }
  }
  return removed;
}

/** The error for a `.gz` file that zlib could not decompress (`failure` is zlib's message). */
export function corruptGzipError(path: string, failure: string): TrajectoryError {
  return new TrajectoryError(path, {}, `truncated or corrupt gzip data (${failure}); expected a complete .gz file`);
}

function readAll(fd: number, bytes: Buffer, position: number): void {
  for (let done = 0; done < bytes.length; ) {
    const got = readSync(fd, bytes, done, bytes.length - done, position + done);
    if (got === 0) throw new Error('file shrank while its cache key was read');
    done += got;
  }
}
