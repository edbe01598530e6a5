/**
 * The JSON Schema of the problem and schedule files (docs/*.schema.json, written from
 * libs/domain/src/schema.ts) against the parser: valid files pass both; each invalid fixture fails
 * the schema when the schema can say what is wrong, and otherwise only the parser catches it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parseProblem, parseSchedule, problemJsonSchema, scheduleJsonSchema, solve } from '@clustermatch/solver';

const root = join(__dirname, '..');
const load = (...path: string[]): unknown => JSON.parse(readFileSync(join(root, ...path), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
const problemValid = ajv.compile(problemJsonSchema);
const scheduleValid = ajv.compile(scheduleJsonSchema);

/** Invalid fixtures whose fault a schema can express; the rest need the parser (ids, times, pins). */
const schemaCatches = new Set([
  'missing-weight.json',
  'single-person-meeting.json',
  'slot-without-offset.json',
  'unknown-field.json',
  'wrong-version.json',
  'zero-weight.json',
]);

describe('JSON Schema of the files', () => {
  it('docs/problem.schema.json and docs/schedule.schema.json are what libs/domain/src/schema.ts says (npm run schemas)', () => {
    expect(load('docs', 'problem.schema.json')).toEqual(problemJsonSchema);
    expect(load('docs', 'schedule.schema.json')).toEqual(scheduleJsonSchema);
  });

  it.each(readdirSync(join(root, 'fixtures')).filter((f) => f.endsWith('.json') && f !== 'demo-event.json'))(
    'valid fixture %s passes the schema and the parser',
    (file) => {
      const value = load('fixtures', file);
      expect(parseProblem(value).ok).toBe(true);
      expect(problemValid(value) ? [] : problemValid.errors).toEqual([]);
    },
  );

  it.each(readdirSync(join(root, 'fixtures', 'invalid')))('invalid fixture %s', (file) => {
    const value = load('fixtures', 'invalid', file);
    expect(parseProblem(value).ok).toBe(false);
    expect(problemValid(value)).toBe(!schemaCatches.has(file));
  });

  it('a 1.1 problem with allowedTables, and the schedule the solver writes for it, pass both', async () => {
    const problem = load('fixtures', 'tiny.json') as Parameters<typeof solve>[0];
    const restricted = {
      ...problem,
      version: 1.1 as const,
      meetings: problem.meetings.map((m) => ({ ...m, allowedTables: [problem.tables[0].id] })),
    };
    expect(problemValid(restricted)).toBe(true);
    expect(parseProblem(restricted).ok).toBe(true);
    const schedule = await solve(restricted, { seed: 1, maxIterations: 2000 });
    expect(schedule.version).toBe(1.1);
    expect(scheduleValid(schedule) ? [] : scheduleValid.errors).toEqual([]);
    expect(parseSchedule(schedule).ok).toBe(true);
    expect(scheduleValid({ ...schedule, stats: { ...schedule.stats, idleGapsBound: -1 } })).toBe(false);
    expect(parseSchedule({ ...schedule, stats: { ...schedule.stats, idleGapsBound: -1 } }).ok).toBe(false);
  });
});
