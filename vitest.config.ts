import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // fast-check properties run from a fixed seed (ALEA_FC_SEED overrides it)
    setupFiles: ['tests/setup/fast-check.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
