/**
 * Writes fixtures/demo-event.json: a deterministic demo conference of 150 clusters, 300 delegates and
 * 550 accepted meeting requests (plus a few pending and declined ones). Same output on every run.
 *
 *     node -r @swc-node/register apps/api/scripts/make-demo.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '@clustermatch/solver';
import type { DemoCluster, DemoFixture, DemoRequest } from '../src/seed/demo-fixture';

const rng = new Rng(20270511);
const rnd = (): number => rng.next();
const int = (lo: number, hi: number): number => rng.between(lo, hi);
const pick = <T>(xs: readonly T[]): T => rng.pick(xs);
const pickSome = <T>(xs: readonly T[], n: number): T[] => {
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(rnd() * pool.length), 1)[0] as T);
  return out;
};

const SECTORS = [
  'Energy',
  'Health',
  'Mobility',
  'Agrifood',
  'Advanced manufacturing',
  'Digital',
  'Textiles',
  'Construction',
  'Aerospace',
  'Maritime',
  'Creative industries',
  'Tourism',
];
const TECHNOLOGIES = [
  'Hydrogen',
  'Artificial intelligence',
  'Robotics',
  'Batteries',
  'Photonics',
  'Biotech',
  'IoT',
  'Advanced materials',
  'Cybersecurity',
  'Additive manufacturing',
  'Quantum',
  'Microelectronics',
  'Circular economy',
  'Blockchain',
];
const PLACES: [string, string[]][] = [
  ['DE', ['Bavaria', 'Saxony', 'Baden-Wurttemberg', 'North Rhine-Westphalia', 'Hamburg']],
  ['FR', ['Occitanie', 'Brittany', 'Auvergne-Rhone-Alpes', 'Ile-de-France']],
  ['ES', ['Catalonia', 'Basque Country', 'Andalusia', 'Valencia']],
  ['IT', ['Lombardy', 'Piedmont', 'Emilia-Romagna', 'Apulia']],
  ['PL', ['Silesia', 'Lesser Poland', 'Pomerania']],
  ['NL', ['North Brabant', 'South Holland']],
  ['AT', ['Styria', 'Upper Austria']],
  ['SE', ['Skane', 'Vastra Gotaland']],
  ['PT', ['Norte', 'Centro']],
  ['CZ', ['South Moravia']],
  ['FI', ['Uusimaa']],
  ['DK', ['Central Denmark']],
  ['BE', ['Flanders', 'Wallonia']],
  ['IE', ['Southern Region']],
  ['GR', ['Attica', 'Central Macedonia']],
];
const FIRST = [
  'Ana',
  'Ben',
  'Clara',
  'David',
  'Elena',
  'Felix',
  'Greta',
  'Hugo',
  'Ines',
  'Jonas',
  'Katja',
  'Luca',
  'Marta',
  'Nils',
  'Olga',
  'Pablo',
  'Quentin',
  'Rosa',
  'Stefan',
  'Tereza',
  'Ugo',
  'Vera',
  'Willem',
  'Xenia',
  'Yannick',
  'Zofia',
];
const LAST = [
  'Schmidt',
  'Dubois',
  'Garcia',
  'Rossi',
  'Nowak',
  'de Vries',
  'Gruber',
  'Lindqvist',
  'Silva',
  'Novak',
  'Virtanen',
  'Jensen',
  'Peeters',
  'Murphy',
  'Papadopoulos',
  'Weber',
  'Moreau',
  'Lopez',
  'Bianchi',
  'Kowalski',
];
const ROLES = [
  'Cluster manager',
  'Innovation manager',
  'International relations',
  'Project manager',
  'Managing director',
];
const KINDS = ['Cluster', 'Network', 'Alliance', 'Valley', 'Platform', 'Hub'];

const slug = (s: string): string =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const clusters: DemoCluster[] = [];
const usedNames = new Set<string>();
const usedEmails = new Set<string>();
for (let i = 1; clusters.length < 150; i++) {
  const [country, regions] = pick(PLACES);
  const region = pick(regions);
  const sectors = pickSome(SECTORS, int(1, 2));
  const technologies = pickSome(TECHNOLOGIES, int(1, 3));
  const name = `${region} ${technologies[0]} ${pick(KINDS)}`;
  if (usedNames.has(name)) continue;
  usedNames.add(name);
  const key = `c${String(clusters.length + 1).padStart(3, '0')}`;
  const companies = int(20, 400);
  const label = pick(['gold', 'gold', 'silver', 'silver', 'silver', 'bronze', 'bronze', 'in_process', 'none'] as const);
  const site = slug(name);
  const delegates = [0, 1].map((j) => {
    let first = pick(FIRST);
    let last = pick(LAST);
    let email = `${slug(first)}.${slug(last)}@${site}.example.org`;
    while (usedEmails.has(email)) {
      first = pick(FIRST);
      last = pick(LAST);
      email = `${slug(first)}.${slug(last)}@${site}.example.org`;
    }
    usedEmails.add(email);
    return {
      key: `${key}-d${j + 1}`,
      name: `${first} ${last}`,
      email,
      role: ROLES[(clusters.length + j) % ROLES.length] ?? 'Cluster manager',
    };
  });
  clusters.push({
    key,
    name,
    country,
    region,
    sectors,
    technologies,
    scope: pick(['local', 'regional', 'regional', 'national', 'international'] as const),
    label,
    labelValidUntil:
      label === 'none' || label === 'in_process'
        ? null
        : `${int(2026, 2029)}-${String(int(1, 12)).padStart(2, '0')}-28`,
    members: {
      companies,
      smes: Math.round(companies * (0.5 + rnd() * 0.45)),
      knowledgeInstitutions: int(1, 25),
      publicBodies: int(0, 10),
      industryAssociations: int(0, 6),
      financialActors: int(0, 5),
    },
    secretariatSize: int(2, 15),
    offers: `${pick(['Pilot lines', 'Test beds', 'Living labs', 'Demonstration sites', 'Shared laboratories'])} for ${technologies.join(' and ').toLowerCase()} in ${sectors[0]?.toLowerCase()}; access to ${int(20, 300)} member companies in ${region}.`,
    seeks: `Partners in ${pick(SECTORS).toLowerCase()} for ${pick(['joint Horizon Europe proposals', 'supply-chain matchmaking', 'market entry in', 'staff exchange with', 'co-investment in'])} ${pick(TECHNOLOGIES).toLowerCase()} projects.`,
    website: `https://${site}.example.org`,
    delegates,
  });
}

const degree = new Map<string, number>();
const pairs = new Set<string>();
const requests: DemoRequest[] = [];
const NOTES = [
  'Joint project idea',
  'Supply-chain partners',
  'Staff exchange',
  'Interregional investment',
  'Test-bed access',
  'Follow-up of last year',
  'Market entry',
];
const wanted = { accepted: 550, pending: 20, declined: 15 };
for (const status of ['accepted', 'pending', 'declined'] as const) {
  let made = 0;
  while (made < wanted[status]) {
    const a = pick(clusters);
    const b = pick(clusters);
    if (a.key === b.key) continue;
    const key = [a.key, b.key].sort().join(':');
    if (pairs.has(key)) continue;
    if (status === 'accepted' && ((degree.get(a.key) ?? 0) >= 11 || (degree.get(b.key) ?? 0) >= 11)) continue;
    pairs.add(key);
    if (status === 'accepted') {
      degree.set(a.key, (degree.get(a.key) ?? 0) + 1);
      degree.set(b.key, (degree.get(b.key) ?? 0) + 1);
    }
    const ad = a.delegates.map((d) => d.key);
    const bd = b.delegates.map((d) => d.key);
    requests.push({
      from: a.key,
      to: b.key,
      status,
      requesterInterest: int(1, 5),
      receiverInterest: status === 'accepted' ? int(1, 5) : null,
      note: pick(NOTES),
      requesterDelegates: rnd() < 0.15 ? ad : [pick(ad)],
      receiverDelegates: status === 'accepted' ? (rnd() < 0.15 ? bd : [pick(bd)]) : [],
    });
    made++;
  }
}

const fixture: DemoFixture = {
  version: 1,
  taxonomy: { sectors: SECTORS, technologies: TECHNOLOGIES },
  event: {
    name: 'European Cluster Matchmaking 2027 (demo)',
    venue: 'Messe Berlin, Hall 7',
    timezone: 'Europe/Berlin',
    requestDeadline: '2027-05-01T22:00:00.000Z',
    days: ['2027-05-11', '2027-05-12'].map((date) => ({
      date,
      startTime: '09:00',
      endTime: '17:30',
      meetingMinutes: 30,
      breaks: [
        { start: '10:30', end: '10:45' },
        { start: '12:30', end: '13:30' },
        { start: '15:30', end: '15:45' },
      ],
    })),
    tables: Array.from({ length: 30 }, (_, i) => ({
      name: `T${String(i + 1).padStart(2, '0')}`,
      seats: i < 6 ? 6 : 4,
    })),
  },
  clusters,
  requests,
};

const out = join(__dirname, '..', '..', '..', 'fixtures', 'demo-event.json');
writeFileSync(out, `${JSON.stringify(fixture, null, 1)}\n`);
process.stdout.write(
  `wrote ${out}: ${clusters.length} clusters, ${clusters.length * 2} delegates, ${requests.filter((r) => r.status === 'accepted').length} accepted requests\n`,
);
