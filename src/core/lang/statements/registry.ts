import type { StatementDefinition } from './definition';
import { exportResult } from './exportResult';
import { features } from './features';
import { load } from './load';
import { loadModel } from './loadModel';
import { overlap } from './overlap';
import { plot } from './plot';
import { rearrangements } from './rearrangements';
import { show } from './show';
import { snapshot } from './snapshot';
import { softness } from './softness';
import { train } from './train';
import { trainingSet } from './trainingSet';
import { trainScan } from './trainScan';
import { weights } from './weights';

/** Every statement of the language, in pipeline order (the order docs/language.md lists them). */
export const statements: readonly StatementDefinition[] = [
  load,
  overlap,
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

const byVerb = new Map(statements.map((s) => [s.doc.verb, s]));

/** The statement called `verb`, or undefined. */
export function findStatement(verb: string): StatementDefinition | undefined {
  return byVerb.get(verb);
}

export function statementNames(): string[] {
  return statements.map((s) => s.doc.verb);
}
