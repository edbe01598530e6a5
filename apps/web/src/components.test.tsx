/**
 * The main components against the real service (spawned on a fresh SQLite file, see e2e/service.ts):
 * what the user types goes to the real API, and the API's errors show next to the fields.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startService, type RunningService } from '../e2e/service';
import { seedEvent, type Seeded } from '../e2e/seed';
import { api, ApiError, getToken, setApiBase, setToken, unwrap } from './api/client';
import type { Cluster, Term } from './api/clusters';
import type { Delegate } from './api/delegates';
import type { MeetingRequest } from './api/requests';
import { I18nProvider } from './i18n';
import { LoginPage } from './pages/LoginPage';
import { DirectoryPage } from './pages/delegate/DirectoryPage';
import { InboxPage } from './pages/delegate/InboxPage';
import { ProfileForm } from './pages/delegate/ProfilePage';
import { ImportForm } from './pages/organiser/ImportPage';
import { EventSetupForm } from './pages/organiser/SetupPage';
import { SolvePage } from './pages/organiser/SolvePage';
import { ScheduleGrid, SendAgendas } from './pages/organiser/ReviewPage';
import { routes } from './App';
import { renderWithApp } from './test-utils';

let svc: RunningService;
let seed: Seeded;

async function get<T>(path: string, token: string): Promise<T> {
  const res = await fetch(`${svc.url}/api${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
}

function ui(children: ReactNode): ReturnType<typeof renderWithApp> {
  return renderWithApp(children);
}

beforeAll(async () => {
  svc = await startService();
  setApiBase(svc.url);
  seed = await seedEvent(svc);
}, 120_000);

afterAll(async () => {
  await svc?.stop();
});

beforeEach(() => setToken(null));

describe('LoginPage', () => {
  it('shows the API error for a wrong password, then signs the organiser in', async () => {
    const user = userEvent.setup();
    ui(<LoginPage token={null} />);
    await user.click(screen.getByRole('tab', { name: 'Organiser' }));
    await user.type(screen.getByLabelText('E-mail'), svc.organiser.email);
    await user.type(screen.getByLabelText('Password'), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    // In words, without the status code.
    const alert = (await screen.findByRole('alert')).textContent ?? '';
    expect(alert).toContain('The e-mail or the password is wrong.');
    expect(alert).not.toMatch(/401/);
    expect(getToken()).toBeNull();
    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), svc.organiser.password);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(getToken()).not.toBeNull());
  });

  it('the Delegate / Organiser tabs follow the WAI-ARIA tabs pattern (arrows, Home, End, roving tabindex)', async () => {
    const user = userEvent.setup();
    ui(<LoginPage token={null} />);
    const list = screen.getByRole('tablist', { name: 'Sign in' });
    const delegate = within(list).getByRole('tab', { name: 'Delegate' });
    const organiser = within(list).getByRole('tab', { name: 'Organiser' });
    const state = (): string[] => [delegate, organiser].map((x) => `${x.getAttribute('aria-selected')}/${x.tabIndex}`);
    expect(state()).toEqual(['true/0', 'false/-1']);
    expect(screen.getByRole('tabpanel', { name: 'Delegate' })).toBeTruthy();
    // Tab reaches only the selected tab, then goes on into the panel.
    await user.tab();
    expect(document.activeElement).toBe(delegate);
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(organiser);
    expect(state()).toEqual(['false/-1', 'true/0']);
    expect(screen.getByRole('tabpanel', { name: 'Organiser' })).toBeTruthy();
    expect(screen.getByLabelText('Password')).toBeTruthy();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(delegate);
    expect(screen.queryByLabelText('Password')).toBeNull();
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(organiser);
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(delegate);
    expect(state()).toEqual(['true/0', 'false/-1']);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(organiser);
    expect(state()).toEqual(['false/-1', 'true/0']);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText('E-mail'));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(organiser);
  });

  it('lists no demo delegates when the service has no demo event (development sign-in, issue 16)', async () => {
    const view = ui(<LoginPage token={null} />);
    await waitFor(() => expect(view.client.getQueryState(['demo-delegates'])?.status).toBe('success'));
    expect(view.client.getQueryData(['demo-delegates'])).toEqual([]);
    expect(screen.queryByRole('heading', { name: /Demo delegates/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Sign in as/ })).toBeNull();
  });

  it('a delegate asks for a magic link; the link signs them in', async () => {
    const user = userEvent.setup();
    const email = seed.delegates[0]?.email ?? '';
    const since = svc.logs.length;
    const view = ui(<LoginPage token={null} />);
    await user.type(screen.getByLabelText('E-mail'), email);
    await user.click(screen.getByRole('button', { name: 'Send me a login link' }));
    await screen.findByText(/a login link is on its way/);
    const link = new URL(await svc.magicLink(email, since));
    view.unmount();
    ui(<LoginPage token={link.searchParams.get('token')} />);
    await waitFor(() => expect(getToken()).not.toBeNull());
  });
});

describe('ProfileForm', () => {
  it('shows the error next to the field, keeps every change, and saves once fixed', async () => {
    const d = seed.delegates[0];
    if (!d) throw new Error('no delegate');
    setToken(d.token);
    const cluster = await get<Cluster>(`/clusters/${d.clusterId}`, d.token);
    const terms = await get<Term[]>('/taxonomy', d.token);
    const user = userEvent.setup();
    ui(<ProfileForm clusterId={d.clusterId} initial={{ ...cluster }} terms={terms} />);
    const seeks = screen.getByLabelText('What we seek');
    await user.clear(seeks);
    await user.type(seeks, 'Hydrogen off-takers');
    await user.click(screen.getByRole('checkbox', { name: 'Food' }));
    const website = screen.getByLabelText('Website');
    await user.type(website, 'no-url');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(website.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = website.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy.split(' ')[0] ?? '')?.textContent).toBe('must be a URL with http(s)://');
    expect((seeks as HTMLTextAreaElement).value).toBe('Hydrogen off-takers');
    expect((screen.getByRole('checkbox', { name: 'Food' }) as HTMLInputElement).checked).toBe(true);
    expect((await get<Cluster>(`/clusters/${d.clusterId}`, d.token)).seeks).toBe('Partners');

    await user.clear(website);
    await user.type(website, 'https://north.example.org');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/^Saved at /);
    const after = await get<Cluster>(`/clusters/${d.clusterId}`, d.token);
    expect(after.seeks).toBe('Hydrogen off-takers');
    expect(after.website).toBe('https://north.example.org');
    expect([...after.sectors].sort()).toEqual(['Energy', 'Food']);
  });
});

describe('EventSetupForm', () => {
  it('puts a day-plan error at that day’s field', async () => {
    setToken(seed.organiserToken);
    const user = userEvent.setup();
    ui(
      <EventSetupForm
        eventId={seed.eventId}
        slotCount={4}
        initial={{
          name: 'Component Test Event',
          venue: 'Hall 1',
          timezone: 'Europe/Copenhagen',
          requestDeadline: '2027-05-01T22:00:00Z',
          days: [{ date: '2027-05-11', startTime: '09:00', endTime: '11:00', meetingMinutes: 30, breaks: [] }],
          tables: [{ name: 'T1', seats: 4 }],
        }}
      />,
    );
    // A time input holds a time or nothing: an emptied one is refused by the service.
    const start = screen.getByLabelText('First meeting');
    await user.clear(start);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(start.getAttribute('aria-invalid')).toBe('true'));
    expect(within(start.parentElement as HTMLElement).getByRole('alert').textContent).toBe(
      'must be a time such as 09:30',
    );
    // The banner names the field as the form shows it, without a status code or a field path.
    const banner = screen.getAllByRole('alert').find((a) => a.classList.contains('banner-error'));
    expect(banner?.textContent).toContain('Nothing was saved.');
    expect(banner?.textContent).toContain('Day 1, first meeting: must be a time such as 09:30');
    expect(banner?.textContent).not.toMatch(/days\[0\]|40\d/);
    expect((start as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Event name') as HTMLInputElement).value).toBe('Component Test Event');
  });

  it('saves nothing when one part of the setup is wrong (a duplicate table name), in Danish', async () => {
    setToken(seed.organiserToken);
    const user = userEvent.setup();
    const before = await get<{ name: string; tables: unknown[] }>(`/events/${seed.eventId}`, seed.organiserToken);
    renderWithApp(
      <EventSetupForm
        eventId={seed.eventId}
        slotCount={4}
        initial={{
          name: 'Changed name that must not be saved',
          venue: 'Hall 1',
          timezone: 'Europe/Copenhagen',
          requestDeadline: '2027-05-01T22:00:00Z',
          days: [{ date: '2027-05-11', startTime: '09:00', endTime: '11:00', meetingMinutes: 30, breaks: [] }],
          tables: [
            { name: 'T1', seats: 4 },
            { name: 'T1', seats: 4 },
          ],
        }}
      />,
      { lang: 'da' },
    );
    await user.click(screen.getByRole('button', { name: 'Gem' }));
    const banner = await waitFor(() => {
      const b = screen.getAllByRole('alert').find((a) => a.classList.contains('banner-error'));
      if (!b) throw new Error('no error banner yet');
      return b;
    });
    expect(banner.textContent).toContain('Intet blev gemt.');
    expect(banner.textContent).toContain('Navn på bord 2: bordnavnet T1 findes to gange');
    const after = await get<{ name: string; tables: unknown[] }>(`/events/${seed.eventId}`, seed.organiserToken);
    expect(after.name).toBe(before.name);
    expect(after.tables).toEqual(before.tables);
  });
});

describe('ImportForm', () => {
  it('lists every bad row and imports nothing; a good file imports', async () => {
    setToken(seed.organiserToken);
    const user = userEvent.setup();
    const { container } = ui(<ImportForm eventId={seed.eventId} kind="delegates" />);
    const bad =
      'cluster,name,email,role\nNo Such Cluster,A,a@x.example.org,Lead\nNorth Energy Cluster,B,not-an-email,Lead\n';
    await user.upload(screen.getByLabelText('File (CSV or XLSX)'), new File([bad], 'bad.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Import' }));
    const table = await screen.findByRole('table');
    expect(table.textContent).toMatch(/row 2, column cluster/);
    expect(table.textContent).toMatch(/row 3, column email/);
    const before = await get<Delegate[]>(`/clusters/${seed.clusters[0]?.id ?? ''}/delegates`, seed.organiserToken);
    expect(before.map((x) => x.email)).not.toContain('a@x.example.org');

    const good = 'cluster,name,email,role\nNorth Energy Cluster,Second Delegate,second@energy.example.org,Analyst\n';
    await user.upload(screen.getByLabelText('File (CSV or XLSX)'), new File([good], 'good.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByText(/Imported 1 rows/);
    expect(container.querySelector('table')).toBeNull();
    const after = await get<Delegate[]>(`/clusters/${seed.clusters[0]?.id ?? ''}/delegates`, seed.organiserToken);
    expect(after.map((x) => x.email)).toContain('second@energy.example.org');
  });
});

describe('Directory, request and answer', () => {
  it('filters the directory, sends a request, and the other cluster accepts it', async () => {
    const [a, b] = seed.delegates;
    if (!a || !b) throw new Error('no delegates');
    setToken(a.token);
    const user = userEvent.setup();
    const view = ui(<DirectoryPage eventId={seed.eventId} ownClusterId={a.clusterId} />);
    await screen.findByText('2 clusters');
    await user.selectOptions(screen.getByLabelText('Sector'), 'Energy');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await screen.findByText('1 cluster');
    expect(screen.getByRole('article', { name: 'North Energy Cluster' })).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Sector'), '');
    await user.type(screen.getByLabelText('Country'), 'pt');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'North Energy Cluster' })).toBeNull());
    await screen.findByText('1 cluster');
    const card = screen.getByRole('article', { name: 'South Food Cluster' });
    await user.click(within(card).getByRole('button', { name: 'Request a meeting with South Food Cluster' }));
    const form = within(card).getByRole('form');
    await user.selectOptions(within(form).getByLabelText('Our interest (1–5)'), '4');
    await user.type(within(form).getByLabelText('Note'), 'Green hydrogen for food processing');
    await user.click(within(form).getByRole('button', { name: 'Send request' }));
    await within(card).findByText('Request sent to South Food Cluster.');
    view.unmount();

    // The other cluster's inbox: accepting refetches the list (the mutation invalidates it), so the card
    // shows the new status without a reload.
    setToken(b.token);
    ui(<InboxPage eventId={seed.eventId} clusterId={b.clusterId} />);
    const incoming = await screen.findByRole('article', { name: 'From North Energy Cluster' });
    await within(incoming).findByText('Green hydrogen for food processing');
    expect(within(incoming).getByText('Pending')).toBeTruthy();
    await user.selectOptions(within(incoming).getByLabelText('Our interest'), '5');
    await user.click(within(incoming).getByRole('button', { name: 'Accept' }));
    await within(incoming).findByText('Accepted');
    expect(within(incoming).queryByRole('button', { name: 'Accept' })).toBeNull();
    const list = await get<MeetingRequest[]>(`/events/${seed.eventId}/requests`, b.token);
    const stored = list.find((x) => x.note === 'Green hydrogen for food processing');
    expect(stored?.status).toBe('accepted');
    expect(stored?.requesterInterest).toBe(4);
    expect(stored?.parties.find((p) => p.clusterId === b.clusterId)?.interest).toBe(5);
  });
});

describe('SolvePage and the grid', () => {
  it('runs the solver with a live progress bar up to 100 % and offers the draft', async () => {
    setToken(seed.organiserToken);
    const user = userEvent.setup();
    ui(<SolvePage eventId={seed.eventId} pollMs={100} />);
    const limit = screen.getByLabelText('Time limit (seconds)');
    await user.clear(limit);
    await user.type(limit, '700');
    await user.click(screen.getByRole('button', { name: 'Run the solver' }));
    await waitFor(() => expect(limit.getAttribute('aria-invalid')).toBe('true'));
    await user.clear(limit);
    await user.type(limit, '1');
    await user.click(screen.getByRole('button', { name: 'Run the solver' }));
    await screen.findByRole('button', { name: /Review draft version 1/ }, { timeout: 30_000 });
    expect(screen.getByRole('progressbar').getAttribute('value')).toBe('100');
    expect(Number(screen.getByTestId('job-objective').textContent)).toBeGreaterThan(0);
  }, 40_000);

  it('stops polling the job once it is done', async () => {
    setToken(seed.organiserToken);
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const jobPolls = (): number =>
      fetchSpy.mock.calls.filter(([req]) => req instanceof Request && /\/schedule\/jobs\//.test(req.url)).length;
    try {
      const user = userEvent.setup();
      ui(<SolvePage eventId={seed.eventId} pollMs={50} />);
      const limit = screen.getByLabelText('Time limit (seconds)');
      await user.clear(limit);
      await user.type(limit, '1');
      await user.click(screen.getByRole('button', { name: 'Run the solver' }));
      await screen.findByRole('button', { name: /Review draft version \d+/ }, { timeout: 30_000 });
      const polls = jobPolls();
      expect(polls).toBeGreaterThan(1);
      await new Promise((r) => setTimeout(r, 500)); // ten poll intervals
      expect(jobPolls()).toBe(polls);
    } finally {
      fetchSpy.mockRestore();
    }
  }, 40_000);

  it('shows the job again after a visit to another page (job id in the URL and the query cache)', async () => {
    setToken(seed.organiserToken);
    const user = userEvent.setup();
    const view = renderWithApp(null, {
      path: '/solve',
      routes: [
        { path: '/solve', element: <SolvePage eventId={seed.eventId} pollMs={100} /> },
        { path: '/elsewhere', element: <p>Elsewhere</p> },
      ],
    });
    const limit = screen.getByLabelText('Time limit (seconds)');
    await user.clear(limit);
    await user.type(limit, '1');
    await user.click(screen.getByRole('button', { name: 'Run the solver' }));
    await screen.findByRole('progressbar');
    const { router } = view;
    const jobId = new URLSearchParams(router.state.location.search).get('job');
    expect(jobId).toMatch(/.+/);
    await act(() => router.navigate('/elsewhere'));
    await screen.findByText('Elsewhere');
    expect(screen.queryByRole('progressbar')).toBeNull();
    // Back through the navigation link (no ?job=): the same job shows, from the query cache.
    await act(() => router.navigate('/solve'));
    await screen.findByRole('progressbar');
    await screen.findByRole('button', { name: /Review draft version \d+/ }, { timeout: 30_000 });
    // After a reload (a fresh cache) the URL still names the job.
    view.unmount();
    renderWithApp(<SolvePage eventId={seed.eventId} pollMs={100} />, { path: `/solve?job=${jobId ?? ''}` });
    await screen.findByRole('button', { name: /Review draft version \d+/ });
    expect(screen.getByRole('progressbar').getAttribute('value')).toBe('100');
  }, 40_000);

  it('ScheduleGrid puts each meeting at its slot and table', () => {
    render(
      <I18nProvider lang="en">
        <ScheduleGrid
          timezone="Europe/Copenhagen"
          tables={['T1', 'T2', 'T3']}
          assignments={[
            {
              requestId: 'r1',
              slot: { id: 's2', code: 'd1s02', start: '2027-05-11T07:30:00Z', end: '2027-05-11T08:00:00Z' },
              table: { id: 't2', name: 'T2' },
              clusters: [
                { id: 'a', name: 'A', country: 'DK' },
                { id: 'b', name: 'B', country: 'SE' },
              ],
              people: [],
              weight: 3,
              pinned: false,
            },
          ]}
        />
      </I18nProvider>,
    );
    const rows = screen.getAllByRole('row');
    expect(rows).toHaveLength(2);
    // Every table of the event is a column, also the free ones (T1, T3), so free capacity shows.
    expect(
      within(rows[0] as HTMLElement)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['Slot', 'T1', 'T2', 'T3']);
    const cells = within(rows[1] as HTMLElement).getAllByRole('cell');
    expect(within(rows[1] as HTMLElement).getByRole('rowheader').textContent).toBe('Tue 11 May 09:30');
    expect(cells.map((c) => c.textContent)).toEqual(['', 'A × B', '']);
  });
});

describe('routes', () => {
  it('a request link from a mail opens the inbox, also when opened signed out', async () => {
    const [, b] = seed.delegates;
    if (!b) throw new Error('no delegates');
    const link = `/events/${seed.eventId}/requests/some-request`;
    // Signed out: the sign-in page, and the link waits for the sign-in.
    const out = renderWithApp(null, { routes, path: link });
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(out.router.state.location.pathname).toBe('/login');
    out.unmount();
    // The magic link signs the delegate in (in a new tab: a fresh cache), then on to the inbox.
    setToken(null);
    const since = svc.logs.length;
    await fetch(`${svc.url}/api/auth/magic-link`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: b.email }),
    });
    const magic = new URL(await svc.magicLink(b.email, since));
    const back = renderWithApp(null, { routes, path: `${magic.pathname}${magic.search}` });
    await screen.findByRole('heading', { name: 'Meeting requests' });
    expect(back.router.state.location.pathname).toBe('/inbox');
    back.unmount();
    // Signed in: straight to the inbox.
    const again = renderWithApp(null, { routes, path: link });
    await screen.findByRole('heading', { name: 'Meeting requests' });
    expect(again.router.state.location.pathname).toBe('/inbox');
  });

  it('keeps the saved token when the service cannot be reached; forgets it when the service refuses it (401)', async () => {
    const [a] = seed.delegates;
    if (!a) throw new Error('no delegates');
    // No service (offline, or the page left while asking who is signed in): the token still holds, and the page
    // says the service cannot be reached (not a sign-in form); "Try again" opens the page once it answers.
    setToken(a.token);
    setApiBase('http://127.0.0.1:9');
    try {
      const offline = renderWithApp(null, { routes, path: '/agenda' });
      await screen.findByRole('heading', { name: 'Cannot reach clustermatch' });
      expect(screen.queryByRole('heading', { name: 'Sign in' })).toBeNull();
      expect(getToken()).toBe(a.token);
      setApiBase(svc.url);
      await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
      await screen.findByRole('heading', { name: /^My agenda/ });
      offline.unmount();
    } finally {
      setApiBase(svc.url);
    }
    // Back online with the same token: the page opens.
    const back = renderWithApp(null, { routes, path: '/inbox' });
    await screen.findByRole('heading', { name: 'Meeting requests' });
    back.unmount();
    // A token the service no longer takes is forgotten.
    setToken(`${a.token}x`);
    renderWithApp(null, { routes, path: '/inbox' });
    await screen.findByRole('heading', { name: 'Sign in' });
    await waitFor(() => expect(getToken()).toBeNull());
  });

  it('an organiser at a delegate page gets "not found"', async () => {
    setToken(seed.organiserToken);
    renderWithApp(null, { routes, path: '/inbox' });
    await screen.findByText('This page does not exist.');
  });
});

describe('the data layer (generated client, query cache)', () => {
  it('a rejected body becomes an ApiError that names each field and its problem', async () => {
    setToken(seed.organiserToken);
    const err = await unwrap(
      api().POST('/api/events', {
        body: { name: 'X', venue: 'Y', timezone: 'Mars/Olympus', requestDeadline: 'soon' },
      }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(400);
    expect(e.forField('timezone')).toEqual(['must be an IANA time zone such as Europe/Berlin']);
    expect(e.forField('requestDeadline')).toEqual(['must be an ISO 8601 date-time']);
    expect(e.forField('name')).toEqual([]);
  });

  it('a service that cannot be reached gives an ApiError with status 0', async () => {
    setApiBase('http://127.0.0.1:9');
    try {
      const err = await unwrap(api().GET('/api/events')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(0);
    } finally {
      setApiBase(svc.url);
    }
  });

  it('sends list filters as the service reads them (comma-separated) and leaves empty ones out', async () => {
    const [a] = seed.delegates;
    if (!a) throw new Error('no delegates');
    setToken(a.token);
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    try {
      const page = await unwrap(
        api().GET('/api/events/{eventId}/clusters', {
          params: { path: { eventId: seed.eventId }, query: { sector: ['Food', 'Energy'], q: undefined } },
        }),
      );
      expect(page.total).toBe(2);
      const urls = fetchSpy.mock.calls.map(([req]) => (req instanceof Request ? new URL(req.url) : null));
      const directory = urls.find((u) => u?.pathname === `/api/events/${seed.eventId}/clusters`);
      expect(directory?.search).toBe('?sector=Food,Energy');
    } finally {
      fetchSpy.mockRestore();
    }
  });
});

interface OutboxRow {
  id: string;
  kind: string;
  eventId: string | null;
  to: string;
}

async function post<T>(path: string, token: string, body: unknown = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${svc.url}/api${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

describe('SendAgendas', () => {
  it('asks first; before a publish shows the 409; after it queues one agenda per attendee again', async () => {
    const org = seed.organiserToken;
    setToken(org);
    const agendaMails = async (): Promise<OutboxRow[]> =>
      (await get<OutboxRow[]>('/mail/outbox?limit=1000', org)).filter(
        (m) => m.eventId === seed.eventId && m.kind === 'schedule-published',
      );
    const user = userEvent.setup();
    const view = ui(<SendAgendas eventId={seed.eventId} />);
    const open = screen.getByRole('button', { name: 'Send agendas' });

    // Cancel sends nothing and gives the focus back.
    await user.click(open);
    const dialog = screen.getByRole('alertdialog', { name: /Send every attendee with a meeting their agenda/ });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Yes, send agendas' }));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(open);

    const published = (await get<{ state: string }[]>(`/events/${seed.eventId}/schedule/versions`, org)).some(
      (v) => v.state === 'published',
    );
    // Nothing is published yet in this file's order: the API's 409 must show (fail rather than skip if that changes).
    expect(published).toBe(false);
    await user.click(open);
    await user.click(screen.getByRole('button', { name: 'Yes, send agendas' }));
    const refused = (await screen.findByRole('alert')).textContent ?? '';
    expect(refused).toContain('Nothing is published for this event yet');
    expect(refused).not.toMatch(/409/);
    // Publish a fresh solve of the accepted requests (one is made if there is none).
    const accepted = await get<MeetingRequest[]>(`/events/${seed.eventId}/requests?status=accepted`, org);
    if (accepted.length === 0) {
      const [a, b] = seed.delegates;
      if (!a || !b) throw new Error('no delegates');
      const r = await post<{ id: string }>(`/events/${seed.eventId}/requests`, a.token, {
        receiverClusterIds: [b.clusterId],
        interest: 3,
        delegateIds: [a.id],
      });
      expect(r.status).toBe(201);
      expect((await post(`/requests/${r.body.id}/accept`, b.token, { interest: 4, delegateIds: [b.id] })).status).toBe(
        200,
      );
    }
    const job = await post<{ statusUrl: string }>(`/events/${seed.eventId}/schedule/solve`, org, {
      timeLimitSeconds: 1,
    });
    expect(job.status).toBe(202);
    let version: { id: string } | null = null;
    for (let i = 0; i < 300 && !version; i++) {
      const s = await get<{ state: string; version: { id: string } | null }>(
        job.body.statusUrl.replace(/^\/api/, ''),
        org,
      );
      if (s.state === 'failed') throw new Error('solve failed');
      version = s.version;
      if (!version) await new Promise((r) => setTimeout(r, 100));
    }
    if (!version) throw new Error('the solve did not finish');
    expect((await post(`/events/${seed.eventId}/schedule/versions/${version.id}/publish`, org)).status).toBe(200);
    const review = await get<{ assignments: { people: { id: string }[] }[] }>(
      `/events/${seed.eventId}/schedule/versions/published`,
      org,
    );
    const attendees = new Set(review.assignments.flatMap((a) => a.people.map((p) => p.id)));
    expect(attendees.size).toBeGreaterThan(0);
    view.unmount();

    ui(<SendAgendas eventId={seed.eventId} />);
    const before = await agendaMails();
    await user.click(screen.getByRole('button', { name: 'Send agendas' }));
    await user.click(screen.getByRole('button', { name: 'Yes, send agendas' }));
    await screen.findByText(`Queued ${attendees.size} agenda mails.`);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    const after = await agendaMails();
    const added = after.filter((m) => !before.some((b) => b.id === m.id));
    expect(added).toHaveLength(attendees.size);
    expect(new Set(added.map((m) => m.to)).size).toBe(attendees.size);
  }, 60_000);
});

describe('InboxPage: declining with a reason (issue 19)', () => {
  it('the receiver gives a reason; the requester sees it on the sent request, and the card links to the profile', async () => {
    const [a, b] = seed.delegates;
    if (!a || !b) throw new Error('no delegates');
    const post = async (path: string, token: string, body: object): Promise<Response> =>
      fetch(`${svc.url}/api${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    // Last in the file (the solver and agenda tests need the accepted meeting): a pair holds one live request, so
    // the earlier one ends, then b asks a.
    for (const r of await get<MeetingRequest[]>(`/events/${seed.eventId}/requests`, b.token))
      if (r.status === 'pending' || r.status === 'accepted')
        await post(`/requests/${r.id}/withdraw`, r.requesterClusterId === a.clusterId ? a.token : b.token, {});
    const created = await post(`/events/${seed.eventId}/requests`, b.token, {
      receiverClusterIds: [a.clusterId],
      interest: 2,
      delegateIds: [b.id],
      note: 'Cold storage pilots?',
    });
    expect(created.status).toBe(201);

    setToken(a.token);
    const user = userEvent.setup();
    const view = ui(<InboxPage eventId={seed.eventId} clusterId={a.clusterId} />);
    const incoming = await screen.findByRole('article', { name: 'From South Food Cluster' });
    expect(within(incoming).getByRole('link', { name: "South Food Cluster's profile" }).getAttribute('href')).toBe(
      `/clusters/${b.clusterId}`,
    );
    await user.type(within(incoming).getByLabelText(/Reason if you decline/), 'No cold storage this year');
    await user.click(within(incoming).getByRole('button', { name: 'Decline' }));
    await within(incoming).findByText('Declined');
    view.unmount();

    setToken(b.token);
    ui(<InboxPage eventId={seed.eventId} clusterId={b.clusterId} />);
    const sent = await screen.findByRole('article', { name: 'To North Energy Cluster' });
    await within(sent).findByText('No cold storage this year');
    expect(within(sent).getByText(/North Energy Cluster declined:/)).toBeTruthy();
  });
});
