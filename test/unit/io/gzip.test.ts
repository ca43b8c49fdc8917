import { existsSync, readdirSync, readFileSync, unlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { TrajectoryError } from '../../../src/core/io/frame';
import { GUNZIP_CACHE_DIR, plainTextPath } from '../../../src/core/io/gunzip';
import { openTrajectory } from '../../../src/core/io/open';
import { LAMMPS_FIXTURES, useTmpDir } from './tmpDir';

const tmp = useTmpDir();
const cacheFiles = new Set<string>();
afterAll(() => cacheFiles.forEach((path) => existsSync(path) && unlinkSync(path)));

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

  it('decompresses once into the cache (same copy reused), and again when the .gz changes', () => {
    const first = cachedCopy(gzPath);
    expect(first.startsWith(GUNZIP_CACHE_DIR)).toBe(true);
    expect(first.endsWith('-triclinic_image.lammpstrj')).toBe(true);
    expect(readFileSync(first).equals(plain)).toBe(true);
    expect(cachedCopy(gzPath)).toBe(first);
    utimesSync(gzPath, new Date(), new Date(Date.now() + 5000));
    const second = cachedCopy(gzPath);
    expect(second).not.toBe(first);
    expect(readFileSync(second).equals(plain)).toBe(true);
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
