import type { EntityManager } from 'typeorm';
import type { EventEntity } from '../events/event.entity';
import { meetingsRemovedByRebookings } from '../schedules/schedule-versions';
import { deriveStatus, readDay, type DaySources } from './day-facts';
import type { FiguresResponse } from './dto/eventday-responses.dto';

/**
 * The day's figures for the published version: meetings (the published ones, those a rebooking replaced and any
 * other marked one a rebooking took out),
 * held, no-shows (by missing cluster and its country), cancelled on site, check-in rate, rebookings.
 */
export async function dayFigures(from: DaySources, m: EntityManager, event: EventEntity): Promise<FiguresResponse> {
  const facts = await readDay(from, m, event);
  const eventId = event.id;
  const replaced = new Set(facts.rebookings.map((r) => r.replacesRequestId));
  const statusOf = (id: string) => deriveStatus(facts.marks.get(id) ?? []);
  // Meetings a rebooking took out of the schedule (the missed one, and missed ones in the way) still count.
  const removed = await meetingsRemovedByRebookings(m, eventId);
  const ids = new Set([
    ...facts.meetings.map((r) => r.requestId),
    ...replaced,
    ...removed.map((r) => r.requestId),
    ...facts.marks.keys(),
  ]);
  let held = 0;
  let noShows = 0;
  let cancelled = 0;
  let conflicts = 0;
  const byCluster = new Map<string, number>();
  for (const id of ids) {
    const st = statusOf(id);
    if (st.conflict) conflicts++;
    if (st.status === 'held') held++;
    else if (st.status === 'cancelled-on-site') cancelled++;
    else if (st.status === 'no-show') {
      noShows++;
      for (const c of st.absent) byCluster.set(c, (byCluster.get(c) ?? 0) + 1);
    }
  }
  const byCountry = new Map<string, number>();
  for (const [c, n] of byCluster) {
    const country = facts.clusters.get(c)?.country ?? '';
    byCountry.set(country, (byCountry.get(country) ?? 0) + n);
  }
  const attendees = new Set([
    ...facts.meetings.flatMap((r) => r.delegateIds),
    ...facts.rebookings.flatMap((r) => [r.delegateId, r.partnerDelegateId, ...r.replacedDelegateIds]),
  ]);
  const checkedInAttendees = [...attendees].filter((d) => facts.checkins.has(d)).length;
  return {
    versionNumber: facts.version?.number ?? null,
    meetings: ids.size,
    held,
    noShows,
    cancelledOnSite: cancelled,
    unmarked: ids.size - held - noShows - cancelled,
    conflicts,
    attendees: attendees.size,
    checkedIn: checkedInAttendees,
    checkInRate: attendees.size > 0 ? Math.round((checkedInAttendees / attendees.size) * 1000) / 1000 : 0,
    rebookings: facts.rebookings.length,
    noShowsByCluster: [...byCluster]
      .map(([clusterId, count]) => ({
        clusterId,
        name: facts.clusters.get(clusterId)?.name ?? clusterId,
        country: facts.clusters.get(clusterId)?.country ?? '',
        count,
      }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    noShowsByCountry: [...byCountry]
      .map(([country, count]) => ({ country, count }))
      .sort((a, b) => b.count - a.count || a.country.localeCompare(b.country)),
  };
}
