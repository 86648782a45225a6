import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Every test but the scaffolder's integration test, which writes a plugin into packages/plugins
 * for a while: it runs on its own afterwards (vitest.scaffold.config.ts), so no test that lists
 * the repository's plugins ever sees its temporary one.
 */
export const SCAFFOLD_INTEGRATION_TESTS = 'packages/workspace/test/integration/new-plugin.test.ts';

export default defineConfig({
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'packages/plugins/*/test/**/*.test.ts',
      'infra/test/**/*.test.ts',
    ],
    exclude: [...configDefaults.exclude, SCAFFOLD_INTEGRATION_TESTS],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
