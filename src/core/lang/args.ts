import * as path from 'node:path';
import { CellError, type Expr, type Statement } from './ast';
import { type ParamSpec, type StatementDoc, unitOf } from './spec';
import type { Value, ValueKind } from './values';

/** Argument values after checking: numbers, strings, booleans, number lists or earlier results. */
export type ArgValue = number | string | boolean | number[] | Value | null;

/**
 * Finds an earlier result by name; `expected` are the kinds the parameter accepts. The interpreter
 * returns real values; the editor's static check returns stand-ins that carry only a kind.
 */
export type ResultLookup<V extends { readonly kind: ValueKind }> = (name: string, expected: readonly ValueKind[]) => V | undefined;

/**
 * Checks a statement's arguments against its documented parameters and fills in defaults, keyed
 * by the parameters' names (an alias such as `pc=` fills `pC`; an enum value's alias such as
 * `squared_hinge` becomes its value `squaredHinge`). Paths are resolved against `baseDir`. Throws CellError at the offending argument for an unknown
 * parameter, a duplicate, a missing required one, a wrong type, a value out of range, an unknown
 * result name, or a result of the wrong kind — always saying what was expected.
 */
export function resolveArgs<V extends { readonly kind: ValueKind } = Value>(
  doc: StatementDoc,
  statement: Statement,
  lookup: ResultLookup<V>,
  baseDir: string,
): Record<string, ArgValue | V> {
  const out: Record<string, ArgValue | V> = {};
  const given = new Set<string>();
  const positional = doc.params.filter((p) => p.positional);
  let nextPositional = 0;
  for (const arg of statement.args) {
    let spec: ParamSpec | undefined;
    if (arg.key === null) {
      spec = positional[nextPositional++];
      if (!spec)
        throw new CellError(
          arg.pos,
          `'${doc.verb}' takes ${positional.length} positional argument(s); name the others (e.g. ${doc.params.find((p) => !p.positional)?.name ?? 'key'}=...)`,
        );
    } else {
      spec = findParam(doc, arg.key);
      if (!spec) {
        throw new CellError(
          arg.pos,
          `unknown parameter '${arg.key}' for '${doc.verb}'; expected one of: ${doc.params.map((p) => p.name).join(', ')}`,
        );
      }
    }
    if (given.has(spec.name)) throw new CellError(arg.pos, `parameter '${spec.name}' given twice`);
    given.add(spec.name);
    out[spec.name] = checkValue(spec, arg.value, lookup, baseDir);
  }
  for (const spec of doc.params) {
    if (given.has(spec.name)) continue;
    if (spec.default === undefined) {
      throw new CellError(statement.verbPos, `'${doc.verb}' needs parameter '${spec.name}' (${spec.doc})`);
    }
    // A copy, so a statement can never alter the documented default.
    out[spec.name] = isList(spec.default) ? [...spec.default] : spec.default;
  }
  return out;
}

/** The parameter called `name` or one of its aliases, or undefined. */
export function findParam<P extends ParamSpec>(doc: { readonly params: readonly P[] }, name: string): P | undefined {
  return doc.params.find((p) => p.name === name || p.aliases?.includes(name));
}

/** The value an enum argument names: itself, or the value it is an older alias of; undefined if neither. */
export function enumValue(spec: Extract<ParamSpec, { type: 'enum' }>, text: string): string | undefined {
  return spec.values.includes(text) ? text : spec.valueAliases?.[text];
}

/** A list default (numberList); Array.isArray alone does not narrow a readonly array in TypeScript. */
function isList(value: unknown): value is readonly number[] {
  return Array.isArray(value);
}

function checkValue<V extends { readonly kind: ValueKind }>(
  spec: ParamSpec,
  expr: Expr,
  lookup: ResultLookup<V>,
  baseDir: string,
): ArgValue | V {
  const unit = unitOf(spec) ? ` (${unitOf(spec)})` : '';
  const fail = (expected: string): never => {
    throw new CellError(expr.pos, `parameter '${spec.name}' expects ${expected}${unit}, got ${show(expr)}`);
  };
  switch (spec.type) {
    case 'number': {
      if (expr.kind !== 'number') return fail(spec.integer ? 'an integer' : 'a number');
      const v = expr.value;
      if (!Number.isFinite(v)) return fail('a finite number');
      if (spec.integer && !Number.isInteger(v)) return fail('an integer');
      if (spec.min !== undefined && v < spec.min) return fail(`a number >= ${spec.min}`);
      if (spec.max !== undefined && v > spec.max) return fail(`a number <= ${spec.max}`);
      return v;
    }
    case 'string':
      return expr.kind === 'string' ? expr.value : fail('a "string"');
    case 'path':
      return expr.kind === 'string' ? path.resolve(baseDir, expr.value) : fail('a "file path"');
    case 'bool':
      return expr.kind === 'bool' ? expr.value : fail('true or false');
    case 'enum': {
      const text = expr.kind === 'name' ? expr.name : expr.kind === 'string' ? expr.value : null;
      const value = text === null ? undefined : enumValue(spec, text);
      return value ?? fail(`one of ${spec.values.join(' | ')}`);
    }
    case 'numberList': {
      const listOf = 'a list of numbers like [0.5, 1, 2]';
      const item = (e: Expr): number =>
        e.kind !== 'number' ? fail(listOf) : Number.isFinite(e.value) ? e.value : fail('a list of finite numbers');
      if (expr.kind === 'number') return [item(expr)];
      if (expr.kind !== 'list') return fail(listOf);
      return expr.items.map(item);
    }
    case 'result': {
      if (expr.kind !== 'name') return fail(`the name of an earlier result (${spec.kinds.join(' or ')})`);
      const value = lookup(expr.name, spec.kinds);
      if (!value) throw new CellError(expr.pos, `no result named '${expr.name}': define it first (e.g. '${expr.name} = load "..."')`);
      if (!spec.kinds.includes(value.kind)) {
        throw new CellError(
          expr.pos,
          `parameter '${spec.name}' expects a ${spec.kinds.join(' or ')} result, but '${expr.name}' is a ${value.kind}`,
        );
      }
      return value;
    }
  }
}

function show(expr: Expr): string {
  switch (expr.kind) {
    case 'number':
      return String(expr.value);
    case 'string':
      return JSON.stringify(expr.value);
    case 'bool':
      return String(expr.value);
    case 'name':
      return expr.name;
    case 'list':
      return `a list of ${expr.items.length}`;
  }
}
