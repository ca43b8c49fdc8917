/**
 * Syntax tree of the softness cell language (docs/language.md).
 *
 * A cell is a list of statements, one per line:
 *   [name =] verb [positional ...] [key=value ...]   # comment
 * Values are numbers, strings, booleans, names of earlier results, or lists `[v, v, ...]`.
 * Every node keeps its 1-based line and column so errors can point at it.
 */

export interface Position {
  readonly line: number;
  readonly column: number;
}

export type Expr =
  | { readonly kind: 'number'; readonly value: number; readonly pos: Position }
  | { readonly kind: 'string'; readonly value: string; readonly pos: Position }
  | { readonly kind: 'bool'; readonly value: boolean; readonly pos: Position }
  | { readonly kind: 'name'; readonly name: string; readonly pos: Position }
  | { readonly kind: 'list'; readonly items: readonly Expr[]; readonly pos: Position };

export interface Argument {
  /** Keyword, or null for a positional argument. */
  readonly key: string | null;
  readonly value: Expr;
  readonly pos: Position;
}

export interface Statement {
  /** Name the result is bound to (`traj = load ...`), or null. */
  readonly target: string | null;
  readonly verb: string;
  readonly verbPos: Position;
  readonly args: readonly Argument[];
  readonly pos: Position;
  /** The statement's source line, for messages. */
  readonly source: string;
}

/** A syntax or evaluation error located in a cell. */
export class CellError extends Error {
  constructor(
    readonly pos: Position,
    readonly detail: string,
  ) {
    super(`${pos.line}:${pos.column}: ${detail}`);
    this.name = 'CellError';
  }
}
