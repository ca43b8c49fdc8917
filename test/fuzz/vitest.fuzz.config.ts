import { defineConfig } from 'vitest/config';

/**
 * The long fuzz run (`npm run fuzz`): the same tests as the short run in `npm test`, with
 * SOFTNESS_FUZZ_RUNS cases per reader (default 10,000), a seed from SOFTNESS_FUZZ_SEED (default:
 * the current time, printed in each test name), failing inputs kept as regression fixtures.
 */
export default defineConfig({
  test: {
    include: ['test/fuzz/**/*.test.ts'],
    testTimeout: 4 * 3600_000,
    pool: 'forks',
    env: {
      SOFTNESS_FUZZ_RUNS: process.env.SOFTNESS_FUZZ_RUNS ?? '10000',
      SOFTNESS_FUZZ_SEED: process.env.SOFTNESS_FUZZ_SEED ?? String(Date.now() % 2 ** 31),
      SOFTNESS_FUZZ_SAVE: process.env.SOFTNESS_FUZZ_SAVE ?? '1',
    },
  },
});
