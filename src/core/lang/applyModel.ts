import { makeRunContext } from './context';
import type { ApplyPlan } from './applyPlan';
import { Session } from './session';

/**
 * Runs a plan in a fresh Session on this thread (the CLI; the extension runs the same source in
 * its kernel worker). Resolves to the written path. Throws the statement's CellError (naming
 * the cause) or CancelledError once `signal` aborts (checked between frames).
 */
export async function runApplyPlan(
  plan: ApplyPlan,
  options: { signal?: AbortSignal; onProgress?: (message: string, fraction: number | null) => void } = {},
): Promise<string> {
  const session = new Session();
  try {
    await session.runCell(
      plan.source,
      makeRunContext({ baseDir: process.cwd(), emit: () => {}, progress: options.onProgress ?? (() => {}), signal: options.signal }),
    );
  } finally {
    session.clear();
  }
  return plan.out;
}
