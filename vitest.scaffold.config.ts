import { defineConfig } from 'vitest/config';
import { SCAFFOLD_INTEGRATION_TESTS } from './vitest.config.js';

/** The scaffolder's integration test, alone (see vitest.config.ts). */
export default defineConfig({
  test: {
    include: [SCAFFOLD_INTEGRATION_TESTS],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
