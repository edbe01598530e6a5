/**
 * The setup page's inputs (issue 16, item 5): the deadline and times as date-time and time inputs in the event's
 * time zone (converted to and from UTC, across daylight-saving changes), a time-zone picker, and a table editor that
 * starts from the event's real tables and asks before a save removes tables that have meetings. Against the real
 * service on a fresh SQLite file.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../e2e/service';
import { seedEvent, type Seeded } from '../e2e/seed';
import { setApiBase, setToken } from './api/client';
import { localInputToUtc, timeZones, utcOffset, utcToLocalInput } from './lib/zoned-time';
import { newEventBody } from './pages/organiser/NewEventPage';
import { nextTableName, SetupPage } from './pages/organiser/SetupPage';
import { renderWithApp } from './test-utils';

let svc: RunningService;
let seed: Seeded;

interface EventJson {
  name: string;
  timezone: string;
  requestDeadline: string;
  days: { startTime: string; endTime: string }[];
  tables: { name: string; seats: number; features: string[] }[];
}

async function call<T>(path: string, token: string, body?: unknown, method?: string): Promise<T> {
  const res = await fetch(`${svc.url}/api${path}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

beforeAll(async () => {
  svc = await startService();
  setApiBase(svc.url);
  seed = await seedEvent(svc);
}, 120_000);

afterAll(async () => {
  setToken(null);
  await svc?.stop();
});

describe('zoned time (the deadline in the event’s time zone)', () => {
  it('converts UTC to the zone’s wall clock and back on both sides of the spring and autumn changes', () => {
    const zone = 'Europe/Copenhagen';
    // Winter (UTC+1) and summer (UTC+2) around the change on 28 March 2027.
    expect(utcToLocalInput('2027-03-27T22:00:00Z', zone)).toBe('2027-03-27T23:00');
    expect(utcToLocalInput('2027-03-28T22:00:00Z', zone)).toBe('2027-03-29T00:00');
    expect(localInputToUtc('2027-03-28T01:59', zone)).toBe('2027-03-28T00:59:00Z');
    expect(localInputToUtc('2027-03-28T03:00', zone)).toBe('2027-03-28T01:00:00Z');
    // 02:30 does not exist that night: it moves on by the skipped hour.
    expect(localInputToUtc('2027-03-28T02:30', zone)).toBe('2027-03-28T01:30:00Z');
    // Autumn (31 October 2027): summer time before, winter time after; 02:30 happens twice, read as winter time.
    expect(localInputToUtc('2027-10-31T01:30', zone)).toBe('2027-10-30T23:30:00Z');
    expect(localInputToUtc('2027-10-31T02:30', zone)).toBe('2027-10-31T01:30:00Z');
    expect(localInputToUtc('2027-10-31T03:30', zone)).toBe('2027-10-31T02:30:00Z');
    for (const iso of ['2027-01-15T12:00:00Z', '2027-05-01T22:00:00Z', '2027-10-31T03:00:00Z', '2027-11-01T09:15:00Z'])
      expect(localInputToUtc(utcToLocalInput(iso, zone), zone)).toBe(iso);
    // The first 02:30 of that night shows as 02:30, and a wall clock cannot tell it from the second one.
    expect(utcToLocalInput('2027-10-31T00:30:00Z', zone)).toBe('2027-10-31T02:30');
    expect(utcToLocalInput('2027-10-31T01:30:00Z', zone)).toBe('2027-10-31T02:30');
    // Another zone changes on other dates: New York on 14 March 2027.
    expect(localInputToUtc('2027-03-13T12:00', 'America/New_York')).toBe('2027-03-13T17:00:00Z');
    expect(localInputToUtc('2027-03-14T12:00', 'America/New_York')).toBe('2027-03-14T16:00:00Z');
    expect(utcOffset(zone, '2027-01-15T12:00:00Z')).toBe('UTC+01:00');
    expect(utcOffset(zone, '2027-07-15T12:00:00Z')).toBe('UTC+02:00');
  });

  it('refuses what is not a date-time or a zone, and lists the zones the browser knows', () => {
    expect(localInputToUtc('', 'Europe/Copenhagen')).toBeNull();
    expect(localInputToUtc('2027-05-01T22:00', 'Mars/Olympus')).toBeNull();
    expect(localInputToUtc('2027-02-30T10:00', 'Europe/Copenhagen')).toBeNull();
    expect(utcToLocalInput('not a date', 'Europe/Copenhagen')).toBe('');
    const zones = timeZones();
    expect(zones).toContain('Europe/Copenhagen');
    expect(zones).toContain('America/New_York');
    expect(zones.length).toBeGreaterThan(300);
  });

  it('the new-event form sends its deadline input as UTC in the chosen zone (empty: the default)', () => {
    const form = {
      name: 'N',
      venue: 'V',
      timezone: 'Europe/Copenhagen',
      firstDay: '2028-09-29',
      lastDay: '',
      requestDeadline: '2028-03-26T03:00',
      source: '',
      dayPlan: true,
      tables: true,
      participants: true,
    };
    // 26 March 2028: Copenhagen's clocks go forward at 02:00, so 03:00 is summer time.
    expect(newEventBody(form).requestDeadline).toBe('2028-03-26T01:00:00Z');
    expect(newEventBody({ ...form, timezone: 'America/New_York' }).requestDeadline).toBe('2028-03-26T07:00:00Z');
    expect(newEventBody({ ...form, requestDeadline: '' }).requestDeadline).toBe('2028-09-22T22:00:00Z');
  });

  it('names new tables after the highest T-number', () => {
    expect(nextTableName([])).toBe('T01');
    expect(
      nextTableName([
        { name: 'T1', seats: 4 },
        { name: 'T09', seats: 4 },
        { name: 'Stage', seats: 4 },
      ]),
    ).toBe('T10');
    expect(nextTableName([{ name: 'T30', seats: 4 }], 2)).toBe('T33');
  });
});

describe('SetupPage', () => {
  it('shows the deadline and times in the event’s zone, starts from the real tables, and saves what is edited', async () => {
    setToken(seed.organiserToken);
    const user = userEvent.setup();
    renderWithApp(<SetupPage eventId={seed.eventId} />);
    // 2027-05-01T22:00:00Z is midnight in Copenhagen (summer time).
    const deadline = (await screen.findByLabelText('Request deadline')) as HTMLInputElement;
    expect(deadline.type).toBe('datetime-local');
    expect(deadline.value).toBe('2027-05-02T00:00');
    expect(
      screen.getByText('In Europe/Copenhagen; that is 2027-05-01 22:00 UTC. Pending requests expire then.'),
    ).toBeTruthy();
    const start = screen.getByLabelText('First meeting') as HTMLInputElement;
    expect(start.type).toBe('time');
    expect(start.value).toBe('09:00');
    // The time-zone picker: a searchable list of the browser's zones.
    const zone = screen.getByLabelText('Time zone') as HTMLInputElement;
    expect(zone.value).toBe('Europe/Copenhagen');
    const list = document.getElementById(zone.getAttribute('list') ?? '');
    expect(list?.querySelector('option[value="Europe/Copenhagen"]')).toBeTruthy();
    expect(list?.querySelectorAll('option').length).toBeGreaterThan(300);
    await user.clear(zone);
    await user.type(zone, 'Europe/Copenhagn');
    expect(zone.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/^Not a known time zone/)).toBeTruthy();
    await user.clear(zone);
    await user.type(zone, 'Europe/Copenhagen');
    expect(zone.getAttribute('aria-invalid')).toBeNull();

    // The real tables (2), not a generator's default.
    expect(screen.getByRole('heading', { name: '2 tables' })).toBeTruthy();
    expect((screen.getByLabelText('Table 1 name') as HTMLInputElement).value).toBe('T1');
    expect((screen.getByLabelText('Table 2 name') as HTMLInputElement).value).toBe('T2');

    // The night the clocks go forward: 03:30 summer time is 01:30 UTC.
    await user.clear(deadline);
    await user.type(deadline, '2027-03-28T03:30');
    await user.clear(start);
    await user.type(start, '09:30');
    await user.click(screen.getByRole('button', { name: 'Add a table' }));
    expect((screen.getByLabelText('Table 3 name') as HTMLInputElement).value).toBe('T03');
    await user.type(screen.getByLabelText('Table 3 features'), 'accessible, quiet');
    const seats = screen.getByLabelText('Table 2 seats');
    await user.clear(seats);
    await user.type(seats, '6');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/^Saved\. The event has \d+ meeting slots\.$/);
    const ev = await call<EventJson>(`/events/${seed.eventId}`, seed.organiserToken);
    expect(ev.requestDeadline).toMatch(/^2027-03-28T01:30:00(\.000)?Z$/);
    expect(ev.days[0]?.startTime).toBe('09:30');
    expect(ev.tables.map((x) => [x.name, x.seats, x.features])).toEqual([
      ['T1', 4, []],
      ['T2', 6, []],
      ['T03', 4, ['accessible', 'quiet']],
    ]);
  });

  it('in Danish: asks before a save removes a table with meetings, says what happens, and saves only on yes', async () => {
    const org = seed.organiserToken;
    const [a, b] = seed.delegates;
    if (!a || !b) throw new Error('no delegates');
    const req = await call<{ id: string }>(`/events/${seed.eventId}/requests`, a.token, {
      receiverClusterIds: [b.clusterId],
      interest: 4,
      delegateIds: [a.id],
    });
    await call(`/requests/${req.id}/accept`, b.token, { interest: 5, delegateIds: [b.id] });
    const job = await call<{ jobId: string }>(`/events/${seed.eventId}/schedule/solve`, org, { timeLimitSeconds: 1 });
    const end = Date.now() + 30_000;
    for (;;) {
      const j = await call<{ state: string }>(`/events/${seed.eventId}/schedule/jobs/${job.jobId}`, org);
      if (j.state === 'done') break;
      if (j.state === 'failed' || Date.now() > end) throw new Error(`solve ${j.state}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const versions = await call<{ id: string; number: number }[]>(`/events/${seed.eventId}/schedule/versions`, org);
    const draft = versions[versions.length - 1];
    const review = await call<{ assignments: { table: { name: string } }[] }>(
      `/events/${seed.eventId}/schedule/versions/${draft?.id ?? ''}`,
      org,
    );
    const used = review.assignments[0]?.table.name ?? '';
    expect(used).not.toBe('');

    setToken(org);
    const user = userEvent.setup();
    renderWithApp(<SetupPage eventId={seed.eventId} />, { lang: 'da' });
    const before = await call<EventJson>(`/events/${seed.eventId}`, org);
    const index = before.tables.findIndex((x) => x.name === used);
    await screen.findByRole('heading', { name: '3 borde' });
    const row = (screen.getByLabelText(`Navn på bord ${index + 1}`) as HTMLElement).closest('[role="listitem"]');
    await within(row as HTMLElement).findByText('1 møde i det nyeste udkast.');
    expect((screen.getByLabelText('Frist for anmodninger') as HTMLInputElement).value).toBe('2027-03-28T03:30');
    expect((screen.getByLabelText('Første møde') as HTMLInputElement).value).toBe('09:30');
    await user.click(screen.getByRole('button', { name: `Fjern bord ${used}` }));
    expect(screen.getByRole('heading', { name: '2 borde' })).toBeTruthy();

    // Save asks first, naming the table and what happens to the draft's meeting; Cancel saves nothing.
    const save = screen.getByRole('button', { name: 'Gem' });
    await user.click(save);
    const dialog = screen.getByRole('alertdialog', { name: /Disse borde har møder/ });
    expect(within(dialog).getByRole('listitem').textContent).toBe(
      `${used}: 1 møde i udkast version ${draft?.number ?? 0}, som stadig ville placere det ved det fjernede bord: kør planlæggeren igen før offentliggørelse.`,
    );
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Gem alligevel' }));
    await user.click(within(dialog).getByRole('button', { name: 'Annuller' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(save);
    expect((await call<EventJson>(`/events/${seed.eventId}`, org)).tables).toHaveLength(3);

    await user.click(save);
    await user.click(screen.getByRole('button', { name: 'Gem alligevel' }));
    await screen.findByText(/^Gemt\. Arrangementet har \d+ mødetidsrum\.$/);
    const after = await call<EventJson>(`/events/${seed.eventId}`, org);
    expect(after.tables.map((x) => x.name)).toEqual(before.tables.map((x) => x.name).filter((n) => n !== used));
    // Features of the tables kept are saved back unchanged.
    expect(after.tables.map((x) => [x.name, x.features])).toEqual(
      before.tables.filter((x) => x.name !== used).map((x) => [x.name, x.features]),
    );
  }, 60_000);
});
