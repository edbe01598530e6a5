/**
 * Synthetic but realistic cluster matchmaking events (contract version 1), for fixtures, tests
 * and the benchmark. Pure and deterministic: the same parameters and seed give the same problem.
 *
 * @example
 * ```ts
 * const problem = generateProblem({ clusters: 150, meetings: 550, slots: 16, tables: 45, seed: 7 });
 * const { problem: dense, planted } = generateInstance({ ...params, dense: true }); // planted: a full valid schedule
 * const forum = generateProblem({ clusters: 40, meetings: 180, slots: 12, seed: 3, shape: 'forum' });
 * ```
 */
import type { Assignment, Meeting, Person, Problem, Slot, Table } from '@clustermatch/domain';
import { meetingWeight } from '@clustermatch/domain';
import { Rng } from './rng';

export interface GenerateParams {
  /** Number of clusters (parties), each with 1-3 delegates. */
  readonly clusters: number;
  /** Number of requested meetings. */
  readonly meetings: number;
  /** Number of 30-minute slots over the whole event. */
  readonly slots: number;
  /** Number of tables; when omitted, derived from the load (`tightTables` picks a tight count). */
  readonly tables?: number;
  readonly seed: number;
  /** Days of the event, 1-7 (default 1); the slots are spread evenly over them. */
  readonly days?: number;
  /**
   * `requests` (default): clusters request meetings by popularity, as at a large matchmaking
   * conference. `forum`: a B2B forum as in the public instances of Bofill et al. (JAIR 2021): one
   * delegate per cluster, few tables, most delegates with many meetings, morning and afternoon
   * sessions, some delegates there only for one session or arriving late / leaving early (blocks),
   * and every meeting placeable (built around a planted schedule, returned as `planted`).
   */
  readonly shape?: 'requests' | 'forum';
  /** Share of the clusters that receive half of all requests (e.g. 0.1); default: a Zipf-like popularity. */
  readonly popularShare?: number;
  /** Share of the clusters that host their meetings at their own stand (`allowedTables`; default 0). */
  readonly hostShare?: number;
  /** Share of the delegates who need an accessible table (`allowedTables`; default 0). A tenth of
   * the tables (at least one) are accessible. */
  readonly accessibleShare?: number;
  /** Fraction of meetings that are group meetings of 3-4 people (default 0). */
  readonly groupShare?: number;
  /** Nearly every table used in every slot, built around a planted complete schedule. */
  readonly dense?: boolean;
  /** Only used when `tables` is omitted: about one table per meeting of a slot (default: 1.6 times that). */
  readonly tightTables?: boolean;
  /** IANA time zone of the venue (default Europe/Berlin). */
  readonly timezone?: string;
  /** First day, YYYY-MM-DD (default 2027-05-11). */
  readonly startDate?: string;
  /** Event name (default "Cluster Matchmaking Conference <year>"). */
  readonly name?: string;
  /** Fraction of delegates who cap their number of meetings (default 0.1). */
  readonly capShare?: number;
  /** Fraction of delegates unavailable in some slots (default 0.15). */
  readonly unavailableShare?: number;
}

export interface GeneratedInstance {
  readonly problem: Problem;
  /** For dense and forum events: a complete valid placement of every meeting (proof that all fit). */
  readonly planted?: readonly Assignment[];
}

/** Generates a problem; see {@link generateInstance}. */
export function generateProblem(params: GenerateParams): Problem {
  return generateInstance(params).problem;
}

/** Checks generator parameters; returns messages like `clusters must be a positive integer`. */
/** Largest sizes the generator accepts: far beyond any real event, small enough to finish in seconds. */
const MAX = { clusters: 5000, meetings: 100_000, slots: 500, tables: 10_000 } as const;

export function checkGenerateParams(p: GenerateParams): string[] {
  const errors: string[] = [];
  const positive = (name: string, v: number | undefined, optional = false) => {
    if (optional && v === undefined) return;
    if (v === undefined || !Number.isInteger(v) || v < 1) errors.push(`${name} must be a positive integer`);
  };
  positive('clusters', p.clusters);
  positive('meetings', p.meetings);
  positive('slots', p.slots);
  positive('tables', p.tables, true);
  if (!Number.isInteger(p.seed)) errors.push('seed must be an integer');
  if (p.days !== undefined && (!Number.isInteger(p.days) || p.days < 1 || p.days > 7))
    errors.push('days must be an integer from 1 to 7');
  if (p.shape !== undefined && p.shape !== 'requests' && p.shape !== 'forum')
    errors.push('shape must be requests or forum');
  for (const [name, v] of [
    ['groupShare', p.groupShare],
    ['capShare', p.capShare],
    ['unavailableShare', p.unavailableShare],
    ['popularShare', p.popularShare],
    ['hostShare', p.hostShare],
    ['accessibleShare', p.accessibleShare],
  ] as const) {
    if (v !== undefined && (!Number.isFinite(v) || v < 0 || v > 1))
      errors.push(`${name} must be a number between 0 and 1`);
  }
  for (const [name, v, max] of [
    ['clusters', p.clusters, MAX.clusters],
    ['meetings', p.meetings, MAX.meetings],
    ['slots', p.slots, MAX.slots],
    ['tables', p.tables, MAX.tables],
  ] as const) {
    if (v !== undefined && Number.isInteger(v) && v > max) errors.push(`${name} must be at most ${max}`);
  }
  if (p.startDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(p.startDate))
    errors.push('startDate must be YYYY-MM-DD');
  else if (
    p.startDate !== undefined &&
    new Date(`${p.startDate}T00:00:00Z`).toISOString().slice(0, 10) !== p.startDate
  ) {
    errors.push(`startDate ${p.startDate} is not a real date`);
  }
  if (p.timezone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: p.timezone });
    } catch {
      errors.push(`timezone "${p.timezone}" is not a known IANA time zone`);
    }
  }
  if (errors.length > 0) return errors;
  if (p.clusters < 2) errors.push('clusters must be at least 2');
  if ((p.days ?? 1) > p.slots) errors.push(`slots must be at least ${p.days} for a ${p.days}-day event`);
  if ((p.dense || p.shape === 'forum') && ((p.hostShare ?? 0) > 0 || (p.accessibleShare ?? 0) > 0))
    errors.push('hostShare and accessibleShare need an event without a planted schedule (not dense or forum)');
  if (p.dense && p.shape === 'forum') errors.push('dense and shape forum cannot be combined');
  const maxPairs = (p.clusters * (p.clusters - 1)) / 2;
  if (Math.floor(maxPairs * 0.6) === 0)
    errors.push(`clusters must be at least 3 (${p.clusters} clusters leave no pair to request)`);
  else if (p.meetings > maxPairs * 0.6)
    errors.push(`meetings must be at most ${Math.floor(maxPairs * 0.6)} for ${p.clusters} clusters`);
  if (p.dense) {
    const tables = p.tables ?? 0;
    if (p.tables === undefined) errors.push('tables is required for a dense event');
    else if (p.meetings > tables * p.slots)
      errors.push(`meetings must be at most tables x slots = ${tables * p.slots} for a dense event`);
  }
  return errors;
}

/**
 * Generates an event. Clusters come from ~30 countries with plausible names; each has 1-3 delegates
 * (`c0012-p1`, party `c0012`). Requests follow a Zipf-like popularity, every cluster asks for at
 * least one meeting, no pair of clusters is requested twice, and weights come from both sides'
 * interest (`meetingWeight`). Some delegates cap their meetings, some are unavailable for a block
 * of slots. Tables have mostly 2-4 seats, plus 6-8 seat tables when there are group meetings.
 *
 * A `dense` event is built from a planted complete schedule: nearly every table is used in every
 * slot, and every request fits (the planted schedule is returned and is valid).
 * @throws RangeError when the parameters are invalid (see {@link checkGenerateParams}), or when
 * not that many distinct requests fit the delegates' free slots (the message starts with `meetings:`).
 */
export function generateInstance(params: GenerateParams): GeneratedInstance {
  const errors = checkGenerateParams(params);
  if (errors.length > 0) throw new RangeError(errors.join('; '));
  const rng = new Rng(params.seed);
  const days = params.days ?? 1;
  const timezone = params.timezone ?? 'Europe/Berlin';
  const startDate = params.startDate ?? '2027-05-11';
  const groupShare = params.groupShare ?? 0;

  const slots = makeSlots(params.slots, days, startDate, timezone);
  const slotIds = slots.map((s) => s.id);
  const clusters = makeClusters(params.clusters, rng, params.popularShare);
  const meetingsCount = params.meetings;
  const groupCount = Math.round(meetingsCount * groupShare);

  let tables: Table[];
  let people: MutablePerson[];
  let meetings: Meeting[];
  let planted: Assignment[] | undefined;
  if (params.shape === 'forum') {
    people = makePeople(clusters, rng, 'forum');
    const days = params.days ?? 1;
    ({ meetings, planted, tables } = plantForum(clusters, people, slots, days, params, rng));
  } else if (params.dense) {
    tables = makeTables(
      params.tables ?? 1,
      groupShare > 0 ? Math.max(1, Math.round((params.tables ?? 1) * groupShare)) : 0,
      rng,
    );
    people = makePeople(clusters, rng);
    ({ meetings, planted } = plantDense(clusters, people, tables, slotIds, meetingsCount, groupShare > 0, rng));
    addDenseRestrictions(people, meetings, planted, slotIds, params, rng);
  } else {
    const perSlot = meetingsCount / params.slots;
    const tableCount = params.tables ?? Math.max(1, Math.ceil(perSlot * (params.tightTables ? 1.0 : 1.6)));
    const big =
      groupCount > 0
        ? Math.min(Math.max(1, Math.ceil((groupCount / params.slots) * 1.5)), Math.max(1, Math.floor(tableCount / 4)))
        : 0;
    tables = makeTables(tableCount, big, rng);
    people = makePeople(clusters, rng);
    addRestrictions(people, slotIds, days, params, rng);
    meetings = makeRequests(clusters, people, slotIds, meetingsCount, groupCount, rng);
    if ((params.hostShare ?? 0) > 0 || (params.accessibleShare ?? 0) > 0)
      ({ tables, meetings } = addTableRestrictions(clusters, people, tables, meetings, params, rng));
  }
  if (meetings.length < meetingsCount) {
    throw new RangeError(
      `meetings: only ${meetings.length} of ${meetingsCount} distinct requests fit ${params.clusters} clusters in ${params.slots} slots` +
        `${params.dense || params.shape === 'forum' ? ` at ${tables.length} tables` : ''}; ask for fewer meetings or more clusters, slots or tables`,
    );
  }

  const year = startDate.slice(0, 4);
  const problem: Problem = {
    version: 1,
    event: { name: params.name ?? `Cluster Matchmaking Conference ${year}`, timezone },
    slots,
    tables,
    people: people.map(freezePerson),
    meetings,
  };
  return planted ? { problem, planted } : { problem };
}

// ---------------------------------------------------------------------------------------------
// Slots: 30 minutes from 09:00, with a coffee break (30 min) and a lunch break (60 min) each day.

function makeSlots(count: number, days: number, startDate: string, tz: string): Slot[] {
  const slots: Slot[] = [];
  const [y, m, d] = startDate.split('-').map(Number);
  for (let day = 0; day < days; day++) {
    const n = Math.floor(count / days) + (day < count % days ? 1 : 0);
    const morning = Math.ceil(n / 2);
    const coffeeAfter = Math.ceil(morning / 2);
    let minute = 9 * 60;
    const date = new Date(Date.UTC(y, m - 1, d + day));
    const ymd = date.toISOString().slice(0, 10);
    for (let k = 0; k < n; k++) {
      if (k === coffeeAfter && k < morning) minute += 30;
      if (k === morning) minute += 60;
      const id = `d${day + 1}s${String(k + 1).padStart(2, '0')}`;
      slots.push({ id, start: localIso(ymd, minute, tz), end: localIso(ymd, minute + 30, tz) });
      minute += 30;
    }
  }
  return slots;
}

/** Offset of `tz` from UTC, in minutes, at the instant `utcMs`. */
function offsetMinutes(utcMs: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - utcMs) / 60000);
}

/** ISO 8601 with the zone's offset for a wall-clock time (minutes after midnight) on `ymd`. */
function localIso(ymd: string, minutes: number, tz: string): string {
  const [y, m, d] = ymd.split('-').map(Number);
  const naive = Date.UTC(y, m - 1, d, 0, minutes);
  let off = offsetMinutes(naive, tz);
  off = offsetMinutes(naive - off * 60000, tz);
  const local = new Date(naive).toISOString().slice(0, 16);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${local}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Clusters and delegates.

const COUNTRIES: readonly (readonly [string, string, readonly string[]])[] = [
  ['Danish', 'dk', ['Copenhagen', 'Aarhus', 'Odense']],
  ['Swedish', 'se', ['Stockholm', 'Gothenburg', 'Skåne']],
  ['Norwegian', 'no', ['Oslo', 'Bergen', 'Trøndelag']],
  ['Finnish', 'fi', ['Helsinki', 'Tampere', 'Oulu']],
  ['German', 'de', ['Bavarian', 'Saxon', 'Hamburg', 'Berlin-Brandenburg', 'Baden-Württemberg']],
  ['Dutch', 'nl', ['Brainport', 'Rotterdam', 'Twente']],
  ['Belgian', 'be', ['Flanders', 'Wallonia', 'Brussels']],
  ['French', 'fr', ['Auvergne-Rhône-Alpes', 'Occitanie', 'Bretagne', 'Île-de-France']],
  ['Spanish', 'es', ['Catalan', 'Basque', 'Andalusian', 'Valencian']],
  ['Portuguese', 'pt', ['Lisbon', 'Porto', 'Algarve']],
  ['Italian', 'it', ['Lombardy', 'Emilia-Romagna', 'Piedmont', 'Tuscan']],
  ['Austrian', 'at', ['Upper Austrian', 'Styrian', 'Vienna']],
  ['Swiss', 'ch', ['Zurich', 'Basel', 'Lake Geneva']],
  ['Polish', 'pl', ['Silesian', 'Pomeranian', 'Małopolska']],
  ['Czech', 'cz', ['Moravian', 'Prague']],
  ['Slovak', 'sk', ['Bratislava', 'Košice']],
  ['Hungarian', 'hu', ['Budapest', 'Pannon']],
  ['Slovenian', 'si', ['Ljubljana', 'Styria-Slovenia']],
  ['Croatian', 'hr', ['Zagreb', 'Dalmatian']],
  ['Romanian', 'ro', ['Transylvanian', 'Bucharest-Ilfov']],
  ['Bulgarian', 'bg', ['Sofia', 'Plovdiv']],
  ['Greek', 'gr', ['Attica', 'Thessaloniki']],
  ['Irish', 'ie', ['Dublin', 'Cork', 'Galway']],
  ['Estonian', 'ee', ['Tallinn', 'Tartu']],
  ['Latvian', 'lv', ['Riga']],
  ['Lithuanian', 'lt', ['Vilnius', 'Kaunas']],
  ['Icelandic', 'is', ['Reykjavik']],
  ['Turkish', 'tr', ['Istanbul', 'Izmir', 'Ankara']],
  ['Ukrainian', 'ua', ['Kyiv', 'Lviv', 'Kharkiv']],
  ['Canadian', 'ca', ['Ontario', 'Québec', 'Montreal']],
  ['Israeli', 'il', ['Tel Aviv', 'Haifa']],
];

const SECTORS: readonly string[] = [
  'Food Tech',
  'Agri-Food',
  'Robotics',
  'Life Science',
  'MedTech',
  'Clean Energy',
  'Wind Energy',
  'Hydrogen',
  'Water Tech',
  'Maritime',
  'Aerospace',
  'Automotive',
  'Mobility',
  'Logistics',
  'Photonics',
  'Microelectronics',
  'Software',
  'AI',
  'Cybersecurity',
  'Fintech',
  'Creative Industries',
  'Textile',
  'Wood and Furniture',
  'Packaging',
  'Circular Economy',
  'Construction',
  'Smart Cities',
  'Advanced Materials',
  'Plastics',
  'Chemicals',
  'Biotech',
  'Health',
  'Tourism',
  'Space',
  'Battery',
  'Additive Manufacturing',
  'Industry 4.0',
  'Nanotech',
  'Quantum',
  'Dairy',
];

const KINDS: readonly string[] = [
  'Cluster',
  'Cluster',
  'Cluster',
  'Network',
  'Alliance',
  'Valley',
  'Hub',
  'Initiative',
  'Association',
];

const FIRST: readonly string[] = [
  'Ana',
  'Lars',
  'Mette',
  'Jonas',
  'Sofia',
  'Mateo',
  'Lucía',
  'Pierre',
  'Camille',
  'Giulia',
  'Marco',
  'Eva',
  'Jan',
  'Katarzyna',
  'Piotr',
  'Ingrid',
  'Mikko',
  'Aino',
  'Niamh',
  'Sean',
  'Elena',
  'Nikos',
  'Zeynep',
  'Emre',
  'Oksana',
  'Taras',
  'Marie',
  'Thomas',
  'Hanna',
  'Felix',
  'Inês',
  'João',
  'Tomáš',
  'Petra',
  'Bogdan',
  'Ioana',
  'Kristjan',
  'Liis',
  'Rūta',
  'Andrius',
  'Noa',
  'Yael',
  'Chloé',
  'Louis',
  'Astrid',
  'Magnus',
  'Freya',
  'Luka',
  'Maja',
  'Sara',
];
const LAST: readonly string[] = [
  'Berg',
  'Nielsen',
  'Jensen',
  'Larsson',
  'García',
  'Martínez',
  'Dubois',
  'Lefèvre',
  'Rossi',
  'Bianchi',
  'Müller',
  'Schmidt',
  'Novak',
  'Kowalska',
  'Nowak',
  'Hansen',
  'Virtanen',
  'Korhonen',
  'Murphy',
  'Kelly',
  'Papadopoulou',
  'Yılmaz',
  'Kaya',
  'Shevchenko',
  'Kovalenko',
  'Peeters',
  'Janssens',
  'de Vries',
  'Bakker',
  'Silva',
  'Santos',
  'Dvořák',
  'Horváth',
  'Popescu',
  'Ionescu',
  'Tamm',
  'Kask',
  'Kazlauskas',
  'Cohen',
  'Levi',
  'Tremblay',
  'Roy',
  'Gruber',
  'Huber',
  'Meier',
  'Kovač',
  'Horvat',
  'Jónsson',
  'Ozols',
  'Petrov',
];

interface Cluster {
  readonly id: string;
  readonly name: string;
  readonly domain: string;
  /** Ids of its delegates. */
  readonly people: string[];
  /** Zipf-like popularity as a receiver of requests. */
  readonly popularity: number;
  /** How keen it is to request meetings: a quarter of clusters are shy and ask for one or two. */
  readonly activity: number;
}

interface MutablePerson {
  id: string;
  party: string;
  name: string;
  email: string;
  unavailable: string[];
  maxMeetings?: number;
}

function freezePerson(p: MutablePerson): Person {
  return {
    id: p.id,
    party: p.party,
    name: p.name,
    email: p.email,
    ...(p.unavailable.length > 0 ? { unavailable: p.unavailable } : {}),
    ...(p.maxMeetings !== undefined ? { maxMeetings: p.maxMeetings } : {}),
  };
}

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function makeClusters(count: number, rng: Rng, popularShare?: number): Cluster[] {
  // With popularShare, the top ranks together draw half of all requests.
  const popular = popularShare === undefined ? 0 : Math.max(1, Math.round(count * popularShare));
  const names = new Set<string>();
  const clusters: Cluster[] = [];
  // Popularity ranks are shuffled so popular clusters are not simply the first ids.
  const ranks = rng.shuffle(Array.from({ length: count }, (_, i) => i + 1));
  for (let i = 0; i < count; i++) {
    let name = '';
    let tld = '';
    for (let attempt = 0; attempt < 50 && (name === '' || names.has(name)); attempt++) {
      const [adj, code, regions] = rng.pick(COUNTRIES);
      const place = rng.chance(0.55) ? adj : rng.pick(regions);
      name = `${place} ${rng.pick(SECTORS)} ${rng.pick(KINDS)}`;
      tld = code;
    }
    if (names.has(name)) name = `${name} ${i + 1}`;
    names.add(name);
    const id = `c${String(i + 1).padStart(4, '0')}`;
    const shy = rng.chance(0.25);
    const popularity =
      popular > 0 && popular < count
        ? ranks[i] <= popular
          ? 1 / popular
          : 1 / (count - popular)
        : (shy ? 0.3 : 1) / Math.pow(ranks[i], 0.8);
    clusters.push({
      id,
      name,
      domain: `${slug(name)}.${tld}.example.org`,
      people: [],
      popularity,
      activity: shy ? 0.1 : 0.5 + rng.next(),
    });
  }
  return clusters;
}

function makePeople(clusters: Cluster[], rng: Rng, shape: 'requests' | 'forum' = 'requests'): MutablePerson[] {
  const people: MutablePerson[] = [];
  for (const c of clusters) {
    const r = rng.next();
    const n = shape === 'forum' ? 1 : r < 0.3 ? 1 : r < 0.75 ? 2 : 3;
    for (let k = 1; k <= n; k++) {
      const first = rng.pick(FIRST);
      const last = rng.pick(LAST);
      const id = `${c.id}-p${k}`;
      c.people.push(id);
      people.push({
        id,
        party: c.id,
        name: `${first} ${last}`,
        email: `${slug(first)}.${slug(last)}@${c.domain}`,
        unavailable: [],
      });
    }
  }
  return people;
}

function makeTables(count: number, big: number, rng: Rng): Table[] {
  const tables: Table[] = [];
  for (let i = 0; i < count; i++) {
    const isBig = i >= count - big;
    const seats = isBig ? (rng.chance(0.5) ? 6 : 8) : rng.chance(0.3) ? 2 : 4;
    tables.push({
      id: `T${String(i + 1).padStart(3, '0')}`,
      seats,
      name: isBig ? `Table ${i + 1} (round table)` : `Table ${i + 1}`,
    });
  }
  return tables;
}

/** Some delegates are unavailable for a block of slots (late arrival, early leave, own booth) or a
 * whole day; some cap their meetings. */
function addRestrictions(
  people: MutablePerson[],
  slotIds: readonly string[],
  days: number,
  params: GenerateParams,
  rng: Rng,
): void {
  const unShare = params.unavailableShare ?? 0.15;
  const capShare = params.capShare ?? 0.1;
  const n = slotIds.length;
  for (const p of people) {
    if (rng.chance(unShare)) {
      if (days >= 2 && rng.chance(0.25)) {
        const day = `d${rng.between(1, days)}`;
        p.unavailable = slotIds.filter((s) => s.startsWith(`${day}s`));
      } else {
        const len = Math.min(n - 1, rng.between(2, 4));
        const kind = rng.next();
        const start = kind < 0.35 ? 0 : kind < 0.7 ? n - len : rng.between(0, n - len);
        p.unavailable = slotIds.slice(start, start + len);
      }
    }
    if (rng.chance(capShare)) p.maxMeetings = rng.between(2, Math.max(2, Math.floor(n / 3)));
  }
}

/** Requested meetings: every cluster asks for at least one, receivers drawn by popularity. */
function makeRequests(
  clusters: Cluster[],
  people: MutablePerson[],
  slotIds: readonly string[],
  count: number,
  groupCount: number,
  rng: Rng,
): Meeting[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const clusterById = new Map(clusters.map((c) => [c.id, c]));
  const load = new Map(people.map((p) => [p.id, 0]));
  const capacity = (pid: string) => {
    const p = byId.get(pid);
    const free = slotIds.length - (p?.unavailable.length ?? 0);
    // Popular delegates get over-requested, up to about 1.25 times their free slots.
    const room = Math.ceil(free * 1.25);
    return Math.max(1, Math.min(room, p?.maxMeetings !== undefined ? p.maxMeetings + 2 : room));
  };
  const hasRoom = (pid: string) => (load.get(pid) ?? 0) < capacity(pid);
  const delegate = (c: Cluster, exclude: ReadonlySet<string> = new Set()): string | undefined => {
    const options = c.people.filter((pid) => hasRoom(pid) && !exclude.has(pid));
    if (options.length === 0) return undefined;
    const min = Math.min(...options.map((pid) => load.get(pid) ?? 0));
    return rng.pick(options.filter((pid) => (load.get(pid) ?? 0) <= min + 1));
  };
  const weights = clusters.map((c) => c.popularity);
  const totalPop = weights.reduce((s, w) => s + w, 0);
  const activity = clusters.map((c) => c.activity);
  const totalActivity = activity.reduce((s, w) => s + w, 0);
  const used = new Set<string>();
  const meetings: Meeting[] = [];
  const interestFor = (receiver: Cluster) => {
    // Requesters ask because they care (3-5); popular receivers are choosier.
    const requester = rng.chance(0.5) ? 5 : rng.between(3, 4);
    const choosy = receiver.popularity > 0.3 ? 1 : 0;
    const receiverInterest = Math.max(1, Math.min(5, rng.between(1, 5) - (choosy && rng.chance(0.5) ? 1 : 0)));
    return meetingWeight(requester, receiverInterest);
  };
  const add = (ps: string[], weight: number) => {
    const parties = [...new Set(ps.map((pid) => byId.get(pid)?.party ?? pid))];
    const names = parties.map((id) => clusterById.get(id)?.name ?? id);
    const title = parties.length === 2 ? `${names[0]} x ${names[1]}` : `Round table: ${names.join(', ')}`;
    for (const pid of ps) load.set(pid, (load.get(pid) ?? 0) + 1);
    meetings.push({ id: `m${String(meetings.length + 1).padStart(5, '0')}`, people: ps, weight, title });
  };

  const oneToOne = count - groupCount;
  // First pass: every cluster requests (or receives) at least one meeting.
  const order = rng.shuffle([...clusters]);
  const involved = new Set<string>();
  for (const a of order) {
    if (meetings.length >= oneToOne) break;
    if (involved.has(a.id)) continue;
    for (let attempt = 0; attempt < 40; attempt++) {
      const b = clusters[rng.weighted(weights, totalPop)];
      const key = pairKey([a.id, b.id]);
      if (b.id === a.id || used.has(key)) continue;
      const pa = delegate(a);
      const pb = delegate(b);
      if (!pa || !pb) continue;
      used.add(key);
      involved.add(a.id).add(b.id);
      add([pa, pb], interestFor(b));
      break;
    }
  }
  // Then: requesters by activity, receivers by popularity.
  for (let guard = 0; meetings.length < oneToOne && guard < count * 200; guard++) {
    const a = clusters[rng.weighted(activity, totalActivity)];
    const b = clusters[rng.weighted(weights, totalPop)];
    const key = pairKey([a.id, b.id]);
    if (b.id === a.id || used.has(key)) continue;
    const pa = delegate(a);
    const pb = delegate(b);
    if (!pa || !pb) continue;
    used.add(key);
    add([pa, pb], interestFor(b));
  }
  // Group meetings of 3-4 people: several clusters around one topic, or one pair with extra delegates.
  for (let guard = 0; meetings.length < count && guard < count * 200; guard++) {
    const size = rng.chance(0.6) ? 3 : 4;
    const a = rng.pick(clusters);
    let ps: string[] = [];
    let parties: string[];
    if (rng.chance(0.35)) {
      const b = clusters[rng.weighted(weights, totalPop)];
      if (b.id === a.id) continue;
      parties = [a.id, b.id];
      const chosen = new Set<string>();
      for (let k = 0; k < size; k++) {
        const c = k % 2 === 0 ? a : b;
        const pid = delegate(c, chosen) ?? delegate(k % 2 === 0 ? b : a, chosen);
        if (pid) chosen.add(pid);
      }
      ps = [...chosen];
    } else {
      const set = new Map<string, Cluster>([[a.id, a]]);
      for (let t = 0; set.size < size && t < 20; t++) {
        const b = clusters[rng.weighted(weights, totalPop)];
        set.set(b.id, b);
      }
      parties = [...set.keys()];
      for (const c of set.values()) {
        const pid = delegate(c);
        if (pid) ps.push(pid);
      }
    }
    parties = [...new Set(ps.map((pid) => byId.get(pid)?.party ?? pid))];
    const key = pairKey(parties);
    if (ps.length < 3 || used.has(key) || parties.length < 2) continue;
    used.add(key);
    const receivers = parties
      .slice(1)
      .map((id) => clusterById.get(id))
      .filter((c): c is Cluster => c !== undefined);
    const mean = Math.round(receivers.reduce((s) => s + rng.between(2, 5), 0) / Math.max(1, receivers.length));
    add(ps, meetingWeight(rng.between(3, 5), Math.max(1, Math.min(5, mean))));
  }
  return meetings;
}

function pairKey(parties: readonly string[]): string {
  return [...parties].sort().join('|');
}

// ---------------------------------------------------------------------------------------------
// Forum events (B2B forums as described by Bofill et al.): plant a schedule first, so every
// meeting is placeable, with availability in blocks decided before the plant.

function plantForum(
  clusters: Cluster[],
  people: MutablePerson[],
  slots: readonly Slot[],
  days: number,
  params: GenerateParams,
  rng: Rng,
): { meetings: Meeting[]; planted: Assignment[]; tables: Table[] } {
  const S = slots.length;
  const dayOf = slots.map((s) => Number(/^d(\d+)s/.exec(s.id)?.[1] ?? 1) - 1);
  const slotsOfDay = Array.from({ length: days }, (_, d) => slots.flatMap((s, k) => (dayOf[k] === d ? [k] : [])));
  const morning = (k: number): boolean => {
    const day = slotsOfDay[dayOf[k]];
    return day.indexOf(k) < Math.ceil(day.length / 2);
  };
  // Availability in blocks: a session only, a late arrival or early leave, one day of several.
  const blockShare = params.unavailableShare ?? 0.45;
  const free = people.map((p) => {
    const ok = new Array<boolean>(S).fill(true);
    if (rng.chance(blockShare)) {
      const r = rng.next();
      if (r < 0.35) for (let k = 0; k < S; k++) ok[k] = morning(k);
      else if (r < 0.55) for (let k = 0; k < S; k++) ok[k] = !morning(k);
      else if (r < 0.8) {
        const day = slotsOfDay[0];
        for (const k of day.slice(0, rng.between(2, Math.max(2, Math.floor(day.length / 3))))) ok[k] = false;
      } else {
        const day = slotsOfDay[days - 1];
        for (const k of day.slice(day.length - rng.between(2, Math.max(2, Math.floor(day.length / 3))))) ok[k] = false;
      }
    }
    if (days > 1 && rng.chance(0.2)) {
      const d = rng.between(0, days - 1);
      for (const k of slotsOfDay[d]) ok[k] = false;
    }
    if (!ok.some(Boolean)) ok[rng.between(0, S - 1)] = true;
    p.unavailable = slots.flatMap((s, k) => (ok[k] ? [] : [s.id]));
    return ok;
  });
  // Most delegates want many meetings; a few want only some. Targets add up to two per meeting.
  const share = people.map(() => (rng.chance(0.85) ? 0.55 + 0.4 * rng.next() : 0.2 + 0.3 * rng.next()));
  const raw = people.map((_, i) => free[i].filter(Boolean).length * share[i]);
  const scale =
    (2.2 * params.meetings) /
    Math.max(
      1,
      raw.reduce((a, b) => a + b, 0),
    );
  const left = raw.map((r, i) => Math.min(free[i].filter(Boolean).length, Math.round(r * scale)));
  const tableCount = params.tables ?? Math.max(1, Math.ceil((params.meetings / S) * 1.2));
  const tables = makeTables(tableCount, 0, rng);
  const partyOf = people.map((p) => p.party);
  const met = new Set<string>();
  const meetings: Meeting[] = [];
  const assignments: { meeting: string; slot: string; table: string }[] = [];
  const byParty = new Map(clusters.map((c) => [c.id, c]));
  for (let round = 0; round < 8 && meetings.length < params.meetings; round++) {
    for (const k of rng.shuffle(Array.from({ length: S }, (_, i) => i))) {
      const inSlot = assignments.filter((a) => a.slot === slots[k].id).length;
      let room = tableCount - inSlot;
      const busy = new Set(
        assignments
          .filter((a) => a.slot === slots[k].id)
          .flatMap((a) => meetings.find((m) => m.id === a.meeting)?.people ?? []),
      );
      const pool = rng
        .shuffle(people.map((_, i) => i))
        .filter((i) => free[i][k] && left[i] > 0 && !busy.has(people[i].id))
        .sort((a, b) => left[b] - left[a]);
      const used = new Set<number>();
      for (const a of pool) {
        if (room <= 0 || meetings.length >= params.meetings) break;
        if (used.has(a)) continue;
        const b = pool.find((x) => x !== a && !used.has(x) && !met.has(pairKey([partyOf[a], partyOf[x]])));
        if (b === undefined) continue;
        used.add(a).add(b);
        met.add(pairKey([partyOf[a], partyOf[b]]));
        left[a]--;
        left[b]--;
        room--;
        const id = `m${String(meetings.length + 1).padStart(5, '0')}`;
        const names = [partyOf[a], partyOf[b]].map((q) => byParty.get(q)?.name ?? q);
        meetings.push({
          id,
          people: [people[a].id, people[b].id],
          weight: meetingWeight(rng.between(3, 5), rng.between(1, 5)),
          title: `${names[0]} x ${names[1]}`,
        });
        assignments.push({ meeting: id, slot: slots[k].id, table: '' });
      }
    }
  }
  // Tables per slot in planting order, then ids shuffled so the planted order is no hint.
  const perSlot = new Map<string, number>();
  for (const a of assignments) {
    const n = perSlot.get(a.slot) ?? 0;
    perSlot.set(a.slot, n + 1);
    a.table = tables[n].id;
  }
  const perm = rng.shuffle(meetings.map((_, i) => i));
  const rename = new Map<string, string>();
  const shuffled = perm.map((i, k) => {
    const id = `m${String(k + 1).padStart(5, '0')}`;
    rename.set(meetings[i].id, id);
    return { ...meetings[i], id };
  });
  return {
    meetings: shuffled,
    planted: assignments.map((a) => ({ ...a, meeting: rename.get(a.meeting) ?? a.meeting })),
    tables,
  };
}

/**
 * Tables some meetings must use (`allowedTables`): host clusters meet at their own stand, and
 * delegates who need an accessible table meet at one of the accessible tables (at the host's
 * stand only when it is accessible too).
 */
function addTableRestrictions(
  clusters: Cluster[],
  people: MutablePerson[],
  tables: Table[],
  meetings: Meeting[],
  params: GenerateParams,
  rng: Rng,
): { tables: Table[]; meetings: Meeting[] } {
  const out = tables.map((t) => ({ ...t }));
  const accessible = new Set(
    rng
      .shuffle(out.map((_, i) => i))
      .slice(0, Math.max(1, Math.round(out.length / 10)))
      .map((i) => out[i].id),
  );
  const hosts = rng
    .shuffle([...clusters])
    .slice(0, Math.min(Math.floor(out.length / 2), Math.round(clusters.length * (params.hostShare ?? 0))));
  const stand = new Map<string, string>();
  const standTables = rng.shuffle(out.map((_, i) => i)).slice(0, hosts.length);
  hosts.forEach((c, k) => {
    const t = out[standTables[k]];
    stand.set(c.id, t.id);
    t.name = `${t.name} (stand of ${c.name})`;
  });
  for (const t of out) if (accessible.has(t.id)) t.name = `${t.name} (accessible)`;
  const needsAccess = new Set(people.filter(() => rng.chance(params.accessibleShare ?? 0)).map((p) => p.id));
  const partyOf = new Map(people.map((p) => [p.id, p.party]));
  const seats = new Map(out.map((t) => [t.id, t.seats]));
  const restricted = meetings.map((m) => {
    const fits = (t: string): boolean => (seats.get(t) ?? 0) >= m.people.length;
    const stands = [...new Set(m.people.map((p) => stand.get(partyOf.get(p) ?? '') ?? ''))].filter(
      (t) => t !== '' && fits(t),
    );
    const access = m.people.some((p) => needsAccess.has(p)) ? [...accessible].filter(fits) : undefined;
    let allowed: string[] | undefined = stands.length > 0 ? stands : undefined;
    if (access) {
      const both = (allowed ?? access).filter((t) => access.includes(t));
      allowed = both.length > 0 ? both : access;
    }
    return allowed && allowed.length > 0 ? { ...m, allowedTables: allowed.sort() } : m;
  });
  return { tables: out, meetings: restricted };
}

// ---------------------------------------------------------------------------------------------
// Dense events: plant a complete schedule, then derive the requests (and restrictions) from it.

function plantDense(
  clusters: Cluster[],
  people: MutablePerson[],
  tables: Table[],
  slotIds: readonly string[],
  count: number,
  groups: boolean,
  rng: Rng,
): { meetings: Meeting[]; planted: Assignment[] } {
  const byId = new Map(people.map((p) => [p.id, p]));
  const clusterById = new Map(clusters.map((c) => [c.id, c]));
  const planted: number[] = people.map(() => 0);
  const index = new Map(people.map((p, i) => [p.id, i]));
  const used = new Set<string>();
  const meetings: Meeting[] = [];
  const assignments: Assignment[] = [];
  const S = slotIds.length;
  for (let s = 0; s < S; s++) {
    const quota = Math.floor(count / S) + (s < count % S ? 1 : 0);
    const busy = new Set<string>();
    // Least-loaded people first, random among equals.
    const pool = rng
      .shuffle(people.map((p) => p.id))
      .sort((x, y) => planted[index.get(x) ?? 0] - planted[index.get(y) ?? 0]);
    const tableOrder = rng.shuffle([...tables]);
    let placed = 0;
    for (const t of tableOrder) {
      if (placed >= quota) break;
      const size = groups && t.seats >= 6 ? rng.between(3, Math.min(4, t.seats)) : 2;
      const chosen: string[] = [];
      const parties = new Set<string>();
      for (const pid of pool) {
        if (chosen.length >= size) break;
        const party = byId.get(pid)?.party ?? pid;
        if (busy.has(pid) || parties.has(party)) continue;
        if (chosen.length === size - 1 && used.has(pairKey([...parties, party]))) continue;
        chosen.push(pid);
        parties.add(party);
      }
      if (chosen.length < size) continue;
      const key = pairKey([...parties]);
      used.add(key);
      for (const pid of chosen) {
        busy.add(pid);
        planted[index.get(pid) ?? 0]++;
      }
      const names = [...parties].map((id) => clusterById.get(id)?.name ?? id);
      const id = `m${String(meetings.length + 1).padStart(5, '0')}`;
      const weight =
        size === 2
          ? meetingWeight(rng.between(3, 5), rng.between(1, 5))
          : meetingWeight(rng.between(3, 5), rng.between(2, 5));
      meetings.push({
        id,
        people: chosen,
        weight,
        title: size === 2 ? `${names[0]} x ${names[1]}` : `Round table: ${names.join(', ')}`,
      });
      assignments.push({ meeting: id, slot: slotIds[s], table: t.id });
      placed++;
    }
  }
  // Present requests in a random order (ids renumbered) so the planted order is not a hint.
  const perm = rng.shuffle(meetings.map((_, i) => i));
  const rename = new Map<string, string>();
  const shuffled = perm.map((i, k) => {
    const id = `m${String(k + 1).padStart(5, '0')}`;
    rename.set(meetings[i].id, id);
    return { ...meetings[i], id };
  });
  return {
    meetings: shuffled,
    planted: assignments.map((a) => ({ ...a, meeting: rename.get(a.meeting) ?? a.meeting })),
  };
}

/** Restrictions that keep the planted schedule valid: unavailability only where a delegate has no
 * planted meeting, caps at or above the planted count (some exactly at it), a few allowedSlots. */
function addDenseRestrictions(
  people: MutablePerson[],
  meetings: Meeting[],
  planted: readonly Assignment[],
  slotIds: readonly string[],
  params: GenerateParams,
  rng: Rng,
): void {
  const slotOf = new Map(planted.map((a) => [a.meeting, a.slot]));
  const busySlots = new Map<string, Set<string>>();
  for (const m of meetings) {
    const s = slotOf.get(m.id);
    if (s === undefined) continue;
    for (const pid of m.people) busySlots.set(pid, (busySlots.get(pid) ?? new Set<string>()).add(s));
  }
  const unShare = params.unavailableShare ?? 0.15;
  const capShare = params.capShare ?? 0.1;
  for (const p of people) {
    const busy = busySlots.get(p.id) ?? new Set<string>();
    if (rng.chance(unShare)) {
      const free = slotIds.filter((s) => !busy.has(s));
      const start = rng.between(0, Math.max(0, free.length - 1));
      p.unavailable = free.slice(start, start + rng.between(1, 3));
    }
    if (rng.chance(capShare)) p.maxMeetings = busy.size + (rng.chance(0.5) ? 0 : 1);
  }
  // A few meetings limited to a window around their planted slot.
  for (let i = 0; i < meetings.length; i++) {
    if (!rng.chance(0.05)) continue;
    const s = slotOf.get(meetings[i].id);
    if (s === undefined) continue;
    const k = slotIds.indexOf(s);
    meetings[i] = { ...meetings[i], allowedSlots: slotIds.slice(Math.max(0, k - 2), k + 3) };
  }
}
