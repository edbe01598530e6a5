/**
 * Issue 17 in the web app, against the real service: a delegate meets the organisation's privacy notice before their
 * pages (and again after a change), accepts it, chooses whether to be listed in the directory, reads their data on
 * "My data" and erases it after a confirmation that lists what is cancelled; the organiser's Privacy page publishes
 * the notice and shows the audit log.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../e2e/service';
import { seedEvent, type Seeded } from '../e2e/seed';
import { setApiBase, setToken } from './api/client';
import { routes } from './App';
import { renderWithApp } from './test-utils';

let svc: RunningService;
let seed: Seeded;

async function call<T>(path: string, token: string, body?: unknown, method = 'GET'): Promise<T> {
  const res = await fetch(`${svc.url}/api${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
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

describe('privacy', () => {
  it('the organiser publishes a notice on the Privacy page; the audit log shows it', async () => {
    const user = userEvent.setup();
    setToken(seed.organiserToken);
    renderWithApp(null, { routes, path: '/privacy' });
    await screen.findByRole('heading', { name: 'Privacy', level: 1 });
    await user.type(await screen.findByLabelText('Notice in English'), 'We use your data to run the event.');
    await user.type(screen.getByLabelText('Notice in Danish'), 'Vi bruger dine data til arrangementet.');
    await user.click(screen.getByRole('button', { name: 'Publish as a new version…' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Yes, publish' }));
    await screen.findByText('Version 1 is published.');
    const audit = screen.getByRole('region', { name: 'Audit log' });
    await within(audit).findByText('privacy notice version 1 published');
  });

  it('a delegate accepts the notice first, chooses the directory listing, reads and erases their data', async () => {
    const user = userEvent.setup();
    const me = seed.delegates[seed.delegates.length - 1];
    if (!me) throw new Error('no delegate seeded');
    setToken(me.token);
    const out = renderWithApp(null, { routes, path: '/my-data' });
    await screen.findByRole('heading', { name: 'Privacy notice' });
    expect(screen.getByText('We use your data to run the event.')).toBeTruthy();
    const listed = screen.getByRole('checkbox', { name: /List my name and role/ });
    expect((listed as HTMLInputElement).checked).toBe(true);
    await user.click(listed);
    await user.click(screen.getByRole('button', { name: 'I accept' }));
    await screen.findByRole('heading', { name: 'My data', level: 1 });
    expect(screen.getByText(me.email)).toBeTruthy();
    const privacy = await call<{ directoryVisible: boolean; acceptedVersion: number }>('/me/privacy', me.token);
    expect(privacy).toMatchObject({ directoryVisible: false, acceptedVersion: 1 });
    await screen.findByText('Version 1, accepted', { exact: false });
    // Erase: the confirmation says what is cancelled, then the person is signed out.
    await user.click(screen.getByRole('button', { name: 'Erase my data…' }));
    const dialog = await screen.findByRole('alertdialog');
    await within(dialog).findByText(/upcoming meeting/);
    await user.click(within(dialog).getByRole('button', { name: 'Yes, erase' }));
    await waitFor(() => expect(out.router.state.location.pathname).toBe('/login'));
    const after = await call<{ name: string; email: string }>(`/delegates/${me.id}`, seed.organiserToken);
    expect(after.name).toMatch(/^Former delegate of /);
    expect(after.email).not.toBe(me.email);
  });
});
