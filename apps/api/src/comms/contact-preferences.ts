import { createHmac } from 'node:crypto';
import { Inject, Injectable, Module } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { ContactPreferenceEntity } from './comms.entity';

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
    const out = new Set<string>();
    const ids = [...new Set(delegateIds)];
    // In chunks: PostgreSQL and SQLite both cap the number of bound parameters.
    for (let i = 0; i < ids.length; i += 500) {
      const prefs = await m.find(ContactPreferenceEntity, { where: { delegateId: In(ids.slice(i, i + 500)) } });
      for (const p of prefs) if (p.unsubscribedAt !== null || p.bouncedAt !== null) out.add(p.delegateId);
    }
    return out;
  }
}

@Module({ providers: [ContactPreferences], exports: [ContactPreferences] })
export class ContactPreferencesModule {}
