import type { EntityManager } from 'typeorm';

export interface MagicLinkMessage {
  readonly to: string;
  readonly name: string;
  readonly url: string;
  readonly expiresAt: string;
  /**
   * `sign-in` (the default): a login link. `join`: an invitation to become a delegate of `clusterName`.
   * `confirm-email`: confirms a delegate's new address. All three sign the recipient in.
   */
  readonly purpose?: 'sign-in' | 'join' | 'confirm-email';
  readonly clusterName?: string;
  /** The name of the delegate who invited. */
  readonly invitedBy?: string;
}

/**
 * Delivers a delegate's login link. `send` runs inside the transaction that stores the link, and
 * `m` is that transaction: a sender that writes to the database (the mail outbox) uses it, so the
 * mail exists if and only if the link does. The default is the outbox (MailModule); tests pass an inbox.
 */
export interface MagicLinkSender {
  send(message: MagicLinkMessage, m: EntityManager): Promise<void>;
}

export const MAGIC_LINK_SENDER = Symbol('MAGIC_LINK_SENDER');
