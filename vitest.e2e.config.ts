import { defineConfig } from 'vitest/config';

// Browser tests: they build the app, serve it and drive a real Chromium (see tests/e2e/helpers).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    // Builds the app once for every file (see tests/e2e/helpers/globalSetup.ts).
    globalSetup: ['tests/e2e/helpers/globalSetup.ts'],
    environment: 'node',
    globals: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
