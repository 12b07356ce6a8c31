import { defineConfig } from 'vitest/config';

// One run for unit, integration and end-to-end suites. Browser suites start real Chromium and servers, so
// keep workers to the machine's two cores and give hooks time for builds and PGlite's first start.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
  },
});
