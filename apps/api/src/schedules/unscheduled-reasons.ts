/**
 * A stable code and parameters for each reason a meeting is not held, so the web app can say it in the reader's
 * language (issue 16). The solver library and the problem builder write the reasons as English sentences (what
 * the schedule file, the CLI and the logs show); this maps each known wording to its kind here, at the service's
 * edge, and keeps the English text beside it. A wording it does not know is `other` (the English text stands).
 */

export type UnscheduledReasonCode =
  | 'no_accepted_receiver'
  | 'no_delegate'
  | 'not_in_published'
  | 'no_tables'
  | 'no_slots'
  | 'no_allowed_table'
  | 'too_few_seats'
  | 'person_no_meetings'
  | 'person_full'
  | 'no_common_slot'
  | 'fixed_meetings_hold'
  | 'slots_taken'
  | 'pins_conflict'
  | 'no_longer_accepted'
  | 'other';

export const UNSCHEDULED_REASON_CODES: readonly UnscheduledReasonCode[] = [
  'no_accepted_receiver',
  'no_delegate',
  'not_in_published',
  'no_tables',
  'no_slots',
  'no_allowed_table',
  'too_few_seats',
  'person_no_meetings',
  'person_full',
  'no_common_slot',
  'fixed_meetings_hold',
  'slots_taken',
  'pins_conflict',
  'no_longer_accepted',
  'other',
];

export interface ReasonCode {
  readonly code: UnscheduledReasonCode;
  /** `person`: a delegate's id (the view puts the name in `personName`); `seats`, `largest`, `max`: counts. */
  readonly params: Readonly<Record<string, string | number>>;
}

const RULES: readonly [RegExp, UnscheduledReasonCode, (m: RegExpExecArray) => ReasonCode['params']][] = [
  [/^no receiving cluster has accepted it with an interest$/, 'no_accepted_receiver', () => ({})],
  [/^(.+) has no delegate registered for this event$/, 'no_delegate', (m) => ({ clusters: m[1] ?? '' })],
  [/^not in the published schedule$/, 'not_in_published', () => ({})],
  [/^the event has no tables/, 'no_tables', () => ({})],
  [/^the event has no slots/, 'no_slots', () => ({})],
  [/^its allowedTables list is empty/, 'no_allowed_table', () => ({})],
  [
    /^(?:no table with|none of its allowed tables \(.*?\) has) (\d+) seats \(the largest has (\d+)\)/,
    'too_few_seats',
    (m) => ({ seats: Number(m[1]), largest: Number(m[2]) }),
  ],
  [/^(\S+) has maxMeetings 0/, 'person_no_meetings', (m) => ({ person: m[1] ?? '' })],
  [/^(\S+) has reached maxMeetings \((\d+)\)/, 'person_full', (m) => ({ person: m[1] ?? '', max: Number(m[2]) })],
  [
    /^(?:no slot where .* (?:is|are) available|none of its allowed slots .* available|its allowedSlots list is empty)/,
    'no_common_slot',
    () => ({}),
  ],
  [/^(?:pinned|published)(?: and (?:pinned|published))? meetings (?:hold|use) /, 'fixed_meetings_hold', () => ({})],
  [/^every slot where .* (?:is taken by|taken by other meetings)/, 'slots_taken', () => ({})],
  [/^(?:its pin cannot hold|not scheduled because the pins cannot all hold)/, 'pins_conflict', () => ({})],
  // A change list's removed meeting (schedules.service): its request was declined, withdrawn or deleted.
  [/^the request is no longer accepted/, 'no_longer_accepted', () => ({})],
];

/** The code and parameters of an English reason (see the module's note). */
export function reasonCode(reason: string): ReasonCode {
  for (const [re, code, params] of RULES) {
    const m = re.exec(reason);
    if (m) return { code, params: params(m) };
  }
  return { code: 'other', params: {} };
}
