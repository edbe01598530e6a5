/**
 * Issue 11, parts 3-5 in the web app, against the real service: a delegate says what came of a relationship on
 * the follow-up page, sees it on the relationships page, and the directory of a later event marks the cluster
 * "met before"; the organiser sets the follow-up plan (errors at the field) and reads the reports across events.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../e2e/service';
import { seedEvent, type Seeded } from '../e2e/seed';
import { setApiBase, setToken } from './api/client';
import { DirectoryPage } from './pages/delegate/DirectoryPage';
import { FollowUpPage } from './pages/delegate/FollowUpPage';
import { RelationshipsPage } from './pages/delegate/RelationshipsPage';
import { FollowUpPlanPanel } from './pages/organiser/FollowUpPlanPanel';
import { ReportsPage } from './pages/organiser/ReportsPage';
import { renderWithApp } from './test-utils';

let svc: RunningService;
let seed: Seeded;
let laterEvent: string;

async function call<T>(path: string, token: string, body?: unknown, method?: string): Promise<T> {
  const res = await fetch(`${svc.url}/api${path}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

beforeAll(async () => {
  svc = await startService();
  setApiBase(svc.url);
  seed = await seedEvent(svc);
  const [a, b] = seed.delegates;
  if (!a || !b) throw new Error('seed has two delegates');
  const r = await call<{ id: string }>(`/events/${seed.eventId}/requests`, a.token, {
    receiverClusterIds: [b.clusterId],
    interest: 4,
    delegateIds: [a.id],
  });
  await call(`/requests/${r.id}/accept`, b.token, { interest: 4, delegateIds: [b.id] });
  const started = await call<{ statusUrl: string }>(`/events/${seed.eventId}/schedule/solve`, seed.organiserToken, {
    timeLimitSeconds: 1,
    seed: 1,
  });
  let version = '';
  for (let i = 0; i < 600 && !version; i++) {
    const job = await call<{ state: string; version: { id: string } | null }>(
      started.statusUrl.replace(/^\/api/, ''),
      seed.organiserToken,
    );
    if (job.state === 'done' && job.version) version = job.version.id;
    else await new Promise((res) => setTimeout(res, 100));
  }
  await call(`/events/${seed.eventId}/schedule/versions/${version}/publish`, seed.organiserToken, {});
  // A later event both clusters take part in.
  const later = await call<{ id: string }>('/events', seed.organiserToken, {
    name: 'Later Event',
    venue: 'Hall 2',
    timezone: 'Europe/Copenhagen',
    requestDeadline: '2099-05-01T22:00:00Z',
    days: [{ date: '2028-05-11', startTime: '09:00', endTime: '10:00', meetingMinutes: 30, breaks: [] }],
    tables: [{ name: 'T1', seats: 4 }],
  });
  laterEvent = later.id;
  for (const c of seed.clusters)
    await call(`/events/${laterEvent}/participants`, seed.organiserToken, { clusterId: c.id });
}, 180_000);

afterAll(async () => {
  await svc?.stop();
});

describe('follow-up and relationships (delegate)', () => {
  it('says what came of the relationship, sees it on the relationships page and "met before" in a later directory', async () => {
    const [a, b] = seed.delegates;
    if (!a || !b) throw new Error('seed has two delegates');
    setToken(a.token);
    const user = userEvent.setup();
    const view = renderWithApp(<FollowUpPage eventId={seed.eventId} clusterId={a.clusterId} />);
    const card = await screen.findByRole('form', { name: /South Food Cluster/ });
    expect(within(card).getByText('Meetings at the event: 1')).toBeTruthy();
    const save = within(card).getByRole('button', { name: 'Save' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(card).getByRole('radio', { name: 'Still in contact' }));
    await user.type(within(card).getByLabelText('Note (optional)'), 'Call in June');
    await user.click(save);
    await within(card).findByText('Saved.');
    const page = await call<{ relationships: { answers: { outcome: string; note: string }[] }[] }>(
      `/events/${seed.eventId}/clusters/${a.clusterId}/follow-up`,
      seed.organiserToken,
    );
    expect(page.relationships[0]?.answers).toEqual([
      expect.objectContaining({ outcome: 'in-contact', note: 'Call in June' }),
    ]);
    view.unmount();

    const rel = renderWithApp(<RelationshipsPage clusterId={a.clusterId} timezone="Europe/Copenhagen" />);
    const entry = await screen.findByRole('article', { name: /South Food Cluster/ });
    expect(within(entry).getByText(/Component Test Event:/)).toBeTruthy();
    expect(within(entry).getByText(/Follow-up after 0 months: Still in contact: Call in June/)).toBeTruthy();
    rel.unmount();

    renderWithApp(<DirectoryPage eventId={laterEvent} ownClusterId={a.clusterId} />);
    const south = await screen.findByRole('article', { name: 'South Food Cluster' });
    await within(south).findByText('Met before');
  });
});

describe('organiser: follow-up plan and reports', () => {
  it('shows the plan error at the field and saves a valid plan', async () => {
    setToken(seed.organiserToken);
    const user = userEvent.setup();
    renderWithApp(<FollowUpPlanPanel eventId={seed.eventId} timezone="Europe/Copenhagen" />);
    const field = await screen.findByLabelText('Months after the event');
    expect((field as HTMLInputElement).value).toBe('3, 6, 12, 36');
    expect(screen.getAllByRole('row')).toHaveLength(5);
    await user.clear(field);
    await user.type(field, '6, 6');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('must not repeat a month');
    await user.clear(field);
    await user.type(field, '24, 6');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    await waitFor(() => expect((field as HTMLInputElement).value).toBe('6, 24'));
    expect(screen.getByRole('row', { name: /24 months/ })).toBeTruthy();
  });

  it('reads the performance report and the impact by year', async () => {
    setToken(seed.organiserToken);
    const user = userEvent.setup();
    renderWithApp(<ReportsPage />);
    const year = await screen.findByLabelText('Year');
    await user.clear(year);
    await user.type(year, '2027');
    const stats = await screen.findByLabelText('Performance report 2027');
    await waitFor(() => expect(within(stats).getByText('Participating companies').nextSibling?.textContent).toBe('20'));
    expect(within(stats).getByText('of which SMEs (under 50 employees)').nextSibling?.textContent).toBe('16');
    // The section's table (the chart below it carries its own screen readers' table with the same years).
    const across = screen.getByRole('region', { name: 'Impact by year, cluster or country' });
    const row = await within(across.querySelector('table') as HTMLElement).findByRole('row', { name: /^2027/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['1', '2', '1', '0', '–', '0', '0', '0', '0']);
  });
});
