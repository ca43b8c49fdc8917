import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import { writeAll } from '../src/core/io/atomicWrite';
import type { PreviewToWebview, PreviewWorkerData } from '../src/protocol/previewMessages';

export interface PreviewBenchResult {
  readonly fileBytes: number;
  readonly frames: number;
  /** From starting the worker to receiving frame 0 (summary included), ms. */
  readonly firstFrameMs: number;
  /** From starting the worker to the end of indexing, s, and the resulting throughput. */
  readonly indexSeconds: number;
  readonly indexMBps: number;
  /** Median and slowest round trip of a request for a random frame after indexing, ms. */
  readonly switchMedianMs: number;
  readonly switchMaxMs: number;
  readonly particles: number;
  /** Largest growth of this process's RSS while the worker ran (MiB): the worker's index, frames and relay. */
  readonly peakExtraMiB: number;
}

/**
 * Writes `targetBytes` (or a little more) of LAMMPS dump by repeating the text of `sample`
 * (a .gz) with timesteps shifted so they keep increasing, one copy of the sample per write (memory
 * stays one copy of the sample). Returns the file's path inside a fresh temp directory.
 */
export function repeatedDumpOfSize(sample: string, targetBytes: number): string {
  const text = gunzipSync(readFileSync(sample)).toString('latin1');
  const steps = [...text.matchAll(/ITEM: TIMESTEP\n(\d+)/g)].map((m) => Number(m[1]));
  const span = steps[steps.length - 1] - steps[0] + (steps[1] - steps[0]);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'softness-preview-bench-')), 'big.dump');
  const fd = openSync(file, 'w');
  try {
    for (let r = 0, written = 0; written < targetBytes; r++) {
      const copy = Buffer.from(
        text.replace(/ITEM: TIMESTEP\n(\d+)/g, (_, t: string) => `ITEM: TIMESTEP\n${Number(t) + r * span}`),
        'latin1',
      );
      writeAll(fd, copy);
      written += copy.length;
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

/**
 * Writes the first `frames` frames of `sample` (a .gz dump of a cubic periodic box with columns
 * `id type xu yu zu`) tiled `copies` x `copies` x `copies` times (ids renumbered, box enlarged),
 * to time the preview on large frames. Returns the file's path inside a fresh temp directory.
 */
export function tiledDump(sample: string, frames: number, copies: number): string {
  const text = gunzipSync(readFileSync(sample)).toString('latin1');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'softness-preview-bench-')), 'tiled.dump');
  const fd = openSync(file, 'w');
  try {
    for (const frame of text.split(/(?=ITEM: TIMESTEP)/).slice(0, frames)) {
      const lines = frame.trimEnd().split('\n');
      const [lo, hi] = lines[5].split(/\s+/).map(Number);
      const side = hi - lo;
      const atoms = lines.slice(9).map((line) => line.split(' '));
      const out = [lines[0], lines[1], lines[2], String(atoms.length * copies ** 3), lines[4]];
      for (let axis = 0; axis < 3; axis++) out.push(`${lo} ${lo + copies * side}`);
      out.push(lines[8]);
      let id = 1;
      for (let a = 0; a < copies; a++)
        for (let b = 0; b < copies; b++)
          for (let c = 0; c < copies; c++)
            for (const [, type, x, y, z] of atoms)
              out.push(`${id++} ${type} ${Number(x) + a * side} ${Number(y) + b * side} ${Number(z) + c * side}`);
      writeAll(fd, Buffer.from(`${out.join('\n')}\n`, 'latin1'));
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

/**
 * Trajectory preview figures: runs the real preview worker (dist/previewWorker.js, as the extension
 * does) on `file` and times what the user waits for: frame 0 on screen (summary + frame 0 with
 * its g(r)), the whole streaming index, and switching to `switches` random frames afterwards;
 * and the growth of the process's RSS meanwhile (sampled every 10 ms).
 * Throws when the worker reports a fatal error.
 */
export async function benchPreview(workerPath: string, file: string, switches = 30): Promise<PreviewBenchResult> {
  const baseRss = process.memoryUsage.rss();
  let peakRss = baseRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 10);
  const start = performance.now();
  const workerData: PreviewWorkerData = { file, grMax: 5, grBin: 0.05 };
  const worker = new Worker(workerPath, { workerData });
  const waiters = new Map<PreviewToWebview['type'], (m: PreviewToWebview) => void>();
  const next = <T extends PreviewToWebview['type']>(type: T): Promise<Extract<PreviewToWebview, { type: T }>> =>
    new Promise((resolve) => waiters.set(type, resolve as (m: PreviewToWebview) => void));
  const failed = new Promise<never>((_, reject) => {
    worker.on('message', (m: PreviewToWebview) => {
      if (m.type === 'fatal') reject(new Error(m.error.message));
      waiters.get(m.type)?.(m);
    });
    worker.on('error', reject);
  });
  try {
    const summary = next('summary');
    const firstFrame = next('frame');
    const indexed = next('indexed');
    worker.postMessage({ type: 'requestFrame', request: 1, frame: 0 });
    const { summary: s } = await Promise.race([summary, failed]);
    await Promise.race([firstFrame, failed]);
    const firstFrameMs = performance.now() - start;
    const { frames } = await Promise.race([indexed, failed]);
    const indexSeconds = (performance.now() - start) / 1000;
    const times: number[] = [];
    for (let k = 0; k < switches; k++) {
      const t0 = performance.now();
      const answer = next('frame');
      worker.postMessage({ type: 'requestFrame', request: k + 2, frame: Math.floor(Math.random() * frames) });
      await Promise.race([answer, failed]);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const fileBytes = statSync(file).size;
    return {
      fileBytes,
      frames,
      firstFrameMs,
      indexSeconds,
      indexMBps: fileBytes / 2 ** 20 / indexSeconds,
      switchMedianMs: times[Math.floor(times.length / 2)],
      switchMaxMs: times[times.length - 1],
      particles: s.n,
      peakExtraMiB: (peakRss - baseRss) / 2 ** 20,
    };
  } finally {
    clearInterval(sampler);
    worker.postMessage({ type: 'close' });
    await worker.terminate();
  }
}

/** Removes the temp directory of a file made by repeatedDumpOfSize. */
export function removeBenchFile(file: string): void {
  rmSync(path.dirname(file), { recursive: true, force: true });
}
