/** Sets up a small event through the service's real API (used by the component tests). */
import type { RunningService } from './service';

export interface Seeded {
  organiserToken: string;
  eventId: string;
  clusters: { id: string; name: string }[];
  delegates: { id: string; clusterId: string; email: string; token: string }[];
}

async function call<T>(
  svc: RunningService,
  path: string,
  token: string | null,
  body?: unknown,
  method?: string,
): Promise<T> {
  const res = await fetch(`${svc.url}/api${path}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method ?? 'POST'} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function delegateToken(svc: RunningService, email: string): Promise<string> {
  const since = svc.logs.length;
  await call(svc, '/auth/magic-link', null, { email });
  const link = await svc.magicLink(email, since);
  const token = new URL(link).searchParams.get('token') ?? '';
  return (await call<{ accessToken: string }>(svc, '/auth/magic-link/verify', null, { token })).accessToken;
}

const PROFILE = {
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
};

export async function seedEvent(svc: RunningService): Promise<Seeded> {
  const organiserToken = (await call<{ accessToken: string }>(svc, '/auth/login', null, svc.organiser)).accessToken;
  for (const [kind, name] of [
    ['sector', 'Energy'],
    ['sector', 'Food'],
    ['technology', 'Hydrogen'],
  ] as const) {
    await call(svc, '/taxonomy', organiserToken, { kind, name });
  }
  const event = await call<{ id: string }>(svc, '/events', organiserToken, {
    name: 'Component Test Event',
    venue: 'Hall 1',
    timezone: 'Europe/Copenhagen',
    requestDeadline: '2027-05-01T22:00:00Z',
    days: [{ date: '2027-05-11', startTime: '09:00', endTime: '11:00', meetingMinutes: 30, breaks: [] }],
    tables: [
      { name: 'T1', seats: 4 },
      { name: 'T2', seats: 4 },
    ],
  });
  const clusters: Seeded['clusters'] = [];
  const delegates: Seeded['delegates'] = [];
  const defs = [
    ['North Energy Cluster', 'DK', 'north@energy.example.org'],
    ['South Food Cluster', 'PT', 'south@food.example.org'],
  ] as const;
  for (const [name, country, email] of defs) {
    const c = await call<{ id: string }>(svc, '/clusters', organiserToken, {
      ...PROFILE,
      name,
      country,
      sectors: country === 'PT' ? ['Food'] : ['Energy'],
    });
    await call(svc, `/events/${event.id}/participants`, organiserToken, { clusterId: c.id });
    const d = await call<{ id: string }>(svc, `/clusters/${c.id}/delegates`, organiserToken, {
      name: `Delegate of ${name}`,
      email,
      role: 'Manager',
    });
    clusters.push({ id: c.id, name });
    delegates.push({ id: d.id, clusterId: c.id, email, token: await delegateToken(svc, email) });
  }
  return { organiserToken, eventId: event.id, clusters, delegates };
}
