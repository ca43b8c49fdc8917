import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  describeWorkerFailure,
  kernelHeapLimitMb,
  WORKER_HEAP_LIMIT_MB,
  type WorkerFailure,
  WorkerHandle,
} from '../../../src/extension/workerHandle';
import { workerScript } from './workers';

/** Starts `body` as a worker and records what its handle reports. */
function start(body: string, heapLimitMb = 256, workerData: unknown = null) {
  const messages: unknown[] = [];
  const failures: WorkerFailure[] = [];
  const handle = new WorkerHandle<string, unknown>({
    workerPath: workerScript(body),
    workerData,
    heapLimitMb,
    onMessage: (message) => messages.push(message),
    onFailure: (failure) => failures.push(failure),
  });
  return { handle, messages, failures };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let rejections: unknown[] = [];
const onRejection = (reason: unknown): void => void rejections.push(reason);
beforeEach(() => {
  rejections = [];
  process.on('unhandledRejection', onRejection);
});
afterEach(async () => {
  // Give a stray terminate() or listener a moment to reject before checking that none did.
  await settle(50);
  process.off('unhandledRejection', onRejection);
  expect(rejections).toEqual([]);
});

describe('WorkerHandle', () => {
  it('relays messages both ways', async () => {
    const { handle, messages, failures } = start(`port.on('message', (m) => port.postMessage(m.toUpperCase()));`);
    handle.post('ping');
    await expect.poll(() => messages).toEqual(['PING']);
    handle.dispose();
    expect(failures).toEqual([]);
  });

  it('turns an uncaught exception into one `error` failure (not also the exit that follows it)', async () => {
    const { handle, failures } = start(`throw new Error('boom');`);
    await expect.poll(() => failures.length).toBe(1);
    await settle(100);
    expect(failures).toEqual([{ kind: 'error', message: 'boom' }]);
    expect(handle.alive).toBe(false);
    expect(describeWorkerFailure('the test worker', failures[0])).toBe('the test worker crashed: boom');
  });

  it('turns a non-zero exit into an `exit` failure with its code, and drops posts afterwards', async () => {
    const { handle, failures } = start(`port.on('message', () => process.exit(3));`);
    handle.post('exit now');
    await expect.poll(() => failures).toEqual([{ kind: 'exit', code: 3 }]);
    handle.post('nobody listens');
    expect(describeWorkerFailure('the test worker', failures[0])).toBe('the test worker exited (code 3)');
  });

  it('turns exceeding a small heap limit into `outOfMemory` naming the limit', async () => {
    const { failures } = start(`const keep = []; for (;;) keep.push(new Array(1e5).fill(Math.random()));`, 32);
    await expect.poll(() => failures.length, { timeout: 20_000 }).toBe(1);
    await settle(100);
    expect(failures).toEqual([{ kind: 'outOfMemory', heapLimitMb: 32 }]);
    expect(describeWorkerFailure('the test worker', failures[0])).toBe('the test worker ran out of memory (heap limit 32 MiB)');
  });

  it('dispose() terminates a worker that would never end, and reports nothing afterwards', async () => {
    const ticks = new Int32Array(new SharedArrayBuffer(4));
    const { handle, messages, failures } = start(
      `const ticks = new Int32Array(workerData); setInterval(() => { Atomics.add(ticks, 0, 1); port.postMessage('tick'); }, 1);`,
      256,
      ticks.buffer,
    );
    await expect.poll(() => Atomics.load(ticks, 0)).toBeGreaterThan(3);
    handle.dispose();
    const heard = messages.length;
    await settle(100);
    const stopped = Atomics.load(ticks, 0);
    await settle(100);
    expect(Atomics.load(ticks, 0)).toBe(stopped);
    expect(messages.length).toBe(heard);
    expect(failures).toEqual([]);
  });

  it('dispose(grace) leaves a closing worker its grace period, then terminates it', async () => {
    const ticks = new Int32Array(new SharedArrayBuffer(4));
    const { handle, failures } = start(
      `const ticks = new Int32Array(workerData); setInterval(() => Atomics.add(ticks, 0, 1), 1);`,
      256,
      ticks.buffer,
    );
    await expect.poll(() => Atomics.load(ticks, 0)).toBeGreaterThan(0);
    handle.dispose(300);
    const atDispose = Atomics.load(ticks, 0);
    await expect.poll(() => Atomics.load(ticks, 0)).toBeGreaterThan(atDispose);
    await settle(400);
    const stopped = Atomics.load(ticks, 0);
    await settle(100);
    expect(Atomics.load(ticks, 0)).toBe(stopped);
    expect(failures).toEqual([]);
  });
});

describe('kernelHeapLimitMb (setting softness.kernel.memoryLimitMB)', () => {
  it('uses the setting, the default when it is absent or not a number, and never less than the minimum', () => {
    expect(kernelHeapLimitMb(1024)).toBe(1024);
    expect(kernelHeapLimitMb(undefined)).toBe(WORKER_HEAP_LIMIT_MB.kernelDefault);
    expect(kernelHeapLimitMb('lots')).toBe(WORKER_HEAP_LIMIT_MB.kernelDefault);
    expect(kernelHeapLimitMb(16)).toBe(WORKER_HEAP_LIMIT_MB.kernelMinimum);
  });
});
