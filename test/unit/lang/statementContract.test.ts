import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findStatement, statements } from '../../../src/core/lang/registry';
import type { StatementDoc } from '../../../src/core/lang/spec';
import {
  defaultProblems,
  exampleProblems,
  kindProblems,
  namingProblems,
  referenceKeys,
  sourceProblems,
  unitProblems,
} from './statementContract';

const keys = referenceKeys(readFileSync('docs/references.md', 'utf8'));

/** A statement that passes every check, to break one property at a time. */
const good = {
  verb: 'msdLike',
  summary: 'a statement',
  returns: 'table',
  source: '[Cubuk2015] Eq. 3',
  example: 'm = msdLike traj maxLag=5',
  params: [
    { name: 'trajectory', type: 'result', kinds: ['trajectory'], positional: true, doc: 'the loaded trajectory' },
    { name: 'maxLag', type: 'number', min: -1, default: -1, unit: 'tau', doc: 'longest lag', source: '[Schoenholz2018] Eq. 1' },
    { name: 'method', type: 'enum', values: ['pHop', 'd2min'], valueAliases: { phop: 'pHop' }, default: 'pHop', doc: 'indicator' },
  ],
} as const satisfies StatementDoc;

function withParam(index: number, change: object): StatementDoc {
  return { ...good, params: good.params.map((p, k) => (k === index ? { ...p, ...change } : p)) } as StatementDoc;
}

describe('every statement', () => {
  it('is found under its verb and its aliases, and no two statements share a name', () => {
    const names = statements.flatMap((s) => [s.doc.verb, ...(s.doc.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
    for (const s of statements) for (const name of [s.doc.verb, ...(s.doc.aliases ?? [])]) expect(findStatement(name)).toBe(s);
  });

  for (const { doc } of statements) {
    describe(doc.verb, () => {
      it('has an example that parses and whose arguments resolve against the spec', () => expect(exampleProblems(doc)).toEqual([]));
      it('names the unit of every number parameter', () => expect(unitProblems(doc)).toEqual([]));
      it('cites docs/references.md in every source', () => expect(sourceProblems(doc, keys)).toEqual([]));
      it('returns a declared kind and accepts declared kinds', () => expect(kindProblems(doc)).toEqual([]));
      it('follows the naming convention', () => expect(namingProblems(doc)).toEqual([]));
      it('has defaults its parameters accept', () => expect(defaultProblems(doc)).toEqual([]));
    });
  }
});

describe('the contract checks', () => {
  it('pass a good statement', () => {
    for (const check of [exampleProblems, unitProblems, kindProblems, namingProblems, defaultProblems]) expect(check(good)).toEqual([]);
    expect(sourceProblems(good, keys)).toEqual([]);
  });

  it('catch an example that does not parse, names another verb or breaks the spec', () => {
    expect(exampleProblems({ ...good, example: 'm = msdLike traj maxLag=' })[0]).toMatch(/example 'm = msdLike traj maxLag='/);
    expect(exampleProblems({ ...good, example: 'm = msd traj' })).toEqual(["example uses 'msd', not the verb 'msdLike'"]);
    expect(exampleProblems({ ...good, example: 'm = msdLike traj maxlag=5' })[0]).toMatch(/unknown parameter 'maxlag'/);
    expect(exampleProblems({ ...good, example: 'm = msdLike traj method=foo' })[0]).toMatch(/expects one of pHop \| d2min/);
  });

  it('catch a missing unit, an unknown one, and a time declared dimensionless', () => {
    expect(unitProblems(withParam(1, { unit: undefined }))[0]).toMatch(/maxLag: unit undefined is not one of/);
    expect(unitProblems(withParam(1, { unit: 'seconds' }))[0]).toMatch(/unit seconds/);
    expect(unitProblems(withParam(1, { unit: 'dimensionless', doc: 'the longest lag time' }))[0]).toMatch(/declared dimensionless/);
  });

  it('catch a source without a key and a key the bibliography lacks', () => {
    expect(sourceProblems({ ...good, source: 'Schoenholz review Eq. 1' }, keys)[0]).toMatch(/cites no key/);
    expect(sourceProblems(withParam(1, { source: '[Smith1999] Eq. 4' }), keys)).toEqual([
      'msdLike.maxLag: source cites [Smith1999], which docs/references.md does not list',
    ]);
  });

  it('catch an undeclared kind', () => {
    expect(kindProblems({ ...good, returns: 'curve' } as unknown as StatementDoc)).toEqual(["msdLike: returns 'curve', not a ValueKind"]);
    expect(kindProblems(withParam(0, { kinds: ['frames'] }))).toEqual(["msdLike.trajectory: accepts 'frames', not a ValueKind"]);
  });

  it('catch names off the convention, repeated names and aliases of no value', () => {
    expect(namingProblems({ ...good, verb: 'msd_like' })).toEqual(["verb 'msd_like' is not lowerCamelCase"]);
    expect(namingProblems(withParam(1, { name: 'max_lag' }))).toEqual(['msdLike.max_lag: parameter name is not camelCase']);
    expect(namingProblems(withParam(1, { aliases: ['method'] }))).toEqual(["msdLike: 'method' names two parameters"]);
    expect(namingProblems(withParam(2, { values: ['pHop', 'd2_min'] }))).toEqual(["msdLike.method: value 'd2_min' is not camelCase"]);
    expect(namingProblems(withParam(2, { valueAliases: { phop: 'p_hop' } }))[0]).toMatch(/alias 'phop' stands for 'p_hop'/);
  });

  it('catch a default the parameter would reject', () => {
    expect(defaultProblems(withParam(1, { min: 0 }))).toEqual(['msdLike.maxLag: default -1 is not a value it accepts']);
    expect(defaultProblems(withParam(2, { default: 'phop' }))).toEqual(['msdLike.method: default "phop" is not a value it accepts']);
  });
});
