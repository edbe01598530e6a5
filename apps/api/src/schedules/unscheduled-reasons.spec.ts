/** Each wording of the solver (solver/src/reasons.ts, solve.ts) and the problem builder maps to its code. */
import { reasonCode } from './unscheduled-reasons';

describe('reasonCode', () => {
  it.each([
    ['no receiving cluster has accepted it with an interest', 'no_accepted_receiver', {}],
    ['Gamma, Delta has no delegate registered for this event', 'no_delegate', { clusters: 'Gamma, Delta' }],
    ['not in the published schedule', 'not_in_published', {}],
    ['the event has no tables', 'no_tables', {}],
    ['the event has no slots (it could not stay where it was published: x)', 'no_slots', {}],
    ['its allowedTables list is empty', 'no_allowed_table', {}],
    ['no table with 6 seats (the largest has 4)', 'too_few_seats', { seats: 6, largest: 4 }],
    ['none of its allowed tables (T1, T2) has 5 seats (the largest has 3)', 'too_few_seats', { seats: 5, largest: 3 }],
    ['d-7 has maxMeetings 0', 'person_no_meetings', { person: 'd-7' }],
    [
      'd-7 has reached maxMeetings (3) with higher-value meetings (m1, m2, m3)',
      'person_full',
      { person: 'd-7', max: 3 },
    ],
    [
      'd-7 has reached maxMeetings (2) with pinned meetings (m1, m2) (it could not stay where it was published: y)',
      'person_full',
      { person: 'd-7', max: 2 },
    ],
    ['no slot where both d1 and d2 are available', 'no_common_slot', {}],
    ['none of its allowed slots (s1) has all of d1, d2 and d3 available', 'no_common_slot', {}],
    ['its allowedSlots list is empty', 'no_common_slot', {}],
    [
      'pinned and published meetings hold every slot where both d1 and d2 are available (m4)',
      'fixed_meetings_hold',
      {},
    ],
    [
      'published meetings use every table with 4 seats in every slot where both d1 and d2 are available',
      'fixed_meetings_hold',
      {},
    ],
    ['every slot where both d1 and d2 are available is taken by higher-value meetings of d1 (m2)', 'slots_taken', {}],
    [
      'every slot where both d1 and d2 are available has every table with 4 seats taken by other meetings',
      'slots_taken',
      {},
    ],
    ['its pin cannot hold: slot s9 does not exist', 'pins_conflict', {}],
    ['not scheduled because the pins cannot all hold (meetings[0].pin: x)', 'pins_conflict', {}],
    ['the request is no longer accepted (withdrawn)', 'no_longer_accepted', {}],
    ['something the solver will say one day', 'other', {}],
  ])('%s', (reason, code, params) => {
    expect(reasonCode(reason)).toEqual({ code, params });
  });
});
