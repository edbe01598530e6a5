import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { Not, IsNull } from 'typeorm';
import { PublishedAgendas } from '../calendars/published-agendas';
import { LOGGER } from '../common/logger';
import { PeriodicJob } from '../common/periodic-job';
import { type MailConfig } from '../config/config';
import { MAIL_CONFIG } from '../config/config.module';
import { Db } from '../database/db.service';
import { MailService } from '../mail/mail.service';
import { missed } from './day-facts';
import { EventDaySettingEntity } from './eventday.entity';
import { EventDayService } from './eventday.service';

/** How often the reminders are looked for while the outbox worker runs. */
const EVERY_MS = 60_000;

/**
 * Issue 10, item 5: an optional mail to each attendee shortly before each meeting, `reminderMinutes` before it
 * (the organiser's setting, default off), through the outbox in the attendee's language. One message id per meeting,
 * attendee and start, so a meeting is reminded once; meetings that will not happen (marked, or rebooked) are skipped.
 */
@Injectable()
export class MeetingRemindersService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log: Logger;
  private readonly job: PeriodicJob;

  constructor(
    private readonly db: Db,
    private readonly mail: MailService,
    private readonly agendas: PublishedAgendas,
    private readonly day: EventDayService,
    @Inject(MAIL_CONFIG) private readonly mailConfig: MailConfig,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ component: 'meeting-reminders' });
    this.job = new PeriodicJob(() => this.queueDue(), this.log, 'could not queue meeting reminders');
  }

  onApplicationBootstrap(): void {
    if (this.mailConfig.workerEnabled) this.job.start(EVERY_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.job.stop();
  }

  /** Queues the reminders of meetings starting after `now` and within each event's lead time. Returns how many. */
  async queueDue(now: Date = new Date()): Promise<number> {
    const settings = await this.db.manager.find(EventDaySettingEntity, { where: { reminderMinutes: Not(IsNull()) } });
    let queued = 0;
    for (const s of settings) {
      const minutes = s.reminderMinutes ?? 0;
      if (minutes < 1) continue;
      const until = now.getTime() + minutes * 60_000;
      queued += await this.db.transaction(async (m) => {
        const facts = await this.day.readDay(m, await this.day.event(s.eventId, m));
        if (!facts.version) return 0;
        const soon = facts.meetings.filter((r) => {
          const t = Date.parse(r.startsAt);
          return t > now.getTime() && t <= until && missed(facts, r, now) === null;
        });
        if (soon.length === 0) return 0;
        const h = await this.agendas.history(s.eventId, m);
        const last = h.snapshots[h.snapshots.length - 1];
        if (!last) return 0;
        let n = 0;
        for (const r of soon) {
          for (const delegateId of r.delegateIds) {
            const agenda = last.agendas.find((a) => a.person.id === delegateId);
            if (agenda?.person.email === undefined) continue;
            const id = `meeting-reminder.${r.requestId}.${delegateId}.${Date.parse(r.startsAt) / 1000}`;
            if (await this.mail.isQueued(m, id)) continue;
            await this.mail.queue(
              m,
              'meeting-reminder',
              {
                event: h.event,
                agenda,
                meetingIds: [r.requestId],
                minutes,
                link: this.mail.link(`/events/${s.eventId}/agenda`),
              },
              { email: agenda.person.email, name: agenda.person.name },
              { id, eventId: s.eventId },
            );
            n++;
          }
        }
        return n;
      });
    }
    if (queued > 0) this.log.info({ queued }, 'meeting reminders queued');
    return queued;
  }
}
