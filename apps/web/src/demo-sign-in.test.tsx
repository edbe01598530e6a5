/**
 * Issue 16, item 9: with NODE_ENV=development and the demo event seeded (what `npm start` does on a first start),
 * the sign-in page lists the demo delegates with "Sign in as", against the real service.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REPO, startService, type RunningService } from '../e2e/service';
import { getToken, setApiBase, setToken } from './api/client';
import { LoginPage } from './pages/LoginPage';
import { renderWithApp } from './test-utils';

let svc: RunningService;

beforeAll(async () => {
  svc = await startService({ demo: true });
  setApiBase(svc.url);
}, 120_000);

afterAll(async () => {
  await svc?.stop();
});

beforeEach(() => setToken(null));

describe('development sign-in as a demo delegate', () => {
  it('lists the demo delegates, finds one by name, and signs in as them', async () => {
    const user = userEvent.setup();
    renderWithApp(<LoginPage token={null} />);
    const section = (await screen.findByRole('heading', { name: 'Demo delegates (development only)' })).closest(
      'section',
    );
    if (!section) throw new Error('no section');
    const panel = within(section);
    expect(panel.getByRole('status').textContent).toBe('Showing 8 of 300 demo delegates.');
    const buttons = panel.getAllByRole('button', { name: /^Sign in as / });
    expect(buttons).toHaveLength(8);
    // The last one shown first: find them by name, then sign in.
    const label = buttons[7]?.getAttribute('aria-label') ?? '';
    const name = /^Sign in as (.+) \(/.exec(label)?.[1] ?? '';
    expect(name).not.toBe('');
    await user.type(panel.getByLabelText('Find a demo delegate'), name);
    await waitFor(() => expect(panel.getAllByRole('button', { name: /^Sign in as / }).length).toBeLessThan(8));
    await user.click(panel.getByRole('button', { name: label }));
    await waitFor(() => expect(getToken()).not.toBeNull());
    const me = (await (
      await fetch(`${svc.url}/api/auth/me`, { headers: { Authorization: `Bearer ${getToken() ?? ''}` } })
    ).json()) as { kind: string; name: string };
    expect(me).toMatchObject({ kind: 'delegate', name });
  });

  it('speaks Danish, and shows the list on the delegate tab only', async () => {
    const user = userEvent.setup();
    renderWithApp(<LoginPage token={null} />, { lang: 'da' });
    await screen.findByRole('heading', { name: 'Demo-delegerede (kun under udvikling)' });
    expect(screen.getByText('Viser 8 af 300 demo-delegerede.')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Log ind som / })).toHaveLength(8);
    await user.click(screen.getByRole('tab', { name: 'Arrangør' }));
    expect(screen.queryByRole('heading', { name: /Demo-delegerede/ })).toBeNull();
  });
});

describe('favicon', () => {
  it('index.html names an SVG icon that the build copies from public/', () => {
    const html = readFileSync(join(REPO, 'apps/web/index.html'), 'utf8');
    const href = /<link rel="icon" href="\/([^"]+)" type="image\/svg\+xml" \/>/.exec(html)?.[1];
    expect(href).toBeDefined();
    const file = join(REPO, 'apps/web/public', href ?? '');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });
});
