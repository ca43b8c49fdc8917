/**
 * The in-webview event bus between outputs: VS Code renders every output of a notebook into the
 * same output webview, each by a separate renderOutputItem call of this one renderer module, so
 * a module-level set of listeners reaches all outputs of the notebook and no other notebook's.
 * A plot whose x axis is a per-particle value publishes the selected value range (or null when
 * the selection is cleared); snapshots of that value listen and highlight it.
 */

/** A selected range [lo, hi] of the value named `valueName` (e.g. 'S'), or range null: selection cleared. */
export interface ValueRangeSelection {
  readonly valueName: string;
  readonly range: { readonly lo: number; readonly hi: number } | null;
}

type Listener = (selection: ValueRangeSelection) => void;
const listeners = new Set<Listener>();

/** Tells every listening output of this webview about a new selection. */
export function publishValueRange(selection: ValueRangeSelection): void {
  for (const listener of [...listeners]) listener(selection);
}

/** Listens for selections; returns the function that stops listening (call it on dispose). */
export function onValueRange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
