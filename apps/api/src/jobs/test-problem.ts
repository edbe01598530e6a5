/** A seeded, realistic-looking solver problem for the job tests (not used by the service). */
import type { Meeting, Person, Problem, Slot, Table } from '@clustermatch/domain';

export function makeProblem(params: {
  clusters: number;
  meetings: number;
  slots: number;
  tables: number;
  seed: number;
}): Problem {
  let s = params.seed >>> 0 || 1;
  const rnd = (): number => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const slots: Slot[] = [];
  for (let i = 0; i < params.slots; i++) {
    const day = i < params.slots / 2 ? 11 : 12;
    const k = i < params.slots / 2 ? i : i - Math.ceil(params.slots / 2);
    const start = new Date(Date.UTC(2027, 4, day, 7, 0) + k * 30 * 60_000);
    const end = new Date(start.getTime() + 30 * 60_000);
    slots.push({
      id: `s${i}`,
      start: start.toISOString().replace('.000Z', '+00:00'),
      end: end.toISOString().replace('.000Z', '+00:00'),
    });
  }
  const tables: Table[] = Array.from({ length: params.tables }, (_, i) => ({
    id: `t${i}`,
    seats: i % 5 === 0 ? 6 : 4,
  }));
  const people: Person[] = [];
  for (let c = 0; c < params.clusters; c++) {
    const n = 1 + Math.floor(rnd() * 2);
    for (let p = 0; p < n; p++) {
      const unavailable = rnd() < 0.2 ? [`s${Math.floor(rnd() * params.slots)}`] : undefined;
      people.push({ id: `c${c}-p${p}`, party: `c${c}`, ...(unavailable ? { unavailable } : {}) });
    }
  }
  const byCluster = (c: number): string[] => people.filter((p) => p.party === `c${c}`).map((p) => p.id);
  const pairs = new Set<string>();
  const meetings: Meeting[] = [];
  while (meetings.length < params.meetings) {
    const a = Math.floor(rnd() * params.clusters);
    const b = Math.floor(rnd() * params.clusters);
    if (a === b || pairs.has(`${Math.min(a, b)}-${Math.max(a, b)}`)) continue;
    pairs.add(`${Math.min(a, b)}-${Math.max(a, b)}`);
    const ia = 1 + Math.floor(rnd() * 5);
    const ib = 1 + Math.floor(rnd() * 5);
    meetings.push({ id: `m${meetings.length}`, people: [byCluster(a)[0], byCluster(b)[0]], weight: ia * ib + ia + ib });
  }
  return { version: 1, event: { name: 'Job test', timezone: 'UTC' }, slots, tables, people, meetings };
}
