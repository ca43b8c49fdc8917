/**
 * The model preview's g(r) worker (dist/pairCorrelationWorker.js): opens the training
 * trajectory named in `workerData` (protocol PairCorrelationWorkerData), averages the partial
 * g(r) of the requested frames (core/analysis/pairCorrelation.ts) and posts one
 * PairCorrelationWorkerResult. Runs off the extension host: a gzip'd dump is decompressed and
 * indexed on first open, which takes seconds for large files.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { meanPartialPairCorrelation } from '../core/analysis/pairCorrelation';
import type { Frame } from '../core/io/frame';
import { openTrajectory } from '../core/io/open';
import type { PairCorrelationWorkerData, PairCorrelationWorkerResult } from '../protocol/modelPreviewMessages';

const port = parentPort;
if (!port) throw new Error('pairCorrelationWorker.js must run as a worker thread (it was started as a plain script)');
const request = workerData as PairCorrelationWorkerData;

function compute(): PairCorrelationWorkerResult {
  const trajectory = openTrajectory(request.file);
  try {
    const frames = request.frames.filter((k) => k < trajectory.frameCount);
    if (frames.length === 0)
      return {
        ok: false,
        message: `${request.file} has ${trajectory.frameCount} frames; the model's training frames (${request.frames.join(', ')}) are not in it`,
      };
    function* read(): Generator<Frame> {
      for (const k of frames) yield trajectory.readFrame(k);
    }
    const names = trajectory.speciesNames;
    const { r, pairs } = meanPartialPairCorrelation(read(), names, { rMax: request.rMax, binWidth: request.binWidth });
    return {
      ok: true,
      result: { file: request.file, frames, r, pairs: pairs.map((p) => ({ label: p.label, a: names[p.a], b: names[p.b], g: p.g })) },
    };
  } finally {
    trajectory.close();
  }
}

let result: PairCorrelationWorkerResult;
try {
  result = compute();
} catch (error) {
  result = { ok: false, message: (error as Error).message };
}
port.postMessage(
  result,
  result.ok ? [result.result.r.buffer as ArrayBuffer, ...result.result.pairs.map((p) => p.g.buffer as ArrayBuffer)] : [],
);
