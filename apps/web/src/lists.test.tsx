/**
 * Issue 16, items 6 and 7, against the real service (spawned on a fresh SQLite file, see e2e/service.ts): the
 * organiser's requests list and mail outbox are searched, filtered and paged by the service with true totals and
 * plain names; "queue reminders" asks first and shows that it works; the solve page finds a running job again and
 * says what it does in plain words; the profile's "Saved" survives the form being drawn again.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../e2e/service';
import { seedEvent, type Seeded } from '../e2e/seed';
import { setApiBase, setToken } from './api/client';
import type { Cluster, Term } from './api/clusters';
import { ProfileForm, toProfile } from './pages/delegate/ProfilePage';
import { MailPage } from './pages/organiser/MailPage';
import { RequestsPage } from './pages/organiser/RequestsPage';
import { SolvePage } from './pages/organiser/SolvePage';
import { renderWithApp } from './test-utils';

let svc: RunningService;
let seed: Seeded;

async function call<T>(path: string, token: string, body?: unknown, method?: string): Promise<T> {
  const res = await fetch(`${svc.url}/api${path}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  svc = await startService();
  setApiBase(svc.url);
  seed = await seedEvent(svc);
  const [north, south] = seed.delegates;
  if (!north || !south) throw new Error('seed has two delegates');
  const r = await call<{ id: string }>(`/events/${seed.eventId}/requests`, north.token, {
    receiverClusterIds: [south.clusterId],
    interest: 4,
    delegateIds: [north.id],
    note: 'Offshore wind and fish farms',
  });
  await call(`/requests/${r.id}/accept`, south.token, { interest: 3, delegateIds: [south.id] });
}, 120_000);

afterAll(async () => {
  await svc?.stop();
});

beforeEach(() => setToken(null));

describe('RequestsPage', () => {
  it('lists the requests from the service with the true total, a search and a state filter, in English and Danish', async () => {
    setToken(seed.organiserToken);
    const user = userEvent.setup();
    const view = renderWithApp(<RequestsPage eventId={seed.eventId} />);
    const table = await screen.findByRole('table', { name: 'All requests' });
    await within(table).findByText('Offshore wind and fish farms');
    expect(screen.getByText('1–1 of 1')).toBeTruthy();
    expect(screen.getByTestId('request-counts').textContent).toBe('1 request. Accepted: 1');
    await user.selectOptions(screen.getByLabelText('State'), 'pending');
    await screen.findByText('No matches.');
    await user.selectOptions(screen.getByLabelText('State'), '');
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'fish farms');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await within(table).findByText('Offshore wind and fish farms');
    view.unmount();

    renderWithApp(<RequestsPage eventId={seed.eventId} />, { lang: 'da' });
    await screen.findByText('Offshore wind and fish farms');
    expect(screen.getByTestId('request-counts').textContent).toBe('1 anmodning. Accepteret: 1');
  });
});

describe('MailPage', () => {
  it('shows plain recipient names, filters by mail type, and asks before queueing reminders', async () => {
    setToken(seed.organiserToken);
    const user = userEvent.setup();
    renderWithApp(<MailPage eventId={seed.eventId} />);
    const table = await screen.findByRole('table', { name: 'Mail outbox' });
    await within(table).findAllByText('Delegate of North Energy Cluster');
    expect(table.textContent).not.toContain('"Delegate of');
    expect(within(table).getAllByText('north@energy.example.org').length).toBeGreaterThan(0);
    const total = Number(/(\d+) mails?\./.exec(screen.getByTestId('mail-total').textContent ?? '')?.[1]);
    expect(total).toBeGreaterThan(1);
    const kind = screen.getByLabelText('Mail type');
    const options = within(kind)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual(expect.arrayContaining([expect.stringMatching(/^Request received \(\d+\)$/)]));
    await user.selectOptions(kind, 'request-received');
    await waitFor(() => expect(screen.getByTestId('mail-total').textContent).toBe('1 mail.'));
    expect(within(table).getByText('Request received')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Queue day-before reminders now' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Queue the day-before reminders now?');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Queue day-before reminders now' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Yes, queue the reminders' }));
    await screen.findByText(/reminders queued\./);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});

describe('SolvePage', () => {
  it('finds the running job after the page was left, and says what it does in plain words', async () => {
    setToken(seed.organiserToken);
    const started = await call<{ jobId: string }>(`/events/${seed.eventId}/schedule/solve`, seed.organiserToken, {
      timeLimitSeconds: 3,
    });
    // A fresh cache: as after a reload, or in another tab. The page finds the job through the service.
    renderWithApp(<SolvePage eventId={seed.eventId} pollMs={100} />);
    const text = await screen.findByTestId('job-text', {}, { timeout: 10_000 });
    const seen = new Set<string>();
    await waitFor(
      () => {
        seen.add(text.textContent ?? '');
        expect(text.textContent).toMatch(/^Finished: draft version \d+ is ready to review\.$/);
      },
      { timeout: 30_000, interval: 50 },
    );
    for (const s of seen) expect(s).not.toMatch(/\b(gaps|construct|bound|improve|done)\b/);
    expect(screen.getByRole('button', { name: /^Review draft version/ })).toBeTruthy();
    const jobs = await call<{ id: string }[]>(`/events/${seed.eventId}/schedule/jobs`, seed.organiserToken);
    expect(jobs[0]?.id).toBe(started.jobId);
  }, 60_000);
});

describe('ProfileForm', () => {
  it('keeps "Saved" when the form is drawn again after the save, and drops it at the next change', async () => {
    const north = seed.delegates[0];
    if (!north) throw new Error('seed');
    setToken(north.token);
    const user = userEvent.setup();
    const cluster = await call<Cluster>(`/clusters/${north.clusterId}`, north.token);
    const terms = await call<Term[]>('/taxonomy', north.token);
    const first = renderWithApp(<ProfileForm clusterId={north.clusterId} initial={toProfile(cluster)} terms={terms} />);
    const seeks = screen.getByLabelText('What we seek');
    await user.clear(seeks);
    await user.type(seeks, 'Partners for offshore hydrogen');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/^Saved at \d\d[:.]\d\d( [AP]M)?\.$/);
    first.unmount();
    const again = await call<Cluster>(`/clusters/${north.clusterId}`, north.token);
    renderWithApp(<ProfileForm clusterId={north.clusterId} initial={toProfile(again)} terms={terms} />);
    expect(screen.getByText(/^Saved at /)).toBeTruthy();
    await user.type(screen.getByLabelText('What we seek'), '!');
    expect(screen.queryByText(/^Saved at /)).toBeNull();
  });
});
