import { nestsDeeperThan } from '../learn/jsonFields';

/**
 * The `*.softnb` notebook file: JSON with cells (language + source) and optional saved outputs.
 *
 *   { "format": "softnb", "version": 1, "metadata": {...},
 *     "cells": [ { "kind": "code", "language": "softness", "source": "traj = load ...", "outputs": [...] },
 *                { "kind": "markdown", "language": "markdown", "source": "# Title" } ] }
 *
 * Outputs are stored as opaque JSON (the extension decides what to keep).
 */
export interface NotebookCell {
  readonly kind: 'code' | 'markdown';
  readonly language: string;
  readonly source: string;
  readonly outputs?: readonly unknown[];
}

export interface NotebookFile {
  readonly format: 'softnb';
  readonly version: 1;
  readonly metadata: Record<string, unknown>;
  readonly cells: readonly NotebookCell[];
}

/**
 * Deepest nesting of objects and arrays a notebook file may have: cells, saved outputs and plot
 * layouts nest about 10 deep; the bound keeps serialising or cloning the notebook from overflowing the stack.
 */
export const MAX_NOTEBOOK_NESTING = 64;

/**
 * Parses and validates a notebook's text. Throws Error naming the file and the offending cell or
 * field (e.g. "cell 3: 'source' must be a string") when the text is not a valid softnb document,
 * also when it nests deeper than MAX_NOTEBOOK_NESTING.
 * A notebook may also write `source` as an array of lines (as .ipynb does); they are joined.
 */
export function parseNotebook(text: string, file = 'notebook'): NotebookFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (nestsDeeperThan(raw, MAX_NOTEBOOK_NESTING)) {
    throw new Error(`${file}: objects and arrays nested deeper than ${MAX_NOTEBOOK_NESTING} levels (in metadata or saved outputs)`);
  }
  if (!isRecord(raw) || raw.format !== 'softnb') throw new Error(`${file}: expected a JSON object with "format": "softnb"`);
  if (raw.version !== 1) throw new Error(`${file}: unsupported softnb version ${JSON.stringify(raw.version)} (this build reads version 1)`);
  if (!Array.isArray(raw.cells)) throw new Error(`${file}: "cells" must be an array`);
  const cells = raw.cells.map((cell: unknown, k: number): NotebookCell => {
    const where = `${file}: cell ${k + 1}`;
    if (!isRecord(cell)) throw new Error(`${where}: must be an object`);
    if (cell.kind !== 'code' && cell.kind !== 'markdown') throw new Error(`${where}: 'kind' must be "code" or "markdown"`);
    const source = Array.isArray(cell.source) && cell.source.every((l) => typeof l === 'string') ? cell.source.join('') : cell.source;
    if (typeof source !== 'string') throw new Error(`${where}: 'source' must be a string`);
    const language = cell.language ?? (cell.kind === 'code' ? 'softness' : 'markdown');
    if (typeof language !== 'string') throw new Error(`${where}: 'language' must be a string`);
    if (cell.outputs !== undefined && !Array.isArray(cell.outputs)) throw new Error(`${where}: 'outputs' must be an array`);
    return { kind: cell.kind, language, source, ...(cell.outputs ? { outputs: cell.outputs as unknown[] } : {}) };
  });
  const metadata = isRecord(raw.metadata) ? raw.metadata : {};
  return { format: 'softnb', version: 1, metadata, cells };
}

/** Serialises a notebook with stable key order and 2-space indentation (diff-friendly). */
export function serializeNotebook(notebook: NotebookFile): string {
  return `${JSON.stringify(notebook, null, 2)}\n`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
