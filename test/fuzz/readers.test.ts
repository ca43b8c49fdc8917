import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../unit/io/tmpDir';
import { gsdMutation, gzipMutation, type Mutation, textMutation } from './mutations';
import { OUTCOMES, type OutcomeKind, runCase } from './outcome';
import { FUZZ_FIXTURES, seedDigests } from './seeds';

/**
 * Mutation fuzzing of every trajectory reader, from the fixtures in test/fixtures/io: each
 * input must give a clean error naming the file, frames that satisfy the Frame contract, or
 * the seed's exact data when the mutation kept its meaning (outcome.ts).
 *
 * Short run (npm test): a few hundred seeded cases per reader. Long run: `npm run fuzz`, with
 * SOFTNESS_FUZZ_RUNS cases per reader and SOFTNESS_FUZZ_SEED; SOFTNESS_FUZZ_SAVE=1 keeps every
 * failing input in test/fixtures/io/fuzz/ (replayed by regressions.test.ts) and
 * SOFTNESS_FUZZ_REPORT=<file> appends the outcome table as JSON lines.
 */

const FIXTURES = join(__dirname, '../fixtures/io');
const RUNS = Number(process.env.SOFTNESS_FUZZ_RUNS) || 0;
const SEED = Number(process.env.SOFTNESS_FUZZ_SEED) || 20261205;
const tmp = useTmpDir();

interface Reader {
  readonly name: string;
  /** Seed fixtures, relative to test/fixtures/io. */
  readonly seeds: readonly string[];
  /** Extension of the mutated file (`.gz` added for the gzip reader). */
  readonly gzip: boolean;
  /** Whether the format is also opened by openTrajectoryStreaming (text formats; every other case). */
  readonly streaming: boolean;
  readonly mutation: fc.Arbitrary<Mutation>;
  /** Cases of the short run (decompression costs a worker thread per case, so .gz runs fewer). */
  readonly shortRuns: number;
}

const READERS: readonly Reader[] = [
  {
    name: 'LAMMPS dump',
    seeds: [
      'lammps/ortho_image.lammpstrj',
      'lammps/triclinic_scaled.lammpstrj',
      'lammps/ortho_shuffled.lammpstrj',
      'lammps/twod_unwrapped.lammpstrj',
    ],
    gzip: false,
    streaming: true,
    mutation: textMutation(),
    shortRuns: 300,
  },
  {
    name: 'XYZ / extended XYZ',
    seeds: ['lammps/ortho.xyz', 'xyz/ka_ext.extxyz'],
    gzip: false,
    streaming: true,
    mutation: textMutation(),
    shortRuns: 300,
  },
  {
    name: 'GSD',
    seeds: ['gsd/ka3d.gsd', 'gsd/twod.gsd', 'gsd/ka3d_v1.gsd'],
    gzip: false,
    streaming: false,
    mutation: gsdMutation(),
    shortRuns: 300,
  },
  {
    name: '.gz (LAMMPS, XYZ)',
    seeds: ['lammps/ortho_image.lammpstrj', 'xyz/ka_ext.extxyz'],
    gzip: true,
    streaming: true,
    mutation: gzipMutation((plain) => gzipSync(plain)),
    shortRuns: 60,
  },
];

describe('fuzz: every reader gives a clean error or contract frames for mutated files', () => {
  for (const [r, reader] of READERS.entries()) {
    const runs = RUNS || reader.shortRuns;
    it(`${reader.name}: ${runs} mutated inputs (seed ${SEED + r})`, { timeout: 60_000 + runs * 1_000 }, async () => {
      const seeds = reader.seeds.map((name) => ({
        name,
        bytes: readFileSync(join(FIXTURES, name)),
        digests: seedDigests(join(FIXTURES, name)),
      }));
      const cases = fc.sample(fc.tuple(fc.nat(), reader.mutation), { numRuns: runs, seed: SEED + r });
      const tally = Object.fromEntries(OUTCOMES.map((kind) => [kind, 0])) as Record<OutcomeKind, number>;
      const failures: string[] = [];
      for (const [i, [s, mutation]] of cases.entries()) {
        const seed = seeds[s % seeds.length];
        const mutant = mutation(seed.bytes);
        const path = join(tmp.dir, `case${i}-${basename(seed.name)}${reader.gzip ? '.gz' : ''}`);
        writeFileSync(path, mutant.bytes);
        // Every other text input also goes through the streaming open of the previews.
        const mode = reader.streaming && i % 2 === 1 ? 'streaming' : 'whole';
        const outcome = await runCase(path, mutant.expect, seed.digests, mode);
        tally[outcome.kind]++;
        if (outcome.kind !== 'error' && outcome.kind !== 'frames') {
          failures.push(`case ${i} (${seed.name}, ${mutant.label}, ${mode}): ${outcome.kind}: ${outcome.detail.slice(0, 400)}`);
          if (process.env.SOFTNESS_FUZZ_SAVE === '1') keepFailure(reader, seed.name, mutant.label, mutant.expect, mutant.bytes);
        }
      }
      const row = { reader: reader.name, seed: SEED + r, tried: runs, ...tally };
      console.log(`fuzz ${JSON.stringify(row)}`);
      if (process.env.SOFTNESS_FUZZ_REPORT) appendFileSync(process.env.SOFTNESS_FUZZ_REPORT, `${JSON.stringify(row)}\n`);
      expect(failures.slice(0, 5)).toEqual([]);
      // The cases reach both sides: some inputs still read, most are refused.
      expect(tally.error).toBeGreaterThan(0);
      expect(tally.frames).toBeGreaterThan(0);
    });
  }
});

/** Keeps a failing input as a regression fixture (test/fixtures/io/fuzz/<reader>-<hash>.<ext> and a .json sidecar). */
function keepFailure(reader: Reader, seed: string, label: string, expectation: string, bytes: Buffer): void {
  const hash = createHash('sha1').update(bytes).digest('hex').slice(0, 10);
  const name = `${reader.name.split(/\W/)[0].toLowerCase() || 'gz'}-${hash}-${basename(seed)}${reader.gzip ? '.gz' : ''}`;
  writeFileSync(join(FUZZ_FIXTURES, name), bytes);
  writeFileSync(
    join(FUZZ_FIXTURES, `${name}.json`),
    `${JSON.stringify({ file: name, seed, mutation: label, expect: expectation }, null, 1)}\n`,
  );
}
