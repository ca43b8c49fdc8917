import { closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';
import { registerTemp, releaseTemp, removeStaleTemps } from './tempFiles';

/**
 * Writes a file so that readers only ever see the old or the complete new content: `write`
 * fills a temp file `<path>.tmp-<pid>-<thread>-<n>` beside it through its file descriptor,
 * which is then fsynced and renamed over `path` (rename is atomic within one file system). On
 * any error the temp file is removed and the error rethrown; `path` is left untouched. The temp
 * file is registered (tempFiles.ts), so exit and SIGINT/SIGTERM/SIGHUP remove it, and temp
 * files of earlier writers of `path` that were killed hard are removed first.
 */
export function writeThroughTempFile(path: string, write: (fd: number) => void): void {
  removeStaleTemps(path);
  const temp = registerTemp(path);
  try {
    const fd = openSync(temp, 'w');
    try {
      write(fd);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  } finally {
    releaseTemp(temp);
  }
}

/**
 * Atomically replaces `path` with `data` (UTF-8 for strings), for JSON/CSV/HTML outputs.
 * Throws Node's error when the directory is not writable.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  writeThroughTempFile(path, (fd) => writeAll(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data));
}

/** Writes every byte of `bytes` at the current position of `fd` (writeSync may write less). */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

/**
 * Throws Error when `outPath` names the same file as one of `inputPaths` (after resolving
 * symlinks and `..`), so an analysis can never overwrite its own input trajectory.
 */
export function assertNotAnInput(outPath: string, inputPaths: readonly string[]): void {
  const target = canonical(outPath);
  const clash = inputPaths.find((input) => canonical(input) === target);
  if (clash !== undefined) throw new Error(`refusing to write ${outPath}: it is the input file ${clash}`);
}

/** Absolute path with symlinks resolved; for a file that does not exist yet, via its directory. */
function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/** Bytes the probe of checkWritable writes and syncs: enough for a full disk to refuse them. */
const PROBE_BYTES = 64 * 1024;
let probes = 0;

/**
 * Fails fast, before any computation, when `outPath` cannot be written: creates a probe file
 * `.<name>.probe-<pid>-<thread>-<n>` in the target folder, writes and fsyncs 64 kB (so a full
 * disk or exhausted quota refuses), and removes it. Call it where a statement or command knows
 * its output path, before it reads or computes anything.
 *
 * Throws Error `cannot write <outPath>: <meaning> (<code>, <folder>)`, e.g. "the folder does not
 * exist", "permission denied", "read-only file system", "no space left on the device", and
 * Error when `outPath` is an existing folder.
 */
export function checkWritable(outPath: string): void {
  const target = resolve(outPath);
  let isFolder = false;
  try {
    isFolder = statSync(target).isDirectory();
  } catch {
    // A missing output is the usual case; the folder is probed below.
  }
  if (isFolder) throw new Error(`cannot write ${outPath}: it is a folder, expected a file name`);
  const folder = dirname(target);
  const probe = join(folder, `.${basename(target)}.probe-${process.pid}-${threadId}-${probes++}`);
  let fd: number | null = null;
  try {
    fd = openSync(probe, 'wx');
    writeAll(fd, new Uint8Array(PROBE_BYTES));
    fsyncSync(fd);
  } catch (e) {
    throw unwritable(outPath, folder, e as NodeJS.ErrnoException);
  } finally {
    if (fd !== null) {
      closeSync(fd);
      rmSync(probe, { force: true });
    }
  }
}

const ERRNO_MEANING: Readonly<Record<string, string>> = {
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EACCES: 'permission denied (the folder is not writable for this user)',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'it is a folder',
  ENAMETOOLONG: 'the file name is too long',
  EIO: 'input/output error of the device',
};

/** The Error of checkWritable for a failed probe in `folder`. Exported for tests of each errno. */
export function unwritable(outPath: string, folder: string, error: NodeJS.ErrnoException): Error {
  const code = error.code ?? 'unknown error';
  const meaning = ERRNO_MEANING[code] ?? error.message;
  return new Error(`cannot write ${outPath}: ${meaning} (${code}, ${folder})`);
}
