import type { StatementDefinition } from './spec';
import { exportResult } from './statements/exportResult';
import { features } from './statements/features';
import { load } from './statements/load';
import { loadModel } from './statements/loadModel';
import { msd } from './statements/msd';
import { overlap } from './statements/overlap';
import { plot } from './statements/plot';
import { rearrangements } from './statements/rearrangements';
import { show } from './statements/show';
import { snapshot } from './statements/snapshot';
import { softness } from './statements/softness';
import { train } from './statements/train';
import { trainingSet } from './statements/trainingSet';
import { trainScan } from './statements/trainScan';
import { weights } from './statements/weights';

/**
 * Every statement of the language, in pipeline order: the one list the interpreter, docs/language.md,
 * the editor's completions, hovers and diagnostics (through registryDocs.ts) and the TextMate
 * grammar's verb pattern (checked by test/unit/lang/grammar.test.ts) derive from.
 */
export const statements: readonly StatementDefinition[] = [
  load,
  overlap,
  msd,
  rearrangements,
  trainingSet,
  features,
  train,
  trainScan,
  loadModel,
  softness,
  plot,
  weights,
  snapshot,
  exportResult,
  show,
];

const byVerb = new Map(statements.flatMap((s) => [s.doc.verb, ...(s.doc.aliases ?? [])].map((verb) => [verb, s] as const)));

/** The statement called `verb` (or one of its aliases), or undefined. */
export function findStatement(verb: string): StatementDefinition | undefined {
  return byVerb.get(verb);
}

/** The verbs, without aliases (what messages and completions offer). */
export function statementNames(): string[] {
  return statements.map((s) => s.doc.verb);
}
