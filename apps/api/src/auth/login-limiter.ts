/**
 * Limits on signing in, per account and per client:
 *
 * - per account and client (the pair of the e-mail and the client's address): at most `loginRateLimit.limit`
 *   password attempts per window; a successful sign-in clears the count. Someone guessing one account from one
 *   address is stopped; the account's owner, elsewhere, is not locked out, and another account's failures on
 *   a shared address (an office behind one proxy) do not count against this one.
 * - per client: at most `loginIpLimit` sign-in attempts of any kind (password, magic-link requests, link
 *   checks) per window, so one address cannot try many accounts.
 *
 * The client's address is Express's `req.ip`, which follows X-Forwarded-For only through the proxies named in
 * TRUST_PROXY. Counts live in memory, or in Redis when REDIS_URL is set (shared by every instance of the
 * service). A refusal is a 429 whose `Retry-After` says when the window ends.
 */
import { createHash } from 'node:crypto';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type * as ioredis from 'ioredis';
import type { Redis } from 'ioredis';
import { AppError, ErrorCode } from '../common/errors';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';

/** A fixed-window counter: the count of `key` in the current window, and when that window ends. */
export interface AttemptCounter {
  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export class MemoryAttemptCounter implements AttemptCounter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();
  private lastPrune = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }> {
    const now = this.now();
    this.prune(now);
    const w = this.windows.get(key);
    const current = w && w.endsAt > now ? w : { count: 0, endsAt: now + windowMs };
    current.count++;
    this.windows.set(key, current);
    return { count: current.count, resetInMs: current.endsAt - now };
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  async close(): Promise<void> {
    this.windows.clear();
  }

  /** Forgets ended windows, at most once a second, so the map does not grow under a spray of addresses. */
  private prune(now: number): void {
    if (now - this.lastPrune < 1000) return;
    this.lastPrune = now;
    for (const [k, w] of this.windows) if (w.endsAt <= now) this.windows.delete(k);
  }
}

export class RedisAttemptCounter implements AttemptCounter {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    // Loaded here, not at start-up: a service without REDIS_URL never needs the client.
    const { Redis: Client } = require('ioredis') as typeof ioredis;
    this.redis = new Client(url, { maxRetriesPerRequest: 2, lazyConnect: false });
    // Connection trouble is reported by the failing command; keep the client from crashing the process.
    this.redis.on('error', () => undefined);
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }> {
    const k = this.prefix + key;
    const res = await this.redis.multi().incr(k).pexpire(k, windowMs, 'NX').pttl(k).exec();
    const count = Number(res?.[0]?.[1] ?? 1);
    const ttl = Number(res?.[2]?.[1] ?? windowMs);
    return { count, resetInMs: ttl > 0 ? ttl : windowMs };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

const hash = (s: string): string => createHash('sha256').update(s).digest('base64url').slice(0, 32);

/** The 429 of a sign-in limit, with the seconds until it lifts (sent as `Retry-After`). */
export function tooManyAttempts(resetInMs: number, what: string): AppError {
  const seconds = Math.max(1, Math.ceil(resetInMs / 1000));
  return new AppError(ErrorCode.TooManyRequests, `Too many ${what}: try again in ${seconds} s`, undefined, seconds);
}

@Injectable()
export class LoginLimiter implements OnModuleDestroy {
  private readonly counter: AttemptCounter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.counter = config.redisUrl
      ? new RedisAttemptCounter(config.redisUrl, `${config.jobQueueName}:signin:`)
      : new MemoryAttemptCounter();
  }

  private get windowMs(): number {
    return this.config.loginRateLimit.ttlMs;
  }

  /** Counts one sign-in attempt of any kind from `ip`; 429 beyond the per-client limit. */
  async attempt(ip: string): Promise<void> {
    const { count, resetInMs } = await this.counter.hit(`ip:${hash(ip)}`, this.windowMs);
    if (count > this.config.loginIpLimit) throw tooManyAttempts(resetInMs, 'sign-in attempts from your address');
  }

  /**
   * Counts a password attempt on `email` from `ip` (before the password is checked, so parallel guesses count
   * too); 429 beyond the per-account-and-client limit. Call `succeeded` after a right password.
   */
  async passwordAttempt(ip: string, email: string): Promise<void> {
    await this.attempt(ip);
    const key = `pw:${hash(`${email.trim().toLowerCase()}|${ip}`)}`;
    const { count, resetInMs } = await this.counter.hit(key, this.windowMs);
    if (count > this.config.loginRateLimit.limit)
      throw tooManyAttempts(resetInMs, 'failed sign-ins for this account from your address');
  }

  async succeeded(ip: string, email: string): Promise<void> {
    await this.counter.reset(`pw:${hash(`${email.trim().toLowerCase()}|${ip}`)}`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.counter.close();
  }
}
