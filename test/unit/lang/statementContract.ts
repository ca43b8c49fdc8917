import { CellError } from '../../../src/core/lang/ast';
import { resolveArgs } from '../../../src/core/lang/args';
import { parseCell } from '../../../src/core/lang/parser';
import { type ParamSpec, type StatementDoc, UNITS } from '../../../src/core/lang/spec';
import { VALUE_KINDS, type ValueKind } from '../../../src/core/lang/values';

/**
 * The checks every statement passes, whatever it does (in the spirit of scikit-learn's common
 * estimator checks, sklearn/utils/estimator_checks.py): each returns the problems it finds in one
 * statement's doc, as readable sentences; an empty list means the statement passes.
 */

/** Keys of docs/references.md: its `### Key` headings. */
export function referenceKeys(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^### (\S+)\s*$/gm)].map((m) => m[1]));
}

/**
 * The example parses to one statement of this verb, and its arguments resolve against the spec,
 * earlier results replaced by the stand-ins the editor's diagnostics use (a result of the kind
 * the parameter expects).
 */
export function exampleProblems(doc: StatementDoc): string[] {
  try {
    const statements = parseCell(doc.example);
    if (statements.length !== 1) return [`example has ${statements.length} statements, expected 1`];
    const [statement] = statements;
    if (statement.verb !== doc.verb) return [`example uses '${statement.verb}', not the verb '${doc.verb}'`];
    if (statement.target !== null && doc.returns === null) return [`example names the result of a statement that returns none`];
    resolveArgs(doc, statement, (_name, expected: readonly ValueKind[]) => ({ kind: expected[0] }), '/');
    return [];
  } catch (error) {
    if (error instanceof CellError) return [`example '${doc.example}': ${error.message}`];
    throw error;
  }
}

/** Words that make a parameter a length, a time or an energy: such a parameter cannot be dimensionless. */
const DIMENSIONAL = /\b(tau|sigma\w*|times?|lengths?|distances?|cut-?off|intervals?|window|energy|epsilon|lags?|width|radius|delta t)\b/i;

/** Every number parameter names a unit of the list; a dimensionless one does not speak of a length, time or energy. */
export function unitProblems(doc: StatementDoc): string[] {
  const problems: string[] = [];
  for (const p of doc.params) {
    if (p.type !== 'number' && p.type !== 'numberList') continue;
    const unit: unknown = p.unit;
    if (typeof unit !== 'string' || !(UNITS as readonly string[]).includes(unit))
      problems.push(`${doc.verb}.${p.name}: unit ${String(unit)} is not one of ${UNITS.join(', ')}`);
    else if (unit === 'dimensionless' && DIMENSIONAL.test(p.doc))
      problems.push(`${doc.verb}.${p.name}: declared dimensionless, but its doc speaks of a length, time or energy: "${p.doc}"`);
  }
  return problems;
}

/** Every source (the statement's and its parameters') cites at least one key, and every key it cites exists. */
export function sourceProblems(doc: StatementDoc, keys: ReadonlySet<string>): string[] {
  const sources = [{ where: doc.verb, text: doc.source }, ...doc.params.map((p) => ({ where: `${doc.verb}.${p.name}`, text: p.source }))];
  const problems: string[] = [];
  for (const { where, text } of sources) {
    if (text === undefined) continue;
    const cited = [...text.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]);
    if (cited.length === 0) problems.push(`${where}: source "${text}" cites no key of docs/references.md, e.g. [Cubuk2015] Eq. 3`);
    for (const key of cited) if (!keys.has(key)) problems.push(`${where}: source cites [${key}], which docs/references.md does not list`);
  }
  return problems;
}

/** `returns` is null or a declared ValueKind, and so is every kind a result parameter accepts. */
export function kindProblems(doc: StatementDoc): string[] {
  const known = (kind: unknown): boolean => (VALUE_KINDS as readonly unknown[]).includes(kind);
  const problems = doc.returns === null || known(doc.returns) ? [] : [`${doc.verb}: returns '${doc.returns}', not a ValueKind`];
  for (const p of doc.params) {
    if (p.type === 'result')
      for (const kind of p.kinds) if (!known(kind)) problems.push(`${doc.verb}.${p.name}: accepts '${kind}', not a ValueKind`);
  }
  return problems;
}

/** Naming convention (CONTRIBUTING.md "Naming"): lowerCamelCase verbs; parameter names and enum values in camelCase, no _ or -. */
const VERB = /^[a-z][a-zA-Z0-9]*$/;
const NAME = /^[a-zA-Z][a-zA-Z0-9]*$/;

export function namingProblems(doc: StatementDoc): string[] {
  const problems: string[] = [];
  if (!VERB.test(doc.verb)) problems.push(`verb '${doc.verb}' is not lowerCamelCase`);
  const names = new Set<string>();
  for (const p of doc.params) {
    if (!NAME.test(p.name)) problems.push(`${doc.verb}.${p.name}: parameter name is not camelCase`);
    for (const name of [p.name, ...(p.aliases ?? [])]) {
      if (names.has(name)) problems.push(`${doc.verb}: '${name}' names two parameters`);
      names.add(name);
    }
    if (p.type === 'enum') {
      for (const v of p.values)
        if (!NAME.test(v) && !/^\d+$/.test(v)) problems.push(`${doc.verb}.${p.name}: value '${v}' is not camelCase`);
      for (const [alias, value] of Object.entries(p.valueAliases ?? {}))
        if (!p.values.includes(value)) problems.push(`${doc.verb}.${p.name}: alias '${alias}' stands for '${value}', not a value`);
    }
  }
  return problems;
}

/** A default is a value the parameter accepts: in range, an integer where one is needed, one of the choices. */
export function defaultProblems(doc: StatementDoc): string[] {
  const problems: string[] = [];
  const check = (p: ParamSpec, ok: boolean) => {
    if (!ok) problems.push(`${doc.verb}.${p.name}: default ${JSON.stringify(p.default)} is not a value it accepts`);
  };
  for (const p of doc.params) {
    if (p.default === undefined || p.default === null) continue;
    if (p.type === 'number') {
      const v = p.default;
      check(p, (p.min === undefined || v >= p.min) && (p.max === undefined || v <= p.max) && (!p.integer || Number.isInteger(v)));
    } else if (p.type === 'enum') check(p, p.values.includes(p.default));
  }
  return problems;
}
