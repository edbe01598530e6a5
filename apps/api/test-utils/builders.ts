import type { TestApp } from './start-test-app';

export interface Basics {
  eventId: string;
  clusterIds: string[];
  /** Delegate ids per cluster (same order as clusterIds). */
  delegateIds: string[][];
  slotIds: string[];
  tableIds: string[];
}

/** A valid cluster body; `i` makes the name unique. */
export function clusterBody(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `Cluster ${String(i).padStart(3, '0')}`,
    country: ['DE', 'FR', 'ES', 'IT', 'PL'][i % 5],
    region: `Region ${i % 7}`,
    sectors: [['Energy', 'Health', 'Mobility'][i % 3]],
    technologies: [['Hydrogen', 'AI', 'Robotics', 'Batteries'][i % 4]],
    scope: ['local', 'regional', 'national', 'international'][i % 4],
    label: ['gold', 'silver', 'bronze', 'in_process', 'none'][i % 5],
    labelValidUntil: '2028-12-31',
    members: {
      companies: 40 + i,
      smes: 30,
      knowledgeInstitutions: 3,
      publicBodies: 2,
      industryAssociations: 1,
      financialActors: 1,
    },
    secretariatSize: 4,
    offers: `Pilot sites and testbeds number ${i}`,
    seeks: i % 2 ? 'Partners for hydrogen storage' : 'Access to hospital data',
    website: `https://cluster${i}.example.org`,
    ...extra,
  };
}

export interface SetUpOptions {
  /** The organiser's token (default: the test organiser's, of the demo organisation). */
  token?: string;
  /** Put before cluster names, e-mail domains and the event name (a second organisation's data apart). */
  prefix?: string;
}

/**
 * Through the API, as the organiser: taxonomy, one event (one day of 30-min slots, tables), `clusters`
 * clusters taking part, `delegatesPerCluster` delegates each.
 */
export async function setUpEvent(
  t: TestApp,
  clusters = 4,
  delegatesPerCluster = 2,
  options: SetUpOptions = {},
): Promise<Basics> {
  const prefix = options.prefix ?? '';
  const auth = { Authorization: `Bearer ${options.token ?? (await t.organiserToken())}` };
  for (const [kind, names] of [
    ['sector', ['Energy', 'Health', 'Mobility']],
    ['technology', ['Hydrogen', 'AI', 'Robotics', 'Batteries']],
  ] as const) {
    for (const name of names) {
      const res = await t.http.post('/api/taxonomy').set(auth).send({ kind, name });
      if (res.status !== 201 && res.status !== 409)
        throw new Error(`taxonomy: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
  const ev = await t.http
    .post('/api/events')
    .set(auth)
    .send({
      name: `${prefix}Test conference`,
      venue: 'Hall 1',
      timezone: 'Europe/Berlin',
      requestDeadline: '2099-01-01T00:00:00Z',
      days: [
        {
          date: '2027-05-11',
          startTime: '09:00',
          endTime: '12:00',
          meetingMinutes: 30,
          breaks: [{ start: '10:30', end: '11:00' }],
        },
      ],
      tables: [
        { name: 'T1', seats: 4 },
        { name: 'T2', seats: 4 },
        { name: 'T3', seats: 6 },
      ],
    });
  if (ev.status !== 201) throw new Error(`event: ${ev.status} ${JSON.stringify(ev.body)}`);
  const eventId: string = ev.body.id;
  const clusterIds: string[] = [];
  const delegateIds: string[][] = [];
  for (let i = 0; i < clusters; i++) {
    const body = clusterBody(i);
    if (prefix)
      Object.assign(body, {
        name: `${prefix}${String(body['name'])}`,
        website: `https://${prefix.toLowerCase()}${i}.example.org`,
      });
    const c = await t.http.post('/api/clusters').set(auth).send(body);
    if (c.status !== 201) throw new Error(`cluster: ${c.status} ${JSON.stringify(c.body)}`);
    clusterIds.push(c.body.id);
    await t.http.post(`/api/events/${eventId}/participants`).set(auth).send({ clusterId: c.body.id }).expect(201);
    const ds: string[] = [];
    for (let j = 0; j < delegatesPerCluster; j++) {
      const d = await t.http
        .post(`/api/clusters/${c.body.id}/delegates`)
        .set(auth)
        .send({
          name: `${prefix}Delegate ${i}-${j}`,
          email: `d${i}-${j}@${prefix.toLowerCase()}cluster${i}.example.org`,
          role: 'Manager',
        });
      if (d.status !== 201) throw new Error(`delegate: ${d.status} ${JSON.stringify(d.body)}`);
      ds.push(d.body.id);
    }
    delegateIds.push(ds);
  }
  const slots = await t.http.get(`/api/events/${eventId}/slots`).set(auth).expect(200);
  return {
    eventId,
    clusterIds,
    delegateIds,
    slotIds: (slots.body as { id: string }[]).map((s) => s.id),
    tableIds: (ev.body.tables as { id: string }[]).map((x) => x.id),
  };
}
