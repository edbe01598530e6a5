/**
 * Accessibility of every page (issue 16, item 8), in Debian's Chromium against the real service on a fresh SQLite
 * file with a small published event:
 *
 * - the pages come from the app's route table (`apps/web/src/App.tsx`), so a page added there is covered without
 *   touching this file; each is opened signed out, as an organiser and as a delegate, and kept for whoever it shows
 *   (a page that sends the visitor elsewhere or says "not found" is not theirs);
 * - each page at 1280 and 390 px, in English and in Danish: axe-core finds no serious or critical violation, the
 *   page is no wider than the screen at 390 px, the tab's title names the page; a full-page screenshot goes to
 *   test-output/screenshots/<page>-<width>-<lang>.png for a person to look at;
 * - keyboard-only walks of the main flows (Tab, Shift+Tab, Enter, Space, Escape): the focus is visible on every
 *   control it reaches, confirmation dialogs keep it inside and give it back.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedEvent, type Seeded } from './seed';
import { REPO, startService, type RunningService } from './service';

const SHOTS = join(REPO, 'test-output', 'screenshots');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const AXE = join(REPO, 'node_modules', 'axe-core', 'axe.min.js');
const WIDTHS = [1280, 390] as const;
const LANGS = ['en', 'da'] as const;
const NOT_FOUND = ['This page does not exist.', 'Siden findes ikke.'];
const LOADING = ['Loading…', 'Indlæser…'];

type Role = 'public' | 'organiser' | 'delegate';
/** `A11Y_ONLY=regex` checks only the routes it matches (while fixing a page). */
const ONLY = process.env['A11Y_ONLY'] ? new RegExp(process.env['A11Y_ONLY']) : null;

/** The paths of the route table, as written in App.tsx (`path: '...'`). */
function routePaths(): string[] {
  const source = readFileSync(join(REPO, 'apps/web/src/App.tsx'), 'utf8');
  return [...new Set([...source.matchAll(/\bpath:\s*'([^']+)'/g)].map((m) => m[1] ?? ''))];
}

let svc: RunningService;
let seeded: Seeded;
let versionId: string;
let browser: Browser;
const sessions = new Map<Role, { ctx: BrowserContext; page: Page }>();

async function api<T>(path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${svc.url}/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A meeting requested, accepted, solved and published, so the agenda, review and print pages have content. */
async function publishSchedule(): Promise<string> {
  const [a, b] = seeded.delegates;
  if (!a || !b) throw new Error('seed has two delegates');
  const req = await api<{ id: string }>(`/events/${seeded.eventId}/requests`, a.token, {
    receiverClusterIds: [b.clusterId],
    interest: 4,
    note: 'Hydrogen for food processing',
    delegateIds: [a.id],
  });
  await api(`/requests/${req.id}/accept`, b.token, { interest: 3, delegateIds: [b.id] });
  const job = await api<{ jobId: string }>(`/events/${seeded.eventId}/schedule/solve`, seeded.organiserToken, {
    timeLimitSeconds: 5,
  });
  const end = Date.now() + 60_000;
  for (;;) {
    const j = await api<{ state: string; version: { id: string } | null }>(
      `/events/${seeded.eventId}/schedule/jobs/${job.jobId}`,
      seeded.organiserToken,
    );
    if (j.state === 'done' && j.version) {
      await api(`/events/${seeded.eventId}/schedule/versions/${j.version.id}/publish`, seeded.organiserToken, {});
      return j.version.id;
    }
    if (j.state === 'failed' || Date.now() > end) throw new Error(`solve job ${j.state}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A third cluster with one delegate: someone the keyboard walk's delegate can still ask for a meeting. */
async function addCluster(name: string, email: string): Promise<void> {
  const org = seeded.organiserToken;
  const c = await api<{ id: string }>('/clusters', org, {
    name,
    country: 'NO',
    region: 'Oslo',
    sectors: ['Energy'],
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
    seeks: 'Hydrogen users',
  });
  await api(`/events/${seeded.eventId}/participants`, org, { clusterId: c.id });
  await api(`/clusters/${c.id}/delegates`, org, { name: `Delegate of ${name}`, email, role: 'Manager' });
}

/** One browser context per role, signed in once (the token and the chosen event in local storage). */
async function session(role: Role): Promise<Page> {
  const known = sessions.get(role);
  if (known) return known.page;
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
  // Through the DevTools protocol, so the service's Content-Security-Policy does not apply to it.
  await ctx.addInitScript({ path: AXE });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  const token = role === 'organiser' ? seeded.organiserToken : role === 'delegate' ? seeded.delegates[0]?.token : null;
  await page.goto(`${svc.url}/login`);
  await page.evaluate(
    ([t, e]) => {
      window.localStorage.clear();
      if (t) window.localStorage.setItem('clustermatch.token', t);
      if (t) window.localStorage.setItem('clustermatch.event', e);
    },
    [token ?? '', seeded.eventId] as const,
  );
  sessions.set(role, { ctx, page });
  return page;
}

/** Waits until the page has its heading and nothing says "Loading…" (at most a few seconds). */
async function settle(page: Page, path: string): Promise<void> {
  await page
    .waitForFunction(
      ([loading, notFound, path]) =>
        window.location.pathname !== path ||
        notFound.some((t) => document.querySelector('main')?.textContent?.includes(t)) ||
        (!!document.querySelector('main h1') &&
          ![...document.querySelectorAll('[role="status"]')].some((e) =>
            loading.includes(e.textContent?.trim() ?? ''),
          )),
      [LOADING, NOT_FOUND, path] as const,
      { timeout: 15_000, polling: 100 },
    )
    .catch(() => undefined);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

interface AxeNode {
  target: string[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

async function axe(page: Page): Promise<AxeViolation[]> {
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run(ctx: Document, opts: unknown): Promise<{ violations: AxeViolation[] }> };
    };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200), failureSummary: n.failureSummary })),
    }));
  });
}

/** Each page covered: role, path, screenshot name. */
const covered: { role: Role; path: string; name: string }[] = [];
const shotNames = new Set<string>();

/** Opens every page of the route table as `role`; checks those that are the role's own. */
async function checkPages(role: Role): Promise<string[]> {
  const page = await session(role);
  const problems: string[] = [];
  for (const route of routePaths()) {
    if (route === '*' || route.startsWith('events/:')) continue; // "not found", and the mail links that redirect
    if (ONLY && !ONLY.test(route)) continue;
    // The pages outside the sign-in (login, unsubscribe, invitation) are the same for everyone: once is enough.
    if (covered.some((c) => c.role === 'public' && c.path === `/${route}`)) continue;
    const path = `/${route.replace(':clusterId', seeded.clusters[1]?.id ?? '')}`;
    if (path.includes('/:')) {
      problems.push(`${role} ${path}: a route parameter this test does not know; teach it`);
      continue;
    }
    await page.evaluate(() => window.localStorage.setItem('clustermatch.lang', 'en'));
    await page.goto(`${svc.url}${path}`);
    await settle(page, path);
    const here = new URL(page.url()).pathname;
    const main =
      (await page
        .locator('main')
        .textContent()
        .catch(() => '')) ?? '';
    if (here !== path || NOT_FOUND.some((t) => main.includes(t))) continue; // not this role's page
    let name = route.replace(':clusterId', 'cluster').replace(/\//g, '-');
    if (shotNames.has(name)) name = `${name}-${role}`;
    shotNames.add(name);
    covered.push({ role, path, name });
    const started = Date.now();
    for (const lang of LANGS) {
      if (lang !== 'en') {
        await page.evaluate((l) => window.localStorage.setItem('clustermatch.lang', l), lang);
        await page.reload();
        await settle(page, path);
      }
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: width > 600 ? 860 : 844 });
        await page.waitForTimeout(50);
        const where = `${path} at ${width} px in ${lang} (${role})`;
        for (const v of await axe(page)) {
          if (v.impact !== 'serious' && v.impact !== 'critical') continue;
          for (const n of v.nodes.slice(0, 5)) {
            problems.push(`${where}: ${v.id} (${v.impact}: ${v.help}) at ${n.target.join(' ')}: ${n.html}`);
          }
        }
        if (width < 600) {
          const wide = await page.evaluate(() => {
            const vw = document.documentElement.clientWidth;
            const doc = document.documentElement.scrollWidth;
            if (doc <= vw) return null;
            // The innermost elements that stick out, to name in the failure.
            const sticks = (e: Element): boolean => e.getBoundingClientRect().right > vw + 1;
            const out = [...document.querySelectorAll<HTMLElement>('body *')]
              .filter((e) => sticks(e) && ![...e.children].some(sticks))
              .slice(0, 3)
              .map(
                (e) =>
                  `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent ?? '').slice(0, 40)}" (${Math.round(e.getBoundingClientRect().right)})`,
              );
            return `${doc} px wide: ${out.join(', ')}`;
          });
          if (wide) problems.push(`${where}: overflows the screen, ${wide}`);
          // Charts keep their text readable on a phone (no picture shrunk to the width: issue 16).
          const small = await page.evaluate(() =>
            [...document.querySelectorAll<HTMLElement>('.bars .bar-label, .bars .bar-value, main svg text')]
              .map((e) => ({ text: (e.textContent ?? '').slice(0, 30), px: parseFloat(getComputedStyle(e).fontSize) }))
              .filter((e) => e.px < 12),
          );
          for (const s of small.slice(0, 3)) problems.push(`${where}: chart text "${s.text}" at ${s.px} px`);
        }
        // A page with no h1 is reported; one that is only slow (a loaded machine) gets time to show it.
        const h1 =
          (await page
            .locator('main h1')
            .first()
            .textContent({ timeout: 10_000 })
            .catch(() => null)) ?? '';
        const title = await page.title();
        if (!h1) problems.push(`${where}: no h1`);
        else if (!title.startsWith(h1.trim()))
          problems.push(`${where}: title "${title}" does not name the page "${h1}"`);
        await page.screenshot({ path: join(SHOTS, `${name}-${width}-${lang}.png`), fullPage: true });
      }
    }
    await page.setViewportSize({ width: 1280, height: 860 });
    if (process.env['A11Y_TIMES']) console.log(`${role} ${path}: ${Date.now() - started} ms`);
  }
  await page.evaluate(() => window.localStorage.setItem('clustermatch.lang', 'en'));
  return problems;
}

/** Whether the focused element shows it (an outline or a shadow); what it is, when it does not. */
async function focusProblem(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'nothing has the focus';
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
    if (outline || cs.boxShadow !== 'none') return null;
    const what = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '';
    const tag = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className}[${el.getAttribute('type') ?? ''}]`;
    return `${tag} "${what}" in ${el.closest('section,form,header')?.getAttribute('aria-labelledby') ?? '?'} has the focus but does not show it (outline ${cs.outlineStyle} ${cs.outlineWidth})`;
  });
}

/**
 * Presses `key` (Tab or Shift+Tab) until `target` has the focus, checking at every step that the focused control
 * shows it; fails naming the step when the target is not reached within `max` presses.
 */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, key = 'Tab', max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const problem = await focusProblem(page);
    if (problem) throw new Error(`after ${i + 1} × ${key}: ${problem}`);
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`${max} × ${key} did not reach ${target.toString()}`);
}

const focused = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
  });

/** Opens a page of the header's menu with the keyboard: back to the Menu button, Enter, Tab to the link, Enter. */
async function menuTo(page: Page, name: string, key = 'Shift+Tab'): Promise<void> {
  const button = page.getByRole('banner').getByRole('button', { name: /^Menu\b/ });
  await tabTo(page, button, key);
  await page.keyboard.press('Enter');
  await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
  // Escape closes the menu and gives the focus back to its button; Enter opens it again.
  await page.keyboard.press('Escape');
  await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
  expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('navigation').getByRole('link', { name, exact: true }));
  await page.keyboard.press('Enter');
}

describe('accessibility of every page in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await build({ configFile: join(REPO, 'apps/web/vite.config.mts'), logLevel: 'warn' });
    svc = await startService();
    try {
      seeded = await seedEvent(svc);
      versionId = await publishSchedule();
      await addCluster('West Robotics Hub', 'west@robotics.example.org');
    } catch (e) {
      throw new Error(`seeding failed: ${String(e)}\n${svc.logs.slice(-40).join('\n')}`);
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    for (const { ctx } of sessions.values()) await ctx.close();
    await browser?.close();
    await svc?.stop();
  });

  it(
    'public pages (signed out): no serious or critical axe violation, fit at 390 px, titled',
    { timeout: 600_000 },
    async () => {
      const problems = await checkPages('public');
      expect(problems).toEqual([]);
      if (!ONLY) expect(covered.filter((c) => c.role === 'public').map((c) => c.path)).toContain('/login');
    },
  );

  it('organiser pages: no serious or critical axe violation, fit at 390 px, titled', { timeout: 600_000 }, async () => {
    const problems = await checkPages('organiser');
    expect(problems).toEqual([]);
    const paths = covered.filter((c) => c.role === 'organiser').map((c) => c.path);
    for (const p of ONLY ? [] : ['/setup', '/participants', '/requests', '/solve', '/review', '/mail']) {
      expect(paths).toContain(p);
    }
  });

  it('delegate pages: no serious or critical axe violation, fit at 390 px, titled', { timeout: 600_000 }, async () => {
    const problems = await checkPages('delegate');
    expect(problems).toEqual([]);
    const paths = covered.filter((c) => c.role === 'delegate').map((c) => c.path);
    for (const p of ONLY ? [] : ['/directory', '/inbox', '/agenda', '/profile']) expect(paths).toContain(p);
    expect(versionId).not.toBe('');
  });

  it('a delegate with the keyboard only: signs in, requests a meeting from the directory, opens the agenda', async () => {
    const page = await session('public');
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.evaluate(() => window.localStorage.setItem('clustermatch.lang', 'en'));
    await page.goto(`${svc.url}/login`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const email = seeded.delegates[1]?.email ?? '';
    await tabTo(page, page.getByLabel('E-mail'));
    await page.keyboard.type(email);
    const since = svc.logs.length;
    await tabTo(page, page.getByRole('button', { name: 'Send me a login link' }));
    await page.keyboard.press('Enter');
    await page.getByText('a login link is on its way').waitFor();
    // The link arrives by mail; opening it signs the delegate in.
    await page.goto(await svc.magicLink(email, since));
    await page.getByRole('heading', { name: 'Cluster directory' }).waitFor();

    await tabTo(page, page.getByRole('button', { name: 'Request a meeting with West Robotics Hub' }));
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Request a meeting with West Robotics Hub' });
    await tabTo(page, form.getByLabel('Note'));
    await page.keyboard.type('Robot cells for food lines?');
    await tabTo(page, form.getByRole('button', { name: /^Send/ }));
    await page.keyboard.press('Enter');
    await page.getByText('Request sent to West Robotics Hub.').waitFor();

    await menuTo(page, 'My agenda');
    await page.getByRole('heading', { name: /^My agenda/ }).waitFor();
    // After the navigation the focus is on the page, not on the link; the tab's title names the page.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    await expect(page.title()).resolves.toMatch(/^My agenda: .* · clustermatch$/);
    await tabTo(page, page.getByRole('link', { name: 'North Energy Cluster' }).first());
    await page.evaluate(() => window.localStorage.removeItem('clustermatch.token'));
  });

  it('an organiser with the keyboard only: solves, reviews, publishes through the confirmation', async () => {
    const page = await session('organiser');
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.evaluate(() => window.localStorage.setItem('clustermatch.lang', 'en'));
    await page.goto(`${svc.url}/setup`);
    await page.getByRole('heading', { name: 'Event setup' }).waitFor();
    await menuTo(page, 'Schedule');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    // A keyboard user starts once the page has drawn its form (on a loaded machine it comes after the heading).
    await page.getByRole('button', { name: 'Run the solver' }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');

    await tabTo(page, page.getByRole('button', { name: 'Run the solver' }));
    await page.keyboard.press('Space');
    const review = page.getByRole('button', { name: /^Review draft version \d+$/ });
    await review.waitFor({ timeout: 60_000 });
    await tabTo(page, review);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/review\?version=/);

    const publish = page.getByRole('button', { name: 'Publish', exact: true });
    await publish.waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    await tabTo(page, publish);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog');
    const yes = dialog.getByRole('button', { name: /^Yes, publish/ });
    await expect.poll(() => yes.evaluate((el) => el === document.activeElement), { timeout: 15_000 }).toBe(true);
    // Tab and Shift+Tab go round the dialog's two buttons.
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toBe('Cancel');
    expect(await focusProblem(page)).toBeNull();
    await page.keyboard.press('Tab');
    expect(await yes.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await expect(focused(page)).resolves.toBe('Cancel');
    // Escape closes it and gives the focus back to Publish.
    await page.keyboard.press('Escape');
    await expect(dialog.count()).resolves.toBe(0);
    expect(await publish.evaluate((el) => el === document.activeElement)).toBe(true);
    // Again, and this time publish.
    await page.keyboard.press('Enter');
    await expect.poll(() => yes.evaluate((el) => el === document.activeElement), { timeout: 15_000 }).toBe(true);
    await page.keyboard.press('Enter');
    await page
      .getByText(/mailed|queued/i)
      .first()
      .waitFor();
  });
});
