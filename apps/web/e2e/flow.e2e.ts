/**
 * The whole flow in Debian's Chromium against the real service on a fresh SQLite file:
 * the organiser sets up the event and imports clusters and delegates, a delegate requests a meeting,
 * another accepts, the organiser solves (live progress) and publishes, the delegate sees the agenda.
 * Screenshots of the main pages go to test-output/screenshots/.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import ICAL from 'ical.js';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, startService, type RunningService } from './service';

const SHOTS = join(REPO, 'test-output', 'screenshots');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const CLUSTERS_CSV = [
  'name,country,region,sectors,technologies,scope,label,label_valid_until,companies,smes,knowledge_institutions,public_bodies,industry_associations,financial_actors,secretariat_size,offers,seeks,website',
  'Aarhus Food Cluster,DK,Midtjylland,Food,Robotics;Sensors,national,gold,2028-12-31,120,90,5,3,2,1,6,Robotic food handling testbeds,Partners for sensor pilots in dairies,https://food.example.org',
  'Baltic Hydrogen Alliance,SE,Skåne,Energy,Hydrogen,international,silver,,80,50,7,2,1,3,4,Electrolyser test sites,Food industry heat users,',
  'Lisbon Health Tech,PT,Lisboa,Health,Sensors,regional,bronze,,45,40,3,1,1,0,3,Clinical sensor trials,Robotics for hospital logistics,https://health.example.org',
].join('\n');

const BAD_CLUSTERS_CSV = [
  'name,country,region,sectors,technologies,scope,label,label_valid_until,companies,smes,knowledge_institutions,public_bodies,industry_associations,financial_actors,secretariat_size,offers,seeks,website',
  'Broken Cluster,XX,Nowhere,Food,,galactic,gold,,1,1,0,0,0,0,1,a,b,',
].join('\n');

const DELEGATES_CSV = [
  'cluster,name,email,role',
  'Aarhus Food Cluster,Anna Jensen,anna@food.example.org,Cluster manager',
  'Baltic Hydrogen Alliance,Erik Lund,erik@h2.example.org,Project lead',
  'Lisbon Health Tech,Rita Sousa,rita@health.example.org,Innovation manager',
].join('\n');

let svc: RunningService;
let ctx: BrowserContext;
let page: Page;
let profileDir: string;
/** Content-Security-Policy violations the browser reported on any page of the walk (issue 14, item 5). */
const cspViolations: string[] = [];
/** The policies the service sent with the app's pages. */
const policies = new Set<string>();

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/**
 * Opens a page through the header's menu (issue 16, item 2: the pages are grouped behind one button at every
 * width), as a user does: the button, then the page's link in its group.
 */
async function go(name: string): Promise<void> {
  const button = page.getByRole('banner').getByRole('button', { name: /^Menu\b/ });
  const link = page.getByRole('navigation').getByRole('link', { name, exact: true });
  // Right after a sign-in the header shows while the app still moves from the sign-in page to the start page, and
  // the menu belongs to the page it was opened on: a menu opened in that moment closes again. Open it once more then.
  for (let attempt = 1; ; attempt++) {
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    try {
      await link.click({ timeout: attempt < 3 ? 5_000 : 20_000 });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

async function signOut(): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

/** Opens the login page signed out (so one failed step does not leave the next one signed in). */
async function freshLogin(): Promise<void> {
  await page.goto(`${svc.url}/login`);
  await page.evaluate(() => window.localStorage.removeItem('clustermatch.token'));
  await page.goto(`${svc.url}/login`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

async function organiserLogin(): Promise<void> {
  await freshLogin();
  await page.getByRole('tab', { name: 'Organiser' }).click();
  await page.getByLabel('E-mail').fill(svc.organiser.email);
  await page.getByLabel('Password').fill(svc.organiser.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByRole('banner')
    .getByRole('button', { name: /^Menu\b/ })
    .waitFor();
}

async function delegateLogin(email: string): Promise<void> {
  await freshLogin();
  const since = svc.logs.length;
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('button', { name: 'Send me a login link' }).click();
  await page.getByText('a login link is on its way').waitFor();
  const link = await svc.magicLink(email, since);
  expect(link).toContain('/login?token=');
  await page.goto(link);
  await page.getByRole('heading', { name: 'Cluster directory' }).waitFor();
}

async function upload(inputLabel: RegExp, name: string, csv: string, form: string): Promise<void> {
  const section = page.getByRole('form', { name: form });
  await section.getByLabel(inputLabel).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await section.getByRole('button', { name: 'Import' }).click();
}

/** Imports the chosen cluster file with the choices made for its unknown terms (each created unless mapped). */
async function importWithChoices(): Promise<void> {
  await page.getByRole('form', { name: 'Clusters' }).getByRole('button', { name: 'Import with these choices' }).click();
}

describe('web front end in Chromium against the real service', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await build({ configFile: join(REPO, 'apps/web/vite.config.mts'), logLevel: 'warn' });
    svc = await startService();
    profileDir = mkdtempSync(join(tmpdir(), 'cm-chromium-'));
    ctx = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 860 },
      locale: 'en-GB',
      acceptDownloads: true,
    });
    page = ctx.pages()[0] ?? (await ctx.newPage());
    page.setDefaultTimeout(20_000);
    // The browser reports each blocked script, style, image or connection as an event and on the console.
    await ctx.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`),
      ),
    );
    ctx.on('console', (m) => {
      if (/content security policy|CSP violation/i.test(m.text())) cspViolations.push(m.text());
    });
    ctx.on('response', (r) => {
      if (r.request().resourceType() === 'document') policies.add(r.headers()['content-security-policy'] ?? '(none)');
    });
  });

  afterAll(async () => {
    await ctx?.close();
    await svc?.stop();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('organiser sets up the event and imports clusters and delegates (row errors shown)', async () => {
    await organiserLogin();
    await page.getByRole('heading', { name: 'Create the event' }).waitFor();
    await page.getByLabel('Event name').fill('Nordic Cluster Matchmaking 2027');
    await page.getByLabel('Venue').fill('Aarhus Congress Centre');
    // Issue 16, item 5: a time-zone picker, the deadline as a date-time in that zone, tables added (not replaced).
    await page.getByLabel('Time zone').fill('Europe/Copenhagen');
    await page.getByLabel('Date', { exact: true }).fill('2027-05-11');
    await page.getByLabel('How many to add').fill('6');
    await page.getByRole('button', { name: 'Add 6 tables' }).click();
    await page.getByRole('heading', { name: '6 tables' }).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    // The complaint shows next to the deadline field and in the banner, naming the field as the form labels it, in
    // plain words without a status code; nothing typed is lost.
    await page.locator('.field-invalid').getByText('must be a date and time').waitFor();
    const banner = page.getByRole('alert').filter({ hasText: 'Nothing was saved' });
    await banner.getByText('Request deadline: must be a date and time').waitFor();
    await expect(banner.textContent()).resolves.not.toMatch(/\b4\d\d\b/);
    await expect(page.getByLabel('Event name').inputValue()).resolves.toBe('Nordic Cluster Matchmaking 2027');
    await shot('01-setup-error');
    // Midnight in Copenhagen (summer time) is 22:00 UTC the day before; the hint says so.
    await page.getByLabel('Request deadline').fill('2027-05-02T00:00');
    await page.getByText('In Europe/Copenhagen; that is 2027-05-01 22:00 UTC.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/The event has \d+ meeting slots/).waitFor();
    await page.getByRole('heading', { name: 'Event setup' }).waitFor();
    await shot('02-setup');

    await go('Import');
    await upload(/File/, 'bad.csv', BAD_CLUSTERS_CSV, 'Clusters');
    // Issue 9: sectors and technologies missing from the taxonomy are listed first; the organiser decides.
    await importWithChoices();
    const rowErrors = page.locator('table.row-errors');
    await rowErrors.waitFor();
    await expect(rowErrors.textContent()).resolves.toMatch(/row 2, column (country|scope)/);
    await shot('03-import-row-errors');
    await upload(/File/, 'clusters.csv', CLUSTERS_CSV, 'Clusters');
    const mapping = page.getByRole('table', { name: /6 sectors or technologies are not in the taxonomy/ });
    await mapping.getByRole('rowheader', { name: 'Technology “Sensors”' }).waitFor();
    await shot('03a-import-unknown-terms');
    await importWithChoices();
    await page.getByText('Imported 3 rows').waitFor();
    await upload(/File/, 'delegates.csv', DELEGATES_CSV, 'Delegates');
    await page.getByText('Imported 3 rows').nth(1).waitFor();
    await shot('04-import-done');

    // Issue 12: clusters without requests, each with its best suggestions; a nudge asks first, then queues mail.
    await go('Suggestions');
    await page.getByRole('heading', { name: 'Clusters that need a nudge' }).waitFor();
    await page.getByText('3 clusters').waitFor();
    await page.getByLabel('Nudge Lisbon Health Tech').check();
    await page.getByRole('button', { name: 'Nudge 1 cluster' }).click();
    const ask = page.getByRole('alertdialog');
    await ask.getByText('Mail the delegates of 1 cluster its top suggestions?').waitFor();
    await shot('04a-suggestions-nudge-confirm');
    await ask.getByRole('button', { name: 'Send the mails' }).click();
    await page.getByText('1 mail queued.').waitFor();
    await signOut();
  });

  it('organiser invites a delegate from the participants page; the link signs them in, and the page shows it', async () => {
    await organiserLogin();
    await go('Participants');
    await page.getByRole('heading', { name: 'Participants' }).waitFor();
    await page.getByText('1–3 of 3').waitFor();
    await shot('04b-participants-clusters');
    await page.getByRole('button', { name: 'Delegates', exact: true }).click();
    const rita = page.getByRole('row', { name: /Rita Sousa/ });
    await rita.getByText('Never').waitFor();
    const since = svc.logs.length;
    await rita.getByRole('button', { name: 'Send login link Rita Sousa' }).click();
    const ask = page.getByRole('alertdialog');
    await ask.getByText('Mail a login link to Rita Sousa (rita@health.example.org)?', { exact: false }).waitFor();
    await shot('04c-participants-invite-confirm');
    await ask.getByRole('button', { name: 'Send' }).click();
    await page.getByText('A login link is on its way to rita@health.example.org.').waitFor();
    const link = await svc.magicLink('rita@health.example.org', since);
    await signOut();
    // The invitation's link opens the directory of the event, signed in as Rita.
    await page.goto(link);
    await page.getByRole('heading', { name: 'Cluster directory' }).waitFor();
    await signOut();
    await organiserLogin();
    await go('Participants');
    await page.getByRole('button', { name: 'Delegates', exact: true }).click();
    await page.getByRole('row', { name: /Rita Sousa/ }).waitFor();
    await expect(
      page
        .getByRole('row', { name: /Rita Sousa/ })
        .getByText('Never')
        .count(),
    ).resolves.toBe(0);
    await shot('04d-participants-signed-in');
    await signOut();
  });

  it('the owner invites an organiser by mail; the invitee sets a password through the link and signs in', async () => {
    await organiserLogin();
    await go('Organisers');
    await page.getByRole('heading', { name: 'Organisers', exact: true }).waitFor();
    const form = page.getByRole('form', { name: 'Invite an organiser' });
    await form.getByLabel('E-mail').fill('kim@partner.example.org');
    await form.getByLabel('Name').fill('Kim Hansen');
    await form.getByLabel('Role').selectOption({ label: 'Organiser' });
    const since = svc.logs.length;
    await form.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByText('Invitation sent to kim@partner.example.org.').waitFor();
    const pending = page.getByRole('region', { name: 'Pending invitations' });
    await pending.getByText('kim@partner.example.org').waitFor();
    // Inviting the owner's own address is refused, naming the field in plain words.
    await form.getByLabel('E-mail').fill(svc.organiser.email);
    await form.getByLabel('Name').fill('Me again');
    await form.getByRole('button', { name: 'Send the invitation' }).click();
    await form.locator('.field-invalid').getByText('already has an organiser account').waitFor();
    // On a phone the page still fits: nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await shot('04e-organisers-invite-phone');
    await page.setViewportSize({ width: 1280, height: 860 });
    const link = await svc.magicLink('kim@partner.example.org', since, '/organiser-invitation');
    await signOut();

    // The link opens the page where Kim chooses a password; that signs Kim in as an organiser.
    await page.goto(link);
    await page.getByRole('heading', { name: 'Join as an organiser' }).waitFor();
    await page.getByText('as Organiser').waitFor();
    await page.getByLabel('Password', { exact: true }).fill('kims-long-password');
    await page.getByLabel('Repeat the password').fill('kims-long-password');
    await shot('04f-organiser-invitation');
    await page.getByRole('button', { name: 'Set the password and sign in' }).click();
    await page
      .getByRole('banner')
      .getByRole('button', { name: /^Menu\b/ })
      .waitFor();
    // Kim sees the organisers, read-only (only owners manage them).
    await go('Organisers');
    await page.getByText('Only an owner can invite organisers').waitFor();
    await page.getByText('Kim Hansen').waitFor();
    await signOut();

    // From now on Kim signs in with e-mail and password; the link works only once.
    await freshLogin();
    await page.getByRole('tab', { name: 'Organiser' }).click();
    await page.getByLabel('E-mail').fill('kim@partner.example.org');
    await page.getByLabel('Password').fill('kims-long-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('banner')
      .getByRole('button', { name: /^Menu\b/ })
      .waitFor();
    await signOut();
    await page.goto(link);
    await page.getByText('This invitation link is invalid, used, revoked or expired').waitFor();
  });

  it('a delegate finds a cluster in the directory and requests a meeting', async () => {
    await delegateLogin('anna@food.example.org');
    await page.getByText('3 clusters').waitFor();
    // Issue 12: "Suggested for you" with reasons; "not interested" hides a suggestion for good.
    const suggested = page.getByRole('region', { name: 'Suggested for you' });
    const baltic = suggested.getByRole('listitem', { name: 'Baltic Hydrogen Alliance' });
    await baltic.getByText('They are in Sweden').waitFor();
    await suggested.getByRole('button', { name: 'Not interested in Lisbon Health Tech' }).click();
    await suggested.getByRole('listitem', { name: 'Lisbon Health Tech' }).waitFor({ state: 'detached' });
    await shot('05a-suggestions');
    await page.getByLabel('Country').fill('SE');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('1 cluster', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText('3 clusters').waitFor();
    await shot('05-directory');
    await page.getByRole('button', { name: 'Request a meeting with Baltic Hydrogen Alliance' }).click();
    const form = page.getByRole('form', { name: 'Request a meeting with Baltic Hydrogen Alliance' });
    await form.getByLabel('Our interest (1–5)').selectOption('5');
    await form.getByLabel('Note').fill('Heat from electrolysers for our dairies?');
    await shot('06-request-form');
    await form.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('Request sent to Baltic Hydrogen Alliance.').waitFor();
    await go('Requests');
    await page.getByRole('article', { name: 'To Baltic Hydrogen Alliance' }).getByText('Pending').waitFor();
    await signOut();
  });

  it('the other delegate accepts with their own interest and marks a slot unavailable', async () => {
    await delegateLogin('erik@h2.example.org');
    await go('Requests');
    const card = page.getByRole('article', { name: 'From Aarhus Food Cluster' });
    await card.getByText('Heat from electrolysers for our dairies?').waitFor();
    await card.getByLabel('Our interest').selectOption('4');
    await shot('07-inbox');
    await card.getByRole('button', { name: 'Accept' }).click();
    await card.getByText('Accepted').waitFor();
    // Issue 19: the request links to the requester's profile.
    await expect(
      card.getByRole('link', { name: "Aarhus Food Cluster's profile" }).getAttribute('href'),
    ).resolves.toMatch(/^\/clusters\/[0-9a-f-]{36}$/);
    // Issue 12: one click on a suggestion sends a request with the preset interest; it then leaves the suggestions.
    await go('Directory');
    const suggested = page.getByRole('region', { name: 'Suggested for you' });
    const lisbon = suggested.getByRole('listitem', { name: 'Lisbon Health Tech' });
    await lisbon.getByText('They are in Portugal').waitFor();
    await lisbon
      .getByRole('button', { name: 'Request a meeting (interest 4) with Lisbon Health Tech, sent at once' })
      .click();
    await lisbon.waitFor({ state: 'detached' });
    await go('Requests');
    await page.getByRole('article', { name: 'To Lisbon Health Tech' }).getByText('Pending').waitFor();

    await go('Availability');
    const first = page.getByRole('checkbox').first();
    await first.check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await shot('08-availability');
    await signOut();
  });

  it('the organiser solves with live progress, reviews the draft and publishes', async () => {
    await organiserLogin();
    await go('Requests');
    await page.getByRole('cell', { name: 'Accepted' }).waitFor();
    await shot('09-requests');
    await go('Schedule');
    await page.getByLabel('Time limit (seconds)').fill('2');
    await page.getByRole('button', { name: 'Run the solver' }).click();
    await page.getByRole('progressbar').waitFor();
    const review = page.getByRole('button', { name: /Review draft version 1/ });
    await review.waitFor({ timeout: 60_000 });
    await expect(page.getByRole('progressbar').getAttribute('value')).resolves.toBe('100');
    await shot('10-solve-done');
    await review.click();
    await page.getByRole('heading', { name: 'Review the schedule' }).waitFor();
    await expect(page.getByTestId('scheduled').textContent()).resolves.toBe('1');
    await page.getByRole('heading', { name: 'Slots by tables' }).waitFor();
    await expect(page.locator('table.grid').textContent()).resolves.toContain(
      'Aarhus Food Cluster × Baltic Hydrogen Alliance',
    );
    // Issue 16, item 4: the grid's header row and slot column stay in view while it scrolls.
    await expect(
      page
        .locator('table.grid thead th')
        .last()
        .evaluate((el) => getComputedStyle(el).position),
    ).resolves.toBe('sticky');
    await expect(
      page
        .locator('table.grid tbody th')
        .first()
        .evaluate((el) => getComputedStyle(el).position),
    ).resolves.toBe('sticky');
    await page.getByTestId('quality').waitFor();
    await shot('11-review');

    // Edit the draft by hand: pick the meeting in the grid; a move to 09:00 is refused (Erik is not available then)
    // with the rule named and nothing changed; a move to another table in its slot is made; then it is pinned.
    const editor = page.getByRole('region', { name: 'Edit the draft by hand' });
    await page.getByRole('button', { name: 'Aarhus Food Cluster × Baltic Hydrogen Alliance' }).click();
    await expect(editor.getByLabel('Slot').inputValue()).resolves.toBe('d1s02');
    const table = await editor.getByLabel('Table', { exact: true }).inputValue();
    expect(table).toMatch(/^T0\d$/);
    await editor.getByLabel('Slot').selectOption('d1s01');
    await editor.getByRole('button', { name: 'Move', exact: true }).click();
    const refused = editor.getByRole('alert');
    await refused.getByText('Erik Lund is not available at Day 1, 09:00').waitFor();
    await expect(refused.textContent()).resolves.toContain('Not changed:');
    await shot('11a-edit-refused');
    await editor.getByLabel('Slot').selectOption('d1s02');
    const otherTable = table === 'T06' ? 'T05' : 'T06';
    await editor.getByLabel('Table', { exact: true }).selectOption(otherTable);
    await editor.getByRole('button', { name: 'Move', exact: true }).click();
    await editor
      .getByText(/^Moved\. Meeting value \d+, distance from the best (?:[\d.]+ ?%|–), waits between meetings 0\.$/)
      .waitFor();
    const moved = page.locator('table.grid tbody tr').first();
    await expect(page.locator('table.grid thead th').allTextContents()).resolves.toContain(otherTable);
    await editor.getByRole('button', { name: 'Pin', exact: true }).click();
    await editor.getByText('Pinned: re-solving around pins keeps it where it is.').waitFor();
    await page.getByRole('button', { name: 'Aarhus Food Cluster × Baltic Hydrogen Alliance (pinned)' }).waitFor();
    await expect(moved.textContent()).resolves.toContain('Aarhus Food Cluster × Baltic Hydrogen Alliance');
    await expect(editor.getByRole('button', { name: 'Re-solve around pins (1 pinned)' }).isEnabled()).resolves.toBe(
      true,
    );
    await shot('11b-edited-draft');

    // Publish with confirmation: it says how many attendees will be mailed, then shows the number mailed.
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const publishing = page.getByRole('alertdialog');
    await publishing
      .getByText('Publish this version? Delegates then see their agenda, and 2 attendees will be mailed their agenda.')
      .waitFor();
    await shot('11c-publish-confirm');
    await publishing.getByRole('button', { name: 'Yes, publish and mail 2' }).click();
    await page.getByText('Published. Delegates now see their agenda; 2 attendees mailed.').waitFor();
    await page.getByRole('button', { name: 'Print agendas' }).click();
    await page.getByRole('heading', { name: 'Anna Jensen' }).waitFor();
    await page.emulateMedia({ media: 'print' });
    await shot('12-print-agendas');
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('button', { name: 'Print table plan' }).click();
    await page.getByRole('heading', { name: /Table plan/, level: 1 }).waitFor();
    await shot('13-print-table-plan');
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('heading', { name: 'Review the schedule' }).waitFor();
    // Send agendas: asks first, then queues the agenda again for both attendees.
    await page.getByRole('button', { name: 'Send agendas' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText('Send every attendee with a meeting their agenda').waitFor();
    await shot('13a-send-agendas-confirm');
    await confirm.getByRole('button', { name: 'Yes, send agendas' }).click();
    await page.getByText('Queued 2 agenda mails.').waitFor();
    // The mail outbox lists the mails the flow produced (at least the delegates' login links).
    await go('Mail');
    await page.getByRole('cell', { name: 'erik@h2.example.org' }).first().waitFor();
    // Publishing queued each attendee's agenda, and "Send agendas" queued it once more.
    // Each in their language: Anna's cluster is in Denmark.
    for (const [who, subject] of [
      ['anna@food.example.org', 'Din dagsorden til Nordic Cluster Matchmaking 2027'],
      ['erik@h2.example.org', 'Your agenda for Nordic Cluster Matchmaking 2027'],
    ] as const) {
      const agendas = page.getByRole('row').filter({ hasText: who }).filter({ hasText: subject });
      await agendas.nth(1).waitFor();
      await expect(agendas.count()).resolves.toBe(2);
    }
    await shot('14a-mail-outbox');
    await signOut();
  });

  it('the delegate sees the agenda (laptop, phone, Danish); the .ics download and the feed parse', async () => {
    await delegateLogin('anna@food.example.org');
    await go('My agenda');
    // Issue 16, item 2: a card per meeting, grouped by day, with the next meeting on top.
    await page
      .getByRole('region', { name: 'Your next meeting' })
      .getByRole('link', { name: 'Baltic Hydrogen Alliance' })
      .waitFor();
    const row = page.getByRole('listitem').filter({ hasText: 'Baltic Hydrogen Alliance' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/T0\d/);
    await expect(row.getByRole('link', { name: 'Baltic Hydrogen Alliance' }).getAttribute('href')).resolves.toMatch(
      /^\/clusters\//,
    );
    await shot('14-agenda');

    // The .ics download parses and holds the one meeting, at the instant the agenda shows.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download .ics' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.ics$/);
    const ics = readFileSync(await file.path(), 'utf8');
    const cal = new ICAL.Component(ICAL.parse(ics));
    for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
    const events = cal.getAllSubcomponents('vevent');
    expect(events.length).toBe(1);
    const ev = new ICAL.Event(events[0]);
    expect(`${ev.summary} ${ev.description} ${ev.location}`).toContain('Baltic Hydrogen Alliance');
    expect(ev.startDate.toJSDate().toISOString()).toBe('2027-05-11T07:30:00.000Z'); // 09:30 in Copenhagen (09:00 was marked unavailable)
    // The feed URL is shown and serves the same calendar without a login.
    const feedUrl = await page.getByLabel(/Calendar feed URL/).inputValue();
    expect(feedUrl).toMatch(/\/calendars\/[^/]+\.ics$/);
    const feed = await fetch(feedUrl);
    expect(feed.status).toBe(200);
    expect(new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents('vevent').length).toBe(1);

    await page.getByRole('link', { name: 'Baltic Hydrogen Alliance' }).first().click();
    await page.getByRole('heading', { name: 'Baltic Hydrogen Alliance' }).waitFor();
    await page.goBack();
    await page.getByLabel('Language').first().selectOption('da');
    await page.getByRole('heading', { name: /Min dagsorden/ }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await shot('15-agenda-phone-da');
    await go('Katalog');
    await page.getByRole('heading', { name: 'Klyngekatalog' }).waitFor();
    await shot('16-directory-phone-da');
    await page.getByLabel('Sprog').first().selectOption('en');
    await page.setViewportSize({ width: 1280, height: 860 });
    await go('Our profile');
    await page.getByLabel('Website').fill('not a url');
    // The cluster profile's Save (the page also has the delegate's own language, with its own Save).
    await page
      .locator('form', { has: page.getByLabel('Website') })
      .getByRole('button', { name: 'Save' })
      .click();
    await page.locator('.field-invalid').getByText('must be a URL').waitFor();
    await expect(page.getByLabel('Website').inputValue()).resolves.toBe('not a url');
    await shot('17-profile-error');
  });

  it('a late change: a new accepted request is re-solved keeping the published meeting, and the draft lists the change', async () => {
    await delegateLogin('rita@health.example.org');
    await page.getByRole('button', { name: 'Request a meeting with Aarhus Food Cluster' }).click();
    const form = page.getByRole('form', { name: 'Request a meeting with Aarhus Food Cluster' });
    await form.getByLabel('Note').fill('Sensor trials in food plants');
    await form.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('Request sent to Aarhus Food Cluster.').waitFor();
    await signOut();

    await delegateLogin('anna@food.example.org');
    await go('Requests');
    const card = page.getByRole('article', { name: 'From Lisbon Health Tech' });
    await card.getByRole('button', { name: 'Accept' }).click();
    await card.getByText('Accepted').waitFor();
    await signOut();

    await organiserLogin();
    await go('Schedule');
    await page.getByLabel('Time limit (seconds)').fill('2');
    await page.getByRole('button', { name: 'Re-solve keeping published meetings' }).click();
    const review = page.getByRole('button', { name: /Review draft version 2/ });
    await review.waitFor({ timeout: 60_000 });
    await review.click();
    const changes = page.getByRole('region', { name: 'Changes against published version 1' });
    await changes.getByText('1 added, 0 moved, 0 removed, 1 unchanged.').waitFor();
    await expect(changes.textContent()).resolves.toContain('New: Lisbon Health Tech × Aarhus Food Cluster');
    await shot('18-resolve-changes');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const ask = page.getByRole('alertdialog');
    await ask
      .getByText(/It replaces the published one, and \d+ attendees whose meetings change will be mailed\./)
      .waitFor();
    await ask.getByRole('button', { name: /^Yes, publish and mail \d+$/ }).click();
    await page.getByText(/^Published\. Delegates now see their agenda; \d+ attendees mailed\.$/).waitFor();
  });

  it('the agenda link in the "schedule changed" mail opens the agenda, also when signed out at first', async () => {
    const link = await mailLink('anna@food.example.org', 'schedule-changed');
    await page.evaluate(() => window.localStorage.removeItem('clustermatch.token'));
    await page.goto(link);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const since = svc.logs.length;
    await page.getByLabel('E-mail').fill('anna@food.example.org');
    await page.getByRole('button', { name: 'Send me a login link' }).click();
    await page.getByText('a login link is on its way').waitFor();
    await page.goto(await svc.magicLink('anna@food.example.org', since));
    await page.getByRole('heading', { name: /My agenda/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/agenda');
    await expect(page.getByRole('main').textContent()).resolves.toContain('Lisbon Health Tech');
    // Signed in, the link goes straight to the agenda.
    await page.goto(`${svc.url}/directory`);
    await page.getByRole('heading', { name: 'Cluster directory' }).waitFor();
    await page.goto(link);
    await page.getByRole('heading', { name: /My agenda/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/agenda');
  });
  it('the organiser writes, previews and sends a mailing to a segment; its unsubscribe link works', async () => {
    await organiserLogin();
    await go('Mailings');
    await page.getByRole('heading', { name: 'Mailings', exact: true }).waitFor();
    await page.getByLabel('Recipients').selectOption('country');
    await page.getByLabel('Country code').fill('dk');
    const en = page.getByRole('group', { name: 'English' });
    await en.getByLabel('Subject').fill('Last days to book, {name}');
    await en
      .getByLabel('Text')
      .fill('Hello {name} of {cluster},\nyou have {meetings} meetings.\n\nBook more: {loginLink}');
    const da = page.getByRole('group', { name: 'Danish' });
    await da.getByLabel('Subject').fill('Sidste dage til at booke, {name}');
    await da.getByLabel('Text').fill('Hej {nme}');
    await page.getByRole('button', { name: 'Preview' }).click();
    // An unknown placeholder is named at its field.
    await page.locator('.field-invalid').getByText('unknown placeholder {nme}').waitFor();
    await da.getByLabel('Text').fill('Hej {name} fra {cluster},\nI har {meetings} møder.\n\nBook flere: {loginLink}');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('1 recipient.').waitFor();
    await expect(page.getByTestId('preview-subject').textContent()).resolves.toBe(
      'Sidste dage til at booke, Anna Jensen',
    );
    await expect(page.getByTestId('preview-text').textContent()).resolves.toContain(
      'Hej Anna Jensen fra Aarhus Food Cluster,\nI har 2 møder.',
    );
    await page.setViewportSize({ width: 390, height: 844 });
    await shot('19-mailing-preview-phone');
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.getByRole('button', { name: 'Send …' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText('Send this mail to 1 recipient now?').waitFor();
    await confirm.getByRole('button', { name: 'Yes, send to 1 recipient' }).click();
    await page.getByText('1 mail queued.').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Last days to book, {name}' });
    await row.getByRole('cell', { name: 'A country' }).waitFor();
    await shot('20-mailings-sent');
    // Automatic reminders: switch one on with its interval and save.
    const nudges = page.getByRole('form', { name: 'Automatic reminders' });
    const noMeeting = nudges.getByRole('group', { name: 'Clusters without an accepted meeting' });
    await noMeeting.getByLabel('On').check();
    await noMeeting.getByLabel('At most every … days').fill('2');
    await nudges.getByRole('button', { name: 'Save' }).click();
    await nudges.getByText('Saved.').waitFor();
    await page.reload();
    await expect(
      page
        .getByRole('form', { name: 'Automatic reminders' })
        .getByRole('group', { name: 'Clusters without an accepted meeting' })
        .getByLabel('At most every … days')
        .inputValue(),
    ).resolves.toBe('2');
    await signOut();

    const link = await mailLink(
      'anna@food.example.org',
      'mailing',
      /https?:\/\/[^\s"'<>]+\/unsubscribe\?token=[^\s"'<>]+/,
    );
    // The mail is quoted-printable (Danish text): "=" of the query is written "=3D".
    await page.goto(link.replace(/=3D/gi, '='));
    await page.getByRole('heading', { name: 'Unsubscribe' }).waitFor();
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByText('you get no more reminders or mailings').waitFor();
  });

  it('after the event: the organiser sends the feedback survey; a delegate answers in Danish on a phone from the mail', async () => {
    await organiserLogin();
    await go('Feedback');
    await page.getByRole('heading', { name: 'Meeting feedback' }).waitFor();
    // One evaluation question about the event, in English and Danish, goes with the feedback mail.
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.getByLabel('Question in English').fill('How was the venue?');
    await page.getByLabel('Question in Danish').fill('Hvordan var stedet?');
    await page.getByRole('button', { name: 'Save the questions' }).click();
    await page.getByRole('region', { name: 'Event evaluation: questions' }).getByText('Saved.').waitFor();
    await page.getByLabel(/Remind those who have not answered/).fill('4');
    await page.getByRole('button', { name: 'Send the feedback survey' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText('Mail every attendee of the published schedule').waitFor();
    await confirm.getByRole('button', { name: 'Yes, send the mails' }).click();
    await page.getByText('Sent: 3 feedback mails queued.').waitFor();
    await page.getByText('0 of 3 (0 %)').waitFor();
    await shot('19-feedback-survey');

    // The mail's sign-in link, opened signed out, in Danish, on a phone.
    const link = await feedbackLink('anna@food.example.org');
    await page.evaluate(() => {
      window.localStorage.removeItem('clustermatch.token');
      window.localStorage.setItem('clustermatch.lang', 'da');
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(link);
    await page.getByRole('heading', { name: 'Feedback på mine møder' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/feedback');
    await page.getByText('0 af 2 møder besvaret').waitFor();
    const meeting = page.getByRole('form', { name: /Baltic Hydrogen Alliance/ });
    await meeting.getByRole('radio', { name: 'Ja' }).check();
    await meeting.getByRole('radio', { name: '4 – nyttigt' }).check();
    await meeting.getByLabel('Næste skridt').selectOption({ label: 'Besøg' });
    await meeting.getByLabel('Note (valgfri)').fill('Besøg i Malmø i juni');
    await meeting.getByRole('button', { name: 'Gem' }).click();
    await meeting.getByText('Gemt.').waitFor();
    await page.getByText('1 af 2 møder besvaret').waitFor();
    const about = page.getByRole('form', { name: 'Om arrangementet' });
    await about
      .getByRole('group', { name: 'Hvordan var stedet?' })
      .getByRole('radio', { name: '4', exact: true })
      .check();
    await about.getByRole('button', { name: 'Gem mine svar' }).click();
    await about.getByText('Gemt.').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await shot('20-feedback-phone-da');
    // The answer is kept: after a reload the form shows it.
    await page.reload();
    const again = page.getByRole('form', { name: /Baltic Hydrogen Alliance/ });
    await expect(again.getByRole('radio', { name: '4 – nyttigt' }).isChecked()).resolves.toBe(true);
    await expect(again.getByLabel('Note (valgfri)').inputValue()).resolves.toBe('Besøg i Malmø i juni');
    await page.evaluate(() => window.localStorage.setItem('clustermatch.lang', 'en'));
    await page.setViewportSize({ width: 1280, height: 860 });
    // What came of it: Anna records a collaboration with Baltic Hydrogen Alliance for her cluster.
    await page.goto(`${svc.url}/collaborations`);
    await page.getByRole('heading', { name: 'Our collaborations' }).waitFor();
    const record = page.getByRole('form', { name: 'Record a collaboration' });
    await record.getByLabel('Title').fill('Dairy heat from electrolysers');
    await record.getByLabel('Partner cluster').selectOption({ label: 'Baltic Hydrogen Alliance (SE)' });
    await record.getByLabel('Type').selectOption({ label: 'Application' });
    await record.getByLabel('New ideas').fill('2');
    await record.getByLabel('New competences').fill('1');
    await record.getByRole('button', { name: 'Record' }).click();
    await record.getByText('Recorded.').waitFor();
    const card = page.getByRole('article', { name: 'Dairy heat from electrolysers' });
    await card.getByLabel('Status').selectOption({ label: 'Running' });
    await card.getByText('Saved.').waitFor();
    await expect(card.getByLabel('Status').inputValue()).resolves.toBe('running');
    await shot('22-collaborations');
    // The organiser sees the answer among the results.
    await organiserLogin();
    await go('Feedback');
    await page.getByText('1 of 3 (33 %)').waitFor();
    const results = page.getByRole('region', { name: 'Event evaluation: results' });
    await results.getByText('1 of 3 attendees answered.').waitFor();
    await results.getByRole('img', { name: 'How was the venue? (1 answer)' }).waitFor();
    await results.getByText('Mean: 4.00').waitFor();
    // The impact report counts Anna's answer: one meeting held, rated 4; its CSV holds the same figures.
    const report = page.getByRole('region', { name: 'Impact report 2027' });
    const figures = report.getByRole('definition');
    // The report loads on its own after the results: wait for its figures (reading them at once found none in a CI run).
    await figures.first().waitFor();
    // Requested, accepted, scheduled: the three requests of the walk (one from a suggestion, still pending), two
    // accepted and scheduled; 3 attendees; nothing checked in or marked on the day (the day comes later in this
    // walk); the three clusters' members.
    await expect(figures.allTextContents()).resolves.toEqual([
      '3',
      '2',
      '2',
      '1',
      '0',
      '1',
      '33 %',
      '0 %',
      '0',
      '0',
      '0',
      '4.00',
      '3',
      '245',
      '180',
      '3',
      '1',
      '2',
      '0',
      '1',
    ]);
    const download = page.waitForEvent('download');
    await report.getByRole('button', { name: 'Download CSV' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    expect(csv).toContain('meetings,held,1');
    expect(csv).toContain('usefulness,4,1');
    await shot('21-feedback-results');
  });

  it('the day of the event on a phone: check-in from the list, "we met", and a rebooking the solver offers', async () => {
    // A fourth cluster arrives with a delegate, and Anna has an open request to it (set up through the API).
    const api = async (path: string, token: string, body?: string | object, type = 'application/json') => {
      const res = await fetch(`${svc.url}/api${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': type },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
      return text ? (JSON.parse(text) as unknown) : undefined;
    };
    const org = (
      (await api('/auth/login', '', { email: svc.organiser.email, password: svc.organiser.password })) as {
        accessToken: string;
      }
    ).accessToken;
    const [event] = (await api('/events', org)) as { id: string }[];
    if (!event) throw new Error('no event');
    await api(
      `/events/${event.id}/imports/clusters`,
      org,
      [
        CLUSTERS_CSV.split('\n')[0],
        'Oslo Robotics Hub,NO,Oslo,Food,Robotics,national,silver,,30,20,2,1,0,0,2,Robot cells for food plants,Food producers,',
      ].join('\n'),
      'text/csv',
    );
    await api(
      `/events/${event.id}/imports/delegates`,
      org,
      'cluster,name,email,role\nOslo Robotics Hub,Ola Nordmann,ola@robotics.example.org,Engineer',
      'text/csv',
    );
    const clusters = (await api(`/events/${event.id}/clusters?q=Oslo`, org)) as { items: { id: string }[] };
    await delegateLogin('anna@food.example.org');
    const annaToken = await page.evaluate(() => window.localStorage.getItem('clustermatch.token') ?? '');
    const annaMe = (await api('/auth/me', annaToken)) as { id: string };
    await api(`/events/${event.id}/requests`, annaToken, {
      receiverClusterIds: [clusters.items[0]?.id],
      interest: 4,
      delegateIds: [annaMe.id],
    });
    await signOut();

    // The organiser checks Anna, Rita and Ola in on a phone, from the typed search (Erik does not come).
    await organiserLogin();
    await page.setViewportSize({ width: 390, height: 844 });
    await go('Check-in');
    await page.getByRole('heading', { name: 'Check-in' }).waitFor();
    for (const name of ['Anna Jensen', 'Rita Sousa', 'Ola Nordmann']) {
      await page.getByLabel('Search by name, e-mail or cluster').fill(name.split(' ')[0] ?? name);
      await page.getByRole('button', { name: `Check in: ${name}` }).click();
      await page.getByText(`${name} is checked in.`).waitFor();
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot('22-checkin-phone');
    await signOut();

    // Rita marks her meeting with Anna: "we met". Her page shows her QR code.
    await delegateLogin('rita@health.example.org');
    await go('On the day');
    await page.getByRole('img', { name: 'Check-in QR code of Rita Sousa' }).waitFor();
    await page.getByText('Checked in', { exact: true }).waitFor();
    const meeting = page.getByRole('article', { name: /with Aarhus Food Cluster/ });
    await meeting.getByRole('button', { name: 'We met' }).click();
    await meeting.getByText('Held', { exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot('23-day-we-met-phone');
    await signOut();

    // Anna's counterpart Erik did not come: she says so, and sees the replacement the solver offers.
    await delegateLogin('anna@food.example.org');
    await go('On the day');
    const missed = page.getByRole('article', { name: /with Baltic Hydrogen Alliance/ });
    await missed.getByRole('button', { name: 'They did not come' }).click();
    await missed.getByText('No-show', { exact: true }).waitFor();
    await page.getByText(/Ola Nordmann \(Oslo Robotics Hub\)/).waitFor();
    await page.getByText('Ask the organisers at the desk to book one of these for you.').waitFor();
    await shot('24-day-offer-phone');
    await signOut();

    // The organiser books it from the check-in page, after a confirmation.
    await organiserLogin();
    await go('Check-in');
    await page.getByLabel('Search by name, e-mail or cluster').fill('Anna');
    await page
      .getByRole('article', { name: 'Anna Jensen' })
      .getByRole('button', { name: 'Find a replacement' })
      .click();
    await page
      .getByRole('button', { name: /^Book: Ola Nordmann/ })
      .first()
      .click();
    const ask = page.getByRole('alertdialog');
    await ask.getByText(/Book a meeting with Ola Nordmann/).waitFor();
    await ask.getByRole('button', { name: 'Yes, book it' }).click();
    await page.getByText(/Booked: .*The agendas and calendars are updated\./).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot('25-rebooked-phone');
    // The live board shows the day; the review page the figures.
    await go('Live board');
    await page.getByRole('heading', { name: 'Live board' }).waitFor();
    await page.getByText(/4 of \d+ attendees checked in|3 of \d+ attendees checked in/).waitFor();
    await shot('26-board-phone');
    await page.setViewportSize({ width: 1280, height: 860 });
    const published = (await api(`/events/${event.id}/schedule/versions/published`, org)) as {
      mode: string;
      assignments: { clusters: { name: string }[] }[];
    };
    expect(published.mode).toBe('rebook');
    expect(published.assignments.some((a) => a.clusters.map((c) => c.name).includes('Oslo Robotics Hub'))).toBe(true);
    await signOut();
  });

  it("a delegate's own language: chosen on the profile, the app follows it at the next sign-in", async () => {
    await delegateLogin('rita@health.example.org');
    await go('Our profile');
    const form = page.getByRole('form', { name: 'Your language' });
    await form.getByLabel('Language of your e-mails and of this app').selectOption('da');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Dit sprog' }).waitFor();
    await page.getByText('Gemt.').waitFor();
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.getByLabel('Sprog').first().selectOption('en');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const since = svc.logs.length;
    await page.getByLabel('E-mail').fill('rita@health.example.org');
    await page.getByRole('button', { name: 'Send me a login link' }).click();
    await page.getByText('a login link is on its way').waitFor();
    await page.goto(await svc.magicLink('rita@health.example.org', since));
    await page.getByRole('heading', { name: 'Klyngekatalog' }).waitFor();
    // The service answers her errors in Danish too, whatever the browser asks.
    const token = await page.evaluate(() => window.localStorage.getItem('clustermatch.token'));
    const res = await fetch(`${svc.url}/api/delegates/00000000-0000-4000-8000-000000000000`, {
      headers: { Authorization: `Bearer ${token}`, 'Accept-Language': 'en' },
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { message: string }).message).toMatch(/^Den delegerede .* findes ikke$/);
    // Switching in the header still works; back to the event's language for the steps after this one.
    await page.getByLabel('Sprog').first().selectOption('en');
    await page.getByRole('heading', { name: 'Cluster directory' }).waitFor();
    await go('Our profile');
    await page
      .getByRole('form', { name: 'Your language' })
      .getByLabel('Language of your e-mails and of this app')
      .selectOption('');
    await page.getByRole('form', { name: 'Your language' }).getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').first().waitFor();
    await signOut();
  });

  it('a delegate requests a group meeting with two clusters on a phone; the directory shows the relationships', async () => {
    // Issue 9, items 3, 4, 6 and 7. Erik (Baltic) has met Aarhus and has a pending request to Lisbon.
    await delegateLogin('erik@h2.example.org');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByText('4 clusters').waitFor();
    const card = (name: string) => page.getByRole('article').filter({ has: page.getByRole('heading', { name }) });
    await card('Baltic Hydrogen Alliance').getByText('Your cluster').waitFor();
    await card('Aarhus Food Cluster').getByText('Meeting accepted').waitFor();
    await card('Lisbon Health Tech').getByText('Request sent, awaiting answer').waitFor();
    // "Request a meeting" only where the service would take it.
    await expect(
      card('Aarhus Food Cluster')
        .getByRole('button', { name: /^Request a meeting/ })
        .count(),
    ).resolves.toBe(0);
    await expect(
      card('Lisbon Health Tech')
        .getByRole('button', { name: /^Request a meeting/ })
        .count(),
    ).resolves.toBe(0);
    await expect(
      card('Baltic Hydrogen Alliance')
        .getByRole('button', { name: /^Request a meeting/ })
        .count(),
    ).resolves.toBe(0);
    await card('Oslo Robotics Hub').getByRole('button', { name: 'Request a meeting with Oslo Robotics Hub' }).click();
    const form = page.getByRole('form', { name: 'Request a meeting with Oslo Robotics Hub' });
    await form.getByLabel('Note').fill('Hydrogen for robot cells in hospitals?');
    await form.getByLabel('Add a cluster (name, offers or seeks)').fill('Lisbon');
    await form.getByRole('button', { name: 'Add Lisbon Health Tech to the meeting' }).click();
    await form.getByRole('list', { name: 'Also invited' }).getByText('Lisbon Health Tech').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot('27-group-request-phone');
    await form.getByRole('button', { name: 'Send the request to 2 clusters' }).click();
    await page.getByText('Request sent to Lisbon Health Tech, Oslo Robotics Hub.').waitFor();
    await card('Oslo Robotics Hub').getByText('Request sent, awaiting answer').waitFor();
    await shot('28-directory-relationships-phone');
    await go('Requests');
    const sent = page.getByRole('article', { name: 'To Lisbon Health Tech, Oslo Robotics Hub' });
    await sent.getByText('Group meeting', { exact: true }).waitFor();
    await expect(sent.getByRole('list', { name: 'Answers' }).getByText('Pending').count()).resolves.toBe(2);
    // Erik changes who attends the accepted meeting with Aarhus (he is his cluster's only delegate).
    const met = page
      .getByRole('article', { name: 'From Aarhus Food Cluster' })
      .or(page.getByRole('article', { name: 'To Aarhus Food Cluster' }));
    await met.first().getByRole('button', { name: 'Change who attends' }).click();
    await met.first().getByRole('checkbox', { name: 'Erik Lund' }).waitFor();
    await met.first().getByRole('button', { name: 'Save attendees' }).click();
    await met
      .first()
      .getByText(/Attendees saved\.|the agendas show the change after the organisers publish again\./)
      .waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot('29-requests-group-phone');
    await signOut();

    // Rita (Lisbon) sees each receiver's answer and declines, with a reason; the request is declined for all.
    await delegateLogin('rita@health.example.org');
    await go('Requests');
    const incoming = page
      .getByRole('article', { name: 'From Baltic Hydrogen Alliance' })
      .filter({ hasText: 'Group meeting' });
    await incoming.getByText('Hydrogen for robot cells in hospitals?').waitFor();
    await incoming.getByLabel('Reason if you decline (optional, shown to them)').fill('No hospital partner this year');
    await incoming.getByRole('button', { name: 'Decline' }).click();
    await incoming.getByRole('list', { name: 'Answers' }).getByText('Declined').waitFor();
    await signOut();

    // Erik sees who declined and asks the other cluster again, as a request of the pair.
    await delegateLogin('erik@h2.example.org');
    await go('Requests');
    const declined = page.getByRole('article', { name: 'To Lisbon Health Tech, Oslo Robotics Hub' });
    await declined.getByText('No hospital partner this year').waitFor();
    await declined.getByRole('button', { name: 'Send a new request to Oslo Robotics Hub' }).click();
    await declined.getByText('A new request went to Oslo Robotics Hub.').waitFor();
    await page.getByRole('article', { name: 'To Oslo Robotics Hub', exact: true }).getByText('Pending').waitFor();

    // In Danish, the directory shows the taxonomy's Danish labels on the cards and in the filter.
    const token = await page.evaluate(() => window.localStorage.getItem('clustermatch.token') ?? '');
    const orgLogin = await fetch(`${svc.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: svc.organiser.email, password: svc.organiser.password }),
    });
    const org = ((await orgLogin.json()) as { accessToken: string }).accessToken;
    const terms = (await (
      await fetch(`${svc.url}/api/taxonomy`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as { id: string; name: string }[];
    const food = terms.find((x) => x.name === 'Food');
    const renamed = await fetch(`${svc.url}/api/taxonomy/${food?.id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${org}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ nameDa: 'Fødevarer' }),
    });
    expect(renamed.status).toBe(200);
    await page.evaluate(() => window.localStorage.setItem('clustermatch.lang', 'da'));
    await go('Directory');
    await page.reload();
    await page.getByRole('heading', { name: 'Klyngekatalog' }).waitFor();
    await card('Aarhus Food Cluster').getByText('Fødevarer', { exact: true }).waitFor();
    await card('Aarhus Food Cluster').getByText('Møde accepteret').waitFor();
    await expect(page.getByLabel('Sektor').locator('option', { hasText: 'Fødevarer' }).count()).resolves.toBe(1);
    await shot('30-directory-danish-phone');
    await page.evaluate(() => window.localStorage.setItem('clustermatch.lang', 'en'));
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.reload();
    await signOut();
  });

  it('the organiser creates a second event copying the first, on a phone, and switches between the events', async () => {
    await organiserLogin();
    await page.setViewportSize({ width: 390, height: 844 });
    const switcher = page.getByRole('combobox', { name: 'Event', exact: true });
    await expect(switcher.inputValue()).resolves.not.toBe('');
    await switcher.selectOption({ label: 'New event…' });
    await page.getByRole('heading', { name: 'New event' }).waitFor();
    await page.getByLabel('Event name').fill('Nordic Cluster Matchmaking 2028');
    await page.getByLabel('Venue').fill('Aarhus Congress Centre');
    await page.getByLabel('Earlier event').selectOption({ label: 'Nordic Cluster Matchmaking 2027 (2027-05-11)' });
    await page.getByText('1 day from 2027-05-11', { exact: false }).waitFor();
    await page.getByLabel('First day').fill('2028-05-09');
    await page.getByText('Last day (from the copied plan): 2028-05-09').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot('27-new-event-copy-phone');
    await page.getByRole('button', { name: 'Create the event' }).click();
    await page.getByText('Nordic Cluster Matchmaking 2028 is created and chosen.').waitFor();
    // Four clusters (Oslo joined on the day) with their four delegates, six tables and the one day.
    await page.getByText('Copied: days 1, tables 6, clusters 4, delegates 4.').waitFor();
    await expect(switcher.locator('option:checked').textContent()).resolves.toBe('Nordic Cluster Matchmaking 2028');

    // Every organiser page shows the chosen event: its setup has the shifted date, its participants the clusters.
    await page.getByRole('link', { name: 'Open its setup' }).click();
    await page.getByRole('heading', { name: 'Event setup' }).waitFor();
    await expect(page.getByLabel('Date', { exact: true }).inputValue()).resolves.toBe('2028-05-09');
    await expect(page.getByLabel('Event name').inputValue()).resolves.toBe('Nordic Cluster Matchmaking 2028');
    await go('Participants');
    await page.getByRole('rowheader', { name: 'Oslo Robotics Hub' }).waitFor();
    await go('Requests');
    await page.getByRole('heading', { name: 'All requests' }).waitFor();
    await page.getByText('0 requests.').waitFor();

    // Back to the first event; the choice survives a reload.
    await switcher.selectOption({ label: 'Nordic Cluster Matchmaking 2027' });
    await go('Event setup');
    await expect(page.getByLabel('Date', { exact: true }).inputValue()).resolves.toBe('2027-05-11');
    await page.reload();
    await page.getByRole('heading', { name: 'Event setup' }).waitFor();
    await expect(page.getByLabel('Event name').inputValue()).resolves.toBe('Nordic Cluster Matchmaking 2027');

    // The cluster's history across both events: the meetings of 2027 with whom, and the new event it takes part in.
    await go('Participants');
    await page.getByRole('link', { name: 'Aarhus Food Cluster' }).click();
    const history = page.getByRole('region', { name: 'History across events' });
    const first = history.getByRole('article', { name: 'Nordic Cluster Matchmaking 2027' });
    await first.getByRole('link', { name: 'Lisbon Health Tech' }).waitFor();
    await first.getByText('Held', { exact: true }).first().waitFor();
    await history.getByRole('article', { name: 'Nordic Cluster Matchmaking 2028' }).getByText('no meetings').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot('28-cluster-history-phone');
    await page.setViewportSize({ width: 1280, height: 860 });
    await signOut();
  });

  it('raised no Content-Security-Policy violation on any page of the walk, under a strict policy', () => {
    expect(cspViolations).toEqual([]);
    expect([...policies].length).toBeGreaterThan(0);
    for (const p of policies) {
      expect(p).toContain("script-src 'self'");
      expect(p).toContain("style-src 'self'");
      expect(p).toContain("frame-ancestors 'none'");
      expect(p).not.toContain('unsafe-inline');
    }
  });
});

/** The `/events/<id>/...` link (or another `pattern`) in the newest mail of `kind` to `email` (the outbox writes .eml files under the data dir). */
async function mailLink(
  email: string,
  kind: string,
  pattern = /https?:\/\/[^\s"'<>]+\/events\/[^\s"'<>/]+\/agenda/,
): Promise<string> {
  const end = Date.now() + 30_000;
  for (;;) {
    const emls = readdirSync(svc.dataDir, { recursive: true, encoding: 'utf8' }).filter(
      (f) => basename(f).startsWith(`${kind}.`) && f.endsWith('.eml'),
    );
    for (const f of emls) {
      const text = readFileSync(join(svc.dataDir, f), 'utf8').replace(/=\r?\n/g, '');
      if (!text.includes(email)) continue;
      const m = pattern.exec(text);
      if (m) return m[0];
    }
    if (Date.now() > end) throw new Error(`no ${kind} mail with a link to ${email}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The sign-in link of the feedback mail to `email` (quoted-printable decoded). */
async function feedbackLink(email: string): Promise<string> {
  const end = Date.now() + 30_000;
  for (;;) {
    const emls = readdirSync(svc.dataDir, { recursive: true, encoding: 'utf8' }).filter(
      (f) => basename(f).startsWith('feedback-request.') && f.endsWith('.eml'),
    );
    for (const f of emls) {
      const text = readFileSync(join(svc.dataDir, f), 'utf8')
        .replace(/=\r?\n/g, '')
        .replace(/=3D/g, '=');
      if (!text.includes(email)) continue;
      const m = /https?:\/\/[^\s"'<>]+\/login\?token=[^\s"'<>]+/.exec(text);
      if (m) return m[0].replace(/&amp;/g, '&');
    }
    if (Date.now() > end) throw new Error(`no feedback mail to ${email}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
