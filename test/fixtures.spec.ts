import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { GenerateParams } from '@clustermatch/solver';
import { generateProblem, parseProblem } from '@clustermatch/solver';

const root = join(__dirname, '..', 'fixtures');
const load = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/** How each shipped fixture was made (`npm run --silent cli -- generate ...`). */
const generated: Record<string, GenerateParams> = {
  'ev550.json': { clusters: 150, meetings: 550, slots: 16, tables: 45, seed: 7 },
  'tight.json': { clusters: 150, meetings: 550, slots: 16, tables: 30, seed: 7 },
  'group.json': { clusters: 150, meetings: 550, slots: 16, tables: 45, seed: 7, groupShare: 0.1 },
  'dense.json': { clusters: 150, meetings: 680, slots: 16, tables: 45, seed: 7, dense: true, groupShare: 0.05 },
  'two-day.json': { clusters: 150, meetings: 800, slots: 24, tables: 45, seed: 7, days: 2 },
  'big2500.json': { clusters: 600, meetings: 2500, slots: 24, tables: 150, seed: 7, days: 2 },
};

/** The one error each invalid fixture must report: its field path and a part of the message. */
const invalid: Record<string, [string, string]> = {
  'bad-timezone.json': ['event.timezone', 'unknown IANA time zone "Europe/Atlantis"'],
  'clashing-pins.json': ['meetings[1].pin.slot', 'both pinned to slot d1s01 and both need c0001-p1'],
  'duplicate-meeting-id.json': ['meetings[2].id', 'duplicate meeting id "m00001"'],
  'missing-weight.json': ['meetings[1].weight', 'is required'],
  'overlapping-slots.json': ['slots[1]', 'overlaps slot "d1s01"'],
  'pin-table-too-small.json': ['meetings[3].pin.table', 'has 3 people but its pinned table T001 has 2 seats'],
  'pin-unavailable.json': ['meetings[2].pin.slot', 'where c0002-p1 is unavailable'],
  'single-person-meeting.json': ['meetings[0].people', 'a meeting needs at least 2 people'],
  'slot-without-offset.json': ['slots[0].start', 'must be an ISO 8601 date-time with an offset'],
  'unknown-field.json': ['tables[0].colour', 'is not a field of the contract'],
  'unknown-person.json': ['meetings[0].people[1]', 'unknown person "c0009-p1"'],
  'unknown-slot-unavailable.json': ['people[1].unavailable[0]', 'unknown slot "d2s01"'],
  'wrong-version.json': ['version', 'must be 1 or 1.1 (got 2)'],
  'zero-weight.json': ['meetings[2].weight', 'must be > 0 (got 0)'],
};

describe('shipped fixtures', () => {
  it.each(Object.entries(generated))(
    '%s is valid, under 1 MB, and exactly what the generator makes',
    (file, params) => {
      const path = join(root, file);
      expect(statSync(path).size).toBeLessThan(1_000_000);
      const value = load(path);
      const r = parseProblem(value);
      expect(r.ok ? [] : r.errors).toEqual([]);
      expect(value).toEqual(generateProblem(params));
    },
  );

  it('tiny.json is valid', () => {
    expect(parseProblem(load(join(root, 'tiny.json'))).ok).toBe(true);
  });

  it('every invalid fixture is listed here', () => {
    expect(readdirSync(join(root, 'invalid')).sort()).toEqual(Object.keys(invalid).sort());
  });

  it.each(Object.entries(invalid))(
    'invalid/%s reports exactly one error at its field path',
    (file, [path, message]) => {
      const r = parseProblem(load(join(root, 'invalid', file)));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0].path).toBe(path);
      expect(r.errors[0].message).toContain(message);
    },
  );
});
