import { InvalidInputError, validateSchedule, type Meeting, type Problem, type Schedule } from '@clustermatch/domain';
import { solve } from './solve';
import { problem } from '../test-support/problems';

const run = async (pr: Problem): Promise<Schedule> => {
  const s = await solve(pr, { seed: 3, maxIterations: 5000 });
  expect(validateSchedule(pr, s)).toEqual([]);
  return s;
};
const held = (s: Schedule) => new Map(s.assignments.map((a) => [a.meeting, a]));
const reason = (s: Schedule, id: string) => s.unscheduled.find((u) => u.meeting === id)?.reason ?? '';
const m = (id: string, people: string[], weight: number, extra: Partial<Meeting> = {}): Meeting => ({
  id,
  people,
  weight,
  ...extra,
});

describe('rule 1: a meeting is held at most once, in one slot at one table', () => {
  it('places a meeting that fits anywhere exactly once', async () => {
    const s = await run(
      problem({ slots: 3, tables: 2, people: ['A-1', 'B-1'], meetings: [m('m1', ['A-1', 'B-1'], 5)] }),
    );
    expect(s.assignments.filter((a) => a.meeting === 'm1')).toHaveLength(1);
    expect(s.unscheduled).toEqual([]);
    expect(s.status).toBe('optimal');
  });
  it('lists a meeting that cannot be held once, in unscheduled only', async () => {
    const pr = problem({
      slots: 1,
      tables: 1,
      people: ['A-1', 'B-1', 'C-1'],
      meetings: [m('m1', ['A-1', 'B-1'], 5), m('m2', ['A-1', 'C-1'], 4)],
    });
    const s = await run(pr);
    expect(s.assignments.map((a) => a.meeting)).toEqual(['m1']);
    expect(s.unscheduled.map((u) => u.meeting)).toEqual(['m2']);
  });
});

describe('rule 2: nobody is double-booked or booked when unavailable', () => {
  it('holds only the heavier of two meetings sharing a person with one common slot, naming the other', async () => {
    const pr = problem({
      slots: 1,
      tables: 2,
      people: ['A-1', 'B-1', 'C-1'],
      meetings: [m('m1', ['A-1', 'B-1'], 4), m('m2', ['A-1', 'C-1'], 9)],
    });
    const s = await run(pr);
    expect([...held(s).keys()]).toEqual(['m2']);
    expect(reason(s, 'm1')).toContain('m2');
    expect(reason(s, 'm1')).toContain('higher-value');
    expect(reason(s, 'm1')).toContain('A-1');
  });
  it('holds both when there is a second slot', async () => {
    const pr = problem({
      slots: 2,
      tables: 1,
      people: ['A-1', 'B-1', 'C-1'],
      meetings: [m('m1', ['A-1', 'B-1'], 4), m('m2', ['A-1', 'C-1'], 9)],
    });
    const s = await run(pr);
    expect(held(s).get('m1')?.slot).not.toBe(held(s).get('m2')?.slot);
    expect(s.objective).toBe(13);
  });
  it('avoids a slot where a person is unavailable, and explains when none is left', async () => {
    const pr = problem({
      slots: 2,
      tables: 1,
      people: [{ id: 'A-1', party: 'A', unavailable: ['s1'] }, 'B-1', { id: 'C-1', party: 'C', unavailable: ['s2'] }],
      meetings: [m('m1', ['A-1', 'B-1'], 4), m('m2', ['A-1', 'C-1'], 3)],
    });
    const s = await run(pr);
    expect(held(s).get('m1')?.slot).toBe('s2');
    expect(reason(s, 'm2')).toBe('no slot where both A-1 and C-1 are available');
  });
});

describe('rule 3: one meeting per table and slot, with enough seats', () => {
  it('holds one of two meetings when one table is left', async () => {
    const pr = problem({
      slots: 1,
      tables: 1,
      people: ['A-1', 'B-1', 'C-1', 'D-1'],
      meetings: [m('m1', ['A-1', 'B-1'], 4), m('m2', ['C-1', 'D-1'], 6)],
    });
    const s = await run(pr);
    expect([...held(s).keys()]).toEqual(['m2']);
    expect(reason(s, 'm1')).toContain('table');
  });
  it('holds both with two tables', async () => {
    const pr = problem({
      slots: 1,
      tables: 2,
      people: ['A-1', 'B-1', 'C-1', 'D-1'],
      meetings: [m('m1', ['A-1', 'B-1'], 4), m('m2', ['C-1', 'D-1'], 6)],
    });
    const s = await run(pr);
    expect(new Set(s.assignments.map((a) => a.table)).size).toBe(2);
  });
  it('gives a group meeting a table big enough, and says so when there is none', async () => {
    const people = ['A-1', 'B-1', 'C-1', 'D-1', 'E-1'];
    const meetings = [m('g1', ['A-1', 'B-1', 'C-1'], 10), m('m2', ['D-1', 'E-1'], 3)];
    const small = await run(problem({ slots: 2, tables: [2, 2], people, meetings }));
    expect(reason(small, 'g1')).toBe('no table with 3 seats (the largest has 2)');
    const big = await run(problem({ slots: 1, tables: [2, 4], people, meetings }));
    expect(held(big).get('g1')?.table).toBe('T2');
    expect(held(big).get('m2')?.table).toBe('T1');
  });
  it('keeps the big table for the group meeting when small meetings compete for it', async () => {
    const pr = problem({
      slots: 1,
      tables: [4, 2],
      people: ['A-1', 'B-1', 'C-1', 'D-1', 'E-1'],
      meetings: [m('m1', ['A-1', 'B-1'], 5), m('g1', ['C-1', 'D-1', 'E-1'], 5)],
    });
    const s = await run(pr);
    expect(s.objective).toBe(10);
    expect(held(s).get('g1')?.table).toBe('T1');
  });
});

describe('tables between consecutive meetings', () => {
  it('keeps a person at the same table from one slot to the next when a table of that size is free', async () => {
    const pr = problem({
      slots: 2,
      tables: 3,
      people: ['A-1', 'B-1', 'C-1', 'D-1', 'E-1'],
      meetings: [
        m('m1', ['D-1', 'E-1'], 5, { allowedSlots: ['s1'] }),
        m('m2', ['A-1', 'B-1'], 5, { allowedSlots: ['s1'] }),
        m('m3', ['A-1', 'C-1'], 5, { allowedSlots: ['s2'] }),
      ],
    });
    const s = await run(pr);
    expect(held(s).get('m3')?.table).toBe(held(s).get('m2')?.table);
  });
});

describe('rule 4: allowedSlots', () => {
  it('holds a meeting only in an allowed slot', async () => {
    const pr = problem({
      slots: 3,
      tables: 1,
      people: ['A-1', 'B-1'],
      meetings: [m('m1', ['A-1', 'B-1'], 5, { allowedSlots: ['s3'] })],
    });
    const s = await run(pr);
    expect(held(s).get('m1')?.slot).toBe('s3');
  });
  it('leaves it out when its allowed slots clash with availability, naming them', async () => {
    const pr = problem({
      slots: 3,
      tables: 1,
      people: [{ id: 'A-1', party: 'A', unavailable: ['s2'] }, 'B-1'],
      meetings: [m('m1', ['A-1', 'B-1'], 5, { allowedSlots: ['s2'] })],
    });
    const s = await run(pr);
    expect(s.assignments).toEqual([]);
    expect(reason(s, 'm1')).toBe('none of its allowed slots (s2) has both A-1 and B-1 available');
  });
});

describe('rule 4: allowedTables (contract 1.1)', () => {
  it('holds a meeting only at an allowed table, moving others off it', async () => {
    // Two tables, one slot: m2 (any table) would take T1 first by size; m1 may use only T1.
    const pr = problem({
      slots: 1,
      tables: [2, 2],
      people: ['A-1', 'B-1', 'C-1', 'D-1'],
      meetings: [m('m2', ['C-1', 'D-1'], 9), m('m1', ['A-1', 'B-1'], 5, { allowedTables: ['T1'] })],
    });
    const s = await run(pr);
    expect(held(s).get('m1')?.table).toBe('T1');
    expect(held(s).get('m2')?.table).toBe('T2');
    expect(s.status).toBe('optimal');
  });
  it('names its allowed tables when they are taken in every slot', async () => {
    const pr = problem({
      slots: 1,
      tables: [2, 2],
      people: ['A-1', 'B-1', 'C-1', 'D-1'],
      meetings: [
        m('m1', ['A-1', 'B-1'], 9, { allowedTables: ['T1'] }),
        m('m2', ['C-1', 'D-1'], 5, { allowedTables: ['T1'] }),
      ],
    });
    const s = await run(pr);
    expect([...held(s).keys()]).toEqual(['m1']);
    expect(reason(s, 'm2')).toBe(
      'every slot where both C-1 and D-1 are available has its allowed tables (T1) taken by other meetings',
    );
  });
  it('names its allowed tables when none of them seats the meeting', async () => {
    const pr = problem({
      slots: 1,
      tables: [2, 4],
      people: ['A-1', 'B-1', 'C-1'],
      meetings: [m('m1', ['A-1', 'B-1', 'C-1'], 5, { allowedTables: ['T1'] })],
    });
    const s = await run(pr);
    expect(reason(s, 'm1')).toBe('none of its allowed tables (T1) has 3 seats (the largest has 2)');
  });
});

describe('rule 5: pins', () => {
  it('holds a pinned meeting exactly where pinned, even against a heavier request', async () => {
    const pr = problem({
      slots: 1,
      tables: 2,
      people: ['A-1', 'B-1', 'C-1'],
      meetings: [m('m1', ['A-1', 'B-1'], 1, { pin: { slot: 's1', table: 'T2' } }), m('m2', ['A-1', 'C-1'], 30)],
    });
    const s = await run(pr);
    expect(held(s).get('m1')).toEqual({ meeting: 'm1', slot: 's1', table: 'T2' });
    expect(held(s).has('m2')).toBe(false);
    expect(reason(s, 'm2')).toContain('pinned meetings hold every slot');
    expect(reason(s, 'm2')).toContain('m1');
  });
  it('places the rest around a pin without a table', async () => {
    const pr = problem({
      slots: 2,
      tables: 1,
      people: ['A-1', 'B-1', 'C-1', 'D-1'],
      meetings: [m('m1', ['A-1', 'B-1'], 1, { pin: { slot: 's2' } }), m('m2', ['C-1', 'D-1'], 30)],
    });
    const s = await run(pr);
    expect(held(s).get('m1')?.slot).toBe('s2');
    expect(held(s).get('m2')?.slot).toBe('s1');
    expect(s.status).toBe('optimal');
  });
  it('reports clashing pins as infeasible, with the pin problem as the reason', async () => {
    const pr = problem({
      slots: 1,
      tables: 2,
      people: ['A-1', 'B-1', 'C-1'],
      meetings: [
        m('m1', ['A-1', 'B-1'], 1, { pin: { slot: 's1' } }),
        m('m2', ['A-1', 'C-1'], 3, { pin: { slot: 's1' } }),
        m('m3', ['B-1', 'C-1'], 3),
      ],
    });
    const s = await solve(pr);
    expect(s.status).toBe('infeasible');
    expect(s.assignments).toEqual([]);
    expect(s.unscheduled.map((u) => u.meeting)).toEqual(['m1', 'm2', 'm3']);
    expect(reason(s, 'm2')).toContain('both pinned to slot s1 and both need A-1');
    expect(reason(s, 'm3')).toContain('meetings[1].pin.slot');
    expect(validateSchedule(pr, s)).toEqual([]);
  });
});

describe('rule 6: maxMeetings', () => {
  it('holds only the heavier meeting of a person capped at one, explaining the cap', async () => {
    const pr = problem({
      slots: 2,
      tables: 1,
      people: [{ id: 'A-1', party: 'A', maxMeetings: 1 }, 'B-1', 'C-1'],
      meetings: [m('m1', ['A-1', 'B-1'], 4), m('m2', ['A-1', 'C-1'], 7), m('m3', ['B-1', 'C-1'], 1)],
    });
    const s = await run(pr);
    expect(held(s).has('m2')).toBe(true);
    expect(held(s).has('m1')).toBe(false);
    expect(reason(s, 'm1')).toBe('A-1 has reached maxMeetings (1) with higher-value meetings (m2)');
  });
  it('holds both without the cap', async () => {
    const pr = problem({
      slots: 2,
      tables: 1,
      people: ['A-1', 'B-1', 'C-1'],
      meetings: [m('m1', ['A-1', 'B-1'], 4), m('m2', ['A-1', 'C-1'], 7)],
    });
    expect((await run(pr)).objective).toBe(11);
  });
  it('explains maxMeetings 0', async () => {
    const pr = problem({
      slots: 2,
      tables: 1,
      people: [{ id: 'A-1', party: 'A', maxMeetings: 0 }, 'B-1'],
      meetings: [m('m1', ['A-1', 'B-1'], 4)],
    });
    expect(reason(await run(pr), 'm1')).toBe('A-1 has maxMeetings 0');
  });
});

describe('bad input', () => {
  const base = (): Problem =>
    problem({ slots: 2, tables: 1, people: ['A-1', 'B-1'], meetings: [m('m1', ['A-1', 'B-1'], 4)] });
  const errorsOf = async (input: unknown): Promise<string[]> => {
    try {
      await solve(input as Problem);
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInputError);
      return (e as InvalidInputError).errors.map((x) => `${x.path}: ${x.message}`);
    }
    throw new Error('expected InvalidInputError');
  };
  it('rejects a missing field', async () => {
    const { tables: _tables, ...rest } = base();
    void _tables;
    expect(await errorsOf(rest)).toContain('tables: is required');
  });
  it('rejects an unknown person id', async () => {
    const pr = { ...base(), meetings: [m('m1', ['A-1', 'Z-9'], 4)] };
    expect(await errorsOf(pr)).toContain('meetings[0].people[1]: unknown person "Z-9"');
  });
  it('rejects a duplicate id', async () => {
    const pr = { ...base(), meetings: [m('m1', ['A-1', 'B-1'], 4), m('m1', ['A-1', 'B-1'], 2)] };
    expect(await errorsOf(pr)).toContain('meetings[1].id: duplicate meeting id "m1" (first at meetings[0].id)');
  });
  it('rejects overlapping slots', async () => {
    const b = base();
    const pr = {
      ...b,
      slots: [b.slots[0], { id: 's9', start: '2027-05-11T09:15:00+02:00', end: '2027-05-11T09:45:00+02:00' }],
    };
    expect((await errorsOf(pr)).join('\n')).toMatch(/slots\[1\]: slot "s9" overlaps slot "s1"/);
  });
  it('rejects weight <= 0', async () => {
    const pr = { ...base(), meetings: [m('m1', ['A-1', 'B-1'], 0)] };
    expect(await errorsOf(pr)).toContain('meetings[0].weight: must be > 0 (got 0)');
  });
  it('rejects a pin on an unknown table as invalid input, not as infeasible', async () => {
    const pr = { ...base(), meetings: [m('m1', ['A-1', 'B-1'], 4, { pin: { slot: 's1', table: 'T9' } })] };
    expect(await errorsOf(pr)).toContain('meetings[0].pin.table: unknown table "T9"');
  });
});
