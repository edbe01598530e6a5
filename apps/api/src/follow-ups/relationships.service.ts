import { Injectable } from '@nestjs/common';
import { AccessService, Permission } from '../access/access.service';
import type { Principal } from '../auth/decorators';
import { ClustersRepository } from '../clusters/clusters.repository';
import { CollaborationsService } from '../collaborations/collaborations.service';
import { notFound } from '../common/errors';
import { Db } from '../database/db.service';
import { deriveStatus } from '../eventday/day-facts';
import type { MeetingMarkEntity } from '../eventday/eventday.entity';
import { EventdayRepository } from '../eventday/eventday.repository';
import { EventsRepository } from '../events/events.repository';
import { NEXT_STEPS } from '../feedback/feedback.entity';
import { FeedbackRepository } from '../feedback/feedback.repository';
import { ScheduleVersions } from '../schedules/schedule-versions';
import { FollowUpAnswerEntity } from './follow-up.entity';
import type { ClusterEventHistoryResponse, RelationshipResponse } from './follow-ups.dto';

const mean = (xs: readonly number[]): number | null =>
  xs.length ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 100) / 100 : null;

/**
 * A cluster's relationships across events (issue 11, part 4): every other cluster it met in the published
 * schedule of any event, with the meetings, what this cluster's own attendees said of them (a party never sees the
 * other party's answers, so neither does this page), its latest follow-up answer and the collaborations of both.
 */
@Injectable()
export class RelationshipsService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly collaborations: CollaborationsService,
    private readonly clusters: ClustersRepository,
    private readonly events: EventsRepository,
    private readonly versions: ScheduleVersions,
    private readonly feedback: FeedbackRepository,
    private readonly eventday: EventdayRepository,
  ) {}

  async list(clusterId: string, p: Principal): Promise<RelationshipResponse[]> {
    await this.access.require(p, Permission.ClusterPrivate, [clusterId]);
    const m = this.db.manager;
    if (!(await this.clusters.find(clusterId, m))) throw notFound('Cluster', clusterId);
    const meetings = await this.versions.publishedMeetingsOfCluster(clusterId, m);
    const collabs = await this.collaborations.byPartner(clusterId);
    const otherIds = [...new Set([...meetings.flatMap((a) => a.clusterIds), ...collabs.keys()])].filter(
      (c) => c !== clusterId,
    );
    if (otherIds.length === 0) return [];
    const clusters = await this.clusters.byIds(otherIds, m);
    const eventIds = [...new Set(meetings.map((a) => a.eventId))];
    const events = new Map((await this.events.byIds(eventIds, m)).map((e) => [e.id, e.name]));
    const feedback = meetings.length
      ? await this.feedback.ofClusterAbout(
          clusterId,
          meetings.map((a) => a.requestId),
          m,
        )
      : [];
    const followUps = await m.find(FollowUpAnswerEntity, { where: { clusterId }, order: { updatedAt: 'DESC' } });
    return clusters
      .map((c): RelationshipResponse => {
        const together = meetings.filter((a) => a.clusterIds.includes(c.id));
        const ids = new Set(together.map((a) => a.requestId));
        const answers = feedback.filter((f) => ids.has(f.requestId));
        const latest = followUps.find((f) => f.otherClusterId === c.id);
        return {
          clusterId: c.id,
          name: c.name,
          country: c.country,
          eventIds: [...new Set(together.map((a) => a.eventId))],
          meetings: together.map((a) => ({
            eventId: a.eventId,
            eventName: events.get(a.eventId) ?? a.eventId,
            meetingId: a.requestId,
            startsAt: a.startsAt,
          })),
          feedback: {
            answers: answers.length,
            held: answers.filter((f) => f.held).length,
            usefulness: mean(answers.flatMap((f) => (f.held && f.usefulness !== null ? [f.usefulness] : []))),
            nextSteps: NEXT_STEPS.filter((s) => s !== 'none')
              .map((nextStep) => ({ nextStep, count: answers.filter((f) => f.nextStep === nextStep).length }))
              .filter((x) => x.count > 0),
          },
          followUp: latest
            ? {
                eventId: latest.eventId,
                months: latest.months,
                outcome: latest.outcome,
                note: latest.note,
                updatedAt: latest.updatedAt,
              }
            : null,
          collaborations: collabs.get(c.id) ?? [],
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name) || a.clusterId.localeCompare(b.clusterId));
  }

  /**
   * The cluster's history across its organisation's events (issue 9, item 2): per event it took part in or met at,
   * newest first, each meeting of the published schedule with whom and whether it was held (from the marks of the
   * day; `scheduled` where nobody recorded attendance). The same meetings the relationships page groups by cluster.
   */
  async byEvent(clusterId: string, p: Principal): Promise<ClusterEventHistoryResponse[]> {
    await this.access.require(p, Permission.ClusterPrivate, [clusterId]);
    const m = this.db.manager;
    const cluster = await this.clusters.find(clusterId, m);
    if (!cluster) throw notFound('Cluster', clusterId);
    const meetings = await this.versions.publishedMeetingsOfCluster(clusterId, m);
    const taking = await this.clusters.eventIdsOf(clusterId, m);
    const eventIds = [...new Set([...taking, ...meetings.map((a) => a.eventId)])];
    if (!eventIds.length) return [];
    const events = await this.events.byIdsInOrganisation(eventIds, cluster.organisationId, m);
    const days = await this.events.datesOf(eventIds, m);
    const others = [...new Set(meetings.flatMap((a) => a.clusterIds))].filter((c) => c !== clusterId);
    const names = await this.clusters.names(others, m);
    const marks = meetings.length
      ? await this.eventday.marksOf(
          meetings.map((a) => a.requestId),
          m,
        )
      : [];
    const marksOf = new Map<string, MeetingMarkEntity[]>();
    for (const x of marks) marksOf.set(x.requestId, [...(marksOf.get(x.requestId) ?? []), x]);
    const takingIds = new Set(taking);
    return events
      .map((e): ClusterEventHistoryResponse => {
        const dates = days
          .filter((d) => d.eventId === e.id)
          .map((d) => d.date)
          .sort();
        const own = meetings.filter((a) => a.eventId === e.id);
        const rows = own.map((a) => ({
          meetingId: a.requestId,
          startsAt: a.startsAt,
          status: deriveStatus(marksOf.get(a.requestId) ?? []).status,
          withClusters: a.clusterIds
            .filter((c) => c !== clusterId)
            .map((c) => ({ id: c, name: names.get(c) ?? '' }))
            .sort((x, y) => x.name.localeCompare(y.name)),
        }));
        return {
          eventId: e.id,
          eventName: e.name,
          firstDay: dates[0] ?? null,
          archivedAt: e.archivedAt ?? null,
          takesPart: takingIds.has(e.id),
          held: rows.filter((r) => r.status === 'held').length,
          scheduled: rows.filter((r) => r.status === 'scheduled').length,
          meetings: rows,
        };
      })
      .sort((a, b) => (b.firstDay ?? '').localeCompare(a.firstDay ?? '') || a.eventName.localeCompare(b.eventName));
  }
}
