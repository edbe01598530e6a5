import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger';

export interface MagicLinkMessage {
  readonly to: string;
  readonly name: string;
  readonly url: string;
  readonly expiresAt: string;
}

/** Delivers a delegate's login link. The mail library replaces the default (which logs it). */
export interface MagicLinkSender {
  send(message: MagicLinkMessage): Promise<void>;
}

export const MAGIC_LINK_SENDER = Symbol('MAGIC_LINK_SENDER');

@Injectable()
export class LoggingMagicLinkSender implements MagicLinkSender {
  constructor(@Inject(LOGGER) private readonly log: Logger) {}

  async send(message: MagicLinkMessage): Promise<void> {
    this.log.info({ to: message.to, url: message.url, expiresAt: message.expiresAt }, 'magic link (development: not mailed)');
  }
}
