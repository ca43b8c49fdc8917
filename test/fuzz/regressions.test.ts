import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Expectation, runCase } from './outcome';
import { FUZZ_FIXTURES, seedDigests } from './seeds';

/** A kept input: the file, the seed fixture it came from (relative to test/fixtures/io), how it was made, what it may mean. */
interface Kept {
  readonly file: string;
  readonly seed?: string;
  readonly mutation: string;
  readonly expect: Expectation;
}

const kept: Kept[] = readdirSync(FUZZ_FIXTURES)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(join(FUZZ_FIXTURES, name), 'utf8')));

/**
 * Every input that ever failed a fuzz run (or that the issue reported) is replayed: it must
 * now give a clean error naming the file or contract frames (the seed's first frames for a
 * cut file, none for a known-broken one), quickly and without crashing.
 */
describe('fuzz regressions (test/fixtures/io/fuzz)', () => {
  it('there are kept inputs for every reader', () => {
    for (const ext of ['.lammpstrj', '.extxyz', '.gsd', '.gz']) expect(kept.some((k) => k.file.endsWith(ext))).toBe(true);
  });

  for (const k of kept) {
    it(`${k.file}: ${k.mutation}`, async () => {
      const seed = k.seed ? seedDigests(join(FUZZ_FIXTURES, '..', k.seed)) : [];
      for (const mode of k.file.endsWith('.gsd') ? (['whole'] as const) : (['whole', 'streaming'] as const)) {
        const outcome = await runCase(join(FUZZ_FIXTURES, k.file), k.expect, seed, mode);
        expect(`${mode}: ${outcome.kind}: ${outcome.detail.slice(0, 300)}`).toMatch(/^\w+: (error|frames):/);
      }
    });
  }
});
