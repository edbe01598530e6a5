import { checkDayPlans, generateSlots } from './slots';

describe('generateSlots', () => {
  it('fills the day with meetings, jumping past breaks, with the zone offset', () => {
    const slots = generateSlots(
      [
        {
          date: '2027-05-11',
          startTime: '09:00',
          endTime: '12:10',
          meetingMinutes: 30,
          breaks: [{ start: '10:00', end: '10:15' }],
        },
      ],
      'Europe/Berlin',
    );
    expect(slots.map((s) => [s.code, s.start, s.end])).toEqual([
      ['d1s01', '2027-05-11T09:00:00+02:00', '2027-05-11T09:30:00+02:00'],
      ['d1s02', '2027-05-11T09:30:00+02:00', '2027-05-11T10:00:00+02:00'],
      ['d1s03', '2027-05-11T10:15:00+02:00', '2027-05-11T10:45:00+02:00'],
      ['d1s04', '2027-05-11T10:45:00+02:00', '2027-05-11T11:15:00+02:00'],
      ['d1s05', '2027-05-11T11:15:00+02:00', '2027-05-11T11:45:00+02:00'],
    ]);
  });

  it('numbers days by date and uses each day offset (DST change between days)', () => {
    const slots = generateSlots(
      [
        { date: '2027-03-29', startTime: '09:00', endTime: '09:30', meetingMinutes: 30, breaks: [] },
        { date: '2027-03-26', startTime: '09:00', endTime: '09:30', meetingMinutes: 30, breaks: [] },
      ],
      'Europe/Berlin',
    );
    expect(slots.map((s) => [s.code, s.start])).toEqual([
      ['d1s01', '2027-03-26T09:00:00+01:00'],
      ['d2s01', '2027-03-29T09:00:00+02:00'],
    ]);
  });

  it('keeps wall-clock times on the day of a DST change (spring forward and fall back)', () => {
    const ny = generateSlots(
      [
        {
          date: '2027-03-14',
          startTime: '09:00',
          endTime: '11:00',
          meetingMinutes: 30,
          breaks: [{ start: '10:00', end: '10:30' }],
        },
      ],
      'America/New_York',
    );
    expect(ny.map((s) => [s.code, s.start, s.end])).toEqual([
      ['d1s01', '2027-03-14T09:00:00-04:00', '2027-03-14T09:30:00-04:00'],
      ['d1s02', '2027-03-14T09:30:00-04:00', '2027-03-14T10:00:00-04:00'],
      ['d1s03', '2027-03-14T10:30:00-04:00', '2027-03-14T11:00:00-04:00'],
    ]);
    const berlin = generateSlots(
      [{ date: '2027-10-31', startTime: '08:00', endTime: '09:00', meetingMinutes: 60, breaks: [] }],
      'Europe/Berlin',
    );
    expect(berlin.map((s) => [s.start, s.end])).toEqual([['2027-10-31T08:00:00+01:00', '2027-10-31T09:00:00+01:00']]);
  });
});

describe('checkDayPlans', () => {
  it('names the field of each problem', () => {
    const errors = checkDayPlans(
      [
        { date: '2027-05-11', startTime: '09:00', endTime: '08:00', meetingMinutes: 30, breaks: [] },
        {
          date: '2027-05-11',
          startTime: '09:00',
          endTime: '12:00',
          meetingMinutes: 30,
          breaks: [{ start: '13:00', end: '13:30' }],
        },
        {
          date: '2027-02-30',
          startTime: '09:00',
          endTime: '12:00',
          meetingMinutes: 30,
          breaks: [{ start: '10:00', end: '09:30' }],
        },
      ],
      'Europe/Berlin',
    );
    expect(errors.map((e) => e.path)).toEqual([
      'days[0].endTime',
      'days[1].date',
      'days[1].breaks[0]',
      'days[2].date',
      'days[2].breaks[0].end',
    ]);
  });

  it('accepts a good plan', () => {
    expect(
      checkDayPlans(
        [
          {
            date: '2027-05-11',
            startTime: '09:00',
            endTime: '17:00',
            meetingMinutes: 30,
            breaks: [{ start: '12:00', end: '13:00' }],
          },
        ],
        'UTC',
      ),
    ).toEqual([]);
  });
});
