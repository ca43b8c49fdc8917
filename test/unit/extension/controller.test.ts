import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KernelRegistry } from '../../../src/extension/kernel/kernelRegistry';
import { KernelSession } from '../../../src/extension/kernel/kernelSession';
import { createController } from '../../../src/extension/notebook/controller';
import { createProgressStatus } from '../../../src/extension/notebook/progressStatus';
import { makeNotebook, recorded, resetMock, Uri, workspace, type MockNotebookController } from '../../mocks/vscode';
import { fakeWorker } from './workers';

// Answers each run with two progress lines, one text output, then `done` (an error for 'fail').
const scripted = fakeWorker(`(m, port) => {
  const text = (s) => new TextEncoder().encode(s);
  port.postMessage({ type: 'progress', id: m.id, message: 'structure functions: frame 1/2', fraction: 0.5 });
  port.postMessage({ type: 'progress', id: m.id, message: 'structure functions: frame 2/2', fraction: 1 });
  port.postMessage({ type: 'output', id: m.id, item: { mime: 'text/plain', data: text('ran ' + m.source + ' in ' + m.baseDir) } });
  setTimeout(() => port.postMessage({ type: 'done', id: m.id, names: ['x'], ...(m.source === 'fail' ? { error: { message: '1:3: no such thing', line: 1, column: 3 } } : {}) }), 30);
}`);

let created = 0;
let registry: KernelRegistry;
let controller: MockNotebookController;

beforeEach(() => {
  resetMock();
  created = 0;
  registry = new KernelRegistry(() => {
    created++;
    return new KernelSession({ workerPath: scripted, memoryLimitMb: 256 });
  });
  controller = createController(registry, createProgressStatus('softness-notebook')) as unknown as MockNotebookController;
});
afterEach(() => registry.dispose());

const decode = (data: Uint8Array) => new TextDecoder().decode(data);
const outputsOf = (cell: { outputs: ReadonlyArray<{ items: ReadonlyArray<{ mime: string; data: Uint8Array }> }> }) =>
  cell.outputs.flatMap((o) => o.items.map((i) => [i.mime, decode(i.data)]));

describe('softness notebook controller', () => {
  it('is registered for softness-notebook with the softness language and execution order', () => {
    expect(controller.notebookType).toBe('softness-notebook');
    expect(controller.supportedLanguages).toEqual(['softness']);
    expect(controller.supportsExecutionOrder).toBe(true);
  });

  it('refuses to run cells in an untrusted workspace and says why, without starting a kernel', async () => {
    workspace.isTrusted = false;
    const notebook = makeNotebook(Uri.file('/data/a.softnb'), ['traj = load "x.dump"']);
    await controller.executeHandler(notebook.getCells(), notebook, controller);
    const [execution] = controller.executions;
    expect(execution.events).toEqual(['start', 'end']);
    expect(execution.success).toBe(false);
    const [[mime, text]] = outputsOf(notebook.cellAt(0));
    expect(mime).toBe('application/vnd.code.notebook.error');
    expect(JSON.parse(text).message).toMatch(/^Softness cells do not run in an untrusted workspace/);
    expect(created).toBe(0);
  });

  it('runs cells in order with execution order, streams outputs, shows progress in the cell and window status bars only', async () => {
    const notebook = makeNotebook(Uri.file('/data/run/a.softnb'), ['first', 'fail']);
    const status = recorded.statusBarItems[0];
    const cellStatus = recorded.cellStatusBarProviders.get('softness-notebook')!;
    let changes = 0;
    cellStatus.onDidChangeCellStatusBarItems!(() => changes++);
    const seen: string[] = [];
    const seenInCell: string[] = [];
    const watch = setInterval(() => {
      if (status.visible) seen.push(status.text);
      for (const cell of notebook.getCells()) seenInCell.push(...cellStatus.provideCellStatusBarItems(cell).map((item) => item.text));
    }, 1);
    await controller.executeHandler(notebook.getCells(), notebook, controller);
    clearInterval(watch);
    // The cell's status bar showed its progress and is clear again; the progress never became an output.
    expect(seenInCell).toContain('$(sync~spin) 100% structure functions: frame 2/2');
    expect(changes).toBeGreaterThanOrEqual(4);
    expect(notebook.getCells().flatMap((cell) => cellStatus.provideCellStatusBarItems(cell))).toEqual([]);
    const [first, second] = controller.executions;
    expect([first.executionOrder, second.executionOrder]).toEqual([1, 2]);
    expect(first.success).toBe(true);
    expect(second.success).toBe(false);
    expect(second.startTime!).toBeGreaterThanOrEqual(first.endTime!);
    expect(outputsOf(notebook.cellAt(0))).toEqual([['text/plain', 'ran first in /data/run']]);
    const [ran, error] = outputsOf(notebook.cellAt(1));
    expect(ran).toEqual(['text/plain', 'ran fail in /data/run']);
    expect(JSON.parse(error[1])).toMatchObject({ name: 'Error at line 1:3', message: '1:3: no such thing' });
    expect(seen).toContain('$(sync~spin) 100% structure functions: frame 2/2');
    expect(status.visible).toBe(false);
    expect(created).toBe(1);
  });

  it('interrupt cancels the queued cells, which end without running', async () => {
    const notebook = makeNotebook(Uri.file('/data/b.softnb'), ['one', 'two', 'three']);
    const run = controller.executeHandler(notebook.getCells(), notebook, controller);
    await controller.interruptHandler!(notebook);
    await run;
    const [one, two, three] = controller.executions;
    expect(two.success).toBeUndefined();
    expect(three.success).toBeUndefined();
    expect([two.executionOrder, three.executionOrder]).toEqual([undefined, undefined]);
    expect(outputsOf(notebook.cellAt(1))).toEqual([]);
    // The running cell was asked to stop; this scripted worker ignores it and finishes in 30 ms.
    expect(one.ended).toBe(true);
  });
});

describe('KernelRegistry', () => {
  it('keeps one kernel per notebook until it is closed, and restarts only existing kernels', async () => {
    expect(registry.restart('file:///x.softnb')).toBeNull();
    const a = registry.get('file:///a.softnb');
    expect(registry.get('file:///a.softnb')).toBe(a);
    expect(registry.get('file:///b.softnb')).not.toBe(a);
    await a.submit({ source: 'first', baseDir: '/', onStart() {}, onOutput() {}, onProgress() {} }).result;
    expect(registry.restart('file:///a.softnb')).toEqual(['x']);
    registry.close('file:///a.softnb');
    expect(registry.get('file:///a.softnb')).not.toBe(a);
    expect(created).toBe(3);
  });
});
