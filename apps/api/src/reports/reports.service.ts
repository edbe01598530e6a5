import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/decorators';
import { ClustersRepository } from '../clusters/clusters.repository';
import {
  COLLABORATION_TYPES,
  type CollaborationEntity,
  type CollaborationPartnerEntity,
} from '../collaborations/collaboration.entity';
import { CollaborationsRepository } from '../collaborations/collaborations.repository';
import type { EventEntity } from '../events/event.entity';
import { EventsRepository } from '../events/events.repository';
import type { MeetingFeedbackEntity } from '../feedback/feedback.entity';
import { FeedbackRepository } from '../feedback/feedback.repository';
import { ScheduleVersions } from '../schedules/schedule-versions';
import { reportFile, type FileFormat, type ReportFile } from './report-file';
import type {
  ImpactGroupResponse,
  ImpactReportsResponse,
  PerformanceReportResponse,
  ReportGrouping,
} from './reports.dto';

const round2 = (x: number): number => Math.round(x * 100) / 100;
const mean = (xs: readonly number[]): number | null =>
  xs.length ? round2(xs.reduce((s, x) => s + x, 0) / xs.length) : null;
const sum = <T>(xs: readonly T[], f: (x: T) => number): number => xs.reduce((s, x) => s + f(x), 0);

interface Meeting {
  readonly requestId: string;
  readonly clusterIds: readonly string[];
}

interface Collab {
  readonly row: CollaborationEntity;
  readonly partners: readonly CollaborationPartnerEntity[];
}

/** What the reports count of one event, read once. */
interface EventFacts {
  readonly id: string;
  readonly name: string;
  readonly year: string;
  readonly participants: readonly string[];
  readonly meetings: readonly Meeting[];
  /** Answers by attendees of the meeting (as the event's impact report counts them). */
  readonly answers: readonly MeetingFeedbackEntity[];
  readonly collaborations: readonly Collab[];
}

/**
 * Reports across events (issue 11, part 5): the impact figures by year, by cluster and by country, and the yearly
 * performance report in the fixed shape (participating companies, SMEs, new collaborations, new ideas, products and
 * competences). Only the events of the organiser's organisation count (and the
 * collaborations launched at them, or not tied to an event with a partner cluster of the organisation). Every figure
 * is counted from the records (published schedules, feedback, collaborations, participation and the clusters'
 * profiles), never from names or addresses of people, so erasing a delegate changes
 * none of them.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly events: EventsRepository,
    private readonly clusters: ClustersRepository,
    private readonly versions: ScheduleVersions,
    private readonly feedback: FeedbackRepository,
    private readonly collaborations: CollaborationsRepository,
  ) {}

  /** The events the principal reports on: an organiser's organisation's (issue 9); nothing for anyone else. */
  private async eventsInScope(p: Principal): Promise<EventEntity[]> {
    if (p.kind !== 'organiser') return [];
    return this.events.ofOrganisation(p.organisationId);
  }

  private async facts(events: readonly EventEntity[]): Promise<EventFacts[]> {
    if (events.length === 0) return [];
    const ids = events.map((e) => e.id);
    const days = await this.events.datesOf(ids);
    const participation = await this.clusters.participationsOfEvents(ids);
    const assignments = await this.versions.publishedMeetingsOfEvents(ids);
    const feedback = await this.feedback.ofEvents(ids);
    const collabs = await this.collaborations.ofEvents(ids);
    const partners = collabs.length ? await this.collaborations.partnersOf(collabs.map((c) => c.id)) : [];
    return events.map((e) => {
      const first = days
        .filter((d) => d.eventId === e.id)
        .map((d) => d.date)
        .sort()[0];
      const mine = assignments.filter((a) => a.eventId === e.id);
      const attendees = new Map(mine.map((a) => [a.requestId, new Set(a.delegateIds)]));
      return {
        id: e.id,
        name: e.name,
        year: (first ?? e.createdAt).slice(0, 4),
        participants: participation.filter((x) => x.eventId === e.id).map((x) => x.clusterId),
        meetings: mine.map((a) => ({ requestId: a.requestId, clusterIds: a.clusterIds })),
        answers: feedback.filter((f) => f.eventId === e.id && attendees.get(f.requestId)?.has(f.delegateId)),
        collaborations: collabs
          .filter((c) => c.eventId === e.id)
          .map((row) => ({ row, partners: partners.filter((x) => x.collaborationId === row.id) })),
      };
    });
  }

  /**
   * One group's figures: the meetings (`meetings`) with their held/no-show state from all answers, the answers
   * counted for the group (`answers`), and the collaborations (`collabs`).
   */
  private group(
    key: string,
    label: string,
    events: readonly EventFacts[],
    clusters: ReadonlySet<string>,
    meetings: readonly Meeting[],
    allAnswers: readonly MeetingFeedbackEntity[],
    answers: readonly MeetingFeedbackEntity[],
    collabs: readonly Collab[],
  ): ImpactGroupResponse {
    const byMeeting = new Map<string, MeetingFeedbackEntity[]>();
    for (const f of allAnswers) byMeeting.set(f.requestId, [...(byMeeting.get(f.requestId) ?? []), f]);
    const answered = meetings.map((x) => byMeeting.get(x.requestId) ?? []).filter((fs) => fs.length > 0);
    return {
      key,
      label,
      events: events.length,
      clusters: clusters.size,
      scheduled: meetings.length,
      held: answered.filter((fs) => fs.some((f) => f.held)).length,
      noShows: answered.filter((fs) => fs.every((f) => !f.held)).length,
      answers: answers.length,
      usefulness: mean(answers.flatMap((f) => (f.held && f.usefulness !== null ? [f.usefulness] : []))),
      collaborations: collabs.length,
      newIdeas: sum(collabs, (c) => c.row.newIdeas),
      newProducts: sum(collabs, (c) => c.row.newProducts),
      newCompetences: sum(collabs, (c) => c.row.newCompetences),
    };
  }

  /** The impact figures across the events in scope, by year, cluster or country (optionally of one year). */
  async across(
    by: ReportGrouping,
    year: number | undefined,
    p: Principal,
    now = new Date(),
  ): Promise<ImpactReportsResponse> {
    const all = await this.facts(await this.eventsInScope(p));
    const facts = year === undefined ? all : all.filter((e) => e.year === String(year));
    const answers = facts.flatMap((e) => e.answers);
    const groups: ImpactGroupResponse[] = [];
    if (by === 'year') {
      for (const y of [...new Set(facts.map((e) => e.year))].sort()) {
        const es = facts.filter((e) => e.year === y);
        const a = es.flatMap((e) => e.answers);
        groups.push(
          this.group(
            y,
            y,
            es,
            new Set(es.flatMap((e) => e.participants)),
            es.flatMap((e) => e.meetings),
            a,
            a,
            es.flatMap((e) => e.collaborations),
          ),
        );
      }
    } else {
      const ids = [...new Set(facts.flatMap((e) => e.participants))];
      const clusters = await this.clusters.byIds(ids);
      const keyOf = new Map(clusters.map((c) => [c.id, by === 'cluster' ? c.id : c.country]));
      const labelOf = new Map(
        clusters.map((c) => [by === 'cluster' ? c.id : c.country, by === 'cluster' ? c.name : c.country]),
      );
      const inGroup = (key: string) => (clusterId: string) => keyOf.get(clusterId) === key;
      for (const key of [...new Set(keyOf.values())]) {
        const mine = inGroup(key);
        const es = facts.filter((e) => e.participants.some(mine));
        groups.push(
          this.group(
            key,
            labelOf.get(key) ?? key,
            es,
            new Set(es.flatMap((e) => e.participants).filter(mine)),
            es.flatMap((e) => e.meetings).filter((x) => x.clusterIds.some(mine)),
            answers,
            answers.filter((f) => mine(f.clusterId)),
            es.flatMap((e) => e.collaborations).filter((c) => c.partners.some((x) => mine(x.clusterId))),
          ),
        );
      }
      groups.sort((a, b) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key));
    }
    return { by, year: year ?? null, generatedAt: now.toISOString(), groups };
  }

  /** The yearly performance report (see `PerformanceReportResponse`). */
  async performance(year: number, p: Principal, now = new Date()): Promise<PerformanceReportResponse> {
    const events = await this.eventsInScope(p);
    const facts = (await this.facts(events)).filter((e) => e.year === String(year));
    const ids = [...new Set(facts.flatMap((e) => e.participants))];
    const clusters = await this.clusters.byIds(ids);
    const scope = new Set(events.map((e) => e.id));
    // Collaborations recorded in the year: launched at an event in scope, or not tied to an event and with a
    // partner cluster of the organisation.
    const recorded = (await this.collaborations.all()).filter((c) => c.createdAt.startsWith(String(year)));
    const loose = recorded.filter((c) => c.eventId === null).map((c) => c.id);
    const ours = new Set(
      loose.length && p.kind === 'organiser' ? await this.collaborations.withPartnerOf(loose, p.organisationId) : [],
    );
    const rows = recorded.filter((c) => (c.eventId === null ? ours.has(c.id) : scope.has(c.eventId)));
    const partners = rows.length ? await this.collaborations.partnersOf(rows.map((c) => c.id)) : [];
    return {
      year,
      generatedAt: now.toISOString(),
      events: facts.map((e) => ({ eventId: e.id, name: e.name })),
      participatingClusters: clusters.length,
      participatingCompanies: sum(clusters, (c) => c.companies),
      participatingSmes: sum(clusters, (c) => c.smes),
      newCollaborations: rows.length,
      fromEvents: rows.filter((c) => c.eventId !== null).length,
      byType: COLLABORATION_TYPES.map((type) => ({ type, count: rows.filter((c) => c.type === type).length })),
      companiesInCollaborations: sum(partners, (x) => x.companies ?? 0),
      smesInCollaborations: sum(partners, (x) => x.smes ?? 0),
      newIdeas: sum(rows, (c) => c.newIdeas),
      newProducts: sum(rows, (c) => c.newProducts),
      newCompetences: sum(rows, (c) => c.newCompetences),
    };
  }

  acrossRows(r: ImpactReportsResponse): string[][] {
    const out: string[][] = [['section', 'measure', 'value']];
    for (const g of r.groups) {
      const section = r.by === 'cluster' ? `${g.label} (${g.key})` : g.label;
      for (const [k, v] of Object.entries(g))
        if (k !== 'key' && k !== 'label') out.push([section, k, v === null ? '' : String(v)]);
    }
    return out;
  }

  performanceRows(r: PerformanceReportResponse): string[][] {
    const out: string[][] = [['section', 'measure', 'value']];
    const add = (section: string, measure: string, value: number | string): void => {
      out.push([section, measure, String(value)]);
    };
    add('performance', 'year', r.year);
    add('performance', 'participating companies', r.participatingCompanies);
    add('performance', 'of which SMEs (under 50 employees)', r.participatingSmes);
    add('performance', 'new collaborations', r.newCollaborations);
    add('performance', 'new ideas', r.newIdeas);
    add('performance', 'new products', r.newProducts);
    add('performance', 'new competences', r.newCompetences);
    add('details', 'events', r.events.length);
    add('details', 'participating clusters', r.participatingClusters);
    add('details', 'collaborations launched at an event', r.fromEvents);
    add('details', 'companies in the new collaborations', r.companiesInCollaborations);
    add('details', 'SMEs in the new collaborations', r.smesInCollaborations);
    for (const x of r.byType) add('new collaborations by type', x.type, x.count);
    r.events.forEach((e, i) => add('events', String(i + 1), e.name));
    return out;
  }

  async acrossFile(
    by: ReportGrouping,
    year: number | undefined,
    format: FileFormat,
    p: Principal,
  ): Promise<ReportFile> {
    const r = await this.across(by, year, p);
    const scope = year === undefined ? 'all years' : String(year);
    return reportFile(
      {
        base: `impact-by-${by}-${year ?? 'all'}`,
        title: `Impact report by ${by} (${scope})`,
        subtitle: `Generated ${r.generatedAt} by clustermatch from the records`,
        sheet: `Impact by ${by}`,
        rows: this.acrossRows(r),
        charts: [
          { title: 'Meetings held', bars: r.groups.slice(0, 30).map((g) => ({ label: g.label, value: g.held })) },
          {
            title: 'Collaborations launched',
            bars: r.groups.slice(0, 30).map((g) => ({ label: g.label, value: g.collaborations })),
          },
        ],
      },
      format,
    );
  }

  async performanceFile(year: number, format: FileFormat, p: Principal): Promise<ReportFile> {
    const r = await this.performance(year, p);
    return reportFile(
      {
        base: `performance-report-${year}`,
        title: `Performance report ${year}`,
        subtitle: `Generated ${r.generatedAt} by clustermatch from the records`,
        sheet: `Performance ${year}`,
        rows: this.performanceRows(r),
        charts: [
          { title: 'New collaborations by type', bars: r.byType.map((x) => ({ label: x.type, value: x.count })) },
        ],
      },
      format,
    );
  }
}
