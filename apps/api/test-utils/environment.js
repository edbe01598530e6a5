// The service's Jest environment: Node's, plus one watch the sandbox cannot keep itself (its `process` is a copy with
// listeners of its own). Queries sent to a PostgreSQL connection while it runs one (two statements of one transaction
// at once, e.g. in a `Promise.all`) are queued by pg 8 with a deprecation warning, once per process, and refused by
// pg 9. The warnings are recorded, once per worker process, and handed to the tests as `__queuedPgQueries`; a test
// app's `close()` fails while one is recorded (`start-test-app.ts`), naming where the query was sent from.
'use strict';
const { TestEnvironment } = require('jest-environment-node');

const KEY = Symbol.for('clustermatch.test.queuedPgQueries');

function queuedQueries() {
  if (!process[KEY]) {
    const list = [];
    process[KEY] = list;
    process.on('warning', (w) => {
      if (w.name === 'DeprecationWarning' && w.message.includes('already executing a query'))
        list.push(w.stack || w.message);
    });
  }
  return process[KEY];
}

module.exports = class ServiceTestEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    this.global.__queuedPgQueries = queuedQueries();
  }
};
