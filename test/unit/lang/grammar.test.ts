import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { statements } from '../../../src/core/lang/registry';

/**
 * The TextMate grammar (syntaxes/softness.tmLanguage.json) highlights statements by name; it must
 * list exactly the statements the interpreter knows. Its regexes are checked with the same
 * patterns a TextMate engine would apply to one line (JavaScript regexes accept this subset).
 */
const grammar = JSON.parse(readFileSync('syntaxes/softness.tmLanguage.json', 'utf8'));
const repo = grammar.repository;

describe('softness TextMate grammar', () => {
  it('highlights exactly the statements of the language and their aliases, in registry order', () => {
    // The verb alternation is written from src/core/lang/registry.ts: paste the expected one on a mismatch.
    const verbs = statements.flatMap((s) => [s.doc.verb, ...(s.doc.aliases ?? [])]);
    expect(repo.statement.match).toBe(`\\b(?:${verbs.join('|')})\\b(?!\\s*=)`);
  });

  it('matches comments, assignments, parameters, numbers and booleans', () => {
    const re = (pattern: string) => new RegExp(pattern);
    expect(re(repo.comment.match).exec('x = load "a" # note')?.[0]).toBe('# note');
    expect(re(repo.assignment.match).exec('ts = trainingset ev')?.[1]).toBe('ts');
    expect(re(repo.statement.match).exec('ts = trainingset ev')?.[0]).toBe('trainingset');
    expect(re(repo.statement.match).exec('ts = trainingSet ev')?.[0]).toBe('trainingSet');
    expect(re(repo.statement.match).test('softness = 3')).toBe(false);
    expect(re(repo.argument.match).exec('ev pc=0.2')?.[1]).toBe('pc');
    const number = repo.value.patterns.find((p: { name: string }) => p.name === 'constant.numeric.softness').match;
    expect('tR=1e-3 x2 [0.5, -2]'.match(new RegExp(number, 'g'))).toEqual(['1e-3', '0.5', '-2']);
  });
});
