import { defineConfig } from 'vitest/config';

// The whole suite runs twice: on embedded PGlite and on the PostgreSQL server (VIGIE_TEST_PG_URL, by default
// the CI server on 127.0.0.1:5432, database test). Browser tests run once, in their own project.
const shared = { testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    // On CI a JSON report lets .ci/run print one plain summary line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results.json' }]] : ['default'],
    projects: [
      {
        test: {
          ...shared,
          name: 'pglite',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          env: { VIGIE_TEST_DB: 'pglite' },
        },
      },
      {
        test: {
          ...shared,
          name: 'postgresql',
          include: ['src/**/*.db.test.ts', 'test/**/*.test.ts'],
          env: { VIGIE_TEST_DB: 'postgresql' },
          setupFiles: ['test/support/one-query-at-a-time.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'browser',
          include: ['test/browser/**/*.browser.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
        },
      },
    ],
  },
});
