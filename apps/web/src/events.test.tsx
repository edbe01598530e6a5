/**
 * Issue 9, item 2: the "New event" page (what it sends, and a copy through the real service that the session then
 * chooses), the event switcher, and adding a cluster of an earlier event on the participants page.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../e2e/service';
import { seedEvent, type Seeded } from '../e2e/seed';
import { setApiBase, setToken } from './api/client';
import { EventSwitcher } from './components/EventSwitcher';
import { useSession } from './lib/session';
import { datesFrom, NewEventPage, newEventBody } from './pages/organiser/NewEventPage';
import { ArchivePage } from './pages/organiser/ArchivePage';
import { ParticipantsPage } from './pages/organiser/ParticipantsPage';
import { renderWithApp } from './test-utils';

describe('newEventBody', () => {
  const form = {
    name: 'Autumn',
    venue: 'Hall',
    timezone: 'Europe/Copenhagen',
    firstDay: '2028-09-29',
    lastDay: '2028-10-02',
    requestDeadline: '',
    source: '',
    dayPlan: true,
    tables: true,
    participants: false,
  };

  it('builds one default day per date (over a month end) and a deadline a week before', () => {
    const body = newEventBody(form);
    expect(body.days?.map((d) => d.date)).toEqual(['2028-09-29', '2028-09-30', '2028-10-01', '2028-10-02']);
    expect(body.days?.[0]).toMatchObject({ startTime: '09:00', endTime: '17:00', meetingMinutes: 30 });
    expect(body.requestDeadline).toBe('2028-09-22T22:00:00Z');
    expect(body.copyFrom).toBeUndefined();
    expect(datesFrom('2028-09-29', '')).toEqual(['2028-09-29']);
    expect(datesFrom('2028-09-29', '2028-09-01')).toEqual(['2028-09-29']);
  });

  it('copying the day plan sends the first day and no days; without it, the days and no firstDay', () => {
    const copy = newEventBody({ ...form, source: 'e1', requestDeadline: '2028-09-01T00:00:00Z' });
    expect(copy.days).toBeUndefined();
    expect(copy.requestDeadline).toBe('2028-09-01T00:00:00Z');
    expect(copy.copyFrom).toEqual({
      eventId: 'e1',
      dayPlan: true,
      firstDay: '2028-09-29',
      tables: true,
      participants: false,
    });
    const noDays = newEventBody({ ...form, source: 'e1', dayPlan: false });
    expect(noDays.days).toHaveLength(4);
    expect(noDays.copyFrom).toEqual({ eventId: 'e1', dayPlan: false, tables: true, participants: false });
  });
});

let svc: RunningService;
let seed: Seeded;

beforeAll(async () => {
  svc = await startService();
  setApiBase(svc.url);
  seed = await seedEvent(svc);
}, 120_000);

afterAll(async () => {
  await svc?.stop();
});

beforeEach(() => {
  setToken(null);
  window.localStorage.removeItem('clustermatch.event');
});

/** The chosen event's id, as the pages get it. */
function ChosenEvent(): string {
  return `chosen:${useSession().eventId ?? ''}`;
}

describe('New event and the switcher', () => {
  it('creates an event copying the participants of the seeded one, chooses it, and the switcher goes back', async () => {
    setToken(seed.organiserToken);
    const user = userEvent.setup();
    renderWithApp(
      <>
        <EventSwitcher />
        <ChosenEvent />
        <NewEventPage />
      </>,
    );
    const switcher = await screen.findByRole('combobox', { name: 'Event' });
    await screen.findByText(`chosen:${seed.eventId}`);
    await user.type(screen.getByLabelText('Event name'), 'Second event');
    await user.type(screen.getByLabelText('Venue'), 'Hall 2');
    const source = screen.getByLabelText('Earlier event');
    await user.selectOptions(source, seed.eventId);
    // Only the participants: no day plan, no tables.
    await user.click(screen.getByRole('checkbox', { name: /Day plan/ }));
    await user.click(screen.getByRole('checkbox', { name: /Tables/ }));
    await user.click(screen.getByRole('button', { name: 'Create the event' }));
    // No first day: the service names the day's date, nothing is created.
    await screen.findByText(/Day 1, Date/);
    expect(screen.getByLabelText('First day').getAttribute('aria-invalid')).toBe('true');
    await user.type(screen.getByLabelText('First day'), '2030-03-04');
    await user.click(screen.getByRole('button', { name: 'Create the event' }));
    await screen.findByText(/Second event is created and chosen\./);
    screen.getByText(/clusters 2, delegates 2/);
    const chosen = (await screen.findByText(/^chosen:/)).textContent ?? '';
    expect(chosen).not.toBe(`chosen:${seed.eventId}`);
    await waitFor(() =>
      expect(within(switcher).getByRole('option', { selected: true }).textContent).toBe('Second event'),
    );

    await user.selectOptions(switcher, seed.eventId);
    await screen.findByText(`chosen:${seed.eventId}`);
    expect(window.localStorage.getItem('clustermatch.event')).toBe(seed.eventId);
  });

  it('adds a cluster of an earlier event to an event on the participants page', async () => {
    setToken(seed.organiserToken);
    const res = await fetch(`${svc.url}/api/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${seed.organiserToken}` },
      body: JSON.stringify({
        name: 'Empty event',
        venue: 'Hall 3',
        timezone: 'Europe/Copenhagen',
        requestDeadline: '2099-01-01T00:00:00Z',
      }),
    });
    const { id } = (await res.json()) as { id: string };
    const user = userEvent.setup();
    renderWithApp(<ParticipantsPage eventId={id} />);
    await user.click(await screen.findByRole('button', { name: 'Add a cluster from an earlier event' }));
    const panel = await screen.findByRole('region', { name: 'Clusters of earlier events' });
    await within(panel).findByText('2 clusters not in this event');
    const name = seed.clusters[0]?.name ?? '';
    await user.type(within(panel).getByLabelText('Search by name or country'), name.split(' ')[0] ?? name);
    await user.click(within(panel).getByRole('button', { name: 'Search' }));
    await within(panel).findByText('1 cluster not in this event');
    await user.click(within(panel).getByRole('button', { name: `Add ${name} to this event` }));
    await within(panel).findByText(`${name} takes part now, with its delegates.`);
    const table = await screen.findByRole('table', { name: 'Clusters' });
    await within(table).findByRole('link', { name });
  });

  it('archives a past event from the archive page: it leaves the switcher, and comes back out', async () => {
    setToken(seed.organiserToken);
    await fetch(`${svc.url}/api/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${seed.organiserToken}` },
      body: JSON.stringify({
        name: 'Spring 2020',
        venue: 'Old hall',
        timezone: 'Europe/Copenhagen',
        requestDeadline: '2020-03-01T00:00:00Z',
        days: [{ date: '2020-03-10', startTime: '09:00', endTime: '12:00', meetingMinutes: 30 }],
      }),
    });
    const user = userEvent.setup();
    renderWithApp(
      <>
        <EventSwitcher />
        <ArchivePage canEdit />
      </>,
    );
    const switcher = await screen.findByRole('combobox', { name: 'Event' });
    await within(switcher).findByRole('option', { name: 'Spring 2020' });
    screen.getByText('No archived events.');
    // Only the past event is offered for the archive (the seeded one is still to come).
    const past = screen.getByRole('list', { name: 'Past events not archived yet' });
    expect(
      within(past)
        .getAllByRole('listitem')
        .map((li) => li.getAttribute('aria-label')),
    ).toEqual(['Spring 2020']);
    await user.click(within(past).getByRole('button', { name: 'Archive Spring 2020' }));
    await screen.findByRole('button', { name: 'Take Spring 2020 out of the archive' });
    expect(within(switcher).queryByRole('option', { name: 'Spring 2020' })).toBeNull();
    expect(screen.queryByRole('list', { name: 'Past events not archived yet' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Take Spring 2020 out of the archive' }));
    await within(switcher).findByRole('option', { name: 'Spring 2020' });
    await screen.findByText('No archived events.');
  });
});
