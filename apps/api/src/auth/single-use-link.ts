/**
 * The single-use links the service mails (delegates' login links, delegate invitations, organiser invitations):
 * a random token that only its holder knows, of which the database keeps the SHA-256; a link is live until it is
 * used, revoked or expired, and using it is one conditional update, so of two concurrent uses only one wins.
 */
import { randomBytes } from 'node:crypto';
import { MoreThan } from 'typeorm';
import type {
  EntityManager,
  EntityTarget,
  FindOptionsOrder,
  FindOptionsSelect,
  FindOptionsWhere,
  ObjectLiteral,
} from 'typeorm';
import { sha256 } from './token-hash';

/** The columns every single-use link row has. */
export interface SingleUseLink {
  id: string;
  tokenHash: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
}

/** A new link token (for the URL) and its hash (for the database). */
export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: sha256(token) };
}

/** Whether the link can still be used at `now` (ISO 8601). */
export const isLive = (link: SingleUseLink, now: string): boolean =>
  link.usedAt === null && link.revokedAt === null && link.expiresAt > now;

/**
 * Marks the live link `link` of `entity` used at `now`, in the caller's transaction: true when this call used it,
 * false when it was not live or another use got there first.
 */
export async function useOnce<T extends ObjectLiteral & SingleUseLink>(
  m: EntityManager,
  entity: EntityTarget<T>,
  link: SingleUseLink,
  now: string,
): Promise<boolean> {
  if (!isLive(link, now)) return false;
  const res = await m
    .createQueryBuilder()
    .update(entity)
    .set({ usedAt: now } as never)
    .where('id = :id AND used_at IS NULL AND revoked_at IS NULL', { id: link.id })
    .execute();
  return res.affected === 1;
}

/** When a link made at `now` for `ttlSeconds` expires (ISO 8601). */
export const expiryAfter = (now: Date, ttlSeconds: number): string =>
  new Date(now.getTime() + ttlSeconds * 1000).toISOString();

/**
 * The per-address limit of mailed links (`MAGIC_LINK_LIMIT` per `MAGIC_LINK_WINDOW`): undefined while fewer than
 * `limit.count` rows of `entity` matching `where` were made in the window before `now`; else the milliseconds until
 * the oldest of them leaves the window.
 */
export async function linkLimitReached<T extends ObjectLiteral & { createdAt: string }>(
  m: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  limit: { readonly count: number; readonly windowMs: number },
  now: Date,
): Promise<number | undefined> {
  const since = new Date(now.getTime() - limit.windowMs).toISOString();
  const recent = await m.find(entity, {
    where: { ...where, createdAt: MoreThan(since) } as FindOptionsWhere<T>,
    select: { createdAt: true } as FindOptionsSelect<T>,
    order: { createdAt: 'DESC' } as FindOptionsOrder<T>,
    take: limit.count,
  });
  if (recent.length < limit.count) return undefined;
  const oldest = recent[recent.length - 1]?.createdAt ?? now.toISOString();
  return Math.max(0, new Date(oldest).getTime() + limit.windowMs - now.getTime());
}
