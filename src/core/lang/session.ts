import { CellError, type Statement } from './ast';
import { resolveArgs } from './args';
import { isCancelled, type RunContext } from './context';
import { parseCell } from './parser';
import { findStatement, statementNames } from './registry';
import { describeValue, type Value } from './values';

/**
 * The state of one notebook: named results kept across cells, like a Jupyter kernel's namespace.
 * Cells run statement by statement; the first error stops the cell and names the statement.
 */
export class Session {
  private readonly results = new Map<string, Value>();

  /** Names of the results defined so far, in definition order. */
  names(): string[] {
    return [...this.results.keys()];
  }

  get(name: string): Value | undefined {
    return this.results.get(name);
  }

  /** Drops every result (Restart Kernel), closing open trajectories. */
  clear(): void {
    for (const value of this.results.values()) if (value.kind === 'trajectory') value.trajectory.close();
    this.results.clear();
  }

  /**
   * Parses and runs one cell. Throws CellError (line:column, statement, cause) for syntax errors,
   * unknown statements and failures inside a statement; CancelledError when cancelled.
   */
  async runCell(source: string, ctx: RunContext): Promise<void> {
    const statements = parseCell(source);
    for (const statement of statements) await this.runStatement(statement, ctx);
  }

  private async runStatement(statement: Statement, ctx: RunContext): Promise<void> {
    const definition = findStatement(statement.verb);
    if (!definition) {
      throw new CellError(statement.verbPos, `unknown statement '${statement.verb}'; expected one of: ${statementNames().join(', ')}`);
    }
    const args = resolveArgs(definition.doc, statement, (name) => this.results.get(name), ctx.baseDir);
    let value: Value | null;
    try {
      value = await definition.run(args, ctx);
    } catch (error) {
      if (error instanceof CellError || isCancelled(error)) throw error;
      const cause = error instanceof Error ? error.message : String(error);
      throw new CellError(statement.pos, `'${statement.source}' failed: ${cause}`);
    }
    if (statement.target !== null) {
      if (value === null) throw new CellError(statement.pos, `'${statement.verb}' produces no result to name '${statement.target}'`);
      const previous = this.results.get(statement.target);
      if (previous?.kind === 'trajectory' && previous !== value) previous.trajectory.close();
      this.results.set(statement.target, value);
      ctx.emit({ kind: 'text', text: `${statement.target} = ${describeValue(value)}` });
    }
  }
}
