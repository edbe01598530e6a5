import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/**
 * Writes dist/sw.js (issue 16, item 2: the app and the agenda open offline after one visit) from
 * sw/service-worker.js, filled with the app shell to store: index.html, every built file but source maps, and the
 * public files (manifest, icons). Its version is a hash of those names, so each build with new files installs anew.
 */
function serviceWorker(): Plugin {
  return {
    name: 'clustermatch-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const publicDir = join(root, 'public');
      const built = Object.keys(bundle).filter((f) => !f.endsWith('.map') && f !== 'index.html');
      const shell = [
        '/index.html',
        ...built.map((f) => `/${f}`),
        ...filesUnder(publicDir).map((f) => `/${relative(publicDir, f).split('\\').join('/')}`),
      ].sort();
      const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 16);
      const source = readFileSync(join(root, 'sw', 'service-worker.js'), 'utf8')
        .replace('self.__SHELL_FILES__', JSON.stringify(shell))
        .replace('self.__SHELL_VERSION__', JSON.stringify(version));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

/** The web front end: built into apps/web/dist, which the service serves at `/`. */
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), serviceWorker()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
  test: {
    name: 'web',
    root,
    environment: 'jsdom',
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    setupFiles: ['src/test-setup.ts'],
    // The component tests drive a real service; typing and solving take a while on a loaded machine.
    testTimeout: 30_000,
  },
});
