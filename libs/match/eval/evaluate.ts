/**
 * Measures the recommendations (issue 12) and prints the figures the README quotes:
 *
 * (a) on the demo event, 30 % of the accepted requests are hidden (seeded, several draws), the rest are known
 *     (exclusions), and recall@10 of the hidden pairs (the receiver in the requester's top 10) is compared with a
 *     popularity baseline (most accepted requests first) and a random baseline, under the same exclusions;
 * (b) on fixtures/match-eval/pairs.json, pairs whose seek and offer are worded differently (synonyms, word forms,
 *     Danish, English, mixed): in how many the partner ranks in the seeker's top 3 among every profile of the
 *     file and the 150 demo clusters; then the same on held-out.json, pairs written after the lexicon was frozen;
 * (c) the time to rank all 150 demo clusters (build the matcher, top 10 of each), median of 7 runs, against the
 *     1 s budget.
 *
 * Run: `npm run eval:match` (add `--verbose` to list the evaluation pairs that miss).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMatcher, type Label, type MatchCluster, type PairFact, type Scope } from '../src';

const ROOT = join(__dirname, '..', '..', '..');
const verbose = process.argv.includes('--verbose');

interface DemoCluster {
  key: string;
  name: string;
  country: string;
  sectors: string[];
  technologies: string[];
  scope: Scope;
  label: Label;
  offers: string;
  seeks: string;
}
interface DemoRequest {
  from: string;
  to: string;
  status: 'accepted' | 'pending' | 'declined';
}
const demo = JSON.parse(readFileSync(join(ROOT, 'fixtures/demo-event.json'), 'utf8')) as {
  clusters: DemoCluster[];
  requests: DemoRequest[];
};
const demoClusters: MatchCluster[] = demo.clusters.map((c) => ({
  id: c.key,
  name: c.name,
  country: c.country,
  sectors: c.sectors,
  technologies: c.technologies,
  scope: c.scope,
  label: c.label,
  offers: c.offers,
  seeks: c.seeks,
}));

/** mulberry32: a small seeded generator, so every run draws the same hidden sets. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffle<T>(xs: T[], r: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

// (a) recall@10 of hidden accepted requests.
function measureA(): void {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const totals = { ours: 0, popularity: 0, random: 0, hidden: 0 };
  for (const seed of seeds) {
    const r = rng(seed);
    const accepted = demo.requests.filter((q) => q.status === 'accepted');
    const shuffled = shuffle(accepted, r);
    const nHidden = Math.round(accepted.length * 0.3);
    const hidden = shuffled.slice(0, nHidden);
    const visible = shuffled.slice(nHidden);
    const facts: PairFact[] = [
      ...visible.map((q): PairFact => ({ a: q.from, b: q.to, kind: 'open' })),
      ...demo.requests
        .filter((q) => q.status !== 'accepted')
        .map((q): PairFact => ({ a: q.from, b: q.to, kind: q.status === 'pending' ? 'open' : 'declined' })),
    ];
    const matcher = createMatcher({ clusters: demoClusters, facts });
    const degree = new Map<string, number>();
    for (const q of visible) for (const id of [q.from, q.to]) degree.set(id, (degree.get(id) ?? 0) + 1);
    for (const q of hidden) {
      const ours = matcher.recommend(q.from, 10).map((x) => x.clusterId);
      const eligible = demoClusters.map((c) => c.id).filter((id) => matcher.eligible(q.from, id));
      const popular = shuffle(eligible, r)
        .sort((x, y) => (degree.get(y) ?? 0) - (degree.get(x) ?? 0))
        .slice(0, 10);
      const random = shuffle(eligible, r).slice(0, 10);
      totals.ours += ours.includes(q.to) ? 1 : 0;
      totals.popularity += popular.includes(q.to) ? 1 : 0;
      totals.random += random.includes(q.to) ? 1 : 0;
      totals.hidden++;
    }
  }
  process.stdout.write(
    `(a) demo event, 30 % of ${demo.requests.filter((q) => q.status === 'accepted').length} accepted requests hidden, ` +
      `${seeds.length} draws, ${totals.hidden} hidden pairs in all: recall@10\n` +
      `    recommendations ${pct(totals.ours / totals.hidden)}, popularity ${pct(totals.popularity / totals.hidden)}, ` +
      `random ${pct(totals.random / totals.hidden)}\n`,
  );
}

// (b) top-3 rate on the evaluation pairs.
interface EvalSide {
  country: string;
  sectors: string[];
  technologies: string[];
  offers: string;
  seeks: string;
}
interface EvalPair {
  id: string;
  lang: 'en' | 'da' | 'mixed';
  seeker: EvalSide;
  partner: EvalSide;
}
function measureB(file: string, label: string): void {
  const { pairs } = JSON.parse(readFileSync(join(ROOT, 'fixtures/match-eval', file), 'utf8')) as {
    pairs: EvalPair[];
  };
  const side = (id: string, s: EvalSide): MatchCluster => ({
    id,
    name: id,
    country: s.country,
    sectors: s.sectors,
    technologies: s.technologies,
    scope: 'national',
    label: 'none',
    offers: s.offers,
    seeks: s.seeks,
  });
  const clusters = [
    ...demoClusters,
    ...pairs.flatMap((p) => [side(`${p.id}-seeker`, p.seeker), side(`${p.id}-partner`, p.partner)]),
  ];
  const matcher = createMatcher({ clusters });
  const byLang = new Map<string, { hit: number; all: number }>();
  let hits = 0;
  const ranks: number[] = [];
  for (const p of pairs) {
    const ranking = matcher.recommend(`${p.id}-seeker`, clusters.length).map((x) => x.clusterId);
    const rank = ranking.indexOf(`${p.id}-partner`) + 1;
    ranks.push(rank);
    const hit = rank >= 1 && rank <= 3;
    hits += hit ? 1 : 0;
    const l = byLang.get(p.lang) ?? { hit: 0, all: 0 };
    l.all++;
    l.hit += hit ? 1 : 0;
    byLang.set(p.lang, l);
    if (verbose && !hit) {
      const top = ranking.slice(0, 3).join(', ');
      process.stdout.write(`    miss ${p.id} (${p.lang}): partner at ${rank}; top 3 ${top}\n`);
    }
  }
  const langs = [...byLang].map(([l, v]) => `${l} ${v.hit}/${v.all}`).join(', ');
  ranks.sort((x, y) => x - y);
  process.stdout.write(
    `(b) ${label}: ${pairs.length} differently-worded complementary pairs against ${clusters.length - 1} other profiles: ` +
      `partner in the top 3 in ${hits}/${pairs.length} (${pct(hits / pairs.length)}; ${langs}); ` +
      `median rank ${ranks[Math.floor(ranks.length / 2)]}\n`,
  );
}

// (c) time to rank all 150 demo clusters.
function measureC(): void {
  const facts: PairFact[] = demo.requests.map((q) => ({
    a: q.from,
    b: q.to,
    kind: q.status === 'declined' ? 'declined' : 'open',
  }));
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    createMatcher({ clusters: demoClusters, facts }).recommendAll(10);
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  const median = times[3];
  process.stdout.write(
    `(c) ranking all ${demoClusters.length} demo clusters (top 10 each): median ${median.toFixed(0)} ms of 7 runs ` +
      `(first run ${times[times.length - 1].toFixed(0)} ms at most); budget 1000 ms: ${median < 1000 ? 'within' : 'OVER'}\n`,
  );
}

measureA();
measureB('pairs.json', 'evaluation set');
measureB('held-out.json', 'held-out set (written after the lexicon was frozen)');
measureC();
