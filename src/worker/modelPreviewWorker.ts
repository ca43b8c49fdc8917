/**
 * The model preview's worker (dist/modelPreviewWorker.js): reads the model file named in
 * `workerData` (protocol ModelPreviewWorkerData), posts its summary and weight curves (or the
 * error), then averages the partial g(r) of the training trajectory's frames
 * (core/analysis/pairCorrelation.ts) and posts that, then exits. Everything that scales with the
 * model file's numbers (its arrays, its cut-offs, the w(r) grid) or with the trajectory runs here,
 * off the extension host thread; the host terminates the worker when the panel closes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { meanPartialPairCorrelation } from '../core/analysis/pairCorrelation';
import type { Frame } from '../core/io/frame';
import { openTrajectory } from '../core/io/open';
import type {
  ModelPreviewWorkerData,
  ModelPreviewWorkerMessage,
  PairCorrelationWorkerData,
  PairCorrelationWorkerResult,
} from '../protocol/modelPreviewMessages';
import { readModelPreview, trainingPairCorrelationRequest } from './modelPreviewData';

const port = parentPort;
if (!port) throw new Error('modelPreviewWorker.js must run as a worker thread (it was started as a plain script)');
const data = workerData as ModelPreviewWorkerData;

function pairCorrelation(request: PairCorrelationWorkerData): PairCorrelationWorkerResult {
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

function send(message: ModelPreviewWorkerMessage, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

const { message, model } = readModelPreview(data.modelFile);
send(message);
if (model) {
  const request = trainingPairCorrelationRequest(model, data.modelFile, data.readableRoots);
  if ('unavailable' in request) send({ type: 'pairCorrelation', state: 'unavailable', reason: request.unavailable });
  else {
    send({ type: 'pairCorrelation', state: 'computing', file: request.file });
    let outcome: PairCorrelationWorkerResult;
    try {
      outcome = pairCorrelation(request);
    } catch (error) {
      outcome = { ok: false, message: (error as Error).message };
    }
    if (outcome.ok)
      send({ type: 'pairCorrelation', state: 'ready', result: outcome.result }, [
        outcome.result.r.buffer as ArrayBuffer,
        ...outcome.result.pairs.map((p) => p.g.buffer as ArrayBuffer),
      ]);
    else send({ type: 'pairCorrelation', state: 'unavailable', reason: outcome.message });
  }
}
