/** The benchmark instances, generated in memory with fixed seeds (never read from disk). */
import type { GenerateParams } from '../src/generate';

export interface BenchInstance {
  readonly name: string;
  readonly description: string;
  readonly params: GenerateParams;
  /** Skipped by `--quick`. */
  readonly big?: boolean;
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
    name: 'big2500',
    description: '2,500 meetings, 600 clusters, 24 slots over 2 days, 150 tables',
    params: { clusters: 600, meetings: 2500, slots: 24, tables: 150, seed: 7, days: 2 },
    big: true,
  },
];

export function instanceByName(name: string): BenchInstance {
  const found = instances.find((i) => i.name === name);
  if (!found) throw new Error(`unknown instance "${name}"`);
  return found;
}
