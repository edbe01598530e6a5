import type { EntityManager } from 'typeorm';

/**
 * A person's name and address to take out of free texts (issue 17, the erasure): the rows whose column contains the
 * address (in any letter case) or the name are read, and `scrub` rewrites their text. Owners of free-text columns
 * pass this to `scrubColumn` for each of theirs; privacy's erasure builds it.
 */
export interface FreeTextScrub {
  readonly email: string;
  readonly name: string;
  /** The text with the person taken out. */
  readonly scrub: (text: string) => string;
}

/**
 * Rewrites the text column `column` of the rows of `entity` that mention the person (rows keyed by `key`), in the
 * caller's transaction; the number of rows changed.
 */
export async function scrubColumn<T extends object>(
  m: EntityManager,
  entity: new () => T,
  key: keyof T & string,
  column: keyof T & string,
  s: FreeTextScrub,
): Promise<number> {
  const rows = await m
    .createQueryBuilder(entity, 'x')
    .where(`lower(x.${column}) LIKE :e OR x.${column} LIKE :n`, {
      e: `%${s.email.toLowerCase()}%`,
      n: `%${s.name}%`,
    })
    .getMany();
  let changed = 0;
  for (const r of rows) {
    const v = (r as Record<string, unknown>)[column];
    if (typeof v !== 'string') continue;
    const next = s.scrub(v);
    if (next === v) continue;
    await m.update(entity, { [key]: (r as Record<string, unknown>)[key] } as never, { [column]: next } as never);
    changed++;
  }
  return changed;
}
