import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/decorators';
import { ClustersRepository } from '../clusters/clusters.repository';
import { Db } from '../database/db.service';
import { DelegatesRepository } from '../delegates/delegates.repository';
import { EventsRepository } from '../events/events.repository';
import { RequestsRepository } from '../requests/requests.repository';
import { CollaborationsService } from '../collaborations/collaborations.service';
import { FollowUpsService } from '../follow-ups/follow-ups.service';
import { dayFigures } from '../eventday/day-figures';
import { ScheduleVersions } from '../schedules/schedule-versions';
import { reportFile, type FileFormat, type ReportFile } from '../reports/report-file';
import { EvaluationService } from './evaluation.service';
import { MeetingFeedbackEntity, NEXT_STEPS } from './feedback.entity';
import { FeedbackService } from './feedback.service';
import type { CountryRowResponse, ImpactReportResponse } from './impact-report.dto';

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
const mean = (xs: readonly number[]): number | null =>
  xs.length ? round(xs.reduce((s, x) => s + x, 0) / xs.length, 2) : null;

/**
 * The impact report of an event (issue 11, part 5, as far as built): meetings requested, accepted, scheduled,
 * held and no-shows, feedback response rate, usefulness, next steps, participating clusters, companies and SMEs,
 * per country, the collaborations launched at the event, and the event-evaluation results; every figure counted from the records. As JSON, CSV or XLSX.
 */
@Injectable()
export class ImpactReportService {
  constructor(
    private readonly db: Db,
    private readonly feedback: FeedbackService,
    private readonly evaluation: EvaluationService,
    private readonly collaborations: CollaborationsService,
    private readonly followUps: FollowUpsService,
    private readonly events: EventsRepository,
    private readonly clusters: ClustersRepository,
    private readonly requests: RequestsRepository,
    private readonly delegates: DelegatesRepository,
    private readonly versions: ScheduleVersions,
  ) {}

  async report(eventId: string, p: Principal, now = new Date()): Promise<ImpactReportResponse> {
    const m = this.db.manager;
    const event = await this.events.get(eventId, m);
    const firstDay = await this.events.firstDay(eventId, m);
    const requests = await this.requests.statusesOfEvent(eventId, m);
    const attendees = await this.feedback.attendees(eventId);
    const meetings = new Map([...attendees.values()].flat().map((a) => [a.requestId, a]));
    const answers = (await m.find(MeetingFeedbackEntity, { where: { eventId } })).filter((f) =>
      meetings.get(f.requestId)?.delegateIds.includes(f.delegateId),
    );
    const byMeeting = new Map<string, MeetingFeedbackEntity[]>();
    for (const f of answers) byMeeting.set(f.requestId, [...(byMeeting.get(f.requestId) ?? []), f]);
    const held = new Set([...byMeeting].filter(([, fs]) => fs.some((f) => f.held)).map(([id]) => id));
    const noShows = [...byMeeting].filter(([, fs]) => fs.every((f) => !f.held)).length;
    const scores = answers.filter((f) => f.held && f.usefulness !== null).map((f) => f.usefulness ?? 0);
    const clusters = await this.clusters.byIds(await this.clusters.participantIds(eventId, m), m);
    const countryOf = new Map(clusters.map((c) => [c.id, c.country]));
    const countries = [...new Set(clusters.map((c) => c.country))].sort();
    const byCountry: CountryRowResponse[] = countries.map((country) => {
      const mine = [...meetings.values()].filter((a) => a.clusterIds.some((c) => countryOf.get(c) === country));
      return {
        country,
        clusters: clusters.filter((c) => c.country === country).length,
        scheduled: mine.length,
        held: mine.filter((a) => held.has(a.requestId)).length,
        usefulness: mean(
          answers
            .filter((f) => f.held && f.usefulness !== null && countryOf.get(f.clusterId) === country)
            .map((f) => f.usefulness ?? 0),
        ),
      };
    });
    const responded = new Set(answers.map((f) => f.delegateId)).size;
    const day = await dayFigures(
      { versions: this.versions, events: this.events, clusters: this.clusters, delegates: this.delegates },
      m,
      event,
    );
    return {
      eventId,
      eventName: event.name,
      year: (firstDay?.date ?? event.createdAt).slice(0, 4),
      generatedAt: now.toISOString(),
      meetings: {
        requested: requests.length,
        accepted: requests.filter((r) => r.status === 'accepted').length,
        scheduled: meetings.size,
        held: held.size,
        noShows,
        unknown: meetings.size - byMeeting.size,
      },
      responses: {
        attendees: attendees.size,
        responded,
        rate: attendees.size ? round(responded / attendees.size, 3) : 0,
        answers: answers.length,
      },
      usefulness: {
        mean: mean(scores),
        distribution: [1, 2, 3, 4, 5].map((s) => scores.filter((x) => x === s).length),
      },
      nextSteps: NEXT_STEPS.map((nextStep) => ({
        nextStep,
        count: answers.filter((f) => f.nextStep === nextStep).length,
      })),
      participation: {
        clusters: clusters.length,
        companies: clusters.reduce((s, c) => s + c.companies, 0),
        smes: clusters.reduce((s, c) => s + c.smes, 0),
        countries: countries.length,
      },
      byCountry,
      collaborations: await this.collaborations.summaryForEvent(eventId),
      followUps: await this.followUps.summaryForEvent(eventId),
      onTheDay: {
        attendees: day.attendees,
        checkedIn: day.checkedIn,
        checkInRate: day.checkInRate,
        held: day.held,
        noShows: day.noShows,
        cancelledOnSite: day.cancelledOnSite,
        unmarked: day.unmarked,
        rebookings: day.rebookings,
      },
      evaluation: await this.evaluation.results(eventId, p),
    };
  }

  /** The report as rows `section, measure, value` (the CSV and the XLSX sheet). */
  rows(r: ImpactReportResponse): string[][] {
    const out: string[][] = [['section', 'measure', 'value']];
    const add = (section: string, measure: string, value: number | string | null): void => {
      out.push([section, measure, value === null ? '' : String(value)]);
    };
    add('event', 'name', r.eventName);
    add('event', 'year', r.year);
    for (const [k, v] of Object.entries(r.meetings)) add('meetings', k, v);
    for (const [k, v] of Object.entries(r.responses)) add('responses', k, v);
    for (const [k, v] of Object.entries(r.onTheDay)) add('on the day', k, v);
    add('usefulness', 'mean', r.usefulness.mean);
    r.usefulness.distribution.forEach((n, i) => add('usefulness', String(i + 1), n));
    for (const s of r.nextSteps) add('next steps', s.nextStep, s.count);
    for (const [k, v] of Object.entries(r.participation)) add('participation', k, v);
    for (const c of r.byCountry) {
      add(`country ${c.country}`, 'clusters', c.clusters);
      add(`country ${c.country}`, 'scheduled', c.scheduled);
      add(`country ${c.country}`, 'held', c.held);
      add(`country ${c.country}`, 'usefulness', c.usefulness);
    }
    const c = r.collaborations;
    add('collaborations', 'launched', c.launched);
    for (const x of c.byType) add('collaborations by type', x.type, x.count);
    for (const x of c.byStatus) add('collaborations by status', x.status, x.count);
    add('collaborations', 'new ideas', c.newIdeas);
    add('collaborations', 'new products', c.newProducts);
    add('collaborations', 'new competences', c.newCompetences);
    add('collaborations', 'companies involved', c.companies);
    add('collaborations', 'smes involved', c.smes);
    add('follow-ups', 'relationships', r.followUps.relationships);
    for (const f of r.followUps.rounds) {
      const name = f.months === 0 ? 'follow-ups before the first round' : `follow-up after ${f.months} months`;
      add(name, 'state', f.state);
      add(name, 'clusters asked', f.clusters);
      add(name, 'answered', f.answered);
      add(name, 'nothing', f.nothing);
      add(name, 'in contact', f.inContact);
      add(name, 'collaboration', f.collaboration);
    }
    add('evaluation', 'respondents', r.evaluation.respondents);
    for (const q of r.evaluation.questions) {
      const name = `evaluation: ${q.text.en}`;
      add(name, 'answered', q.answered);
      if (q.mean !== null) add(name, 'mean', q.mean);
      for (const c of q.counts) add(name, c.label.en, c.count);
      q.texts.forEach((t, i) => add(name, `text ${i + 1}`, t));
    }
    return out;
  }

  async file(eventId: string, format: FileFormat, p: Principal): Promise<ReportFile> {
    const r = await this.report(eventId, p);
    return reportFile(
      {
        base: `${r.eventName}-impact-${r.year}`,
        title: `Impact report: ${r.eventName}`,
        subtitle: `${r.year} · generated ${r.generatedAt} by clustermatch from the records`,
        sheet: 'Impact report',
        rows: this.rows(r),
        charts: [
          { title: 'Next steps named', bars: r.nextSteps.map((s) => ({ label: s.nextStep, value: s.count })) },
          {
            title: 'Usefulness of held meetings (answers per score)',
            bars: r.usefulness.distribution.map((n, i) => ({ label: String(i + 1), value: n })),
          },
          {
            title: 'Collaborations launched, by type',
            bars: r.collaborations.byType.map((x) => ({ label: x.type, value: x.count })),
          },
        ],
      },
      format,
    );
  }
}
