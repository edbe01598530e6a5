/**
 * Test set-up shared by the mail and calendar specs: an event built through the real API
 * (clusters, delegates, accepted requests), and published schedule versions written the way
 * the schedules module stores them (a version row + its assignments, the previous one superseded).
 */
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import type { EntityManager } from 'typeorm';
import { ScheduleAssignmentEntity, ScheduleVersionEntity } from '../src/schedules/schedule.entity';
import { clusterBody, setUpEvent } from './builders';
import type { TestApp } from './start-test-app';

export interface WorldSlot {
  id: string;
  startsAt: string;
  endsAt: string;
}
export interface WorldDelegate {
  id: string;
  name: string;
  email: string;
  token: string;
}
export interface WorldCluster {
  id: string;
  name: string;
  delegate: WorldDelegate;
}
export interface WorldRequest {
  id: string;
  note: string;
  clusters: [WorldCluster, WorldCluster];
}
export interface World {
  eventId: string;
  org: string;
  slots: WorldSlot[];
  tables: { id: string; name: string }[];
  clusters: WorldCluster[];
  requests: WorldRequest[];
}

/** `clusters` clusters with one delegate each; accepted requests 0->1, 0->2 and 1->2 (as far as there are clusters). */
export async function buildWorld(t: TestApp, clusters = 3): Promise<World> {
  const basics = await setUpEvent(t, clusters, 1);
  const org = await t.organiserToken();
  const auth = { Authorization: `Bearer ${org}` };
  const slotRes = await t.http.get(`/api/events/${basics.eventId}/slots`).set(auth).expect(200);
  const slots = (slotRes.body as WorldSlot[]).map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt }));
  const ev = await t.http.get(`/api/events/${basics.eventId}`).set(auth).expect(200);
  const tables = (ev.body.tables as { id: string; name: string }[]).map((x) => ({ id: x.id, name: x.name }));
  const cs: WorldCluster[] = [];
  for (let i = 0; i < clusters; i++) {
    const id = basics.delegateIds[i]?.[0] ?? '';
    const d = await t.http.get(`/api/delegates/${id}`).set(auth).expect(200);
    cs.push({
      id: basics.clusterIds[i] ?? '',
      name: String(clusterBody(i)['name']),
      delegate: { id, name: d.body.name as string, email: d.body.email as string, token: await t.delegateToken(id) },
    });
  }
  const requests: WorldRequest[] = [];
  const pairs: [number, number][] = [
    [0, 1],
    [0, 2],
    [1, 2],
  ];
  for (const [a, b] of pairs) {
    const from = cs[a];
    const to = cs[b];
    if (!from || !to) continue;
    const note = `Talk about ${from.name} and ${to.name}`;
    const created = await t.http
      .post(`/api/events/${basics.eventId}/requests`)
      .set({ Authorization: `Bearer ${from.delegate.token}` })
      .send({ receiverClusterIds: [to.id], interest: 3, note, delegateIds: [from.delegate.id] });
    if (created.status !== 201) throw new Error(`request: ${created.status} ${JSON.stringify(created.body)}`);
    const accepted = await t.http
      .post(`/api/requests/${created.body.id}/accept`)
      .set({ Authorization: `Bearer ${to.delegate.token}` })
      .send({ interest: 4, delegateIds: [to.delegate.id] });
    if (accepted.status !== 200 && accepted.status !== 201)
      throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
    requests.push({ id: created.body.id as string, note, clusters: [from, to] });
  }
  return { eventId: basics.eventId, org, slots, tables, clusters: cs, requests };
}

export interface Placement {
  request: WorldRequest;
  slot: number;
  table: number;
}

/**
 * Publishes a version holding `placements` (the previous published one becomes superseded) in one
 * transaction, then runs `after(m)` in the same transaction (where the publish hook queues mails).
 */
export async function publishVersion(
  t: TestApp,
  w: World,
  placements: readonly Placement[],
  publishedAt: string,
  after?: (m: EntityManager) => Promise<unknown>,
): Promise<string> {
  return t.db.transaction(async (m) => {
    const number = (await m.count(ScheduleVersionEntity, { where: { eventId: w.eventId } })) + 1;
    await m.update(ScheduleVersionEntity, { eventId: w.eventId, state: 'published' }, { state: 'superseded' });
    const id = randomUUID();
    await m.insert(ScheduleVersionEntity, {
      id,
      eventId: w.eventId,
      number,
      state: 'published',
      solverStatus: 'optimal',
      objective: placements.length,
      bound: placements.length,
      stats: {},
      unscheduled: [],
      basedOnVersionId: null,
      changes: null,
      jobId: randomUUID(),
      mode: number === 1 ? 'solve' : 'resolve',
      createdAt: publishedAt,
      publishedAt,
    });
    for (const p of placements) {
      const slot = w.slots[p.slot];
      const table = w.tables[p.table];
      if (!slot || !table) throw new Error(`no slot ${p.slot} or table ${p.table}`);
      await m.insert(ScheduleAssignmentEntity, {
        versionId: id,
        requestId: p.request.id,
        eventId: w.eventId,
        slotId: slot.id,
        tableId: table.id,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        tableName: table.name,
        weight: 19,
        clusterIds: p.request.clusters.map((c) => c.id),
        delegateIds: p.request.clusters.map((c) => c.delegate.id),
      });
    }
    if (after) await after(m);
    return id;
  });
}

export interface ParsedEvent {
  uid: string;
  sequence: number;
  /** Unix seconds. */
  start: number;
  end: number;
  tzid: string;
  summary: string;
  location: string;
  description: string;
  status: string;
}

/** Parses an iCalendar text with ical.js (an independent parser), registering the file's own VTIMEZONEs. */
export function parseIcs(text: string): { method: string; events: ParsedEvent[] } {
  ICAL.TimezoneService.reset();
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const vtz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
  const events = cal.getAllSubcomponents('vevent').map((c) => {
    const e = new ICAL.Event(c);
    return {
      uid: e.uid,
      sequence: e.sequence,
      start: e.startDate.toUnixTime(),
      end: e.endDate.toUnixTime(),
      tzid: e.startDate.zone?.tzid ?? '',
      summary: e.summary,
      location: e.location,
      description: e.description,
      status: String(c.getFirstPropertyValue('status')),
    };
  });
  return { method: String(cal.getFirstPropertyValue('method')), events };
}

export const epoch = (iso: string): number => Date.parse(iso) / 1000;
