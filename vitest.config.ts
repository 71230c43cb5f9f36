import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Corpus sweeps read hundreds of files; give them room without a wall-clock assertion.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
