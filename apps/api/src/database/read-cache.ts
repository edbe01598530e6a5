/**
 * A small in-process cache of read models (the published agendas of an event, directory pages, who a token
 * belongs to), each entry tied to the tables it was computed from (`TableVersions`): an entry is served only
 * while none of those tables has been written since. Concurrent misses of one key share one computation.
 * Values are shared between requests: callers never change what they get.
 *
 * Off with `READ_CACHE=0` (then every call computes), and by default with REDIS_URL, where several instances
 * may write one database. Bounded: at most `MAX_ENTRIES` entries, the least recently used go first.
 */
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { TableVersions } from './table-versions';

const MAX_ENTRIES = 2000;

interface Entry {
  readonly stamp: number;
  readonly value: unknown;
}

@Injectable()
export class ReadCache {
  /** Tests switch it to compare with the uncached path; READ_CACHE sets it at start. */
  enabled: boolean;
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, { stamp: number; value: Promise<unknown> }>();

  constructor(
    private readonly versions: TableVersions,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.enabled = config.readCache;
  }

  /**
   * The value of `key`, computed by `compute` from `tables` (every table it reads), or the one computed before
   * if none of them has been written since. `key` must name everything else the value depends on.
   */
  async get<T>(key: string, tables: readonly string[], compute: () => Promise<T>): Promise<T> {
    if (!this.enabled) return compute();
    // The stamp is read before computing: a write during the computation makes the entry stale at once.
    const stamp = this.versions.stamp(tables);
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp) {
      // Most recently used last (a Map keeps insertion order).
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as T;
    }
    const running = this.pending.get(key);
    if (running && running.stamp === stamp) return running.value as Promise<T>;
    const value = compute();
    this.pending.set(key, { stamp, value });
    try {
      const v = await value;
      this.entries.delete(key);
      this.entries.set(key, { stamp, value: v });
      if (this.entries.size > MAX_ENTRIES) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
      return v;
    } finally {
      if (this.pending.get(key)?.value === value) this.pending.delete(key);
    }
  }

  /** How many entries are held (tests). */
  get size(): number {
    return this.entries.size;
  }
}
