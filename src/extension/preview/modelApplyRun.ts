import * as path from 'node:path';
import type { ApplyPlan } from '../../core/lang/applyPlan';
import type { KernelSession } from '../kernel/kernelSession';

/** How an apply run ended. */
export type ApplyOutcome =
  | { readonly ok: true; readonly out: string }
  | { readonly ok: false; readonly cancelled: boolean; readonly message: string };

/**
 * Runs an apply plan (core/lang/applyPlan.ts) as one cell in `kernel`, a kernel session of its
 * own (a worker thread running the same engine as notebooks), so the extension host only relays
 * progress. `cancel()` stops it within the kernel's grace period (shared cancel flag, then
 * terminate). The kernel is disposed when the run ends. The output is written atomically by the
 * export statement, so a cancelled or failed run leaves no partial file.
 */
export function runApplyInKernel(
  kernel: KernelSession,
  plan: ApplyPlan,
  onProgress: (message: string, fraction: number | null) => void,
): { result: Promise<ApplyOutcome>; cancel(): void } {
  const { id, result } = kernel.submit({
    source: plan.source,
    baseDir: path.dirname(plan.out),
    onStart: () => {},
    onOutput: () => {},
    onProgress,
  });
  const outcome = result.then((r): ApplyOutcome => {
    kernel.dispose();
    if (r.ok) return { ok: true, out: plan.out };
    return { ok: false, cancelled: r.error?.cancelled === true, message: r.error?.message ?? 'the apply run failed' };
  });
  return { result: outcome, cancel: () => kernel.cancel(id) };
}
