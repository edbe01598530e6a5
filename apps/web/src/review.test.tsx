/**
 * The review page in plain words (issue 16, item 4): what each figure means, charts sorted by shortfall with full
 * names and a table for screen readers, the grid's sticky header, and why each cluster without a meeting has none.
 * The page itself runs against the real service (a real solve); the pieces also get hand-made versions for the
 * cases a small solve does not reach (a gap, unproven results, the solver's reasons).
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../e2e/service';
import { seedEvent, type Seeded } from '../e2e/seed';
import { setApiBase, setToken } from './api/client';
import type { Review } from './api/schedule';
import { BarChart } from './components/BarChart';
import { I18nProvider, useI18n, type Lang } from './i18n';
import { ReviewPage } from './pages/organiser/ReviewPage';
import {
  byShortfall,
  ClustersWithout,
  qualityKey,
  reasonText,
  ReviewCharts,
  ReviewFigures,
} from './pages/organiser/ReviewFigures';
import { renderWithApp } from './test-utils';

let svc: RunningService;
let seed: Seeded;
let versionId = '';
type Unscheduled = Review['unscheduled'][number];

const LONG_A = 'Central Denmark Additive Manufacturing Cluster for Medical Devices';
const LONG_B = 'Central Denmark Additive Manufacturing Cluster for Wind Energy';

async function call<T>(path: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(`${svc.url}/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

beforeAll(async () => {
  svc = await startService();
  setApiBase(svc.url);
  seed = await seedEvent(svc);
  const org = seed.organiserToken;
  // Two clusters whose names start alike and take part without any request.
  for (const name of [LONG_A, LONG_B]) {
    const c = await call<{ id: string }>('/clusters', org, {
      name,
      country: 'DK',
      region: 'Region',
      sectors: ['Energy'],
      technologies: ['Hydrogen'],
      scope: 'national',
      label: 'silver',
      members: {
        companies: 10,
        smes: 8,
        knowledgeInstitutions: 1,
        publicBodies: 1,
        industryAssociations: 0,
        financialActors: 0,
      },
      secretariatSize: 2,
      offers: 'Test beds',
      seeks: 'Partners',
    });
    await call(`/events/${seed.eventId}/participants`, org, { clusterId: c.id });
  }
  const [a, b] = seed.delegates;
  if (!a || !b) throw new Error('no delegates');
  const req = await call<{ id: string }>(`/events/${seed.eventId}/requests`, a.token, {
    receiverClusterIds: [b.clusterId],
    interest: 4,
    delegateIds: [a.id],
  });
  await call(`/requests/${req.id}/accept`, b.token, { interest: 5, delegateIds: [b.id] });
  const job = await call<{ jobId: string }>(`/events/${seed.eventId}/schedule/solve`, org, { timeLimitSeconds: 1 });
  const end = Date.now() + 30_000;
  for (;;) {
    const j = await call<{ state: string }>(`/events/${seed.eventId}/schedule/jobs/${job.jobId}`, org);
    if (j.state === 'done') break;
    if (j.state === 'failed' || Date.now() > end) throw new Error(`solve ${j.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const versions = await call<{ id: string }[]>(`/events/${seed.eventId}/schedule/versions`, org);
  versionId = versions[versions.length - 1]?.id ?? '';
}, 120_000);

afterAll(async () => {
  setToken(null);
  await svc?.stop();
});

/** The figure with this label: its value and its explanation line. */
function figure(label: string): { value: string; help: string } {
  const term = screen.getByText(label, { selector: 'dt' });
  const [value, help] = [...(term.parentElement?.querySelectorAll('dd') ?? [])].map((d) => d.textContent ?? '');
  return { value: value ?? '', help: help ?? '' };
}

describe('ReviewPage against the service', () => {
  it.each<[Lang, Record<string, string>]>([
    [
      'en',
      {
        quality: 'Proven optimal: no schedule can do better.',
        value: 'Meeting value',
        gap: 'Distance from the best',
        waits: 'Waits between meetings',
        noRequest: 'no accepted request to or from it, so there was nothing to schedule.',
        chart: 'Meetings per cluster (scheduled / requested), biggest shortfall first',
        status: 'proven optimal',
        without: 'Clusters without a meeting (2)',
      },
    ],
    [
      'da',
      {
        quality: 'Bevist optimal: ingen plan kan gøre det bedre.',
        value: 'Mødeværdi',
        gap: 'Afstand til det bedste',
        waits: 'Ventetid mellem møder',
        noRequest: 'ingen accepteret anmodning til eller fra den, så der var intet at planlægge.',
        chart: 'Møder pr. klynge (planlagt / ønsket), største mangel først',
        status: 'bevist optimal',
        without: 'Klynger uden møde (2)',
      },
    ],
  ])('explains every figure, lists each cluster without a meeting with why, in %s', async (lang, w) => {
    setToken(seed.organiserToken);
    renderWithApp(<ReviewPage eventId={seed.eventId} versionId={versionId} />, { lang });
    expect((await screen.findByTestId('quality')).textContent).toBe(w.quality);
    // One meeting of weight 4 × 5 + 4 + 5 = 29, proven: no distance left.
    expect(screen.getByTestId('objective').textContent).toBe('29');
    expect(screen.getByTestId('bound').textContent).toBe('29');
    expect(screen.getByTestId('solver-status').textContent).toBe(w.status);
    for (const label of [w.value, w.gap, w.waits]) expect(figure(label ?? '').help.length).toBeGreaterThan(20);
    expect(figure(w.gap ?? '').value).toMatch(/^0\s?%$/);
    // Both long names in full (no "…"), and both without a meeting for want of a request.
    const list = screen.getByRole('list', { name: w.without });
    const items = within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([`${LONG_A}: ${w.noRequest}`, `${LONG_B}: ${w.noRequest}`]);
    const table = screen.getByRole('table', { name: w.chart });
    const names = within(table)
      .getAllByRole('rowheader')
      .map((th) => th.textContent);
    expect(names).toContain(LONG_A);
    expect(names).toContain(LONG_B);
    // The grid's header row and slot column are the sticky ones (the stylesheet keeps them in view).
    const grid = document.querySelector('table.grid');
    expect(grid?.querySelectorAll('thead th').length).toBe(3);
    expect(grid?.querySelectorAll('tbody th[scope="row"]').length).toBeGreaterThan(0);
  });
});

const base: Review = {
  id: 'v1',
  number: 1,
  state: 'draft',
  mode: 'solve',
  solverStatus: 'feasible',
  objective: 95,
  bound: 100,
  gap: 0.05,
  meetingsScheduled: 3,
  meetingsUnscheduled: 2,
  basedOnVersion: null,
  jobId: 'j',
  createdAt: '2027-05-01T00:00:00Z',
  publishedAt: null,
  event: { id: 'e', name: 'E', timezone: 'Europe/Copenhagen' },
  stats: {
    seconds: 1,
    idleGaps: 4,
    idleGapsBound: 2,
    partiesWithoutMeeting: 1,
    meetingsRequested: 5,
    meetingsScheduled: 3,
    meetingsUnscheduled: 2,
    clustersWithoutMeeting: 1,
    slotsUsed: 2,
    tablesUsed: 2,
  },
  assignments: [],
  unscheduled: [
    {
      requestId: 'r4',
      clusters: [
        { id: 'c', name: 'Gamma', country: 'SE' },
        { id: 'a', name: 'Alpha', country: 'DK' },
      ],
      reason: 'Gamma has no delegate registered for this event',
      reasonCode: 'no_delegate',
      reasonParams: { clusters: 'Gamma' },
    },
    {
      requestId: 'r5',
      clusters: [
        { id: 'c', name: 'Gamma', country: 'SE' },
        { id: 'b', name: 'Beta', country: 'DK' },
      ],
      reason: 'd9 has reached maxMeetings (2) with higher-value meetings (r1, r2)',
      reasonCode: 'person_full',
      reasonParams: { person: 'd9', personName: 'Gamma person', max: 2 },
    },
  ],
  meetingsPerCluster: [
    { id: 'a', name: 'Alpha', country: 'DK', meetings: 3, requested: 4 },
    { id: 'b', name: 'Beta', country: 'DK', meetings: 3, requested: 4 },
    { id: 'c', name: 'Gamma', country: 'SE', meetings: 0, requested: 2 },
    { id: 'd', name: 'Delta', country: 'NO', meetings: 0, requested: 0 },
  ],
  meetingsPerCountry: [
    { country: 'DK', clusters: 2, meetings: 3 },
    { country: 'SE', clusters: 1, meetings: 0 },
    { country: 'NO', clusters: 1, meetings: 0 },
  ],
  changes: null,
};

function show(ui: ReactNode, lang: Lang = 'en'): void {
  render(<I18nProvider lang={lang}>{ui}</I18nProvider>);
}

describe('ReviewFigures in plain words', () => {
  it('a version within a proven gap says how far from the best it may be (English)', () => {
    show(<ReviewFigures review={base} />);
    expect(screen.getByTestId('quality').textContent).toBe(
      'At most 5% below the best possible schedule (proven); a longer run may close the distance.',
    );
    expect(figure('Best value possible').help).toBe(
      'Proven by the solver: no schedule of these requests can reach a higher meeting value.',
    );
    expect(figure('Waits between meetings').help).toContain('At least 2 cannot be avoided (proven).');
    expect(figure('Result').value).toBe('good, not proven best');
    expect(figure('Clusters without a meeting').value).toBe('2');
  });

  it('and in Danish, with a Danish percentage', () => {
    show(<ReviewFigures review={{ ...base, gap: 0.0125 }} />, 'da');
    expect(screen.getByTestId('quality').textContent).toMatch(/^Højst 1,25\s?% under den bedst mulige plan \(bevist\)/);
    expect(figure('Ventetid mellem møder').help).toContain('Mindst 2 kan ikke undgås (bevist).');
  });

  it('without a bound the version is "not proven best"; with the idle gaps at their bound they are proven fewest', () => {
    expect(qualityKey({ solverStatus: 'timedout', bound: null, gap: null })).toBe('review.quality.unproven');
    expect(qualityKey({ solverStatus: 'feasible', bound: 10, gap: 0 })).toBe('review.quality.optimal');
    show(
      <ReviewFigures
        review={{
          ...base,
          solverStatus: 'timedout',
          bound: null,
          gap: null,
          stats: { ...base.stats, idleGapsBound: 4 },
        }}
      />,
    );
    expect(screen.getByTestId('quality').textContent).toBe(
      'A good schedule, not proven best: run the solver longer to prove how close it is.',
    );
    expect(figure('Best value possible').help).toBe(
      'The solver found no proof of the best possible value in its time.',
    );
    expect(figure('Waits between meetings').help).toContain('Proven the fewest possible.');
    expect(figure('Result').value).toBe('stopped at the time limit');
  });
});

describe('ClustersWithout', () => {
  it('gives each cluster the solver’s reasons for its requests, or says it had none (English and Danish)', () => {
    show(<ClustersWithout review={base} />);
    expect(
      within(screen.getByRole('list', { name: 'Clusters without a meeting (2)' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Gamma: 2 accepted requests, none placed: Gamma has no delegate registered for this event; Gamma person already has the most meetings they take (2 meetings)',
      'Delta: no accepted request to or from it, so there was nothing to schedule.',
    ]);
  });

  it('in Danish, singular', () => {
    const one = { ...base, unscheduled: base.unscheduled.slice(0, 1) };
    one.meetingsPerCluster = base.meetingsPerCluster.map((c) => (c.id === 'c' ? { ...c, requested: 1 } : c));
    show(<ClustersWithout review={one} />, 'da');
    const items = within(screen.getByRole('list', { name: 'Klynger uden møde (2)' })).getAllByRole('listitem');
    expect(items[0]?.textContent).toBe(
      'Gamma: 1 accepteret anmodning, ikke placeret: Gamma har ingen delegeret tilmeldt dette arrangement',
    );
  });

  it.each([
    [
      'en',
      [
        'Gamma person already has the most meetings they take (2 meetings)',
        'Gamma person already has the most meetings they take (1 meeting)',
        'it needs 5 seats, but the largest table it may use has 4',
        'it needs 1 seat, but the largest table it may use has 0',
        'there is no time when all its people are available',
        'the request is no longer accepted',
        'something new from the solver',
      ],
    ],
    [
      'da',
      [
        'Gamma person har allerede så mange møder, som vedkommende tager (2 møder)',
        'Gamma person har allerede så mange møder, som vedkommende tager (1 møde)',
        'den kræver 5 pladser, men det største bord, den må bruge, har 4',
        'den kræver 1 plads, men det største bord, den må bruge, har 0',
        'der er intet tidspunkt, hvor alle dens deltagere er ledige',
        'anmodningen er ikke længere accepteret',
        'something new from the solver',
      ],
    ],
  ] as const)('says each reason from its code in the reader’s language, with plurals (%s)', (lang, want) => {
    const u = (reasonCode: Unscheduled['reasonCode'], reasonParams: Unscheduled['reasonParams'], reason = 'x') => ({
      requestId: 'r',
      clusters: [],
      reason,
      reasonCode,
      reasonParams,
    });
    const reasons = [
      u('person_full', { person: 'd9', personName: 'Gamma person', max: 2 }),
      u('person_full', { person: 'd9', personName: 'Gamma person', max: 1 }),
      u('too_few_seats', { seats: 5, largest: 4 }),
      u('too_few_seats', { seats: 1, largest: 0 }),
      u('no_common_slot', {}),
      u('no_longer_accepted', {}),
      u('other', {}, 'something new from the solver'),
    ];
    function Show(): ReactNode {
      const i18n = useI18n();
      return (
        <ul>
          {reasons.map((r, i) => (
            <li key={i}>{reasonText(r, i18n)}</li>
          ))}
        </ul>
      );
    }
    show(<Show />, lang);
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(want);
  });
});

describe('ReviewCharts', () => {
  it('sorts clusters by shortfall and countries by fewest meetings, with a table of the figures', async () => {
    expect(byShortfall(base.meetingsPerCluster).map((c) => c.name)).toEqual(['Gamma', 'Alpha', 'Beta', 'Delta']);
    show(<ReviewCharts review={base} />);
    const clusters = screen.getByRole('table', {
      name: 'Meetings per cluster (scheduled / requested), biggest shortfall first',
    });
    const rows = within(clusters).getAllByRole('row');
    expect(rows.map((r) => [...r.children].map((c) => c.textContent))).toEqual([
      ['Cluster', 'Scheduled', 'Requested'],
      ['Gamma', '0', '2'],
      ['Alpha', '3', '4'],
      ['Beta', '3', '4'],
      ['Delta', '0', '0'],
    ]);
    const countries = screen.getByRole('table', { name: 'Meetings per country, fewest first' });
    await waitFor(() =>
      expect(
        within(countries)
          .getAllByRole('rowheader')
          .map((c) => c.textContent),
      ).toEqual(['NO', 'SE', 'DK']),
    );
  });

  it.each([
    ['en', 'Meetings per cluster', 'meetings', 'Name', 'Out of'],
    ['da', 'Møder pr. klynge', 'møder', 'Navn', 'Ud af'],
  ] as const)(
    'draws the bars in HTML with each full label as text, readable on a phone (%s)',
    (lang, title, unit, nameCol, totalCol) => {
      const { container } = render(
        <I18nProvider lang={lang}>
          <BarChart
            title={title}
            unit={unit}
            bars={[
              { label: LONG_A, value: 1, total: 4 },
              { label: LONG_B, value: 2, total: 2 },
            ]}
          />
        </I18nProvider>,
      );
      // No SVG scaled to the screen width: labels are text that wraps at the page's font size.
      expect(container.querySelector('svg')).toBeNull();
      const picture = screen.getByRole('img', { name: title });
      expect([...picture.querySelectorAll('.bar-label')].map((l) => l.textContent)).toEqual([LONG_A, LONG_B]);
      expect([...picture.querySelectorAll('.bar-value')].map((l) => l.textContent)).toEqual(['1/4', '2/2']);
      const widths = [...picture.querySelectorAll<HTMLElement>('.bar')].map((b) => b.style.width);
      expect(widths).toEqual(['25%', '50%']);
      expect([...picture.querySelectorAll<HTMLElement>('.bar-total')].map((b) => b.style.width)).toEqual([
        '100%',
        '50%',
      ]);
      // The screen-reader table in the page's language.
      const table = screen.getByRole('table', { name: title });
      expect([...table.querySelectorAll('tr')].map((r) => r.textContent)).toEqual([
        `${nameCol}${unit}${totalCol}`,
        `${LONG_A}14`,
        `${LONG_B}22`,
      ]);
    },
  );
});
