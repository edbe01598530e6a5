import { Injectable } from '@nestjs/common';
import { AccessService, Permission } from '../access/access.service';
import type { Principal } from '../auth/decorators';
import { ClustersRepository } from '../clusters/clusters.repository';
import { CollaborationsService } from '../collaborations/collaborations.service';
import { notFound } from '../common/errors';
import { Db } from '../database/db.service';
import { EventsRepository } from '../events/events.repository';
import { NEXT_STEPS } from '../feedback/feedback.entity';
import { FeedbackRepository } from '../feedback/feedback.repository';
import { ScheduleVersions } from '../schedules/schedule-versions';
import { FollowUpAnswerEntity } from './follow-up.entity';
import type { RelationshipResponse } from './follow-ups.dto';

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
    private readonly clusterRows: ClustersRepository,
    private readonly events: EventsRepository,
    private readonly feedbackRows: FeedbackRepository,
    private readonly versions: ScheduleVersions,
    private readonly collaborations: CollaborationsService,
  ) {}

  async list(clusterId: string, p: Principal): Promise<RelationshipResponse[]> {
    await this.access.require(p, Permission.ClusterPrivate, [clusterId]);
    const m = this.db.manager;
    if (!(await this.clusterRows.find(clusterId, m))) throw notFound('Cluster', clusterId);
    const meetings = (await this.versions.publishedMeetings(m)).filter((a) => a.clusterIds.includes(clusterId));
    const collabs = await this.collaborations.byPartner(clusterId);
    const otherIds = [...new Set([...meetings.flatMap((a) => a.clusterIds), ...collabs.keys()])].filter(
      (c) => c !== clusterId,
    );
    if (otherIds.length === 0) return [];
    const clusters = await this.clusterRows.byIds(otherIds, m);
    const events = await this.events.names(
      meetings.map((a) => a.eventId),
      m,
    );
    const feedback = await this.feedbackRows.ofCluster(
      clusterId,
      meetings.map((a) => a.requestId),
      m,
    );
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
}
