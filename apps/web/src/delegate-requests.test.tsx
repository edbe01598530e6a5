/**
 * Issue 9, items 3, 4, 6 and 7, against the real service: the directory's relationship badges and Danish term
 * labels, a group request from the directory, each receiver's answer on the requests page, changing who attends,
 * and inviting a colleague.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../e2e/service';
import { delegateToken, seedEvent, type Seeded } from '../e2e/seed';
import { setApiBase, setToken } from './api/client';
import { ColleaguesPanel } from './pages/delegate/ColleaguesPanel';
import { DirectoryPage, termLabeller } from './pages/delegate/DirectoryPage';
import { InboxPage } from './pages/delegate/InboxPage';
import { renderWithApp } from './test-utils';

let svc: RunningService;
let seed: Seeded;
let third: { id: string; token: string };

async function call<T>(path: string, token: string, body?: unknown, method?: string): Promise<T> {
  const res = await fetch(`${svc.url}/api${path}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const card = (name: string): HTMLElement => {
  const heading = screen.getByRole('heading', { name });
  const article = heading.closest('article');
  if (!article) throw new Error(`no card for ${name}`);
  return article;
};

beforeAll(async () => {
  svc = await startService();
  setApiBase(svc.url);
  seed = await seedEvent(svc);
  const org = seed.organiserToken;
  const c = await call<{ id: string }>('/clusters', org, {
    name: 'West Robotics Cluster',
    country: 'NO',
    region: 'Vest',
    sectors: ['Food'],
    technologies: ['Hydrogen'],
    scope: 'national',
    label: 'bronze',
    members: {
      companies: 5,
      smes: 4,
      knowledgeInstitutions: 1,
      publicBodies: 0,
      industryAssociations: 0,
      financialActors: 0,
    },
    secretariatSize: 1,
    offers: 'Robot cells',
    seeks: 'Food plants',
  });
  await call(`/events/${seed.eventId}/participants`, org, { clusterId: c.id });
  await call(`/clusters/${c.id}/delegates`, org, {
    name: 'Delegate of West',
    email: 'west@robots.example.org',
    role: 'Lead',
  });
  third = { id: c.id, token: await delegateToken(svc, 'west@robots.example.org') };
  // The organiser gives the Food sector its Danish label.
  const terms = await call<{ id: string; name: string }[]>('/taxonomy', org);
  const food = terms.find((x) => x.name === 'Food');
  await call(`/taxonomy/${food?.id}`, org, { nameDa: 'Fødevarer' }, 'PATCH');
}, 120_000);

afterAll(async () => {
  await svc?.stop();
});

beforeEach(() => setToken(null));

describe('termLabeller', () => {
  it('gives the Danish label in Danish, the English one otherwise and where a term has none', () => {
    const terms = [
      { id: '1', kind: 'sector' as const, name: 'Food', nameDa: 'Fødevarer' },
      { id: '2', kind: 'technology' as const, name: 'Food', nameDa: 'Fødevareteknologi' },
      { id: '3', kind: 'sector' as const, name: 'Energy', nameDa: null },
    ];
    expect(termLabeller(terms, 'da')('sector', 'food')).toBe('Fødevarer');
    expect(termLabeller(terms, 'da')('technology', 'Food')).toBe('Fødevareteknologi');
    expect(termLabeller(terms, 'da')('sector', 'Energy')).toBe('Energy');
    expect(termLabeller(terms, 'en')('sector', 'Food')).toBe('Food');
    expect(termLabeller(undefined, 'da')('sector', 'Food')).toBe('Food');
  });
});

describe('delegate requests', () => {
  it('shows relationships in Danish, sends a group request and updates the badges', async () => {
    const north = seed.delegates[0];
    if (!north) throw new Error('no delegate');
    setToken(north.token);
    const user = userEvent.setup();
    renderWithApp(<DirectoryPage eventId={seed.eventId} ownClusterId={north.clusterId} />, { lang: 'da' });
    await screen.findByText('3 klynger');
    expect(within(card('North Energy Cluster')).getByText('Jeres klynge')).toBeTruthy();
    expect(within(card('North Energy Cluster')).queryByRole('button', { name: /Anmod om møde/ })).toBeNull();
    // The Danish term label on the card and in the sector filter (whose value stays the English name).
    await within(card('South Food Cluster')).findByText('Fødevarer');
    const sector = screen.getByLabelText('Sektor') as HTMLSelectElement;
    const option = within(sector).getByRole('option', { name: 'Fødevarer' }) as HTMLOptionElement;
    expect(option.value).toBe('Food');

    const openFor = within(card('South Food Cluster')).getByRole('button', { name: /South Food Cluster/ });
    await user.click(openFor);
    const form = screen.getByRole('form', { name: /South Food Cluster/ });
    await user.type(within(form).getByLabelText('Tilføj en klynge (navn, tilbyder eller søger)'), 'West');
    await user.click(await within(form).findByRole('button', { name: 'Tilføj West Robotics Cluster til mødet' }));
    within(form).getByRole('list', { name: 'Også inviteret' });
    await user.click(within(form).getByRole('button', { name: 'Send anmodningen til 2 klynger' }));
    await screen.findByText('Anmodning sendt til South Food Cluster, West Robotics Cluster.');
    // The directory is read again: both receivers show the pending request.
    await waitFor(() =>
      expect(within(card('West Robotics Cluster')).getByText('Anmodning sendt, afventer svar')).toBeTruthy(),
    );
    expect(within(card('South Food Cluster')).getByText('Anmodning sendt, afventer svar')).toBeTruthy();
  });

  it("shows each receiver's answer, accepted only when all accepted, and lets a party change who attends", async () => {
    const south = seed.delegates[1];
    if (!south) throw new Error('no delegate');
    setToken(south.token);
    const user = userEvent.setup();
    renderWithApp(<InboxPage eventId={seed.eventId} clusterId={south.clusterId} />);
    const incoming = await screen.findByRole('article', { name: 'From North Energy Cluster' });
    const answers = within(incoming).getByRole('list', { name: 'Answers' });
    expect(within(answers).getAllByText('Pending')).toHaveLength(2);
    await user.click(within(incoming).getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(within(answers).getAllByText('Pending')).toHaveLength(1));
    expect(within(answers).getByText('Accepted')).toBeTruthy();

    // West accepts too (through the API): the request is accepted for all.
    const [request] = await call<{ id: string }[]>(`/events/${seed.eventId}/requests`, third.token);
    const me = await call<{ id: string }>('/auth/me', third.token);
    const done = await call<{ status: string }>(`/requests/${request?.id}/accept`, third.token, {
      interest: 4,
      delegateIds: [me.id],
    });
    expect(done.status).toBe('accepted');

    setToken(south.token);
    const again = renderWithApp(<InboxPage eventId={seed.eventId} clusterId={south.clusterId} />);
    const accepted = await within(again.container).findByRole('article', { name: 'From North Energy Cluster' });
    await within(accepted).findByText('Change who attends');
    expect(within(within(accepted).getByRole('list', { name: 'Answers' })).getAllByText('Accepted')).toHaveLength(2);
    await user.click(within(accepted).getByRole('button', { name: 'Change who attends' }));
    const box = within(accepted).getByRole('checkbox', { name: 'Delegate of South Food Cluster' }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    await user.click(within(accepted).getByRole('button', { name: 'Save attendees' }));
    await within(accepted).findByText('Attendees saved.');
  });

  it('invites a colleague to the own cluster', async () => {
    const north = seed.delegates[0];
    if (!north) throw new Error('no delegate');
    setToken(north.token);
    const user = userEvent.setup();
    renderWithApp(<ColleaguesPanel clusterId={north.clusterId} />);
    await screen.findByText('Delegate of North Energy Cluster');
    await user.type(screen.getByLabelText('Name'), 'Nina Nord');
    await user.type(screen.getByLabelText('E-mail'), 'nina@energy.example.org');
    await user.type(screen.getByLabelText('Role'), 'Analyst');
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));
    await screen.findByText(
      'An invitation went to nina@energy.example.org. They join your cluster when they open the link.',
    );
  });
});
