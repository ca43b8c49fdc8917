import * as path from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Unit tests of extension code run against a small in-memory stand-in of the vscode API.
    alias: { vscode: path.resolve(__dirname, 'test/mocks/vscode.ts') },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Draw-time measurements are a benchmark (`npm run bench:renderer`), not part of the test run.
    exclude: [...configDefaults.exclude, ...(process.env.SOFTNESS_BENCH ? [] : ['test/browser/snapshotPerf.test.ts'])],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
