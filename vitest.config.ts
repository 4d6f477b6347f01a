import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  // the app's state classes (.svelte.ts, runes) are compiled as the app's are, so their logic is tested too
  plugins: [svelte({ configFile: false })],
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
