import { Injectable } from '@nestjs/common';
import type { MagicLinkMessage, MagicLinkSender } from '../auth/magic-link.sender';
import { Db } from '../database/db.service';
import { MailService } from './mail.service';

/**
 * A `MagicLinkSender` (the auth module's seam) that puts the sign-in mail into the outbox.
 * It runs its own transaction, after the link row was committed; for one transaction with the
 * link row, call `MailService.queueMagicLink(m, ...)` inside AuthService's transaction instead.
 */
@Injectable()
export class OutboxMagicLinkSender implements MagicLinkSender {
  constructor(
    private readonly db: Db,
    private readonly mail: MailService,
  ) {}

  async send(message: MagicLinkMessage): Promise<void> {
    await this.db.transaction((m) => this.mail.queueMagicLink(m, { email: message.to, name: message.name }, message.url, new Date(message.expiresAt)));
  }
}
