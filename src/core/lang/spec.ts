import type { RunContext } from './context';
import type { Value, ValueKind } from './values';

/**
 * Unit of a number parameter, in the trajectory's reduced units (Lennard-Jones: lengths in sigma_AA,
 * times in tau, energies in epsilon), or a count (`frames`, `environments`), or `dimensionless`
 * (a fraction, a penalty, a seed). Every number parameter names one, so a length, time or energy
 * cannot be left without its unit; the contract test also rejects a `dimensionless` parameter whose
 * text speaks of a length, time or energy.
 */
export type Unit = 'sigma_AA' | 'sigma_AA^2' | 'tau' | 'epsilon' | 'frames' | 'environments' | 'dimensionless';

/** Every unit, for checks that loop over them. */
export const UNITS: readonly Unit[] = ['sigma_AA', 'sigma_AA^2', 'tau', 'epsilon', 'frames', 'environments', 'dimensionless'];

/** Type of a statement parameter, checked before the statement runs; `default` absent = required, null = optional. */
export type ParamType =
  | {
      readonly type: 'number';
      readonly unit: Unit;
      readonly min?: number;
      readonly max?: number;
      readonly integer?: boolean;
      readonly default?: number | null;
    }
  | { readonly type: 'string'; readonly default?: string | null }
  | {
      readonly type: 'path';
      /**
       * The statement writes this file (else it reads it). The session refuses, before the statement
       * runs, an output that is a file the notebook has read or the notebook itself.
       */
      readonly output?: boolean;
      readonly default?: string | null;
    }
  | { readonly type: 'bool'; readonly default?: boolean | null }
  | {
      readonly type: 'enum';
      readonly values: readonly string[];
      /** Older spellings of values, still accepted: alias -> value (e.g. squared_hinge -> squaredHinge). */
      readonly valueAliases?: Readonly<Record<string, string>>;
      readonly default?: string | null;
    }
  | { readonly type: 'result'; readonly kinds: readonly ValueKind[]; readonly default?: null }
  | { readonly type: 'numberList'; readonly unit: Unit; readonly default?: readonly number[] | null };

/**
 * One parameter of a statement: the single source of truth for argument checking, the argument
 * types of the statement's `run`, docs/language.md, and (in the extension) completions and hovers.
 */
export type ParamSpec = ParamType & {
  /** lowerCamelCase, using the field's symbols (tR, pL, rCut, nPerClass): CONTRIBUTING.md "Naming". */
  readonly name: string;
  /** Older names of the parameter, still accepted (e.g. pc for pC). */
  readonly aliases?: readonly string[];
  /** May be given without `name=`, in declaration order. */
  readonly positional?: boolean;
  readonly doc: string;
  /** Paper and equation the parameter or its default comes from, citing docs/references.md: `[Cubuk2015] Eq. 3`. */
  readonly source?: string;
};

/** A statement's documentation, which is also its argument schema. */
export interface StatementDoc {
  /** lowerCamelCase verb (CONTRIBUTING.md "Naming"). */
  readonly verb: string;
  /** Older spellings of the verb, still accepted (e.g. trainingset for trainingSet). */
  readonly aliases?: readonly string[];
  readonly summary: string;
  readonly returns: ValueKind | null;
  /** Citing docs/references.md keys, e.g. `[Schoenholz2018] Eq. 1`. */
  readonly source?: string;
  readonly example: string;
  readonly params: readonly ParamSpec[];
}

/** The result value of kind K (`trajectory` -> TrajectoryValue, ...). */
export type ValueOfKind<K extends ValueKind> = Extract<Value, { readonly kind: K }>;

/** The value a parameter's argument has after checking (before the null of an optional parameter). */
type ParamValue<P> = P extends { readonly type: 'number' }
  ? number
  : P extends { readonly type: 'string' | 'path' }
    ? string
    : P extends { readonly type: 'bool' }
      ? boolean
      : P extends { readonly type: 'enum'; readonly values: readonly (infer V)[] }
        ? V
        : P extends { readonly type: 'numberList' }
          ? number[]
          : P extends { readonly type: 'result'; readonly kinds: readonly (infer K extends ValueKind)[] }
            ? ValueOfKind<K>
            : never;

/** A parameter's argument type: its value, or null when its default is null. */
type ArgOf<P> = P extends { readonly default: null } ? ParamValue<P> | null : ParamValue<P>;

/**
 * The checked arguments of a statement, typed from its parameter specs (declared `as const`):
 * number -> number, string/path -> string, bool -> boolean, enum -> the union of its values,
 * numberList -> number[], result of kinds K -> the union of their values, default null -> `| null`.
 */
export type ArgsOf<D extends StatementDoc> = { readonly [P in D['params'][number] as P['name']]: ArgOf<P> };

/** What a statement's `run` resolves to: the value of the kind its doc declares, or null when it declares none. */
export type ResultOf<D extends StatementDoc> = D['returns'] extends ValueKind ? ValueOfKind<D['returns']> : null;

/** A statement whose `run` is typed from its doc. */
export interface Statement<D extends StatementDoc> {
  readonly doc: D;
  /** Runs with checked arguments; returns the result to bind. Throws Error with a cause. */
  readonly run: (args: ArgsOf<D>, ctx: RunContext) => Promise<ResultOf<D>>;
}

/**
 * A statement of the cell language as the interpreter holds it: its documentation (also the
 * argument schema) and its action, which takes the arguments `resolveArgs` checked against that
 * schema (method syntax: bivariant, so every typed Statement is one).
 */
export interface StatementDefinition {
  readonly doc: StatementDoc;
  run(args: Readonly<Record<string, unknown>>, ctx: RunContext): Promise<Value | null>;
}

/**
 * Pairs a statement's doc (declared `as const satisfies StatementDoc`) with its `run`, whose
 * arguments are typed from the doc: a misspelt argument or a wrong type fails the typecheck.
 */
export function defineStatement<const D extends StatementDoc>(doc: D, run: Statement<D>['run']): Statement<D> {
  return { doc, run };
}

/** Human-readable type of a parameter (`|` escaped for Markdown tables), for the reference, completions and hovers. */
export function typeName(p: ParamSpec): string {
  switch (p.type) {
    case 'number':
      return p.integer ? 'integer' : 'number';
    case 'enum':
      return p.values.join(' \\| ');
    case 'result':
      return `result: ${p.kinds.join(' \\| ')}`;
    case 'numberList':
      return 'list of numbers';
    default:
      return p.type;
  }
}

/** The unit a parameter is written in, or undefined for non-numbers and dimensionless numbers. */
export function unitOf(p: ParamSpec): Exclude<Unit, 'dimensionless'> | undefined {
  return (p.type === 'number' || p.type === 'numberList') && p.unit !== 'dimensionless' ? p.unit : undefined;
}
