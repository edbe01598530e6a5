/**
 * Issue 16, item 2: the grouped menu of the header. One button tells whether it is open; keyboard users open it,
 * land on the current page's link, close it with Escape (focus back on the button), and following a link closes
 * it and moves the focus to the page. Both sets (organiser, delegate) list every page once, grouped.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DELEGATE_NAV, ORGANISER_NAV } from './App';
import { SiteMenu } from './components/SiteMenu';
import { renderWithApp } from './test-utils';

function Layout({ page }: { page: string }): React.ReactNode {
  return (
    <>
      <header>
        <SiteMenu groups={ORGANISER_NAV} />
      </header>
      <main id="main" tabIndex={-1}>
        <h1>{page}</h1>
      </main>
    </>
  );
}

const routes = [
  { path: '/setup', element: <Layout page="Setup page" /> },
  { path: '/review', element: <Layout page="Review page" /> },
  { path: '*', element: <Layout page="Other page" /> },
];

describe('the grouped menu', () => {
  it('is one closed button that names the current page; the pages are hidden until it opens', async () => {
    renderWithApp(null, { path: '/review', routes });
    const button = screen.getByRole('button', { name: /Menu/ });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.textContent).toMatch(/Menu · Review$/);
    expect(screen.queryByRole('link', { name: 'Event setup' })).toBeNull();
    await userEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    for (const group of ['Event setup', 'Participants', 'Scheduling', 'Event day', 'After the event', 'Mail'])
      expect(within(nav).getByRole('group', { name: group })).toBeTruthy();
    expect(
      within(screen.getByRole('group', { name: 'Scheduling' }))
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Schedule', 'Review']);
  });

  it('works by keyboard alone: Enter opens on the current page, Escape closes with the focus back on the button', async () => {
    const user = userEvent.setup();
    renderWithApp(null, { path: '/review', routes });
    const button = screen.getByRole('button', { name: /Menu/ });
    button.focus();
    await user.keyboard('{Enter}');
    const current = screen.getByRole('link', { name: 'Review' });
    expect(current.getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(document.activeElement).toBe(current));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('link', { name: 'Check-in' }));
    await user.keyboard('{Escape}');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);
    expect(screen.queryByRole('link', { name: 'Review' })).toBeNull();
  });

  it('following a link goes there, closes the menu and puts the focus on the page', async () => {
    const user = userEvent.setup();
    const { router } = renderWithApp(null, { path: '/review', routes });
    await user.click(screen.getByRole('button', { name: /Menu/ }));
    await user.click(screen.getByRole('link', { name: 'Event setup' }));
    expect(router.state.location.pathname).toBe('/setup');
    await screen.findByRole('heading', { name: 'Setup page' });
    expect(screen.getByRole('button', { name: /Menu/ }).getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(screen.getByRole('main'));
  });

  it('closes on a click outside it', async () => {
    const user = userEvent.setup();
    renderWithApp(null, { path: '/review', routes });
    await user.click(screen.getByRole('button', { name: /Menu/ }));
    expect(screen.getByRole('link', { name: 'Review' })).toBeTruthy();
    await user.click(screen.getByRole('heading', { name: 'Review page' }));
    expect(screen.getByRole('button', { name: /Menu/ }).getAttribute('aria-expanded')).toBe('false');
  });

  it('speaks Danish in Danish', async () => {
    const user = userEvent.setup();
    renderWithApp(null, { path: '/setup', routes, lang: 'da' });
    await user.click(screen.getByRole('button', { name: /Menu/ }));
    expect(screen.getByRole('group', { name: 'Efter arrangementet' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Planlægning' })).toBeTruthy();
  });

  it('lists every page once in each set', () => {
    for (const [set, expected] of [
      [ORGANISER_NAV, 17],
      [DELEGATE_NAV, 9],
    ] as const) {
      const paths = set.flatMap((g) => g.links.map(([to]) => to));
      expect(new Set(paths).size).toBe(paths.length);
      expect(paths).toHaveLength(expected);
    }
  });
});
