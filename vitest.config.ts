import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests start from a fixed seed (test/setup/fast-check.ts): a CI run is repeatable.
    setupFiles: ['test/setup/fast-check.ts'],
    // End-to-end tests run the built binary and independent checkers: on a busy 2-core machine one
    // of them has taken 35 s. A hung test still fails, after two minutes.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // The pseudo-terminal and binary tests spawn processes; keep the 2-core machine from thrashing.
    maxWorkers: 2,
  },
});
