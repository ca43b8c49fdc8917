import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { checkWritable, unwritable, writeFileAtomic, writeThroughTempFile } from '../../../src/core/io/atomicWrite';
import { liveTemps, registerTemp, removeTempsOfThread } from '../../../src/core/io/tempFiles';
import { useTmpDir } from './tmpDir';

const tmp = useTmpDir();
const tempsBeside = (dir: string) => readdirSync(dir).filter((name) => name.includes('.tmp-') || name.includes('.probe-'));

describe('checkWritable fails before any computation, naming the path and what is wrong', () => {
  it('passes for a writable folder and leaves nothing behind', () => {
    const dir = join(tmp.dir, 'ok');
    mkdirSync(dir);
    checkWritable(join(dir, 'out.csv'));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a missing folder, a file used as a folder, a folder as the output', () => {
    const missing = join(tmp.dir, 'no-such-folder', 'out.csv');
    expect(() => checkWritable(missing)).toThrow(
      `cannot write ${missing}: the folder does not exist (ENOENT, ${join(tmp.dir, 'no-such-folder')})`,
    );
    const file = tmp.file('plain.txt', 'x');
    expect(() => checkWritable(join(file, 'out.csv'))).toThrow(
      /cannot write .*plain\.txt\/out\.csv: a part of the path is a file, not a folder \(ENOTDIR/,
    );
    expect(() => checkWritable(tmp.dir)).toThrow(`cannot write ${tmp.dir}: it is a folder, expected a file name`);
  });

  it('read-only and full locations get their meaning (errno of the probe)', () => {
    const error = (code: string) => Object.assign(new Error(`${code}: raw`), { code });
    expect(unwritable('/data/out.dump', '/data', error('EROFS')).message).toBe(
      'cannot write /data/out.dump: read-only file system (EROFS, /data)',
    );
    expect(unwritable('/data/out.dump', '/data', error('ENOSPC')).message).toBe(
      'cannot write /data/out.dump: no space left on the device (ENOSPC, /data)',
    );
    expect(unwritable('/data/out.dump', '/data', error('EACCES')).message).toMatch(/permission denied .*\(EACCES, \/data\)$/);
    expect(unwritable('/data/out.dump', '/data', error('EWHATEVER')).message).toBe(
      'cannot write /data/out.dump: EWHATEVER: raw (EWHATEVER, /data)',
    );
  });

  it('a folder without write permission (when not running as root)', () => {
    if (process.getuid?.() === 0) return; // root writes anywhere: covered by the errno test above.
    const dir = join(tmp.dir, 'locked');
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    expect(() => checkWritable(join(dir, 'out.csv'))).toThrow(/permission denied/);
    chmodSync(dir, 0o755);
  });
});

describe('atomic writes leave no temp file, whatever happens', () => {
  it('a failing writer: output untouched, temp removed and unregistered', () => {
    const out = tmp.file('kept.csv', 'old');
    expect(() =>
      writeThroughTempFile(out, () => {
        throw new Error('disk on fire');
      }),
    ).toThrow('disk on fire');
    expect(readFileSync(out, 'utf8')).toBe('old');
    expect(tempsBeside(tmp.dir)).toEqual([]);
    expect(liveTemps()).toEqual([]);
  });

  it('the temp files of a terminated worker thread are removed by removeTempsOfThread (its threadId)', () => {
    const temp = registerTemp(join(tmp.dir, 'thread.dump'));
    writeFileSync(temp, 'partial');
    removeTempsOfThread(1);
    expect(existsSync(temp)).toBe(true);
    removeTempsOfThread(0); // this test runs on the main thread, threadId 0
    expect(existsSync(temp)).toBe(false);
    expect(liveTemps()).toEqual([]);
  });

  it('temp files of a writer killed hard (its pid gone) are removed by the next write of the same output', () => {
    const out = join(tmp.dir, 'stale.csv');
    writeFileSync(`${out}.tmp-4194305-0-0`, 'left by SIGKILL');
    writeFileSync(`${out}.tmp-${process.pid}-9-9`, 'a live writer of this process');
    writeFileAtomic(out, 'new');
    expect(readFileSync(out, 'utf8')).toBe('new');
    expect(existsSync(`${out}.tmp-4194305-0-0`)).toBe(false);
    expect(existsSync(`${out}.tmp-${process.pid}-9-9`)).toBe(true);
  });

  const child = join(tmp.dir, 'tempFileChild.cjs');
  buildSync({
    entryPoints: [join(__dirname, 'tempFileChild.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: child,
    logLevel: 'silent',
  });

  /** Runs the child writing `target` (on its main thread or in a worker), sends `signal` once it is ready; resolves to how it ended. */
  function killWhileWriting(target: string, where: 'main' | 'worker', signal: NodeJS.Signals): Promise<NodeJS.Signals | null> {
    return new Promise((resolve, reject) => {
      const proc = spawn(process.execPath, [child, target, where], { stdio: ['ignore', 'pipe', 'inherit'] });
      proc.stdout.on('data', (data: Buffer) => {
        // Let the worker's announcement reach the main thread first.
        if (data.toString().includes('ready')) setTimeout(() => proc.kill(signal), 200);
      });
      proc.on('error', reject);
      proc.on('exit', (_code, ended) => resolve(ended));
    });
  }

  for (const [where, signal] of [
    ['main', 'SIGTERM'],
    ['main', 'SIGINT'],
    ['worker', 'SIGTERM'],
  ] as const) {
    it(`${signal} while ${where === 'main' ? 'the main thread' : 'a worker thread'} writes: the temp file is removed and the process still ends by the signal`, async () => {
      const dir = join(tmp.dir, `${where}-${signal}`);
      mkdirSync(dir);
      const ended = await killWhileWriting(join(dir, 'out.dump'), where, signal);
      expect(ended).toBe(signal);
      expect(readdirSync(dir)).toEqual([]);
    });
  }
});
