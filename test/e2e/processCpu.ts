import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of code-server's extension host from /proc (Linux, proc(5)): the whole process
 * (including the kernel worker, which is a worker thread inside it) and its main thread alone
 * (task id = pid: the event loop that runs the extension's host code).
 */

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on Linux x86_64 and arm64). */
const TICKS_PER_SECOND = 100;

/** user + system CPU seconds of a process (`/proc/<pid>/stat`) or one of its threads (`/proc/<pid>/task/<tid>/stat`). */
export function cpuSeconds(pid: number, tid?: number): number {
  const file = tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`;
  const stat = readFileSync(file, 'utf8');
  // Fields after the parenthesised command name (which may contain spaces): state is field 3,
  // utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/**
 * The newest extension-host process (`bootstrap-fork --type=extensionHost`) among the descendants
 * of `rootPid` (code-server starts one per workbench connection). Throws when there is none.
 */
export function extensionHostPid(rootPid: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while we listed /proc
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === rootPid) return true;
    return false;
  };
  const hosts = [...parents.keys()].filter((pid) => {
    try {
      return descends(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=extensionHost');
    } catch {
      return false;
    }
  });
  if (hosts.length === 0) throw new Error(`no extension host process under code-server (pid ${rootPid})`);
  return Math.max(...hosts);
}

/** One reading: wall time (ms since epoch), CPU seconds of the process and of its main thread, and a label (e.g. the progress shown). */
export interface CpuSample {
  readonly time: number;
  readonly process: number;
  readonly mainThread: number;
  readonly label: string;
}

/** Reads the extension host's CPU now. */
export function sampleCpu(pid: number, label: string): CpuSample {
  return { time: Date.now(), process: cpuSeconds(pid), mainThread: cpuSeconds(pid, pid), label };
}

/**
 * CPU use between consecutive samples whose later sample's label satisfies `keep`, as fractions
 * of one core: mean over the kept intervals and the largest single interval. Throws when no
 * interval is kept.
 */
export function cpuUse(
  samples: readonly CpuSample[],
  keep: (label: string) => boolean,
): { seconds: number; process: number; mainThread: number; mainThreadPeak: number } {
  let seconds = 0;
  let process = 0;
  let mainThread = 0;
  let mainThreadPeak = 0;
  for (let i = 1; i < samples.length; i++) {
    if (!keep(samples[i].label)) continue;
    const dt = (samples[i].time - samples[i - 1].time) / 1000;
    const main = samples[i].mainThread - samples[i - 1].mainThread;
    seconds += dt;
    process += samples[i].process - samples[i - 1].process;
    mainThread += main;
    if (dt > 0) mainThreadPeak = Math.max(mainThreadPeak, main / dt);
  }
  if (seconds === 0) throw new Error('no CPU samples matched');
  return { seconds, process: process / seconds, mainThread: mainThread / seconds, mainThreadPeak };
}
