import { closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Writes a file so that readers only ever see the old or the complete new content: `write`
 * fills `<path>.tmp-<pid>` through its file descriptor, which is then fsynced and renamed over
 * `path` (rename is atomic within one file system). On any error the temp file is removed and
 * the error rethrown; `path` is left untouched.
 */
export function writeThroughTempFile(path: string, write: (fd: number) => void): void {
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w');
  try {
    try {
      write(fd);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  renameSync(temp, path);
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
