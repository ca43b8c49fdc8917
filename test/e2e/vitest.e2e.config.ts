import { defineConfig } from 'vitest/config';

/**
 * `npm run test:e2e`: the end-to-end tests in code-server (test/e2e/*.e2e.ts, never picked up by
 * the main `npm test`, whose pattern is *.test.ts). globalSetup packages the .vsix and installs
 * code-server once for all files; files run one after the other (each starts its own code-server
 * and Chromium, and the quickstart alone keeps both cores busy).
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/globalSetup.ts'],
    fileParallelism: false,
    // The quickstart takes ~15 s of compute on an idle 2-core machine and several minutes under load.
    testTimeout: 20 * 60_000,
    hookTimeout: 5 * 60_000,
    pool: 'forks',
  },
});
