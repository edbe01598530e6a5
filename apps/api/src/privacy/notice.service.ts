import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { emlFileName } from '@clustermatch/mail';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/decorators';
import { ClustersRepository } from '../clusters/clusters.repository';
import { badField, conflict, notFound } from '../common/errors';
import { LOGGER } from '../common/logger';
import { PeriodicJob } from '../common/periodic-job';
import { type MailConfig } from '../config/config';
import { MAIL_CONFIG } from '../config/config.module';
import { Db } from '../database/db.service';
import { DelegatesRepository } from '../delegates/delegates.repository';
import { EventsRepository } from '../events/events.repository';
import { MailService } from '../mail/mail.service';
import { deserialiseMail } from '../mail/typeorm-outbox.store';
import { AuditLog } from './audit-log';
import { organisationOfPrincipal } from './organisation-of';
import { PrivacyAcceptanceEntity, PrivacyNoticeEntity, PrivacySettingEntity } from './privacy.entity';
import { PrivacyService } from './privacy.service';

export interface NoticeView {
  version: number;
  text: { en: string; da: string };
  publishedAt: string;
  publishedBy: string;
}

export interface MyPrivacyView {
  directoryVisible: boolean;
  /** The organisation's current notice, or null while it has none. */
  notice: NoticeView | null;
  acceptedVersion: number | null;
  acceptedAt: string | null;
  /** True when there is a notice the delegate has not accepted in its current version. */
  mustAccept: boolean;
}

export interface RetentionReport {
  ranAt: string;
  /** People erased because their last event ended longer ago than the retention period. */
  erased: number;
  erasedDelegateIds: string[];
  /** Sent mails whose bodies were removed (and their .eml copies). */
  outboxBodiesPurged: number;
  emlFilesRemoved: number;
}

export interface RetentionView {
  retentionMonths: number | null;
  outboxBodyDays: number | null;
  updatedAt: string | null;
  lastRunAt: string | null;
  lastRun: RetentionReport | null;
}

const DAY = 86_400_000;
const noticeView = (n: PrivacyNoticeEntity): NoticeView => ({
  version: n.version,
  text: { en: n.textEn, da: n.textDa },
  publishedAt: n.publishedAt,
  publishedBy: n.publishedBy,
});
const PURGED_TEXT = '[The body of this mail was removed after the retention period.]';

/** The months before `now` (calendar months, day clamped). */
function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/**
 * Issue 17: the organisation's privacy notice (versioned, owners publish a new version, delegates accept the current
 * one), the delegate's directory choice, and retention: a job that erases people whose last event ended longer ago
 * than the organisation's period and takes the bodies out of sent mails after a shorter one, reporting what it did.
 */
@Injectable()
export class NoticeService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly job: PeriodicJob;
  private readonly log: Logger;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly privacy: PrivacyService,
    private readonly clusters: ClustersRepository,
    private readonly delegates: DelegatesRepository,
    private readonly events: EventsRepository,
    private readonly mail: MailService,
    @Inject(MAIL_CONFIG) private readonly mailConfig: MailConfig,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ component: 'retention' });
    this.job = new PeriodicJob(() => this.runRetention(new Date()), this.log, 'retention job failed');
  }

  /** The retention job runs with the outbox worker (not in tests, which call `runRetention` themselves). */
  onApplicationBootstrap(): void {
    if (this.mailConfig.workerEnabled) this.job.start(this.mailConfig.retentionEveryMs);
  }

  onModuleDestroy(): Promise<void> {
    return this.job.stop();
  }

  // --- The notice ---

  private async current(organisationId: string): Promise<PrivacyNoticeEntity | null> {
    return this.db.manager.findOne(PrivacyNoticeEntity, { where: { organisationId }, order: { version: 'DESC' } });
  }

  async notices(p: Principal): Promise<{ current: NoticeView | null; versions: NoticeView[] }> {
    const organisationId = organisationOfPrincipal(p);
    const all = await this.db.manager.find(PrivacyNoticeEntity, {
      where: { organisationId },
      order: { version: 'DESC' },
    });
    return { current: all[0] ? noticeView(all[0]) : null, versions: all.map(noticeView) };
  }

  /** Publishes a new version; every delegate of the organisation accepts it at their next sign-in. */
  async publishNotice(p: Principal, text: { en: string; da: string }): Promise<NoticeView> {
    if (p.kind !== 'organiser') throw conflict('Only organisers publish the privacy notice');
    const organisationId = organisationOfPrincipal(p);
    const en = text.en.trim();
    const da = text.da.trim();
    if (!en) throw badField('text.en', 'must not be empty');
    if (!da) throw badField('text.da', 'must not be empty');
    return this.db.transaction(async (m) => {
      const last = await m.findOne(PrivacyNoticeEntity, { where: { organisationId }, order: { version: 'DESC' } });
      const row: PrivacyNoticeEntity = {
        organisationId,
        version: (last?.version ?? 0) + 1,
        textEn: en,
        textDa: da,
        publishedAt: new Date().toISOString(),
        publishedBy: p.email,
      };
      await m.insert(PrivacyNoticeEntity, row);
      await this.audit.record(m, p, {
        action: 'notice',
        targetType: 'organisation',
        targetId: organisationId,
        summary: `privacy notice version ${row.version} published`,
      });
      return noticeView(row);
    });
  }

  // --- The delegate's side ---

  /** The organisation a delegate belongs to, through their cluster ('' when there is none). */
  private async organisationOfDelegate(m: EntityManager, delegateId: string): Promise<string> {
    const d = await this.delegates.find(delegateId, m);
    return (d && (await this.clusters.find(d.clusterId, m))?.organisationId) || '';
  }

  async mine(delegateId: string): Promise<MyPrivacyView> {
    const m = this.db.manager;
    const d = await this.delegates.find(delegateId, m);
    if (!d) throw notFound('Delegate', delegateId);
    const notice = await this.current((await this.clusters.find(d.clusterId, m))?.organisationId ?? '');
    const accepted = await m.findOne(PrivacyAcceptanceEntity, { where: { delegateId }, order: { version: 'DESC' } });
    return {
      directoryVisible: d.directoryVisible !== false,
      notice: notice ? noticeView(notice) : null,
      acceptedVersion: accepted?.version ?? null,
      acceptedAt: accepted?.acceptedAt ?? null,
      mustAccept: notice !== null && (accepted?.version ?? 0) < notice.version,
    };
  }

  async setDirectoryVisible(delegateId: string, visible: boolean): Promise<MyPrivacyView> {
    await this.db.transaction((m) => this.delegates.setDirectoryVisible(delegateId, visible, m));
    return this.mine(delegateId);
  }

  /** Records the acceptance of `version`, which must be the current one (409 otherwise: the text changed). */
  async accept(delegateId: string, version: number): Promise<MyPrivacyView> {
    await this.db.transaction(async (m) => {
      const organisationId = await this.organisationOfDelegate(m, delegateId);
      const notice = await m.findOne(PrivacyNoticeEntity, { where: { organisationId }, order: { version: 'DESC' } });
      if (!notice || notice.version !== version)
        throw conflict(
          notice
            ? `Version ${version} is not the current privacy notice (version ${notice.version}): read it again`
            : 'There is no privacy notice to accept',
        );
      if (!(await m.findOneBy(PrivacyAcceptanceEntity, { delegateId, version })))
        await m.insert(PrivacyAcceptanceEntity, { delegateId, version, acceptedAt: new Date().toISOString() });
    });
    return this.mine(delegateId);
  }

  // --- Retention ---

  private view(s: PrivacySettingEntity | null): RetentionView {
    return {
      retentionMonths: s?.retentionMonths ?? null,
      outboxBodyDays: s?.outboxBodyDays ?? null,
      updatedAt: s?.updatedAt ?? null,
      lastRunAt: s?.lastRunAt ?? null,
      lastRun: s?.lastRunReport ? (JSON.parse(s.lastRunReport) as RetentionReport) : null,
    };
  }

  async retention(p: Principal): Promise<RetentionView> {
    return this.view(
      await this.db.manager.findOneBy(PrivacySettingEntity, { organisationId: organisationOfPrincipal(p) }),
    );
  }

  async setRetention(
    p: Principal,
    dto: { retentionMonths: number | null; outboxBodyDays: number | null },
  ): Promise<RetentionView> {
    if (p.kind !== 'organiser') throw conflict('Only organisers set the retention');
    if (dto.retentionMonths !== null && dto.outboxBodyDays !== null && dto.outboxBodyDays >= dto.retentionMonths * 30)
      throw badField('outboxBodyDays', `must be shorter than the retention period (${dto.retentionMonths} months)`);
    const organisationId = organisationOfPrincipal(p);
    await this.db.transaction(async (m) => {
      const patch = {
        retentionMonths: dto.retentionMonths,
        outboxBodyDays: dto.outboxBodyDays,
        updatedAt: new Date().toISOString(),
        updatedBy: p.email,
      };
      if (await m.findOneBy(PrivacySettingEntity, { organisationId }))
        await m.update(PrivacySettingEntity, { organisationId }, patch);
      else await m.insert(PrivacySettingEntity, { organisationId, ...patch, lastRunAt: null, lastRunReport: null });
      await this.audit.record(m, p, {
        action: 'retention',
        targetType: 'organisation',
        targetId: organisationId,
        summary: `retention set: personal data ${dto.retentionMonths ?? 'kept'} months after the last event, mail bodies ${dto.outboxBodyDays ?? 'kept'} days`,
      });
    });
    return this.retention(p);
  }

  /** Runs the retention of the principal's organisation now. */
  async runNow(p: Principal): Promise<RetentionReport> {
    const s = await this.db.manager.findOneBy(PrivacySettingEntity, { organisationId: organisationOfPrincipal(p) });
    if (!s) throw conflict('Set the retention first');
    return this.runFor(s, new Date());
  }

  /** Every organisation's retention at `now` (the scheduled job; tests pass a later `now`). */
  async runRetention(now: Date): Promise<RetentionReport[]> {
    const out: RetentionReport[] = [];
    for (const s of await this.db.manager.find(PrivacySettingEntity)) out.push(await this.runFor(s, now));
    return out;
  }

  private async runFor(s: PrivacySettingEntity, now: Date): Promise<RetentionReport> {
    const report: RetentionReport = {
      ranAt: now.toISOString(),
      erased: 0,
      erasedDelegateIds: [],
      outboxBodiesPurged: 0,
      emlFilesRemoved: 0,
    };
    const m = this.db.manager;
    if (s.retentionMonths !== null) {
      const cutoff = monthsBefore(now, s.retentionMonths).toISOString();
      const clusters = await this.clusters.ofOrganisation(s.organisationId, m);
      // The end of the last slot of any event the cluster took part in.
      const eventEnds = await this.events.lastSlotEnds(m);
      const lastEnd = new Map<string, string>();
      for (const pa of await this.clusters.allParticipations(m)) {
        const end = eventEnds.get(pa.eventId);
        const was = lastEnd.get(pa.clusterId);
        if (end !== undefined && (was === undefined || end > was)) lastEnd.set(pa.clusterId, end);
      }
      const due = new Set(
        clusters
          .filter((c) => {
            const end = lastEnd.get(c.id);
            // Without any event: counted from the cluster's registration.
            return (end ?? c.createdAt) < cutoff;
          })
          .map((c) => c.id),
      );
      const people = await this.delegates.activeOfClusters([...due], m);
      for (const d of people.filter((x) => x.createdAt < cutoff)) {
        await this.privacy.eraseAs(d.id, undefined, { kind: 'system' });
        report.erased++;
        report.erasedDelegateIds.push(d.id);
      }
    }
    if (s.outboxBodyDays !== null) {
      const before = new Date(now.getTime() - s.outboxBodyDays * DAY).toISOString();
      const sent = await this.mail.sentBefore(s.organisationId, before, PURGED_TEXT);
      for (const o of sent) {
        const mail = deserialiseMail(o.mail);
        if (mail.text === PURGED_TEXT) continue;
        const stub = JSON.stringify({
          messageId: mail.messageId,
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: PURGED_TEXT,
          html: '',
          date: mail.date.toISOString(),
        });
        await this.mail.replaceStored(o.id, stub);
        report.outboxBodiesPurged++;
        try {
          await unlink(join(this.mailConfig.outboxDir, emlFileName(mail)));
          report.emlFilesRemoved++;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        }
      }
    }
    await this.db.transaction(async (t) => {
      await t.update(
        PrivacySettingEntity,
        { organisationId: s.organisationId },
        { lastRunAt: report.ranAt, lastRunReport: JSON.stringify(report) },
      );
      await this.audit.record(
        t,
        { kind: 'system' },
        {
          action: 'retention',
          targetType: 'organisation',
          targetId: s.organisationId,
          summary: `retention run: ${report.erased} people erased, ${report.outboxBodiesPurged} mail bodies removed`,
        },
      );
    });
    if (report.erased || report.outboxBodiesPurged)
      this.log.info({ erased: report.erased, purged: report.outboxBodiesPurged }, 'retention applied');
    return report;
  }
}
