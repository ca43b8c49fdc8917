import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { PreviewFrame, PreviewToWebview } from '../../../src/protocol/previewMessages';
import { PreviewSession } from '../../../src/worker/preview/previewSession';
import { useTmpDir } from '../io/tmpDir';

const root = path.resolve(__dirname, '../../..');
const KA3D = path.join(root, 'samples/ka3d/ka3d_is.dump.gz');
const SHEAR2D = path.join(root, 'samples/shear2d/shear2d.dump.gz');
const tmp = useTmpDir();
const kaText = gunzipSync(readFileSync(KA3D)).toString('latin1');
const plainKa = tmp.file('ka3d.lammpstrj', kaText);
const GR = { rMax: 3, binWidth: 0.05 };

/** A session on `file` recording every message; `until(pred)` waits for a message matching pred. */
function record(file: string, chunkBytes?: number) {
  const messages: PreviewToWebview[] = [];
  const waiters: Array<() => void> = [];
  const session = new PreviewSession({
    file,
    pairCorrelation: GR,
    chunkBytes,
    progressIntervalMs: 0,
    send: (m) => {
      messages.push(m);
      for (const w of waiters.splice(0)) w();
    },
  });
  const until = async <T extends PreviewToWebview['type']>(
    type: T,
    pred: (m: Extract<PreviewToWebview, { type: T }>) => boolean = () => true,
  ): Promise<Extract<PreviewToWebview, { type: T }>> => {
    for (;;) {
      const found = messages.find(
        (m): m is Extract<PreviewToWebview, { type: T }> => m.type === type && pred(m as Extract<PreviewToWebview, { type: T }>),
      );
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { session, messages, until };
}

/**
 * Independent reference: g_AB(r) by brute force over all pairs with the minimum image in a cubic
 * box of side L (valid for r < L/2), normalised by the ideal-gas count in each spherical shell.
 */
function bruteForceGr(positions: Float32Array, species: Uint8Array, L: number, a: number, b: number, rMax: number, dr: number): number[] {
  const nBins = Math.round(rMax / dr);
  const counts = new Array<number>(nBins).fill(0);
  const n = species.length;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < n; i++) {
    if (species[i] === a) na++;
    if (species[i] === b) nb++;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j || species[i] !== a || species[j] !== b) continue;
      let d2 = 0;
      for (let k = 0; k < 3; k++) {
        let d = positions[3 * j + k] - positions[3 * i + k];
        d -= L * Math.round(d / L);
        d2 += d * d;
      }
      const bin = Math.floor(Math.sqrt(d2) / dr);
      if (bin < nBins) counts[bin]++;
    }
  }
  const pairsPerVolume = (na * (a === b ? na - 1 : nb)) / L ** 3;
  return counts.map((c, k) => c / (pairsPerVolume * (4 / 3) * Math.PI * ((k + 1) ** 3 - k ** 3) * dr ** 3));
}

describe('PreviewSession (the preview worker protocol)', () => {
  it('summary from frame 0, a growing frame count, then the final count and timestep range', async () => {
    const { session, messages, until } = record(plainKa, 1 << 16);
    await session.start();
    const summary = await until('summary');
    expect(summary.summary).toMatchObject({
      file: plainKa,
      format: 'lammps-dump',
      n: 1000,
      dimension: 3,
      speciesNames: ['A', 'B'],
      speciesCounts: [800, 200],
      columns: [],
      firstTimestep: 0,
    });
    expect(summary.summary.box).toEqual({
      lo: [0, 0, 0],
      lx: 9.41036028881028,
      ly: 9.41036028881028,
      lz: 9.41036028881028,
      xy: 0,
      xz: 0,
      yz: 0,
      periodic: [true, true, true],
    });
    expect(summary.indexing).toBe(true);
    expect(summary.frames).toBeLessThan(350);
    const indexed = await until('indexed');
    const steps = [...kaText.matchAll(/ITEM: TIMESTEP\n(\d+)/g)].map((m) => Number(m[1]));
    expect(indexed).toEqual({ type: 'indexed', frames: steps.length, lastTimestep: steps.at(-1) });
    const progress = messages.filter((m) => m.type === 'progress').map((m) => (m as { frames: number }).frames);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1])).toBe(true);
    session.close();
  });

  it('a frame: wrapped positions, species, and partial g(r) equal to a brute-force minimum-image count', async () => {
    const { session, until } = record(KA3D);
    await session.start();
    session.request(1, 120);
    const { frame } = await until('frame');
    const L = 9.41036028881028;
    expect(frame.index).toBe(120);
    expect(frame.timestep).toBe(Number([...kaText.matchAll(/ITEM: TIMESTEP\n(\d+)/g)][120][1]));
    expect(frame.positions.length).toBe(3000);
    expect(frame.positions.every((x) => x >= 0 && x <= L)).toBe(true);
    expect(frame.cell).toEqual({ origin: [0, 0, 0], a: [L, 0, 0], b: [0, L, 0], c: [0, 0, L] });
    expect(frame.gr!.pairs.map((p) => p.label)).toEqual(['A-A', 'A-B', 'B-B']);
    for (const [index, [a, b]] of [
      [0, 0],
      [0, 1],
      [1, 1],
    ].entries()) {
      const reference = bruteForceGr(frame.positions, frame.species, L, a, b, GR.rMax, GR.binWidth);
      const g = Array.from(frame.gr!.pairs[index].g);
      for (const [k, value] of g.entries()) expect(value).toBeCloseTo(reference[k], 3);
    }
    // Kob-Andersen inherent structures: the A-B peak (sigma_AB = 0.8) comes before the A-A peak (sigma_AA = 1).
    const peak = (g: Float32Array) => frame.gr!.r[g.indexOf(Math.max(...g))];
    expect(peak(frame.gr!.pairs[1].g)).toBeLessThan(peak(frame.gr!.pairs[0].g));
    expect(peak(frame.gr!.pairs[0].g)).toBeGreaterThan(0.95);
    expect(peak(frame.gr!.pairs[0].g)).toBeLessThan(1.15);
    session.close();
  });

  it('serves only the newest of requests that arrive together, and waits for frames not indexed yet', async () => {
    const { session, messages, until } = record(plainKa, 1 << 14);
    await session.start();
    session.request(1, 3);
    session.request(2, 7);
    session.request(3, 349);
    const answer = await until('frame');
    expect(answer.request).toBe(3);
    expect(answer.frame.index).toBe(349);
    // Frame 349 is the last: it could only be served once the index reached it.
    const reached = messages.findIndex((m) => (m.type === 'progress' || m.type === 'indexed') && m.frames === 350);
    expect(reached).toBeGreaterThan(0);
    expect(messages.findIndex((m) => m.type === 'frame')).toBeGreaterThan(reached);
    expect(messages.filter((m) => m.type === 'frame' || m.type === 'frameError').length).toBe(1);
    session.close();
  });

  it('2D sheared sample: dimension 2, triclinic box with its tilt, extra columns, 2D g(r)', async () => {
    const { session, until } = record(SHEAR2D);
    await session.start();
    const { summary } = await until('summary');
    expect(summary.dimension).toBe(2);
    expect(summary.n).toBe(1000);
    expect(summary.columns).toEqual(['xu', 'yu']);
    await until('indexed');
    session.request(1, 200);
    const { frame } = await until('frame');
    const text = gunzipSync(readFileSync(SHEAR2D)).toString('latin1');
    const lastBox = [...text.matchAll(/BOX BOUNDS xy xz yz pp pp pp\n(\S+) (\S+) (\S+)/g)].at(-1)!;
    const xy = Number(lastBox[3]);
    expect(xy).not.toBe(0);
    expect(frame.cell!.b[0]).toBeCloseTo(xy, 10);
    expect(frame.columns.map((c) => c.name)).toEqual(['xu', 'yu']);
    expect(frame.gr!.pairs.map((p) => p.label)).toEqual(['A-A', 'A-B', 'B-B']);
    session.close();
  });

  it('a GSD file (read whole by the GSD reader): summary, frames and g(r) like the text formats', async () => {
    const gsd = path.join(root, 'test/fixtures/io/gsd/ka3d.gsd');
    const expected = JSON.parse(readFileSync(path.join(root, 'test/fixtures/io/gsd/expected.json'), 'utf8')).ka3d as {
      types: string[];
      frames: Array<{ step: number }>;
    };
    const { session, until } = record(gsd);
    await session.start();
    const { summary } = await until('summary');
    expect(summary.format).toBe('gsd');
    expect(summary.speciesNames).toEqual(expected.types);
    expect(await until('indexed')).toEqual({ type: 'indexed', frames: expected.frames.length, lastTimestep: expected.frames.at(-1)!.step });
    session.request(1, 1);
    const { frame } = await until('frame');
    expect(frame.timestep).toBe(expected.frames[1].step);
    expect(frame.gr!.pairs.length).toBe((expected.types.length * (expected.types.length + 1)) / 2);
    session.close();
  });

  it('closing before frame 0 is indexed stops the open: nothing is sent', async () => {
    const { session, messages } = record(plainKa, 1 << 10);
    const started = session.start();
    session.close();
    await started;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(messages.filter((m) => m.type !== 'progress')).toEqual([]);
  });

  it('errors reach the webview messages with file, frame, line and what was expected', async () => {
    // Not a dump at all: nothing to show but the error.
    const garbage = tmp.file('garbage.dump', 'hello\nworld\n');
    const bad = record(garbage);
    await bad.session.start();
    expect(bad.messages).toEqual([
      {
        type: 'fatal',
        error: {
          file: garbage,
          line: 1,
          frame: 0,
          message: expect.stringMatching(/garbage\.dump \(frame 0, line 1\): expected an 'ITEM:' line starting a frame, found 'hello'/),
        },
      },
    ]);
    // Frame 2 has a non-numeric coordinate, and the last frame is cut short.
    const frames = kaText.split(/(?=ITEM: TIMESTEP)/).slice(0, 4);
    frames[2] = frames[2].replace(/\n(5 \d \S+) \S+/, '\n$1 nan?');
    frames[3] = frames[3].slice(0, frames[3].lastIndexOf('\n', 2000) + 1);
    const broken = tmp.file('broken.dump', frames.join(''));
    const { session, until } = record(broken);
    await session.start();
    const indexed = await until('indexed');
    expect(indexed.frames).toBe(3);
    expect(indexed.error).toMatchObject({
      file: broken,
      frame: 3,
      message: expect.stringMatching(/truncated frame: expected 1000 atom lines/),
    });
    session.request(1, 2);
    const failed = await until('frameError');
    expect(failed).toMatchObject({ request: 1, frame: 2, error: { file: broken, frame: 2 } });
    const atomLine = 2 * (9 + 1000) + 9 + [...frames[2].split('\n').slice(9).entries()].find(([, l]) => l.includes('nan?'))![0] + 1;
    expect(failed.error.line).toBe(atomLine);
    expect(failed.error.message).toMatch(/nan\?/);
    session.request(2, 1);
    expect(((await until('frame')) as { frame: PreviewFrame }).frame.index).toBe(1);
    session.close();
  });
});
