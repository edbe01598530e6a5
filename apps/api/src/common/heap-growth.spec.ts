/**
 * `limitHeapGrowth` keeps the old generation close to what is live: a process that churns through short-lived objects
 * beside a fixed live set grows a smaller heap with it than without it. Each case runs in a child process of its
 * own (V8 flags are per process).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

jest.setTimeout(60_000);

/**
 * The largest old generation (MB) seen during the churn, with `percent` applied (0: V8's own sizing). The peak, not the
 * size at the end: where the last full collection fell decides the latter (a CI run measured 51 MB without the limit
 * and 64 with it at the end, where the peaks are 132-146 against 54-74 MB).
 */
function peakOldSpace(percent: number): number {
  const helper = join(__dirname, 'heap-growth.ts');
  const script = `
    const { getHeapSpaceStatistics } = require('node:v8');
    require(${JSON.stringify(helper)}).limitHeapGrowth(${percent});
    const oldSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_size / 1048576;
    // 30 MB live (kept throughout), and requests' worth of garbage that survives a young collection or two.
    const live = Array.from({ length: 30_000 }, (_, i) => ({ i, text: 'x'.repeat(1000) + i }));
    let inFlight = [];
    let peak = 0;
    for (let round = 0; round < 400; round++) {
      inFlight.push(Array.from({ length: 2_000 }, (_, i) => ({ round, i, body: 'y'.repeat(200) + i })));
      if (inFlight.length > 20) inFlight.shift();
      if (round % 10 === 0) peak = Math.max(peak, oldSpace());
    }
    process.stdout.write(JSON.stringify({ peak: Math.max(peak, oldSpace()), live: live.length }));
  `;
  const out = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], { encoding: 'utf8' });
  return (JSON.parse(out) as { peak: number }).peak;
}

describe('limitHeapGrowth', () => {
  it('keeps the old generation smaller than V8 sizes it on its own, under the same churn', () => {
    const own = peakOldSpace(0);
    const limited = peakOldSpace(20);
    // The live set is the same 30 MB either way.
    expect(own).toBeGreaterThan(30);
    expect(limited).toBeGreaterThan(30);
    expect(limited).toBeLessThan(own * 0.8);
  });
});
