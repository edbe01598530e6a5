/**
 * A `node -r` preload for the compiled entry points (`npm start`, `npm run cli`): before the
 * program loads, compares the sources with the build stamp and recompiles what changed, saying so
 * on stderr, so a run never uses stale JavaScript. Costs a few milliseconds when nothing changed.
 */
'use strict';
const { build, staleness } = require('./build.cjs');

const { changed, removed } = staleness();
if (changed.length > 0 || removed.length > 0) {
  const n = build();
  process.stderr.write(`clustermatch: dist/ was out of date; recompiled ${n} changed files\n`);
}
