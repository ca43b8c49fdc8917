import { existsSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { TrajectoryError } from '../../../src/core/io/frame';
import { GUNZIP_CACHE_DIR, gunzipCachePath } from '../../../src/core/io/gunzip';
import { openTrajectory } from '../../../src/core/io/open';
import { openTrajectoryStreaming } from '../../../src/core/io/openStreaming';
import { useTmpDir } from './tmpDir';

const tmp = useTmpDir();
const SAMPLE_GZ = join(__dirname, '../../../samples/ka3d/ka3d_is.dump.gz');
/** The 3D sample as plain text: 350 frames of 1000 Kob-Andersen atoms, ~40 kB each. */
const sampleText = gunzipSync(readFileSync(SAMPLE_GZ));
const cacheFiles = new Set<string>();
afterAll(() => {
  for (const path of cacheFiles) if (existsSync(path)) unlinkSync(path);
});

describe('openTrajectoryStreaming', () => {
  const plain = tmp.file('ka3d.dump', sampleText);
  const reference = openTrajectory(plain);
  afterAll(() => reference.close());

  it('resolves with frame 0 readable while the index still grows, and ends with the same frames as openTrajectory', async () => {
    const counts: number[] = [];
    // 64 kB chunks: frame 0 (~40 kB) is complete after the first or second chunk of ~14 MB.
    const t = await openTrajectoryStreaming(plain, { chunkBytes: 1 << 16, onProgress: (frames) => counts.push(frames) });
    const atOpen = t.frameCount;
    expect(atOpen).toBeGreaterThanOrEqual(1);
    expect(atOpen).toBeLessThan(reference.frameCount);
    expect(t.readFrame(0)).toEqual(reference.readFrame(0));
    await t.indexed;
    expect(t.frameCount).toBe(reference.frameCount);
    expect(reference.frameCount).toBe(350);
    // The frame count grows monotonically, chunk after chunk.
    expect(counts.length).toBeGreaterThan(100);
    expect(counts.every((c, i) => i === 0 || c >= counts[i - 1])).toBe(true);
    for (const k of [1, 175, 349]) expect(t.readFrame(k)).toEqual(reference.readFrame(k));
    t.close();
  });

  it('decompresses a .gz on the way into the gunzip cache, then reuses the cached copy', async () => {
    const gz = tmp.file('stream.dump.gz', gzipSync(sampleText));
    const cached = gunzipCachePath(gz);
    cacheFiles.add(cached);
    const t = await openTrajectoryStreaming(gz);
    expect(t.path).toBe(gz);
    await t.indexed;
    expect(t.frameCount).toBe(350);
    expect(t.readFrame(200)).toEqual(reference.readFrame(200));
    expect(readFileSync(cached).equals(sampleText)).toBe(true);
    t.close();
    expect(readdirSync(GUNZIP_CACHE_DIR).filter((name) => name.includes('-stream.dump.tmp-'))).toEqual([]);
    const again = await openTrajectoryStreaming(gz);
    await again.indexed;
    expect(again.readFrame(349)).toEqual(reference.readFrame(349));
    again.close();
  });

  it('a one-frame .gz (frame 0 complete only at the end of the data) opens from the renamed cache copy', async () => {
    const text = sampleText.toString('latin1');
    const oneFrame = text.slice(0, text.indexOf('ITEM: TIMESTEP', 10));
    const gz = tmp.file('one.dump.gz', gzipSync(oneFrame));
    cacheFiles.add(gunzipCachePath(gz));
    const t = await openTrajectoryStreaming(gz);
    await t.indexed;
    expect(t.frameCount).toBe(1);
    expect(t.readFrame(0)).toEqual(reference.readFrame(0));
    t.close();
  });

  it('a truncated last frame: earlier frames stay readable and `indexed` names frame and line', async () => {
    const text = sampleText.toString('latin1');
    const cut = text.lastIndexOf('ITEM: ATOMS');
    // Keep the last frame's header and 10 of its 1000 atom lines.
    const kept = text
      .split('\n')
      .slice(0, text.slice(0, cut).split('\n').length + 10)
      .join('\n');
    const end = `${kept}\n`;
    const truncated = tmp.file('truncated.dump', end);
    const t = await openTrajectoryStreaming(truncated, { chunkBytes: 1 << 16 });
    const failure = await t.indexed.then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(TrajectoryError);
    expect((failure as TrajectoryError).where.frame).toBe(349);
    expect((failure as Error).message).toMatch(
      /truncated frame: expected 1000 atom lines after 'ITEM: ATOMS' \(line \d+\), file ends after 10/,
    );
    expect(t.frameCount).toBe(349);
    expect(t.readFrame(348)).toEqual(reference.readFrame(348));
    t.close();
  });

  it('extended XYZ streams the same way: same frames as openTrajectory, for any chunk size', async () => {
    const frames = Array.from(
      { length: 40 },
      (_, k) =>
        `3\nLattice="5 0 0 0 5 0 0 0 5" Properties=species:S:1:pos:R:3:c_pe:R:1 Timestep=${10 * k}\nA 0.5 0.5 ${0.01 * k} -6.1\nB 1.5 2.5 3.5 -5.2\nA 4 4 4.5 ${-k}\n`,
    ).join('');
    const xyz = tmp.file('small.extxyz', frames);
    const expected = openTrajectory(xyz);
    for (const chunkBytes of [7, 64, 1 << 20]) {
      const t = await openTrajectoryStreaming(xyz, { chunkBytes });
      await t.indexed;
      expect(t.frameCount).toBe(40);
      expect(t.speciesNames).toEqual(['A', 'B']);
      for (const k of [0, 17, 39]) expect(t.readFrame(k)).toEqual(expected.readFrame(k));
      t.close();
    }
    expect(expected.readFrame(39).timestep).toBe(390);
    expect(Array.from(expected.readFrame(39).columns.get('c_pe')!)).toEqual([-6.1, -5.2, -39]);
    expected.close();
  });

  it('a malformed frame 0 rejects the open with file, frame, line and what was expected', async () => {
    const broken = tmp.file(
      'broken.lammpstrj',
      'ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n2\nITEM: BOX BOUNDS pp pp pp\n0 5\n0 5\n0 5\nITEM: ATOMS id type x y z\n1 1 0 0 0\n2 1 1 oops 1\n',
    );
    await expect(openTrajectoryStreaming(broken)).rejects.toThrow(/broken\.lammpstrj \(frame 0, line 11\): .*oops/);
  });

  it('a corrupt .gz rejects with the gzip error and leaves no temp file in the cache', async () => {
    const gz = gzipSync(sampleText.subarray(0, 200_000));
    const bad = tmp.file('bad.dump.gz', gz.subarray(0, gz.length - 40));
    cacheFiles.add(gunzipCachePath(bad));
    // 200 kB of text: frame 0 may be indexed before the gzip data ends, so the error can come either way.
    const failure = await openTrajectoryStreaming(bad)
      .then(
        (t) => t.indexed.finally(() => t.close()),
        (e: unknown) => e,
      )
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TrajectoryError);
    expect((failure as Error).message).toMatch(/bad\.dump\.gz: truncated or corrupt gzip data \(unexpected end of file\)/);
    expect(readdirSync(GUNZIP_CACHE_DIR).filter((name) => name.includes('-bad.dump.tmp-'))).toEqual([]);
  });

  it('close() stops indexing at once (AbortError) and the open trajectory refuses further reads', async () => {
    const t = await openTrajectoryStreaming(plain, { chunkBytes: 1 << 12 });
    t.close();
    await expect(t.indexed).rejects.toThrow(/abort/i);
    expect(t.frameCount).toBeLessThan(350);
    expect(() => t.readFrame(0)).toThrow(/closed/);
  });
});
