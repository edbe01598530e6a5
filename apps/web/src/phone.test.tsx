/**
 * Issue 16, items 2 and 3 against the real service: the directory in pages with folding filters, the agenda as
 * cards by day with the next meeting on top, and the table plan in sheets that fit A4 landscape (or one per table).
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../e2e/service';
import { seedPhoneEvent, type PhoneSeed } from '../e2e/seed-phone';
import { setApiBase, setToken } from './api/client';
import type { Assignment } from './api/schedule';
import { AgendaPage, byDay, nextMeeting } from './pages/delegate/AgendaPage';
import { DirectoryPage } from './pages/delegate/DirectoryPage';
import { planSheets, PrintTablePlan, TABLES_PER_SHEET } from './pages/organiser/PrintPages';
import { renderWithApp } from './test-utils';

let svc: RunningService;
let seed: PhoneSeed;

beforeAll(async () => {
  svc = await startService();
  setApiBase(svc.url);
  seed = await seedPhoneEvent(svc, { clusterCount: 24, tableCount: 16 });
}, 240_000);

afterAll(async () => {
  await svc?.stop();
});

beforeEach(() => setToken(null));

const meeting = (id: string, start: string, end: string) => ({
  requestId: id,
  slot: null,
  start,
  end,
  table: 'T1',
  with: [],
  people: [],
});

describe('agenda helpers', () => {
  it('groups meetings by day in time order and finds the one going on or next', () => {
    const a = meeting('a', '2099-05-12T07:00:00Z', '2099-05-12T07:30:00Z');
    const b = meeting('b', '2099-05-11T08:00:00Z', '2099-05-11T08:30:00Z');
    const c = meeting('c', '2099-05-11T07:00:00Z', '2099-05-11T07:30:00Z');
    const days = byDay([a, b, c], (iso) => iso.slice(0, 10));
    expect(days.map((d) => [d.day, d.meetings.map((m) => m.requestId)])).toEqual([
      ['2099-05-11', ['c', 'b']],
      ['2099-05-12', ['a']],
    ]);
    expect(nextMeeting([a, b, c], Date.parse('2099-05-11T07:10:00Z'))?.requestId).toBe('c');
    expect(nextMeeting([a, b, c], Date.parse('2099-05-11T07:30:00Z'))?.requestId).toBe('b');
    expect(nextMeeting([a, b, c], Date.parse('2099-05-12T07:30:00Z'))).toBeNull();
  });

  it('cuts the tables into sheets, the tables only the schedule names last', () => {
    const extra = { table: { name: 'Extra' } } as Assignment;
    const tables = Array.from({ length: 14 }, (_, i) => `T${i + 1}`);
    const sheets = planSheets(tables, [extra], TABLES_PER_SHEET);
    expect(sheets.map((s) => s.length)).toEqual([6, 6, 3]);
    expect(sheets[2]).toEqual(['T13', 'T14', 'Extra']);
    expect(planSheets(['T1', 'T2'], [], 1)).toEqual([['T1'], ['T2']]);
  });
});

describe('directory pages', () => {
  it('shows twenty clusters a page with a true total, and the filters fold away', async () => {
    setToken(seed.delegate.token);
    const user = userEvent.setup();
    renderWithApp(<DirectoryPage eventId={seed.eventId} ownClusterId={null} />);
    await screen.findByText('1–20 of 24 clusters');
    expect(screen.getAllByRole('article')).toHaveLength(20);
    const pages = screen.getByRole('navigation', { name: 'Directory pages' });
    expect(within(pages).getByText('Page 1 of 2')).toBeTruthy();
    expect((within(pages).getByRole('button', { name: 'Previous page' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(pages).getByRole('button', { name: 'Next page' }));
    await screen.findByText('21–24 of 24 clusters');
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(4));
    expect(screen.getByRole('article', { name: 'Cluster 24 NL' })).toBeTruthy();
    expect((within(pages).getByRole('button', { name: 'Next page' }) as HTMLButtonElement).disabled).toBe(true);

    // A filter starts again at page 1; the folded panel says how many filters are set.
    const panel = screen.getByText('Filters').closest('details');
    if (!panel) throw new Error('no filter panel');
    expect(panel.open).toBe(true);
    await user.type(screen.getByLabelText('Country'), 'dk');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await screen.findByText('3 clusters');
    expect(screen.queryByRole('navigation', { name: 'Directory pages' })).toBeNull();
    await user.click(screen.getByText('Filters (1 set)'));
    await waitFor(() => expect(panel.open).toBe(false));
  });

  it('speaks Danish', async () => {
    setToken(seed.delegate.token);
    renderWithApp(<DirectoryPage eventId={seed.eventId} ownClusterId={null} />, { lang: 'da' });
    await screen.findByText('1–20 af 24 klynger');
    expect(screen.getByText('Side 1 af 2')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Næste side' })).toBeTruthy();
    expect(screen.getByText('Filtre')).toBeTruthy();
  });
});

describe('agenda cards', () => {
  it('puts the next meeting on top and groups the meetings by day', async () => {
    setToken(seed.delegate.token);
    renderWithApp(<AgendaPage eventId={seed.eventId} />);
    const next = await screen.findByRole('region', { name: 'Your next meeting' });
    const days = screen.getAllByRole('region').filter((r) => r !== next && r.classList.contains('agenda-day'));
    expect(days.map((d) => d.getAttribute('aria-label'))).toEqual(['Mon 11 May', 'Tue 12 May']);
    const items = days.flatMap((d) => within(d).getAllByRole('listitem'));
    expect(items).toHaveLength(6);
    // The first meeting of the first day is the next one, marked in the list too.
    const first = items[0];
    if (!first) throw new Error('no meeting');
    expect(within(first).getByText('Next')).toBeTruthy();
    const nextCard = within(next).getByRole('article');
    expect(nextCard.getAttribute('aria-label')).toBe(
      `Mon 11 May ${first.querySelector('time')?.textContent ?? ''}, Table ${first.querySelector('strong')?.textContent ?? ''}`,
    );
    expect(nextCard.querySelector('.meeting-table')?.textContent).toMatch(/^Table Table \d\d$/);
    expect(within(next).getAllByRole('link')).toHaveLength(1);
  });

  it('speaks Danish', async () => {
    setToken(seed.delegate.token);
    renderWithApp(<AgendaPage eventId={seed.eventId} />, { lang: 'da' });
    await screen.findByRole('region', { name: 'Dit næste møde' });
    expect(screen.getByRole('region', { name: 'man. 11. maj' })).toBeTruthy();
    expect(screen.getAllByText('Næste')).toHaveLength(1);
  });
});

describe('printed table plan', () => {
  it('prints sheets of six tables, or one sheet per table for the table hosts', async () => {
    setToken(seed.organiserToken);
    const user = userEvent.setup();
    renderWithApp(<PrintTablePlan eventId={seed.eventId} versionId={seed.versionId} />);
    await screen.findByText('3 sheets for 16 tables.');
    const sheets = screen.getAllByRole('article');
    expect(sheets.map((s) => s.getAttribute('aria-label'))).toEqual([
      'Table 01 – Table 06',
      'Table 07 – Table 12',
      'Table 13 – Table 16',
    ]);
    for (const [i, sheet] of sheets.entries()) {
      const heads = within(sheet)
        .getAllByRole('columnheader')
        .map((h) => h.textContent);
      expect(heads.slice(1)).toEqual(seed.tables.slice(i * 6, i * 6 + 6));
      expect(within(sheet).getByText(`· sheet ${i + 1} of 3`)).toBeTruthy();
    }
    // Every meeting of the schedule is on exactly one sheet.
    const cells = sheets.flatMap((s) => within(s).queryAllByRole('cell')).filter((c) => c.textContent);
    expect(cells).toHaveLength(6);

    await user.click(screen.getByLabelText('One sheet per table (for table hosts)'));
    await screen.findByText('16 sheets for 16 tables.');
    const hosts = screen.getAllByRole('article');
    expect(hosts.map((s) => s.getAttribute('aria-label'))).toEqual(seed.tables);
    const used = hosts.filter((h) => within(h).queryByRole('table'));
    expect(used.flatMap((h) => within(h).getAllByRole('row').slice(1))).toHaveLength(6);
    expect(hosts.filter((h) => within(h).queryByText('No meetings at this table.'))).toHaveLength(16 - used.length);
  });

  it('speaks Danish', async () => {
    setToken(seed.organiserToken);
    renderWithApp(<PrintTablePlan eventId={seed.eventId} versionId={seed.versionId} />, { lang: 'da' });
    await screen.findByText('3 ark til 16 borde.');
    expect(screen.getByLabelText('Ét ark pr. bord (til bordværterne)')).toBeTruthy();
    expect(screen.getByLabelText('Op til 6 borde på hvert liggende A4-ark')).toBeTruthy();
  });
});
