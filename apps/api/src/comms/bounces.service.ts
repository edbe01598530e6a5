import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { notFound } from '../common/errors';
import { LOGGER } from '../common/logger';
import { Db } from '../database/db.service';
import { DelegatesRepository } from '../delegates/delegates.repository';
import { MailWorkerService } from '../mail/mail-worker.service';
import { MailService } from '../mail/mail.service';
import { ContactPreferenceEntity } from './comms.entity';
import { Segments } from './segments';

export interface BounceView {
  delegateId: string;
  name: string;
  email: string;
  clusterName: string;
  bouncedAt: string;
  reason: string;
}

/**
 * Addresses the mail server refused permanently (an SMTP 5xx) are marked on the delegate
 * (`contact_preference.bounced_at`): mailings and nudges skip them, and the organiser sees them.
 * Transactional mail is still tried. Changing the delegate's address clears nothing by itself: the
 * organiser clears the mark (`DELETE .../bounces/:delegateId`) once the address is fixed.
 */
@Injectable()
export class BouncesService implements OnApplicationBootstrap {
  private readonly log: Logger;

  constructor(
    private readonly db: Db,
    private readonly segments: Segments,
    private readonly worker: MailWorkerService,
    private readonly mail: MailService,
    private readonly delegates: DelegatesRepository,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ component: 'bounces' });
  }

  onApplicationBootstrap(): void {
    this.worker.onPermanentFailure((b) => this.record(b.id, b.error));
  }

  /** Marks the delegate(s) with the address of outbox message `id` as bounced. */
  async record(id: string, error: string): Promise<void> {
    const recipient = await this.mail.recipientOf(id);
    if (recipient === null) return;
    const address = (/<([^<>]+)>\s*$/.exec(recipient)?.[1] ?? recipient).trim().toLowerCase();
    const now = new Date().toISOString();
    await this.db.transaction(async (m) => {
      const delegates = await this.delegates.withEmail(address, m);
      for (const d of delegates) {
        const reason = error.slice(0, 500);
        if (await m.findOne(ContactPreferenceEntity, { where: { delegateId: d.id } }))
          await m.update(ContactPreferenceEntity, { delegateId: d.id }, { bouncedAt: now, bounceReason: reason });
        else
          await m.insert(ContactPreferenceEntity, {
            delegateId: d.id,
            unsubscribedAt: null,
            bouncedAt: now,
            bounceReason: reason,
          });
        this.log.warn({ delegateId: d.id, message: id }, 'address bounced');
      }
    });
  }

  /** The event's delegates whose address bounced. */
  async list(eventId: string): Promise<BounceView[]> {
    const a = await this.segments.audience(this.db.manager, eventId);
    const bounced = a.contacts.filter((c) => c.bounced);
    if (bounced.length === 0) return [];
    const prefs = new Map((await this.db.manager.find(ContactPreferenceEntity)).map((p) => [p.delegateId, p] as const));
    return bounced.map((c) => ({
      delegateId: c.delegateId,
      name: c.name,
      email: c.email,
      clusterName: c.clusterName,
      bouncedAt: prefs.get(c.delegateId)?.bouncedAt ?? '',
      reason: prefs.get(c.delegateId)?.bounceReason ?? '',
    }));
  }

  /** The organiser fixed the address: mailings and nudges go to it again. */
  async clear(eventId: string, delegateId: string): Promise<void> {
    const a = await this.segments.audience(this.db.manager, eventId);
    if (!a.contacts.some((c) => c.delegateId === delegateId)) throw notFound('Delegate', delegateId);
    await this.db.manager.update(ContactPreferenceEntity, { delegateId }, { bouncedAt: null, bounceReason: null });
  }
}
