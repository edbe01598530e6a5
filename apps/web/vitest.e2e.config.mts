import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Browser end-to-end tests: the built UI served by the real service, driven in Debian's Chromium. */
export default defineConfig({
  root,
  test: {
    name: 'web-e2e',
    root,
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
