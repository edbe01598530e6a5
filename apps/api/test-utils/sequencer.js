// Jest's order of the service's test files. Jest runs the longest files first when it knows their times from an
// earlier run, and by file size when it does not (a fresh clone, as in CI). The spec groups
// (`test/groups/part-N.spec.ts`) are tiny files that run the longest tests, so by size they would come last and
// the longest one alone would keep one worker busy at the end while the other waits. Without earlier times, the
// groups go first, part-1 (the longest) first; everything else keeps Jest's order.
const Sequencer = require('@jest/test-sequencer').default;

const PART = /[\\/]test[\\/]groups[\\/]part-(\d+)\.spec\.ts$/;

class GroupsFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.every((t) => this.time(t) != null)) return sorted;
    const part = (t) => Number(PART.exec(t.path)?.[1] ?? Infinity);
    const groups = sorted.filter((t) => part(t) < Infinity).sort((a, b) => part(a) - part(b));
    return [...groups, ...sorted.filter((t) => part(t) === Infinity)];
  }
}

module.exports = GroupsFirst;
