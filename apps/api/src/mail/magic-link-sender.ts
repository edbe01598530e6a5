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
 * link does. In development it also logs the link, so `npm start` without SMTP can sign in from
 * the log line as well as from the .eml file under data/outbox/.
 */
@Injectable()
export class OutboxMagicLinkSender implements MagicLinkSender {
  constructor(
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async send(message: MagicLinkMessage, m: EntityManager): Promise<void> {
    const id = await this.mail.queueMagicLink(
      m,
      { email: message.to, name: message.name },
      message.url,
      new Date(message.expiresAt),
    );
    if (this.config.env === 'development') {
      this.log.info(
        { to: message.to, url: message.url, expiresAt: message.expiresAt, outboxId: id },
        'magic link (development: also queued as mail)',
      );
    }
  }
}
