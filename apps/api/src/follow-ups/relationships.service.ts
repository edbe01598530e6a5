import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { AccessService, Permission } from '../access/access.service';
import type { Principal } from '../auth/decorators';
import { ClusterEntity, ParticipationEntity } from '../clusters/cluster.entity';
import { CollaborationsService } from '../collaborations/collaborations.service';
import { notFound } from '../common/errors';
import { Db } from '../database/db.service';
import { deriveStatus } from '../eventday/day-facts';
import { MeetingMarkEntity } from '../eventday/eventday.entity';
import { EventDayEntity, EventEntity } from '../events/event.entity';
import { MeetingFeedbackEntity, NEXT_STEPS } from '../feedback/feedback.entity';
import { ScheduleAssignmentEntity, ScheduleVersionEntity } from '../schedules/schedule.entity';
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
  ) {}

  async list(clusterId: string, p: Principal): Promise<RelationshipResponse[]> {
    await this.access.require(p, Permission.ClusterPrivate, [clusterId]);
    const m = this.db.manager;
    if (!(await m.findOne(ClusterEntity, { where: { id: clusterId }, select: { id: true } })))
      throw notFound('Cluster', clusterId);
    const meetings = await this.publishedMeetings(m, clusterId);
    const collabs = await this.collaborations.byPartner(clusterId);
    const otherIds = [...new Set([...meetings.flatMap((a) => a.clusterIds), ...collabs.keys()])].filter(
      (c) => c !== clusterId,
    );
    if (otherIds.length === 0) return [];
    const clusters = await m.find(ClusterEntity, { where: { id: In(otherIds) } });
    const eventIds = [...new Set(meetings.map((a) => a.eventId))];
    const events = new Map(
      (eventIds.length ? await m.find(EventEntity, { where: { id: In(eventIds) } }) : []).map((e) => [e.id, e.name]),
    );
    const feedback = meetings.length
      ? await m.find(MeetingFeedbackEntity, {
          where: { clusterId, requestId: In(meetings.map((a) => a.requestId)) },
        })
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

  /** The cluster's meetings in the published schedule of every event, in time order. */
  private async publishedMeetings(m: EntityManager, clusterId: string): Promise<ScheduleAssignmentEntity[]> {
    const versions = await m.find(ScheduleVersionEntity, {
      where: { state: 'published' },
      select: { id: true, eventId: true },
    });
    return versions.length
      ? (
          await m.find(ScheduleAssignmentEntity, {
            where: { versionId: In(versions.map((v) => v.id)) },
            order: { startsAt: 'ASC' },
          })
        ).filter((a) => a.clusterIds.includes(clusterId))
      : [];
  }

  /**
   * The cluster's history across its organisation's events (issue 9, item 2): per event it took part in or met at,
   * newest first, each meeting of the published schedule with whom and whether it was held (from the marks of the
   * day; `scheduled` where nobody recorded attendance). The same meetings the relationships page groups by cluster.
   */
  async byEvent(clusterId: string, p: Principal): Promise<ClusterEventHistoryResponse[]> {
    await this.access.require(p, Permission.ClusterPrivate, [clusterId]);
    const m = this.db.manager;
    const cluster = await m.findOne(ClusterEntity, {
      where: { id: clusterId },
      select: { id: true, organisationId: true },
    });
    if (!cluster) throw notFound('Cluster', clusterId);
    const meetings = await this.publishedMeetings(m, clusterId);
    const taking = await m.find(ParticipationEntity, { where: { clusterId }, select: { eventId: true } });
    const eventIds = [...new Set([...taking.map((x) => x.eventId), ...meetings.map((a) => a.eventId)])];
    if (!eventIds.length) return [];
    const events = await m.find(EventEntity, { where: { id: In(eventIds), organisationId: cluster.organisationId } });
    const days = await m.find(EventDayEntity, {
      where: { eventId: In(eventIds) },
      select: { eventId: true, date: true },
    });
    const others = [...new Set(meetings.flatMap((a) => a.clusterIds))].filter((c) => c !== clusterId);
    const names = new Map(
      (others.length
        ? await m.find(ClusterEntity, { where: { id: In(others) }, select: { id: true, name: true } })
        : []
      ).map((c) => [c.id, c.name]),
    );
    const marks = meetings.length
      ? await m.find(MeetingMarkEntity, { where: { requestId: In(meetings.map((a) => a.requestId)) } })
      : [];
    const marksOf = new Map<string, MeetingMarkEntity[]>();
    for (const x of marks) marksOf.set(x.requestId, [...(marksOf.get(x.requestId) ?? []), x]);
    const takingIds = new Set(taking.map((x) => x.eventId));
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
