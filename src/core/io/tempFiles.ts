import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BroadcastChannel, isMainThread, threadId } from 'node:worker_threads';

/**
 * The temp files this process is writing (atomic writes, the gunzip cache), removed when the
 * process ends, however it ends short of SIGKILL:
 * - on exit (normal end or process.exit) they are removed synchronously;
 * - on SIGINT, SIGTERM and SIGHUP they are removed and, when no one else listens to that
 *   signal, the signal is raised again so the process still ends as it would have (a listener
 *   of the host, e.g. the CLI's Ctrl-C handler, decides instead, and exit cleans up after it);
 * - worker threads receive no signals and die with the process, so their temp files are
 *   announced to the main thread over a BroadcastChannel and removed there too;
 * - what still survives (SIGKILL, power loss) carries the writer's pid in its name and is
 *   removed by the next write to the same output once that pid is gone (removeStaleTemps).
 * Synchronous writes run to their end before a signal handler can run: Ctrl-C during the final
 * write takes effect right after it (output complete and renamed, or temp removed).
 */

const live = new Set<string>();
const CHANNEL = 'softness-studio-temp-files';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let counter = 0;
let toMain: BroadcastChannel | null = null;

/**
 * A fresh temp name beside `path`: `<path>.tmp-<pid>-<thread>-<n>`, registered as live until
 * released. Throws nothing.
 */
export function registerTemp(path: string): string {
  const temp = `${path}.tmp-${process.pid}-${threadId}-${counter++}`;
  live.add(temp);
  if (!isMainThread) announce({ add: temp });
  return temp;
}

/** Forgets `temp` (after it was renamed or removed). Throws nothing. */
export function releaseTemp(temp: string): void {
  live.delete(temp);
  if (!isMainThread) announce({ remove: temp });
}

/** The live temp files of this thread (and, on the main thread, of the workers), for tests. */
export function liveTemps(): readonly string[] {
  return [...live];
}

/**
 * Removes the live temp files written by worker thread `thread` (Worker.threadId) of this
 * process: call it from the worker's 'exit' event, since a terminated worker (kernel restart)
 * may stop in the middle of a synchronous write. Main thread only (it sees the workers' temp
 * files); throws nothing.
 */
export function removeTempsOfThread(thread: number): void {
  const mark = `.tmp-${process.pid}-${thread}-`;
  for (const temp of live) {
    if (!temp.includes(mark)) continue;
    rmSync(temp, { force: true });
    live.delete(temp);
  }
}

/**
 * Removes temp files `<path>.tmp-<pid>-...` beside `path` whose writing process is gone (killed
 * hard, so no handler ran). Files of live processes are kept. Throws nothing.
 */
export function removeStaleTemps(path: string): void {
  const prefix = `${basename(path)}.tmp-`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !processAlive(pid)) rmSync(join(dirname(path), name), { force: true });
  }
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeLive(): void {
  for (const temp of live) rmSync(temp, { force: true });
  live.clear();
}

function announce(message: { add: string } | { remove: string }): void {
  if (!toMain) {
    toMain = new BroadcastChannel(CHANNEL);
    toMain.unref();
  }
  toMain.postMessage(message);
}

/** Main thread: exit and signal handlers, and the channel the workers announce their temp files on. */
function installHandlers(): void {
  process.on('exit', removeLive);
  for (const signal of SIGNALS) {
    const onSignal = (): void => {
      // Someone else handles this signal (and may not exit): exit will clean up after them.
      if (process.listenerCount(signal) > 1) return;
      removeLive();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
  const fromWorkers = new BroadcastChannel(CHANNEL);
  fromWorkers.onmessage = (event: unknown) => {
    const message = (event as { data: { add?: string; remove?: string } }).data;
    if (message.add) live.add(message.add);
    if (message.remove) live.delete(message.remove);
  };
  fromWorkers.unref();
}

// Installed when first imported on the main thread (the CLI and the extension import the io layer).
if (isMainThread) installHandlers();
