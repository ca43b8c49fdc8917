import type { ValueKind } from './values';

/** Type of a statement parameter, checked before the statement runs. */
export type ParamType =
  | { readonly type: 'number'; readonly min?: number; readonly max?: number; readonly integer?: boolean }
  | { readonly type: 'string' }
  | { readonly type: 'path' }
  | { readonly type: 'bool' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'result'; readonly kinds: readonly ValueKind[] }
  | { readonly type: 'numberList' };

/**
 * One parameter of a statement: the single source of truth for argument checking,
 * docs/language.md, and (in the extension) completions and hovers.
 */
export type ParamSpec = ParamType & {
  readonly name: string;
  /** May be given without `name=`, in declaration order. */
  readonly positional?: boolean;
  /** Default value; absent means required. `null` means optional with no value. A list only for numberList. */
  readonly default?: number | string | boolean | null | readonly number[];
  readonly unit?: string;
  readonly doc: string;
  /** Paper and equation the parameter or its default comes from. */
  readonly source?: string;
};

export interface StatementDoc {
  readonly verb: string;
  readonly summary: string;
  readonly returns: ValueKind | null;
  readonly source?: string;
  readonly example: string;
  readonly params: readonly ParamSpec[];
}
