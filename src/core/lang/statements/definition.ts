import type { ArgValue } from '../args';
import type { RunContext } from '../context';
import type { StatementDoc } from '../spec';
import type { Value } from '../values';

/** A statement of the cell language: its documentation (also the argument schema) and its action. */
export interface StatementDefinition {
  readonly doc: StatementDoc;
  /** Runs with checked arguments; returns the result to bind, or null. Throws Error with a cause. */
  run(args: Record<string, ArgValue>, ctx: RunContext): Promise<Value | null>;
}
