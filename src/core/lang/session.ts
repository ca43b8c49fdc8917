import { CellError, type Statement } from './ast';
import { resolveArgs } from './args';
import { isCancelled, type RunContext } from './context';
import { checkOutputPath } from './outputPath';
import { parseCell } from './parser';
import { findStatement, statementNames } from './registry';
import type { StatementDoc } from './spec';
import { describeValue, type Value } from './values';

/**
 * The state of one notebook: named results kept across cells, like a Jupyter kernel's namespace.
 * Cells run statement by statement; the first error stops the cell and names the statement.
 */
export class Session {
  private readonly results = new Map<string, Value>();
  /** Absolute paths of every file a statement has read (trajectories, models), in reading order. */
  private readonly inputs = new Set<string>();

  /** Names of the results defined so far, in definition order. */
  names(): string[] {
    return [...this.results.keys()];
  }

  get(name: string): Value | undefined {
    return this.results.get(name);
  }

  /** Files the notebook has read so far (absolute paths): no output may be written over them. */
  readFiles(): string[] {
    return [...this.inputs];
  }

  /** Drops every result (Restart Kernel), closing open trajectories; the files read are still remembered. */
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
      this.checkFiles(definition.doc, args, ctx);
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

  /**
   * Before a statement runs: remembers the files it reads, and checks each file it writes with
   * checkOutputPath against every file read so far and the notebook itself (fail fast, before
   * the computation). Throws Error naming the output and the clash.
   */
  private checkFiles(doc: StatementDoc, args: Readonly<Record<string, unknown>>, ctx: RunContext): void {
    for (const param of doc.params) {
      const file = args[param.name];
      if (param.type !== 'path' || typeof file !== 'string') continue;
      if (param.output) checkOutputPath(file, ctx.notebookPath === undefined ? this.inputs : [...this.inputs, ctx.notebookPath]);
      else this.inputs.add(file);
    }
  }
}
