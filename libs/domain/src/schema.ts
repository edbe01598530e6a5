/**
 * JSON Schema (draft 2020-12) of the problem and schedule files, contract version 1.1, for other
 * tools and editors. `docs/problem.schema.json` and `docs/schedule.schema.json` are written from
 * these (`npm run schemas`), and a test keeps them equal. A schema checks the shape of a file;
 * what it cannot say (ids that must exist or be unique, overlapping slots, time zones, real
 * dates, pins that must hold) only `parseProblem` checks, and the rules of a schedule only
 * `validateSchedule`.
 */

type JsonSchema = Readonly<Record<string, unknown>>;

/** A string with at least one character that is not white space (the parser's "non-empty string"). */
const text: JsonSchema = { type: 'string', pattern: '\\S' };
const ids: JsonSchema = { type: 'array', items: text };
const isoWithOffset: JsonSchema = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$',
  description: 'ISO 8601 date-time with an offset, e.g. 2027-05-11T09:00:00+02:00',
};
const version: JsonSchema = {
  enum: [1, 1.1],
  description: 'Contract version; a file that uses a 1.1 field may say 1.1. Readers accept both.',
};
const object = (properties: Record<string, JsonSchema>, required: readonly string[], description?: string) => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required,
  additionalProperties: false,
});

export const problemJsonSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://clustermatch.example.org/schemas/problem-1.1.json',
  title: 'clustermatch scheduling problem (contract 1.1)',
  ...object(
    {
      version,
      event: object(
        { name: text, timezone: { ...text, description: 'IANA time zone; decides the day of each slot' } },
        [],
      ),
      slots: {
        type: 'array',
        items: object({ id: text, start: isoWithOffset, end: isoWithOffset }, ['id', 'start', 'end']),
      },
      tables: {
        type: 'array',
        items: object({ id: text, seats: { type: 'integer', minimum: 1 }, name: text }, ['id', 'seats']),
      },
      people: {
        type: 'array',
        items: object(
          {
            id: text,
            party: { ...text, description: 'the organisation (cluster) the person belongs to' },
            name: text,
            email: text,
            unavailable: { ...ids, description: 'slot ids in which the person cannot meet' },
            maxMeetings: { type: 'integer', minimum: 0 },
          },
          ['id', 'party'],
        ),
      },
      meetings: {
        type: 'array',
        items: object(
          {
            id: text,
            people: { type: 'array', items: text, minItems: 2, uniqueItems: true },
            weight: { type: 'number', exclusiveMinimum: 0 },
            allowedSlots: ids,
            allowedTables: { ...ids, description: '(1.1) the tables the meeting may use' },
            pin: object({ slot: text, table: text }, ['slot']),
            title: text,
          },
          ['id', 'people', 'weight'],
        ),
      },
    },
    ['version', 'slots', 'tables', 'people', 'meetings'],
  ),
};

export const scheduleJsonSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://clustermatch.example.org/schemas/schedule-1.1.json',
  title: 'clustermatch schedule (contract 1.1)',
  type: 'object',
  properties: {
    version,
    status: { enum: ['optimal', 'feasible', 'infeasible', 'timedout'] },
    objective: { type: 'number' },
    bound: { type: ['number', 'null'] },
    assignments: {
      type: 'array',
      items: {
        type: 'object',
        properties: { meeting: text, slot: text, table: text },
        required: ['meeting', 'slot', 'table'],
      },
    },
    unscheduled: {
      type: 'array',
      items: { type: 'object', properties: { meeting: text, reason: text }, required: ['meeting', 'reason'] },
    },
    stats: {
      type: 'object',
      properties: {
        seconds: { type: 'number' },
        idleGaps: { type: 'number' },
        idleGapsBound: { type: 'integer', minimum: 0, description: '(1.1) proven lower bound on idle gaps' },
        partiesWithoutMeeting: { type: 'number' },
      },
      required: ['seconds', 'idleGaps', 'partiesWithoutMeeting'],
      additionalProperties: { type: 'number' },
    },
  },
  required: ['version', 'status', 'objective', 'bound', 'assignments', 'unscheduled', 'stats'],
};
