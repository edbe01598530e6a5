import { Inject, Injectable } from '@nestjs/common';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AccessService, Permission } from '../access/access.service';
import type { Principal } from '../auth/decorators';
import { ClustersRepository } from '../clusters/clusters.repository';
import { nowIso } from '../common/clock';
import { AppError, badField, conflict, ErrorCode, forbidden, notFound } from '../common/errors';
import { addTextRows, excel, toSafeCsv } from '../common/spreadsheet';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Db } from '../database/db.service';
import type { DelegateEntity } from '../delegates/delegate.entity';
import { DelegatesRepository } from '../delegates/delegates.repository';
import type { EventEntity } from '../events/event.entity';
import { EventsRepository } from '../events/events.repository';
import type { ScheduleAssignmentEntity } from '../schedules/schedule.entity';
import { ScheduleVersions } from '../schedules/schedule-versions';
import { CHECKIN_PREFIX, checkinCode } from './checkin-code';
import { dayFigures } from './day-figures';
import {
  AT_RISK_MINUTES,
  deriveStatus,
  missed,
  partiesNotIn,
  readDay,
  type DayFacts,
  type DaySources,
} from './day-facts';
import type {
  BoardMeetingResponse,
  BoardResponse,
  BoardSlotResponse,
  CheckinResponse,
  DaySettingsResponse,
  FiguresResponse,
  MeetingStatusResponse,
  MyDayResponse,
  ParticipantCheckinResponse,
} from './dto/eventday-responses.dto';
import type { CheckinDto, DaySettingsDto, MeetingStatusDto } from './dto/eventday.dto';
import { CheckinEntity, EventDaySettingEntity, MeetingMarkEntity } from './eventday.entity';

/** Check-in, meeting marks, the live board, the attendee's day and the figures (issue 10). */
@Injectable()
export class EventDayService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: EventsRepository,
    private readonly clusters: ClustersRepository,
    private readonly delegates: DelegatesRepository,
    private readonly versions: ScheduleVersions,
  ) {}

  /** Where the day is read from (`readDay`, `dayFigures`). */
  private get sources(): DaySources {
    return { versions: this.versions, events: this.events, clusters: this.clusters, delegates: this.delegates };
  }

  /** What the day of the event looks like now (`readDay`), read with `m` (e.g. inside the caller's transaction). */
  readDay(m: EntityManager, event: EventEntity): Promise<DayFacts> {
    return readDay(this.sources, m, event);
  }

  async event(eventId: string, m: EntityManager = this.db.manager): Promise<EventEntity> {
    return this.events.get(eventId, m);
  }

  /** The personal check-in code of a delegate at an event (what the QR code carries): no secret is stored. */
  checkinCode(eventId: string, delegateId: string): string {
    return checkinCode(this.config.jwtSecret, eventId, delegateId);
  }

  /** The delegate a code names, if it is genuine and of this event; 422 on `code` otherwise. */
  private delegateOfCode(eventId: string, code: string): string {
    const parts = code.trim().split('.');
    const [prefix, ev, delegateId] = parts;
    if (parts.length !== 4 || prefix !== CHECKIN_PREFIX || !delegateId)
      throw badField('code', 'is not a check-in code');
    if (ev !== eventId) throw badField('code', 'is the code of another event');
    const expected = Buffer.from(this.checkinCode(eventId, delegateId));
    const got = Buffer.from(code.trim());
    if (expected.length !== got.length || !timingSafeEqual(expected, got))
      throw badField('code', 'is not a valid check-in code');
    return delegateId;
  }

  /** The delegate, who must belong to a cluster taking part in the event (404 otherwise). */
  private async participant(m: EntityManager, eventId: string, delegateId: string): Promise<DelegateEntity> {
    const d = await this.delegates.find(delegateId, m);
    if (!d || !(await this.clusters.takesPart(eventId, d.clusterId, m))) throw notFound('Delegate', delegateId);
    return d;
  }

  private by(p: Principal): string {
    return p.kind === 'organiser' ? p.email : `delegate:${p.delegateId}`;
  }

  /** Checks a delegate in, by id or by the code of their QR; idempotent (`already` says it was done before). */
  async checkIn(eventId: string, dto: CheckinDto, p: Principal): Promise<CheckinResponse> {
    await this.event(eventId);
    if ((dto.delegateId === undefined) === (dto.code === undefined))
      throw new AppError(ErrorCode.Validation, 'Give either delegateId or code', [
        { path: 'delegateId', message: 'give either delegateId or code' },
      ]);
    const delegateId = dto.code !== undefined ? this.delegateOfCode(eventId, dto.code) : (dto.delegateId ?? '');
    await this.access.require(p, Permission.CheckinSelf, [delegateId]);
    await this.access.require(p, Permission.EventParticipate, [eventId]);
    return this.db.transaction(async (m) => {
      const d = await this.participant(m, eventId, delegateId);
      const existing = await m.findOne(CheckinEntity, { where: { eventId, delegateId } });
      const row =
        existing ??
        ({
          eventId,
          delegateId,
          checkedInAt: nowIso(),
          checkedInBy: this.by(p),
          method: dto.code !== undefined ? 'qr' : (dto.method ?? 'list'),
        } satisfies CheckinEntity);
      if (!existing) await m.insert(CheckinEntity, row);
      return {
        delegateId,
        name: d.name,
        clusterId: d.clusterId,
        checkedIn: true,
        checkedInAt: row.checkedInAt,
        method: row.method,
        already: existing !== null,
      };
    });
  }

  /** Undoes a check-in (idempotent). */
  async undoCheckIn(eventId: string, delegateId: string, p: Principal): Promise<CheckinResponse> {
    await this.event(eventId);
    await this.access.require(p, Permission.CheckinSelf, [delegateId]);
    return this.db.transaction(async (m) => {
      const d = await this.participant(m, eventId, delegateId);
      const r = await m.delete(CheckinEntity, { eventId, delegateId });
      return {
        delegateId,
        name: d.name,
        clusterId: d.clusterId,
        checkedIn: false,
        checkedInAt: null,
        method: null,
        already: (r.affected ?? 0) === 0,
      };
    });
  }

  /** The participants with their check-in state, filtered by a typed name (the fallback to the camera). */
  async participants(eventId: string, q: string | undefined): Promise<ParticipantCheckinResponse[]> {
    const facts = await this.readDay(this.db.manager, await this.event(eventId));
    const needle = (q ?? '').trim().toLocaleLowerCase();
    const withMeeting = new Set(facts.meetings.flatMap((r) => r.delegateIds));
    return [...facts.delegates.values()]
      .filter((d) => {
        if (!needle) return true;
        const c = facts.clusters.get(d.clusterId);
        return `${d.name} ${d.email} ${c?.name ?? ''}`.toLocaleLowerCase().includes(needle);
      })
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
      .map((d) => {
        const c = facts.checkins.get(d.id);
        return {
          delegateId: d.id,
          name: d.name,
          clusterId: d.clusterId,
          clusterName: facts.clusters.get(d.clusterId)?.name ?? '',
          hasMeetings: withMeeting.has(d.id),
          checkinCode: this.checkinCode(eventId, d.id),
          checkedIn: c !== undefined,
          checkedInAt: c?.checkedInAt ?? null,
        };
      });
  }

  private statusView(row: ScheduleAssignmentEntity, facts: Pick<DayFacts, 'marks'>): MeetingStatusResponse {
    const st = deriveStatus(facts.marks.get(row.requestId) ?? []);
    return {
      meetingId: row.requestId,
      status: st.status,
      conflict: st.conflict,
      absent: [...st.absent],
      marks: st.marks.map((x) => ({
        by: x.markerName,
        kind: x.markerKind,
        status: x.status,
        absent: x.absent,
        at: x.createdAt,
      })),
    };
  }

  /**
   * Marks a meeting of the published schedule held, no-show (naming the missing clusters; an attendee's "they did
   * not come" names the other side) or cancelled on site. Each person's mark replaces their own earlier one; the
   * marks of others stay, so a disagreement is shown.
   */
  async mark(eventId: string, meetingId: string, dto: MeetingStatusDto, p: Principal): Promise<MeetingStatusResponse> {
    await this.event(eventId);
    await this.access.require(p, Permission.MeetingAttend, [meetingId]);
    return this.db.transaction(async (m) => {
      const facts = await this.readDay(m, await this.event(eventId, m));
      const row = facts.meetings.find((r) => r.requestId === meetingId);
      if (!row) throw notFound('Meeting', meetingId);
      let absent: string[] = [];
      if (dto.status === 'no-show') {
        if (dto.absent !== undefined) {
          const wrong = dto.absent.findIndex((c) => !row.clusterIds.includes(c));
          if (wrong >= 0) throw badField(`absent[${wrong}]`, 'is not a cluster of this meeting');
          absent = [...new Set(dto.absent)];
        } else if (p.kind === 'delegate') absent = row.clusterIds.filter((c) => c !== p.clusterId);
        if (absent.length === 0) throw badField('absent', 'name the cluster(s) that did not come');
        if (absent.length === row.clusterIds.length) throw badField('absent', 'not every party can be missing');
      } else if (dto.absent !== undefined && dto.absent.length > 0) {
        throw badField('absent', 'is only for a no-show');
      }
      const markerKey = p.kind === 'organiser' ? `organiser:${p.email}` : `delegate:${p.delegateId}`;
      const name =
        p.kind === 'organiser' ? p.email : (facts.delegates.get(p.delegateId)?.name ?? `delegate ${p.delegateId}`);
      await m.delete(MeetingMarkEntity, { requestId: meetingId, markerKey });
      await m.insert(MeetingMarkEntity, {
        id: randomUUID(),
        eventId,
        requestId: meetingId,
        markerKey,
        markerKind: p.kind,
        markerName: name,
        status: dto.status,
        absent,
        clusterIds: row.clusterIds,
        createdAt: nowIso(),
      });
      const marks = await m.find(MeetingMarkEntity, { where: { requestId: meetingId } });
      return this.statusView(row, { marks: new Map([[meetingId, marks]]) });
    });
  }

  private parseAt(at: string | undefined): Date {
    return at !== undefined ? new Date(at) : new Date();
  }

  private meetingView(facts: DayFacts, row: ScheduleAssignmentEntity, at: Date): BoardMeetingResponse {
    const st = this.statusView(row, facts);
    const notIn = partiesNotIn(facts, row);
    return {
      ...st,
      tableId: row.tableId,
      tableName: row.tableName,
      slotId: row.slotId,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      parties: row.clusterIds.map((c) => ({
        clusterId: c,
        name: facts.clusters.get(c)?.name ?? c,
        country: facts.clusters.get(c)?.country ?? '',
        delegates: row.delegateIds
          .filter((d) => facts.delegates.get(d)?.clusterId === c)
          .map((d) => ({ delegateId: d, name: facts.delegates.get(d)?.name ?? d, checkedIn: facts.checkins.has(d) })),
      })),
      atRisk:
        st.status === 'scheduled' &&
        notIn.length > 0 &&
        Date.parse(row.startsAt) - AT_RISK_MINUTES * 60_000 <= at.getTime() &&
        Date.parse(row.endsAt) > at.getTime(),
    };
  }

  /** The live board: current and next slot, tables, meetings at risk, free tables, people waiting. */
  async board(eventId: string, atIso: string | undefined): Promise<BoardResponse> {
    const at = this.parseAt(atIso);
    const facts = await this.readDay(this.db.manager, await this.event(eventId));
    const t = at.getTime();
    const current = facts.slots.find((s) => Date.parse(s.startsAt) <= t && t < Date.parse(s.endsAt)) ?? null;
    const next = facts.slots.find((s) => Date.parse(s.startsAt) > t) ?? null;
    const slotView = (s: (typeof facts.slots)[number] | null): BoardSlotResponse | null => {
      if (!s) return null;
      const rows = facts.meetings.filter((r) => r.slotId === s.id);
      const used = new Set(rows.map((r) => r.tableId));
      return {
        slotId: s.id,
        code: s.code,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        meetings: rows.map((r) => this.meetingView(facts, r, at)),
        freeTables: facts.tables.filter((x) => !used.has(x.id)).map((x) => ({ tableId: x.id, name: x.name })),
      };
    };
    const cur = slotView(current);
    const nxt = slotView(next);
    const atRisk = [...(cur?.meetings ?? []), ...(nxt?.meetings ?? [])].filter((x) => x.atRisk);
    // Checked-in people without a meeting that happens in the slot now (or the next one between slots).
    const focus = current ?? next;
    const busy = new Set(
      facts.meetings
        .filter((r) => focus && r.slotId === focus.id && missed(facts, r, at) === null)
        .flatMap((r) => r.delegateIds),
    );
    const waiting = [...facts.checkins.values()]
      .filter((c) => facts.delegates.has(c.delegateId) && !busy.has(c.delegateId))
      .map((c) => {
        const d = facts.delegates.get(c.delegateId);
        return {
          delegateId: c.delegateId,
          name: d?.name ?? '',
          clusterId: d?.clusterId ?? '',
          clusterName: facts.clusters.get(d?.clusterId ?? '')?.name ?? '',
          checkedInAt: c.checkedInAt,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    const attendees = new Set(facts.meetings.flatMap((r) => r.delegateIds));
    return {
      at: at.toISOString(),
      versionNumber: facts.version?.number ?? null,
      current: cur,
      next: nxt,
      atRisk,
      waiting,
      checkedIn: [...facts.checkins.keys()].filter((d) => facts.delegates.has(d)).length,
      attendees: attendees.size,
      delegates: facts.delegates.size,
    };
  }

  /** A delegate's day: their check-in code and state and their meetings with statuses (organisers: ?delegateId). */
  async myDay(eventId: string, p: Principal, delegateIdQuery: string | undefined): Promise<MyDayResponse> {
    const delegateId = p.kind === 'delegate' ? p.delegateId : delegateIdQuery;
    if (delegateId === undefined) throw badField('delegateId', 'is required for organisers (whose day?)');
    if (delegateIdQuery !== undefined) await this.access.require(p, Permission.AgendaRead, [delegateIdQuery]);
    await this.access.require(p, Permission.EventAgenda, [eventId]);
    const facts = await this.readDay(this.db.manager, await this.event(eventId));
    const d = facts.delegates.get(delegateId);
    if (!d) throw notFound('Delegate', delegateId);
    const at = new Date();
    const settings = await this.settings(eventId);
    return {
      delegateId,
      name: d.name,
      clusterId: d.clusterId,
      checkinCode: this.checkinCode(eventId, delegateId),
      checkedIn: facts.checkins.has(delegateId),
      selfServiceRebooking: settings.selfServiceRebooking,
      meetings: facts.meetings
        .filter((r) => r.delegateIds.includes(delegateId))
        .map((r) => ({ ...this.meetingView(facts, r, at), missed: missed(facts, r, at) !== null })),
    };
  }

  async settings(eventId: string): Promise<DaySettingsResponse> {
    await this.event(eventId);
    const s = await this.db.manager.findOne(EventDaySettingEntity, { where: { eventId } });
    return { selfServiceRebooking: s?.selfServiceRebooking ?? false, reminderMinutes: s?.reminderMinutes ?? null };
  }

  async saveSettings(eventId: string, dto: DaySettingsDto): Promise<DaySettingsResponse> {
    await this.event(eventId);
    const before = await this.settings(eventId);
    const row: EventDaySettingEntity = {
      eventId,
      selfServiceRebooking: dto.selfServiceRebooking ?? before.selfServiceRebooking,
      reminderMinutes: dto.reminderMinutes !== undefined ? dto.reminderMinutes : before.reminderMinutes,
      updatedAt: nowIso(),
    };
    await this.db.transaction(async (m) => {
      await m.delete(EventDaySettingEntity, { eventId });
      await m.insert(EventDaySettingEntity, row);
    });
    return { selfServiceRebooking: row.selfServiceRebooking, reminderMinutes: row.reminderMinutes };
  }

  /** The day's figures for the published version (`dayFigures`; the impact report reads them too). */
  async figures(eventId: string): Promise<FiguresResponse> {
    return dayFigures(this.sources, this.db.manager, await this.event(eventId));
  }

  /** The figures as CSV or XLSX: a summary, then no-shows by cluster and by country. */
  async exportFigures(
    eventId: string,
    format: 'csv' | 'xlsx',
  ): Promise<{ body: Buffer; contentType: string; filename: string }> {
    const f = await this.figures(eventId);
    const summary: string[][] = [
      ['figure', 'value'],
      ['published version', String(f.versionNumber ?? '')],
      ['meetings', String(f.meetings)],
      ['held', String(f.held)],
      ['no-shows', String(f.noShows)],
      ['cancelled on site', String(f.cancelledOnSite)],
      ['not marked', String(f.unmarked)],
      ['conflicting marks', String(f.conflicts)],
      ['attendees', String(f.attendees)],
      ['checked in', String(f.checkedIn)],
      ['check-in rate', String(f.checkInRate)],
      ['rebookings', String(f.rebookings)],
    ];
    const clusters = [
      ['cluster', 'country', 'no-shows'],
      ...f.noShowsByCluster.map((c) => [c.name, c.country, String(c.count)]),
    ];
    const countries = [['country', 'no-shows'], ...f.noShowsByCountry.map((c) => [c.country, String(c.count)])];
    if (format === 'csv') {
      return {
        body: toSafeCsv([...summary, [], ...clusters, [], ...countries]),
        contentType: 'text/csv; charset=utf-8',
        filename: 'event-day-figures.csv',
      };
    }
    const wb = new (excel().Workbook)();
    addTextRows(wb.addWorksheet('Figures'), summary);
    addTextRows(wb.addWorksheet('No-shows by cluster'), clusters);
    addTextRows(wb.addWorksheet('No-shows by country'), countries);
    return {
      body: Buffer.from(await wb.xlsx.writeBuffer()),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      filename: 'event-day-figures.xlsx',
    };
  }

  /** Refuses a delegate unless the organiser allows self-service rebooking. */
  async requireSelfService(eventId: string, p: Principal): Promise<void> {
    if (p.kind === 'organiser') return;
    if (!(await this.settings(eventId)).selfServiceRebooking)
      throw forbidden('Only an organiser books a replacement at this event');
  }

  /** 409 unless a version is published. */
  static requirePublished(facts: DayFacts): void {
    if (!facts.version) throw conflict('Nothing is published for this event yet');
  }
}
