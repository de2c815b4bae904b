import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the CPUs: one worker on a 2-core machine, where the
    // suite then runs file after file (265 s in CI). Most tests wait on the CLI in a child process,
    // so a worker per CPU keeps both busy: 170 s, same results.
    maxWorkers: availableParallelism(),
    setupFiles: ['test/helpers/node-host.ts'],
  },
});
