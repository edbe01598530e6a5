import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { MagicLinkMessage, MagicLinkSender } from '../auth/magic-link.sender';
import { LOGGER } from '../common/logger';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { MailService } from './mail.service';

/**
 * The default `MagicLinkSender` (the auth module's seam): puts the sign-in mail into the outbox
 * through `m`, the transaction that stores the link row, so the mail exists if and only if the
 * link does. With NODE_ENV=development set explicitly it also logs the link, so a developer without
 * SMTP can sign in from the log line as well as from the .eml file under data/outbox/; never otherwise.
 */
@Injectable()
export class OutboxMagicLinkSender implements MagicLinkSender {
  constructor(
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async send(message: MagicLinkMessage, m: EntityManager): Promise<void> {
    const to = { email: message.to, name: message.name };
    const expiresAt = new Date(message.expiresAt);
    const purpose = message.purpose ?? 'sign-in';
    const id =
      purpose === 'sign-in'
        ? await this.mail.queueMagicLink(m, to, message.url, expiresAt)
        : await this.mail.queueInvitation(
            m,
            to,
            purpose,
            message.url,
            expiresAt,
            message.clusterName ?? 'clustermatch',
            message.invitedBy,
          );
    if (this.config.logLoginLinks) {
      this.log.info(
        { to: message.to, url: message.url, expiresAt: message.expiresAt, outboxId: id },
        'magic link (development: also queued as mail)',
      );
    }
  }
}
