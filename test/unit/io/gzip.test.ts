import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { TrajectoryError } from '../../../src/core/io/frame';
import { GUNZIP_CACHE_DIR, plainTextPath, pruneGunzipCache } from '../../../src/core/io/gunzip';
import { openTrajectory } from '../../../src/core/io/open';
import { LAMMPS_FIXTURES, useTmpDir } from './tmpDir';

const tmp = useTmpDir();
const cacheFiles = new Set<string>();
afterAll(() => {
  for (const path of cacheFiles) if (existsSync(path)) unlinkSync(path);
});

function cachedCopy(path: string): string {
  const cached = plainTextPath(path);
  cacheFiles.add(cached);
  return cached;
}

describe('.gz trajectories', () => {
  const plainPath = join(LAMMPS_FIXTURES, 'triclinic_image.lammpstrj');
  const plain = readFileSync(plainPath);
  const gzPath = tmp.file('triclinic_image.lammpstrj.gz', gzipSync(plain));

  it('read identically to the plain file, and errors name the .gz', () => {
    const progress: number[][] = [];
    const a = openTrajectory(plainPath);
    const b = openTrajectory(gzPath, { onProgress: (done, total) => progress.push([done, total]) });
    cachedCopy(gzPath);
    expect(b.path).toBe(gzPath);
    expect(b.frameCount).toBe(3);
    for (let k = 0; k < 3; k++) expect(b.readFrame(k)).toEqual(a.readFrame(k));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
    a.close();
    b.close();
  });

  it('decompresses once into the cache, keyed by content: reused for the same bytes, never stale for new ones', () => {
    // Stored (level 0) gzip: the compressed size depends only on the plain size.
    const path = tmp.file('replaced.lammpstrj.gz', gzipSync(plain, { level: 0 }));
    const first = cachedCopy(path);
    expect(first.startsWith(GUNZIP_CACHE_DIR)).toBe(true);
    expect(first.endsWith('-replaced.lammpstrj')).toBe(true);
    expect(readFileSync(first).equals(plain)).toBe(true);
    expect(cachedCopy(path)).toBe(first);
    // Touched (same bytes, new mtime): the same copy.
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect(cachedCopy(path)).toBe(first);
    // Replaced by other data of the same size, with the same mtime: a new copy of the new data.
    const { size, mtime } = statSync(path);
    const other = Buffer.from(plain.toString('latin1').replace('ITEM: TIMESTEP\n0\n', 'ITEM: TIMESTEP\n7\n'), 'latin1');
    writeFileSync(path, gzipSync(other, { level: 0 }));
    utimesSync(path, mtime, mtime);
    expect(statSync(path).size).toBe(size);
    const second = cachedCopy(path);
    expect(second).not.toBe(first);
    expect(readFileSync(second).equals(other)).toBe(true);
  });

  it('a truncated .gz is a TrajectoryError naming the file, and leaves nothing in the cache', () => {
    const compressed = gzipSync(plain);
    const truncated = tmp.file('cut.lammpstrj.gz', compressed.subarray(0, compressed.length >> 1));
    let error: unknown;
    try {
      openTrajectory(truncated);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TrajectoryError);
    expect((error as Error).message).toBe(
      `${truncated}: truncated or corrupt gzip data (unexpected end of file); expected a complete .gz file`,
    );
    expect(readdirSync(GUNZIP_CACHE_DIR).filter((f) => f.includes('-cut.lammpstrj'))).toEqual([]);
    const garbage = tmp.file('garbage.xyz.gz', Buffer.from('this is not gzip'));
    expect(() => openTrajectory(garbage)).toThrow(/garbage\.xyz\.gz: truncated or corrupt gzip data \(incorrect header check\)/);
  });

  it('XYZ works gzipped too', () => {
    const path = tmp.file('two.xyz.gz', gzipSync('1\n\nAr 1 2 3\n1\n\nAr 4 5 6\n'));
    const t = openTrajectory(path);
    cachedCopy(path);
    expect(t.format).toBe('xyz');
    expect(Array.from(t.readFrame(1).positions)).toEqual([4, 5, 6]);
    t.close();
  });
});

describe('the gunzip cache is bounded and cleaned', () => {
  it('prunes least recently used copies beyond the cap, keeps the copy in use, and removes stale temp files', () => {
    const dir = join(tmp.dir, 'cache');
    mkdirSync(dir);
    const entry = (name: string, bytes: number, ageSeconds: number) => {
      const path = join(dir, name);
      writeFileSync(path, Buffer.alloc(bytes));
      const when = new Date(Date.now() - ageSeconds * 1000);
      utimesSync(path, when, when);
      return path;
    };
    const old = entry('a-old.dump', 1000, 3000);
    const mid = entry('b-mid.dump', 1000, 2000);
    const inUse = entry('c-in-use.dump', 1000, 4000);
    const fresh = entry('d-fresh.dump', 1000, 1000);
    // A temp file of a process that is gone (pid 2^22 + 1 is above Linux's largest pid) and one of ours.
    const deadTemp = entry('e.dump.tmp-4194305-0-0', 10, 0);
    const liveTemp = entry(`f.dump.tmp-${process.pid}-0-0`, 10, 0);
    const removed = pruneGunzipCache(2000, inUse, dir);
    expect(removed.sort()).toEqual([old, mid, deadTemp].sort());
    expect([fresh, inUse, liveTemp].every((path) => existsSync(path))).toBe(true);
    expect(pruneGunzipCache(2000, inUse, join(tmp.dir, 'no-such-cache'))).toEqual([]);
  });

  it('a decompression cut short (signal, error) leaves no temp file in the cache', () => {
    const before = readdirSync(GUNZIP_CACHE_DIR).filter((name) => name.includes('.tmp-'));
    const bad = tmp.file('half.lammpstrj.gz', gzipSync(readFileSync(join(LAMMPS_FIXTURES, 'ortho_image.lammpstrj'))).subarray(0, 500));
    expect(() => openTrajectory(bad)).toThrow(/truncated or corrupt gzip data/);
    expect(readdirSync(GUNZIP_CACHE_DIR).filter((name) => name.includes('.tmp-'))).toEqual(before);
  });
});
