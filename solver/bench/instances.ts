/** The benchmark instances, generated in memory with fixed seeds (never read from disk). */
import type { GenerateParams } from '../src/generate';

export interface BenchInstance {
  readonly name: string;
  readonly description: string;
  readonly params: GenerateParams;
  /** Skipped by `--quick`, and by the reference MIP (too large for it). */
  readonly big?: boolean;
  /** Our time limit in seconds (default 10). */
  readonly limit?: number;
}

export const instances: readonly BenchInstance[] = [
  {
    name: 'ev550',
    description: '550 meetings, 150 clusters, 16 slots, 45 tables',
    params: { clusters: 150, meetings: 550, slots: 16, tables: 45, seed: 7 },
  },
  {
    name: 'tight',
    description: '550 meetings, 150 clusters, 16 slots, 30 tables (tight)',
    params: { clusters: 150, meetings: 550, slots: 16, tables: 30, seed: 7 },
  },
  {
    name: 'group',
    description: '550 meetings (10% groups of 3-4), 150 clusters, 16 slots, 45 tables',
    params: { clusters: 150, meetings: 550, slots: 16, tables: 45, seed: 7, groupShare: 0.1 },
  },
  {
    name: 'dense',
    description: '680 meetings on 720 table-slots, planted full schedule, 5% groups',
    params: { clusters: 150, meetings: 680, slots: 16, tables: 45, seed: 7, dense: true, groupShare: 0.05 },
  },
  {
    name: 'two-day',
    description: '800 meetings, 150 clusters, 24 slots over 2 days, 45 tables',
    params: { clusters: 150, meetings: 800, slots: 24, tables: 45, seed: 7, days: 2 },
  },
  {
    name: 'popular550',
    description: '550 meetings, a tenth of 150 clusters receive half the requests, 16 slots, 45 tables',
    params: { clusters: 150, meetings: 550, slots: 16, tables: 45, seed: 8, popularShare: 0.1 },
  },
  {
    name: 'popular800',
    description: '800 meetings, a tenth of 150 clusters receive half the requests, 16 slots, 55 tables',
    params: { clusters: 150, meetings: 800, slots: 16, tables: 55, seed: 9, popularShare: 0.1 },
  },
  {
    name: 'stands',
    description: '550 meetings; a fifth of the clusters host at their own stand, 5% need an accessible table',
    params: { clusters: 150, meetings: 550, slots: 16, tables: 45, seed: 7, hostShare: 0.2, accessibleShare: 0.05 },
  },
  {
    name: 'forum30',
    description: 'B2B forum: 30 clusters, 110 meetings, 10 slots (morning + afternoon), few tables, blocks',
    params: { clusters: 30, meetings: 110, slots: 10, seed: 1, shape: 'forum' },
  },
  {
    name: 'forum40',
    description: 'B2B forum: 40 clusters, 150 meetings, 12 slots, few tables, availability in blocks',
    params: { clusters: 40, meetings: 150, slots: 12, seed: 3, shape: 'forum' },
  },
  {
    name: 'forum60',
    description: 'B2B forum: 60 clusters, 240 meetings, 14 slots, few tables, availability in blocks',
    params: { clusters: 60, meetings: 240, slots: 14, seed: 4, shape: 'forum' },
  },
  {
    name: 'forum2d',
    description: 'B2B forum over 2 days: 50 clusters, 260 meetings, 20 slots, few tables',
    params: { clusters: 50, meetings: 260, slots: 20, days: 2, seed: 5, shape: 'forum' },
  },
  {
    name: 'big2500',
    description: '2,500 meetings, 600 clusters, 24 slots over 2 days, 150 tables',
    params: { clusters: 600, meetings: 2500, slots: 24, tables: 150, seed: 7, days: 2 },
    big: true,
  },
  {
    name: 'big10k',
    description: '10,000 meetings, 1,000 clusters, 36 slots over 3 days, 300 tables',
    params: { clusters: 1000, meetings: 10000, slots: 36, tables: 300, seed: 7, days: 3 },
    big: true,
    limit: 30,
  },
];

export function instanceByName(name: string): BenchInstance {
  const found = instances.find((i) => i.name === name);
  if (!found) throw new Error(`unknown instance "${name}"`);
  return found;
}
