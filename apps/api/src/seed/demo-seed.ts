import { randomUUID } from 'node:crypto';
import { EntityManager, ObjectLiteral } from 'typeorm';
import { ClusterEntity, ClusterTermEntity, ParticipationEntity } from '../clusters/cluster.entity';
import { DelegateEntity } from '../delegates/delegate.entity';
import { EventDayEntity, EventEntity, EventTableEntity, SlotEntity } from '../events/event.entity';
import { generateSlots } from '../events/slots';
import { pairKey } from '../requests/requests.service';
import { MeetingRequestEntity, RequestDelegateEntity, RequestPartyEntity } from '../requests/request.entity';
import { TaxonomyTermEntity } from '../taxonomy/taxonomy-term.entity';
import type { DemoFixture } from './demo-fixture';

async function insertChunks<T extends ObjectLiteral>(
  m: EntityManager,
  entity: new () => T,
  rows: T[],
  size = 200,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await m.insert(entity, rows.slice(i, i + size));
}

export interface DemoSeedResult {
  eventId: string;
  clusters: number;
  delegates: number;
  acceptedRequests: number;
}

/** Writes the demo event inside the caller's transaction (terms are reused by name). */
export async function seedDemoEvent(
  m: EntityManager,
  f: DemoFixture,
  now: string,
  organisationId: string,
): Promise<DemoSeedResult> {
  const termId = new Map<string, string>();
  for (const t of await m.find(TaxonomyTermEntity)) termId.set(`${t.kind}:${t.name}`, t.id);
  const newTerms: TaxonomyTermEntity[] = [];
  for (const [kind, names] of [
    ['sector', f.taxonomy.sectors],
    ['technology', f.taxonomy.technologies],
  ] as const) {
    for (const name of names) {
      if (termId.has(`${kind}:${name}`)) continue;
      const t = { id: randomUUID(), kind, name };
      termId.set(`${kind}:${name}`, t.id);
      newTerms.push(t);
    }
  }
  await insertChunks(m, TaxonomyTermEntity, newTerms);

  const eventId = randomUUID();
  const e = f.event;
  await m.insert(EventEntity, {
    id: eventId,
    demo: true,
    name: e.name,
    venue: e.venue,
    timezone: e.timezone,
    requestDeadline: e.requestDeadline,
    createdAt: now,
    organisationId,
  });
  const days = [...e.days].sort((a, b) => a.date.localeCompare(b.date));
  const dayIds = days.map(() => randomUUID());
  await insertChunks(
    m,
    EventDayEntity,
    days.map((d, i) => ({ id: dayIds[i] ?? '', eventId, dayIndex: i + 1, ...d })),
  );
  await insertChunks(
    m,
    SlotEntity,
    generateSlots(days, e.timezone).map((s, position) => ({
      id: randomUUID(),
      eventId,
      dayId: dayIds[s.day - 1] ?? '',
      code: s.code,
      position,
      startsAt: s.start,
      endsAt: s.end,
    })),
  );
  await insertChunks(
    m,
    EventTableEntity,
    e.tables.map((t, position) => ({
      id: randomUUID(),
      eventId,
      name: t.name,
      seats: t.seats,
      position,
      features: '[]',
      standClusterId: null,
    })),
  );

  const clusterId = new Map<string, string>();
  const delegateId = new Map<string, string>();
  const clusters: ClusterEntity[] = [];
  const links: ClusterTermEntity[] = [];
  const delegates: DelegateEntity[] = [];
  for (const c of f.clusters) {
    const existing = await m.findOneBy(ClusterEntity, { name: c.name, organisationId });
    const id = existing?.id ?? randomUUID();
    clusterId.set(c.key, id);
    if (!existing) {
      const { key: _key, delegates: ds, sectors, technologies, members, ...profile } = c;
      void _key;
      clusters.push({ id, ...profile, ...members, createdAt: now, updatedAt: now, organisationId });
      for (const s of sectors) links.push({ clusterId: id, termId: termId.get(`sector:${s}`) ?? '' });
      for (const s of technologies) links.push({ clusterId: id, termId: termId.get(`technology:${s}`) ?? '' });
      for (const d of ds) {
        const did = randomUUID();
        delegateId.set(d.key, did);
        delegates.push({
          id: did,
          clusterId: id,
          name: d.name,
          email: d.email,
          role: d.role,
          createdAt: now,
          needs: '[]',
        });
      }
    } else {
      for (const d of c.delegates) {
        const known = await m.findOneBy(DelegateEntity, { email: d.email });
        if (known) delegateId.set(d.key, known.id);
      }
    }
  }
  await insertChunks(m, ClusterEntity, clusters, 50);
  await insertChunks(m, ClusterTermEntity, links);
  await insertChunks(m, DelegateEntity, delegates);
  await insertChunks(
    m,
    ParticipationEntity,
    [...clusterId.values()].map((cid) => ({ id: randomUUID(), eventId, clusterId: cid, createdAt: now })),
  );

  const requests: MeetingRequestEntity[] = [];
  const parties: RequestPartyEntity[] = [];
  const chosen: RequestDelegateEntity[] = [];
  for (const r of f.requests) {
    const from = clusterId.get(r.from) ?? '';
    const to = clusterId.get(r.to) ?? '';
    const id = randomUUID();
    const key = pairKey([from, to]);
    requests.push({
      id,
      eventId,
      requesterClusterId: from,
      status: r.status,
      requesterInterest: r.requesterInterest,
      note: r.note,
      pairKey: key,
      activeKey: r.status === 'declined' ? null : key,
      createdAt: now,
      updatedAt: now,
    });
    parties.push({
      id: randomUUID(),
      requestId: id,
      clusterId: from,
      role: 'requester',
      response: 'accepted',
      interest: r.requesterInterest,
      respondedAt: now,
    });
    parties.push({
      id: randomUUID(),
      requestId: id,
      clusterId: to,
      role: 'receiver',
      response: r.status,
      interest: r.receiverInterest,
      respondedAt: r.status === 'pending' ? null : now,
    });
    for (const k of r.requesterDelegates)
      chosen.push({ requestId: id, delegateId: delegateId.get(k) ?? '', clusterId: from });
    for (const k of r.receiverDelegates)
      chosen.push({ requestId: id, delegateId: delegateId.get(k) ?? '', clusterId: to });
  }
  await insertChunks(m, MeetingRequestEntity, requests, 100);
  await insertChunks(m, RequestPartyEntity, parties);
  await insertChunks(m, RequestDelegateEntity, chosen);
  return {
    eventId,
    clusters: clusterId.size,
    delegates: delegates.length,
    acceptedRequests: f.requests.filter((r) => r.status === 'accepted').length,
  };
}
