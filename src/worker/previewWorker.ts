/**
 * The trajectory preview worker (dist/previewWorker.js): one worker_threads thread per open
 * preview, so parsing and indexing never run on the extension host thread. It runs a
 * PreviewSession and relays its messages to the host, which forwards them to the webview
 * (protocol in src/protocol/previewMessages.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { HostToPreviewWorker, PreviewWorkerData } from '../protocol/previewMessages';
import { PreviewSession } from './preview/previewSession';

const port = parentPort;
if (!port) throw new Error('previewWorker.js must run as a worker thread (it was started as a plain script)');
const data = workerData as PreviewWorkerData;
const session = new PreviewSession({
  file: data.file,
  pairCorrelation: { rMax: data.grMax, binWidth: data.grBin },
  send: (message, transfer) => port.postMessage(message, transfer),
});

port.on('message', (message: HostToPreviewWorker) => {
  if (message.type === 'requestFrame') session.request(message.request, message.frame);
  else {
    // Closing the file here (not by terminate) releases its descriptors, which belong to the process.
    session.close();
    port.close();
  }
});
void session.start();
