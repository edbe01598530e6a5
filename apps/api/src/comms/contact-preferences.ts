import { createHmac } from 'node:crypto';
import { Inject, Injectable, Module } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { ContactPreferenceEntity } from './comms.entity';
import { readInBatches } from '../database/in-batches';

/**
 * What a delegate chose about optional mail, for every module that sends it: the mailings and nudges (issue 19),
 * the feedback reminder and the follow-ups (issue 11). Transactional mail (sign-in links, agendas, the feedback
 * request itself) does not ask. Its own small module, so modules the comms module depends on can use it too.
 */
@Injectable()
export class ContactPreferences {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The signed token of a delegate's unsubscribe link (HMAC of the id with the service's secret: nothing stored). */
  unsubscribeToken(delegateId: string): string {
    const mac = createHmac('sha256', this.config.jwtSecret).update(`unsubscribe:${delegateId}`).digest('base64url');
    return `${delegateId}.${mac.slice(0, 32)}`;
  }

  /** The web app's unsubscribe page with the delegate's token. */
  unsubscribeLink(delegateId: string): string {
    return `${this.config.publicUrl}/unsubscribe?token=${encodeURIComponent(this.unsubscribeToken(delegateId))}`;
  }

  /** Of `delegateIds`, those optional mail must not go to: unsubscribed, or their address bounced. */
  async unreachable(m: EntityManager, delegateIds: readonly string[]): Promise<Set<string>> {
    const prefs = await readInBatches(delegateIds, (batch) =>
      m.find(ContactPreferenceEntity, { where: { delegateId: In(batch) } }),
    );
    return new Set(prefs.filter((p) => p.unsubscribedAt !== null || p.bouncedAt !== null).map((p) => p.delegateId));
  }
}

@Module({ providers: [ContactPreferences], exports: [ContactPreferences] })
export class ContactPreferencesModule {}
