import type { Problem, Schedule } from './contract';
import { affectedAttendees, agendaChanges, agendaEvent, agendasFromSchedule, nextSequences } from './agenda';

const problem: Problem = {
  version: 1,
  event: { name: 'Demo', timezone: 'Europe/Berlin' },
  slots: [
    { id: 's1', start: '2027-05-11T09:00:00+02:00', end: '2027-05-11T09:30:00+02:00' },
    { id: 's2', start: '2027-05-11T08:00:00+02:00', end: '2027-05-11T08:30:00+02:00' },
  ],
  tables: [
    { id: 'T1', seats: 4, name: 'Table 1' },
    { id: 'T2', seats: 4 },
  ],
  people: [
    { id: 'a1', party: 'ca', name: 'Ana', email: 'ana@example.org' },
    { id: 'a2', party: 'ca', name: 'Aki' },
    { id: 'b1', party: 'cb', name: 'Bo' },
    { id: 'z1', party: 'cz' },
  ],
  meetings: [
    { id: 'm1', people: ['a1', 'a2', 'b1'], weight: 3, title: 'Title of m1' },
    { id: 'm2', people: ['a1', 'b1'], weight: 2 },
    { id: 'm3', people: ['a2', 'z1'], weight: 1 },
  ],
};
const schedule: Schedule = {
  version: 1,
  status: 'feasible',
  objective: 5,
  bound: null,
  assignments: [
    { meeting: 'm1', slot: 's1', table: 'T1' },
    { meeting: 'm2', slot: 's2', table: 'T2' },
  ],
  unscheduled: [{ meeting: 'm3', reason: 'r' }],
  stats: { seconds: 0, idleGaps: 0, partiesWithoutMeeting: 1 },
};

describe('agendasFromSchedule', () => {
  it('gives each person with a meeting their meetings in time order, naming the other parties once', () => {
    const agendas = agendasFromSchedule(problem, schedule, {
      partyNames: { cb: 'Robotics Valley' },
      notes: { m2: 'about robots' },
      sequences: { m1: 2 },
    });
    expect(agendas.map((a) => a.person.id)).toEqual(['a1', 'a2', 'b1']);
    const ana = agendas[0];
    expect(ana.person).toEqual({ id: 'a1', name: 'Ana', email: 'ana@example.org', party: 'ca', partyName: 'ca' });
    expect(ana.meetings.map((m) => m.meetingId)).toEqual(['m2', 'm1']);
    expect(ana.meetings[1]).toEqual({
      meetingId: 'm1',
      slotStart: '2027-05-11T09:00:00+02:00',
      slotEnd: '2027-05-11T09:30:00+02:00',
      tableName: 'Table 1',
      otherParties: ['Robotics Valley'],
      people: ['Ana', 'Aki', 'Bo'],
      note: 'Title of m1',
      status: 'confirmed',
      sequence: 2,
    });
    expect(ana.meetings[0]).toMatchObject({ tableName: 'T2', note: 'about robots', sequence: 0 });
    expect(agendas[2].meetings[1].otherParties).toEqual(['ca']);
  });

  it('keeps cancelled meetings listed in extra, and fills event defaults', () => {
    const agendas = agendasFromSchedule(problem, schedule, { cancelled: [{ meeting: 'm3', slot: 's2', table: 'T1' }] });
    expect(agendas.map((a) => a.person.id)).toEqual(['a1', 'a2', 'b1', 'z1']);
    expect(agendas[3].meetings).toMatchObject([{ meetingId: 'm3', status: 'cancelled' }]);
    expect(agendaEvent(problem, { venue: 'Hall' })).toEqual({
      name: 'Demo',
      venue: 'Hall',
      timezone: 'Europe/Berlin',
      organiserName: 'Organiser',
      organiserEmail: 'organiser@localhost',
    });
  });
});

describe('agendaChanges and nextSequences', () => {
  const moved: Schedule = {
    ...schedule,
    assignments: [
      { meeting: 'm1', slot: 's2', table: 'T1' },
      { meeting: 'm3', slot: 's1', table: 'T2' },
    ],
    unscheduled: [{ meeting: 'm2', reason: 'r' }],
  };

  it('reports moved, cancelled and added meetings per person, and nothing for the unaffected', () => {
    const before = agendasFromSchedule(problem, schedule);
    const after = agendasFromSchedule(problem, moved);
    const of = (id: string, list: typeof before) => list.find((a) => a.person.id === id);
    expect(agendaChanges(of('a1', before), of('a1', after)).map((c) => c.kind)).toEqual(['cancelled', 'moved']);
    expect(agendaChanges(of('z1', before), of('z1', after)).map((c) => c.kind)).toEqual(['added']);
    expect(agendaChanges(of('b1', before), of('b1', before))).toEqual([]);
  });

  it('names only the affected people, including one who lost every meeting', () => {
    const before = agendasFromSchedule(problem, schedule);
    const onlyM1Moves: Schedule = {
      ...schedule,
      assignments: [{ meeting: 'm1', slot: 's1', table: 'T2' }],
      unscheduled: [
        { meeting: 'm2', reason: 'r' },
        { meeting: 'm3', reason: 'r' },
      ],
    };
    const after = agendasFromSchedule(problem, onlyM1Moves);
    expect(affectedAttendees(before, after).map((x) => [x.agenda.person.id, x.changes.map((c) => c.kind)])).toEqual([
      ['a1', ['cancelled', 'moved']],
      ['a2', ['moved']],
      ['b1', ['cancelled', 'moved']],
    ]);
    const none = agendasFromSchedule(problem, { ...schedule, assignments: [], unscheduled: [] });
    expect(affectedAttendees(before, none).find((x) => x.agenda.person.id === 'a2')).toMatchObject({
      agenda: { meetings: [] },
      changes: [{ kind: 'cancelled' }],
    });
    expect(affectedAttendees(before, before)).toEqual([]);
  });

  it('raises the sequence of moved and cancelled meetings only', () => {
    const published = { m1: { slot: 's1', table: 'T1', sequence: 0 }, m2: { slot: 's2', table: 'T2', sequence: 3 } };
    expect(nextSequences(published, moved)).toEqual({ m1: 1, m2: 4, m3: 0 });
    expect(nextSequences(published, schedule)).toEqual({ m1: 0, m2: 3 });
    expect(nextSequences({ m2: { slot: 's2', table: 'T2', sequence: 4, cancelled: true } }, schedule)).toEqual({
      m1: 0,
      m2: 5,
    });
  });
});
