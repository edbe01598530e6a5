/**
 * A `node -r` preload for the compiled entry points (`npm start`, `npm run cli`): before the
 * program loads, checks the build stamp (stats only, a few milliseconds) and, when a source changed
 * or a bundle is missing, runs the build (`scripts/build.cjs`) in a child process and waits for it,
 * saying so on stderr, so a run never uses stale JavaScript. A failed build stops the program.
 */
'use strict';
const { isFresh } = require('./build.cjs');

if (!isFresh()) {
  const { spawnSync } = require('node:child_process');
  const r = spawnSync(process.execPath, [require.resolve('./build.cjs')], { encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`clustermatch: dist/ is out of date and the build failed:\n${r.stdout}${r.stderr}`);
    process.exit(1);
  }
  process.stderr.write(`clustermatch: dist/ was out of date; ${r.stdout.replace(/^build: /, '')}`);
}
