/**
 * worker_threads entry for parallel.ts (bundled as dist/featureWorker.js): computes structure
 * functions for each FeatureJobMessage it receives and posts the Float32Array back
 * (transferred, not copied). Errors are posted as messages so the pool can name the job.
 */
import { parentPort } from 'node:worker_threads';
import { computeStructureFunctions } from './structureFunctions';
import type { FeatureJobMessage, FeatureResultMessage } from './parallel';

const port = parentPort;
if (!port) throw new Error('featureWorker.js must run as a worker thread (started by features/parallel.ts)');

port.on('message', (job: FeatureJobMessage) => {
  try {
    const m = computeStructureFunctions(job.frame, job.spec, job.centers);
    const reply: FeatureResultMessage = { id: job.id, values: m.values, nFeatures: m.nFeatures };
    // values owns a fresh ArrayBuffer (never a SharedArrayBuffer), so it can be transferred.
    port.postMessage(reply, [m.values.buffer as ArrayBuffer]);
  } catch (e) {
    const reply: FeatureResultMessage = { id: job.id, error: e instanceof Error ? e.message : String(e) };
    port.postMessage(reply);
  }
});
