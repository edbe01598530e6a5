/**
 * Issue 9, items 3 and 4: the participants page, the taxonomy page and the import's term mapping against the real
 * service (spawned on a fresh SQLite file, see e2e/service.ts).
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../e2e/service';
import { seedEvent, type Seeded } from '../e2e/seed';
import { setApiBase, setToken } from './api/client';
import { ImportForm } from './pages/organiser/ImportPage';
import { ParticipantsPage } from './pages/organiser/ParticipantsPage';
import { TaxonomyPage } from './pages/organiser/TaxonomyPage';
import { ProfileForm, toProfile } from './pages/delegate/ProfilePage';
import type { Cluster, Term } from './api/clusters';
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
}, 120_000);

afterAll(async () => {
  await svc?.stop();
});

beforeEach(() => setToken(null));

describe('ParticipantsPage', () => {
  it('searches and sorts clusters, marks an expired label, adds a delegate and mails them a login link that works', async () => {
    setToken(seed.organiserToken);
    const user = userEvent.setup();
    renderWithApp(<ParticipantsPage eventId={seed.eventId} />);
    const table = await screen.findByRole('table', { name: 'Clusters' });
    await within(table).findByRole('link', { name: 'North Energy Cluster' });
    expect(screen.getByText('1–2 of 2')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Sort by'), 'country');
    await user.selectOptions(screen.getByLabelText('Order'), 'desc');
    await waitFor(() =>
      expect(
        within(table)
          .getAllByRole('link')
          .map((a) => a.textContent),
      ).toEqual(['South Food Cluster', 'North Energy Cluster']),
    );
    await user.type(screen.getByLabelText('Search'), 'north');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() =>
      expect(
        within(table)
          .getAllByRole('link')
          .map((a) => a.textContent),
      ).toEqual(['North Energy Cluster']),
    );

    // The organiser sets a validity in the past: the label shows as expired.
    await user.click(within(table).getByRole('button', { name: 'Edit North Energy Cluster' }));
    const form = screen.getByRole('form', { name: 'Edit North Energy Cluster' });
    fireEvent.change(within(form).getByLabelText('Label valid until'), { target: { value: '2020-01-31' } });
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await within(table).findByText('Expired');

    await user.click(screen.getByRole('button', { name: 'Delegates' }));
    const delegates = await screen.findByRole('table', { name: 'Delegates' });
    // The seeded delegates signed in with a login link: no "Never".
    await within(delegates).findByText('Delegate of North Energy Cluster');
    expect(within(delegates).queryByText('Never')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Add a delegate' }));
    const add = screen.getByRole('form', { name: 'Add a delegate' });
    await within(add).findByRole('option', { name: 'South Food Cluster' });
    await user.selectOptions(within(add).getByLabelText('Cluster'), 'South Food Cluster');
    await user.type(within(add).getByLabelText('Name'), 'Rui Costa');
    await user.type(within(add).getByLabelText('E-mail'), 'not-an-address');
    await user.type(within(add).getByLabelText('Role'), 'Analyst');
    await user.click(within(add).getByRole('button', { name: 'Add' }));
    await within(add).findByText('must be an e-mail address');
    await user.clear(within(add).getByLabelText('E-mail'));
    await user.type(within(add).getByLabelText('E-mail'), 'rui@food.example.org');
    await user.click(within(add).getByRole('button', { name: 'Add' }));
    await within(delegates).findByText('Rui Costa');
    expect(within(delegates).getByText('Never')).toBeTruthy();

    const since = svc.logs.length;
    await user.click(screen.getByRole('button', { name: 'Send login link to the 1 delegate who has not signed in' }));
    const ask = screen.getByRole('alertdialog');
    expect(ask.textContent).toContain('Mail a login link to 1 delegate who has never signed in?');
    await user.click(within(ask).getByRole('button', { name: 'Send' }));
    await screen.findByText('1 login link queued.');
    const link = await svc.magicLink('rui@food.example.org', since);
    const token = new URL(link).searchParams.get('token') ?? '';
    const res = await fetch(`${svc.url}/api/auth/magic-link/verify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(res.status).toBe(200);
    const page = await call<{ items: { email: string; lastSignInAt: string | null }[] }>(
      `/events/${seed.eventId}/participants/delegates?q=rui`,
      seed.organiserToken,
    );
    expect(page.items[0]?.lastSignInAt).not.toBeNull();
  }, 90_000);
});

describe('TaxonomyPage', () => {
  it('adds a term with its Danish label and merges a near-duplicate after a confirmation', async () => {
    setToken(seed.organiserToken);
    // A near-duplicate an earlier import created, used by one cluster.
    await call('/taxonomy', seed.organiserToken, { kind: 'sector', name: 'Agri-food' });
    const cluster = await call<Cluster>(`/clusters/${seed.clusters[1]?.id ?? ''}`, seed.organiserToken);
    await call(`/clusters/${cluster.id}`, seed.organiserToken, { sectors: ['Food', 'Agri-food'] }, 'PATCH');
    const user = userEvent.setup();
    renderWithApp(<TaxonomyPage />);
    const addForm = await screen.findByRole('form', { name: 'Add a term' });
    await screen.findByRole('rowheader', { name: 'Agri-food' });
    await user.type(within(addForm).getByLabelText('English label'), 'Agrifood');
    await user.type(within(addForm).getByLabelText('Danish label'), 'Fødevarer');
    await user.click(within(addForm).getByRole('button', { name: 'Add term' }));
    await screen.findByText('Fødevarer');
    expect(screen.getByRole('rowheader', { name: 'Agrifood' })).toBeTruthy();

    const sectors = screen.getByRole('table', { name: 'Sectors' });
    await user.click(within(sectors).getByRole('button', { name: 'Merge Agri-food' }));
    await user.selectOptions(screen.getByLabelText('Merge “Agri-food” into'), 'Agrifood');
    await user.click(screen.getByRole('button', { name: 'Merge…' }));
    const ask = screen.getByRole('alertdialog');
    expect(
      within(ask).getByText(
        'Merge “Agri-food” into “Agrifood”? 1 cluster moves to “Agrifood” and “Agri-food” is deleted.',
      ),
    ).toBeTruthy();
    await user.click(within(ask).getByRole('button', { name: 'Merge' }));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'Agri-food' })).toBeNull());
    const after = await call<Cluster>(`/clusters/${cluster.id}`, seed.organiserToken);
    expect([...after.sectors].sort()).toEqual(['Agrifood', 'Food']);
  });
});

describe('ImportForm (clusters)', () => {
  it('lists the unknown terms with a look-alike preselected, and imports with the choices made', async () => {
    setToken(seed.organiserToken);
    const user = userEvent.setup();
    renderWithApp(<ImportForm eventId={seed.eventId} kind="clusters" />);
    const csv = [
      'name,country,region,sectors,technologies,scope,label,label_valid_until,companies,smes,knowledge_institutions,public_bodies,industry_associations,financial_actors,secretariat_size,offers,seeks,website',
      'Odense Robotics,DK,Syddanmark,Energi;Hydrogen valleys,Hydrogen,national,gold,,10,5,1,1,1,0,2,Robots,Partners,',
    ].join('\n');
    await user.upload(screen.getByLabelText('File (CSV or XLSX)'), new File([csv], 'c.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Import' }));
    const mapping = await screen.findByRole('table', { name: /2 sectors or technologies are not in the taxonomy/ });
    const energi = within(mapping).getByLabelText<HTMLSelectElement>('Import Sector “Energi” as');
    // The choices list the taxonomy's terms once loaded; the look-alike is chosen.
    await waitFor(() => expect(energi.selectedOptions[0]?.textContent).toBe('The existing “Energy”'));
    expect(within(mapping).getByText('Looks like “Energy”')).toBeTruthy();
    const valleys = within(mapping).getByLabelText<HTMLSelectElement>('Import Sector “Hydrogen valleys” as');
    expect(valleys.selectedOptions[0]?.textContent).toBe('A new term “Hydrogen valleys”');
    await user.click(screen.getByRole('button', { name: 'Import with these choices' }));
    await screen.findByText(/Imported 1 rows/);
    const terms = await call<Term[]>('/taxonomy', seed.organiserToken);
    expect(terms.map((x) => x.name)).toContain('Hydrogen valleys');
    expect(terms.map((x) => x.name)).not.toContain('Energi');
  });
});

describe('ProfileForm (a delegate)', () => {
  it('shows the label read-only, marked expired, and saves the rest', async () => {
    const d = seed.delegates[0];
    if (!d) throw new Error('no delegate');
    setToken(d.token);
    await call(`/clusters/${d.clusterId}`, seed.organiserToken, { labelValidUntil: '2021-03-31' }, 'PATCH');
    const cluster = await call<Cluster>(`/clusters/${d.clusterId}`, d.token);
    const terms = await call<Term[]>('/taxonomy', d.token);
    const user = userEvent.setup();
    renderWithApp(<ProfileForm clusterId={d.clusterId} initial={toProfile(cluster)} terms={terms} />);
    expect(screen.queryByLabelText('Cluster-excellence label')).toBeNull();
    expect(screen.getByText('Expired')).toBeTruthy();
    expect(screen.getByText('The organisers set the label and its validity.')).toBeTruthy();
    await user.clear(screen.getByLabelText('What we seek'));
    await user.type(screen.getByLabelText('What we seek'), 'Port partners');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/^Saved at /);
    const after = await call<Cluster>(`/clusters/${d.clusterId}`, d.token);
    expect([after.seeks, after.label, after.labelValidUntil]).toEqual(['Port partners', cluster.label, '2021-03-31']);
  });
});
