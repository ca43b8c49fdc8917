import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KernelSession, type CellRequest, type CellResult } from '../../../src/extension/kernel/kernelSession';
import type { OutputItem } from '../../../src/protocol/outputMime';
import { buildKernelWorker, fakeWorker, samples } from './workers';

/** A request recording what the kernel reported for it. */
function request(source: string, log: string[] = []) {
  const outputs: OutputItem[] = [];
  const progress: string[] = [];
  const req: CellRequest & { outputs: OutputItem[]; progress: string[]; order?: number } = {
    source,
    baseDir: samples,
    outputs,
    progress,
    onStart: (order) => {
      req.order = order;
      log.push(`start ${source.slice(0, 12)}`);
    },
    onOutput: (item) => outputs.push(item),
    onProgress: (message) => progress.push(message),
  };
  return req;
}

const text = (items: OutputItem[]) => items.map((i) => new TextDecoder().decode(i.data));
const sessions: KernelSession[] = [];
const open = (workerPath: string, cancelGraceMs?: number, memoryLimitMb = 512) => {
  const session = new KernelSession({ workerPath, memoryLimitMb, cancelGraceMs });
  sessions.push(session);
  return session;
};
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

describe('KernelSession with the real kernel worker', () => {
  let workerPath = '';
  beforeAll(async () => {
    workerPath = await buildKernelWorker();
  });
  afterAll(() => rmSync(workerPath, { force: true }));

  it('refuses an export over the notebook file the host names, before writing anything', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'softness-kernel-notebook-'));
    const notebookPath = path.join(dir, 'study.softnb');
    writeFileSync(notebookPath, '{"format": "softnb"}');
    try {
      const kernel = open(workerPath);
      const cell = {
        ...request(`traj = load "shear2d/shear2d.dump.gz" stop=4\nq = overlap traj\nexport q ${JSON.stringify(notebookPath)}`),
        notebookPath,
      };
      const result = await kernel.submit(cell).result;
      expect(result.ok).toBe(false);
      expect(result.error?.message).toMatch(/refusing to write .*study\.softnb: it is the input file/);
      expect(readFileSync(notebookPath, 'utf8')).toBe('{"format": "softnb"}');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs queued cells in FIFO order with increasing execution order, keeping names across cells', async () => {
    const kernel = open(workerPath);
    const log: string[] = [];
    const a = request('traj = load "shear2d/shear2d.dump.gz"', log);
    const b = request('\n  bogus 1', log);
    const c = request('show traj', log);
    const results = await Promise.all([a, b, c].map((r) => kernel.submit(r).result));
    expect(log).toEqual(['start traj = load ', 'start \n  bogus 1', 'start show traj']);
    // One at a time: each cell started after the previous one ended.
    expect(results[1].startTime).toBeGreaterThanOrEqual(results[0].endTime);
    expect(results[2].startTime).toBeGreaterThanOrEqual(results[1].endTime);
    expect([a.order, b.order, c.order]).toEqual([1, 2, 3]);
    expect(results.map((r) => r.executionOrder)).toEqual([1, 2, 3]);
    expect(results[0].ok).toBe(true);
    expect(text(a.outputs).at(-1)).toMatch(/^traj = trajectory .*shear2d\.dump\.gz: N = \d+, 2D/);
    // The failing statement is named by line:column (line 2, column 3 of the cell).
    expect(results[1].error).toMatchObject({ line: 2, column: 3 });
    expect(results[1].error?.message).toContain("unknown statement 'bogus'");
    expect(results[2].ok).toBe(true);
    expect(text(c.outputs).join('\n')).toContain('shear2d.dump.gz');
    expect(kernel.names).toEqual(['traj']);
    for (const r of results) expect(r.endTime).toBeGreaterThanOrEqual(r.startTime!);
  });

  it('stops a long cell within a second of cancel, keeping the worker and its names', async () => {
    const kernel = open(workerPath);
    expect((await kernel.submit(request('traj = load "ka3d/ka3d_is.dump.gz" dt=0.005')).result).ok).toBe(true);
    // Six p_hop passes: several seconds of work that checkpoints every frame.
    const long = request(Array(6).fill('ev = rearrangements traj method=phop tR=10 pL=0.05 pR=0.2').join('\n'));
    const { id, result } = kernel.submit(long);
    await waitFor(() => long.progress.length > 0);
    const cancelledAt = performance.now();
    kernel.cancel(id);
    const ended: CellResult = await result;
    const stopMs = performance.now() - cancelledAt;
    console.log(`cancel -> cell ended in ${stopMs.toFixed(0)} ms`);
    expect(stopMs).toBeLessThan(1000);
    expect(ended.ok).toBe(false);
    expect(ended.error).toMatchObject({ cancelled: true, message: 'cancelled by the user' });
    expect(ended.lostNames).toEqual([]);
    expect(text(long.outputs).filter((t) => t.startsWith('ev = ')).length).toBeLessThan(6);
    // Same worker, same session: the loaded trajectory is still there.
    const show = request('show traj');
    const next = await kernel.submit(show).result;
    expect(next.error).toBeUndefined();
    expect(text(show.outputs).join('\n')).toContain('ka3d_is.dump.gz');
    expect(kernel.names).toEqual(['traj']);
  });
});

describe('KernelSession with scripted workers', () => {
  const done = (names: string[]) => `port.postMessage({ type: 'done', id: m.id, names: ${JSON.stringify(names)} })`;

  it('terminates a cell that ignores cancel after the grace period, reports the lost names and restarts', async () => {
    const worker = fakeWorker(`(m, port) => { if (m.source === 'hang') { for (;;) {} } ${done(['a', 'b'])}; }`);
    const kernel = open(worker, 300);
    expect((await kernel.submit(request('define')).result).ok).toBe(true);
    const hang = kernel.submit(request('hang'));
    const queued = kernel.submit(request('after'));
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    kernel.cancel(hang.id);
    const ended = await hang.result;
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(ended.error?.cancelled).toBe(true);
    expect(ended.lostNames).toEqual(['a', 'b']);
    expect(ended.error?.message).toMatch(/did not stop within 0\.3 s, so the kernel was restarted; lost results: a, b/);
    expect((await queued.result).error?.message).toMatch(/^not run/);
    expect(kernel.names).toEqual([]);
    // A fresh worker answers the next cell.
    const again = await kernel.submit(request('define')).result;
    expect(again.ok).toBe(true);
    expect(kernel.names).toEqual(['a', 'b']);
  });

  it('fails the running cell when the worker exits, then starts a fresh worker on the next run', async () => {
    const worker = fakeWorker(`(m, port) => { if (m.source === 'exit') process.exit(3); ${done(['x'])}; }`);
    const kernel = open(worker);
    await kernel.submit(request('define')).result;
    const crashed = kernel.submit(request('exit'));
    const queued = kernel.submit(request('define'));
    const ended = await crashed.result;
    expect(ended.ok).toBe(false);
    expect(ended.error?.message).toMatch(/^the kernel worker exited \(code 3\); .*restarts with the next run; lost results: x$/);
    expect(ended.lostNames).toEqual(['x']);
    expect((await queued.result).executionOrder).toBeNull();
    expect((await kernel.submit(request('define')).result).ok).toBe(true);
  });

  // 133 is the exit of V8's "Fatal JavaScript invalid size error" when it stays inside the worker, 134 an abort.
  it.each([1, 133, 134])('a worker that dies with code %i mid-cell: a cell error naming the code, and the next cell runs', async (code) => {
    const worker = fakeWorker(
      `(m, port) => { if (m.source === 'die') { port.postMessage({ type: 'progress', id: m.id, message: 'frame 1', fraction: 0.1 }); setTimeout(() => process.exit(${code}), 10); return; } ${done(['x'])}; }`,
    );
    const kernel = open(worker);
    const dying = request('die');
    const ended = await kernel.submit(dying).result;
    expect(ended).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(new RegExp(`^the kernel worker exited \\(code ${code}\\);`)) },
    });
    expect(dying.progress).toEqual(['frame 1']);
    const next = await kernel.submit(request('define')).result;
    expect(next.ok).toBe(true);
    expect(next.executionOrder).toBe(2);
  });

  it('tells the host when an idle worker dies, naming the lost results', async () => {
    const idle: string[] = [];
    const kernel = new KernelSession({
      workerPath: fakeWorker(`(m, port) => { ${done(['y'])}; setTimeout(() => process.exit(7), 20); }`),
      memoryLimitMb: 256,
      onIdleCrash: (m) => idle.push(m),
    });
    sessions.push(kernel);
    expect((await kernel.submit(request('x')).result).ok).toBe(true);
    await waitFor(() => idle.length > 0);
    expect(idle).toEqual([
      'the kernel worker exited (code 7); the extension and the notebook are unaffected, and the kernel restarts with the next run; lost results: y',
    ]);
  });

  it('reports an exception thrown in the worker and an out-of-memory worker clearly', async () => {
    const throwing = open(fakeWorker(`() => { throw new Error('boom'); }`));
    expect((await throwing.submit(request('x')).result).error?.message).toMatch(/^the kernel worker crashed: boom;/);
    const hungry = open(fakeWorker(`() => { const keep = []; for (;;) keep.push(new Array(1e5).fill(Math.random())); }`), 1000, 32);
    const ended = await hungry.submit(request('x')).result;
    expect(ended.error?.message).toMatch(/^the kernel ran out of memory \(limit 32 MiB, setting softness\.kernel\.memoryLimitMB\)/);
  });

  it('cancels a queued cell without running it, and restart() resets the execution order', async () => {
    const kernel = open(fakeWorker(`(m, port) => setTimeout(() => ${done(['n'])}, 50)`));
    const first = kernel.submit(request('one'));
    const second = kernel.submit(request('two'));
    kernel.cancel(second.id);
    expect(await second.result).toMatchObject({ ok: false, executionOrder: null, error: { cancelled: true } });
    expect((await first.result).executionOrder).toBe(1);
    expect(kernel.restart()).toEqual(['n']);
    expect((await kernel.submit(request('three')).result).executionOrder).toBe(1);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const t0 = performance.now();
  while (!condition()) {
    if (performance.now() - t0 > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
