import type { RunContext } from '../context';

/**
 * Drives a generator that pauses between units of heavy synchronous work (e.g. the SVM fits of
 * heldOutEvaluationSteps): at every pause `onPause` is told (for progress) and ctx.checkpoint()
 * lets a cancel request through, so a cell stops after the running fit instead of after the whole
 * scan. Resolves to the generator's return value; rejects with CancelledError or whatever the
 * generator throws.
 */
export async function runSteps<R>(steps: Generator<unknown, R>, ctx: RunContext, onPause: () => void = () => {}): Promise<R> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    onPause();
    await ctx.checkpoint();
  }
}
