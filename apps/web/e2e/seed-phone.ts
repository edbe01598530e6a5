/**
 * A larger event for the phone and print checks (issue 16, items 2 and 3), set up through the service's real API:
 * more clusters than one directory page holds, more tables than one printed sheet holds, two days, and a published
 * schedule in which the first delegate has meetings on both days.
 */
import { delegateToken } from './seed';
import type { RunningService } from './service';

export interface PhoneSeed {
  organiserToken: string;
  eventId: string;
  eventName: string;
  versionId: string;
  tables: string[];
  clusters: { id: string; name: string }[];
  /** The delegate with the most meetings (one cluster's only delegate). */
  delegate: { id: string; email: string; token: string; name: string; clusterName: string };
}

async function call<T>(svc: RunningService, path: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(`${svc.url}/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

const PROFILE = {
  region: 'Region',
  technologies: [],
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
  offers: 'Test beds for pilots',
  seeks: 'Partners for joint projects',
};

/** `clusterCount` clusters with one delegate each, `tableCount` tables; the first delegate meets the next six. */
export async function seedPhoneEvent(
  svc: RunningService,
  { clusterCount = 24, tableCount = 16 }: { clusterCount?: number; tableCount?: number } = {},
): Promise<PhoneSeed> {
  const organiserToken = (await call<{ accessToken: string }>(svc, '/auth/login', '', svc.organiser)).accessToken;
  await call(svc, '/taxonomy', organiserToken, { kind: 'sector', name: 'Energy' }).catch(() => undefined);
  const eventName = 'Phone Test Event';
  const tables = Array.from({ length: tableCount }, (_, i) => `Table ${String(i + 1).padStart(2, '0')}`);
  const event = await call<{ id: string }>(svc, '/events', organiserToken, {
    name: eventName,
    venue: 'Hall 3',
    timezone: 'Europe/Copenhagen',
    requestDeadline: '2099-05-01T22:00:00Z',
    days: [
      { date: '2099-05-11', startTime: '09:00', endTime: '11:00', meetingMinutes: 30, breaks: [] },
      { date: '2099-05-12', startTime: '09:00', endTime: '11:00', meetingMinutes: 30, breaks: [] },
    ],
    tables: tables.map((name) => ({ name, seats: 4 })),
  });
  const countries = ['DK', 'SE', 'NO', 'DE', 'PT', 'ES', 'FR', 'NL'];
  const clusters: PhoneSeed['clusters'] = [];
  const delegates: { id: string; email: string; name: string }[] = [];
  for (let i = 0; i < clusterCount; i++) {
    const name = `Cluster ${String(i + 1).padStart(2, '0')} ${countries[i % countries.length]}`;
    const c = await call<{ id: string }>(svc, '/clusters', organiserToken, {
      ...PROFILE,
      name,
      country: countries[i % countries.length],
      sectors: ['Energy'],
    });
    await call(svc, `/events/${event.id}/participants`, organiserToken, { clusterId: c.id });
    const email = `phone${i + 1}@cluster.example.org`;
    const delegateName = `Delegate ${i + 1}`;
    const d = await call<{ id: string }>(svc, `/clusters/${c.id}/delegates`, organiserToken, {
      name: delegateName,
      email,
      role: 'Manager',
    });
    clusters.push({ id: c.id, name });
    delegates.push({ id: d.id, email, name: delegateName });
  }
  const first = delegates[0];
  const firstCluster = clusters[0];
  if (!first || !firstCluster) throw new Error('no cluster');
  const token = await delegateToken(svc, first.email);
  for (let i = 1; i <= 6 && i < clusterCount; i++) {
    const other = delegates[i];
    const cluster = clusters[i];
    if (!other || !cluster) break;
    const r = await call<{ id: string }>(svc, `/events/${event.id}/requests`, token, {
      receiverClusterIds: [cluster.id],
      interest: 4,
      delegateIds: [first.id],
    });
    await call(svc, `/requests/${r.id}/accept`, await delegateToken(svc, other.email), {
      interest: 4,
      delegateIds: [other.id],
    });
  }
  const started = await call<{ statusUrl: string }>(svc, `/events/${event.id}/schedule/solve`, organiserToken, {
    timeLimitSeconds: 1,
    seed: 1,
  });
  let versionId = '';
  for (let i = 0; i < 600 && !versionId; i++) {
    const job = await call<{ state: string; version: { id: string } | null }>(
      svc,
      started.statusUrl.replace(/^\/api/, ''),
      organiserToken,
    );
    if (job.state === 'done' && job.version) versionId = job.version.id;
    else if (job.state === 'failed') throw new Error('the solve failed');
    else await new Promise((res) => setTimeout(res, 100));
  }
  await call(svc, `/events/${event.id}/schedule/versions/${versionId}/publish`, organiserToken, {});
  return {
    organiserToken,
    eventId: event.id,
    eventName,
    versionId,
    tables,
    clusters,
    delegate: { ...first, token, clusterName: firstCluster.name },
  };
}
