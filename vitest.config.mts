import { defineConfig } from 'vitest/config';

// Unit and integration tests: plain Node, real servers on 127.0.0.1, `electron` mocked where imported.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
