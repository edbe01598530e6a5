/**
 * `limitHeapGrowth` keeps the old generation close to what is live: a process that churns through short-lived objects
 * beside a fixed live set ends with a smaller heap with it than without it. Each case runs in a child process of its
 * own (V8 flags are per process).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

jest.setTimeout(60_000);

/** Old-generation size in MB after the churn, with `percent` applied (0: V8's own sizing). */
function oldSpaceAfterChurn(percent: number): { size: number; used: number } {
  const helper = join(__dirname, 'heap-growth.ts');
  const script = `
    const { getHeapSpaceStatistics } = require('node:v8');
    require(${JSON.stringify(helper)}).limitHeapGrowth(${percent});
    // 30 MB live (kept throughout), and requests' worth of garbage that survives a young collection or two.
    const live = Array.from({ length: 30_000 }, (_, i) => ({ i, text: 'x'.repeat(1000) + i }));
    let inFlight = [];
    for (let round = 0; round < 400; round++) {
      inFlight.push(Array.from({ length: 2_000 }, (_, i) => ({ round, i, body: 'y'.repeat(200) + i })));
      if (inFlight.length > 20) inFlight.shift();
    }
    inFlight = [];
    const old = getHeapSpaceStatistics().find((s) => s.space_name === 'old_space');
    process.stdout.write(JSON.stringify({ size: old.space_size / 1048576, used: old.space_used_size / 1048576, live: live.length }));
  `;
  const out = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], { encoding: 'utf8' });
  return JSON.parse(out) as { size: number; used: number };
}

describe('limitHeapGrowth', () => {
  it('keeps the old generation smaller than V8 sizes it on its own, under the same churn', () => {
    const own = oldSpaceAfterChurn(0);
    const limited = oldSpaceAfterChurn(20);
    // The live set is the same 30 MB either way.
    expect(own.size).toBeGreaterThan(30);
    expect(limited.size).toBeGreaterThan(30);
    expect(limited.size).toBeLessThan(own.size * 0.8);
  });
});
