/** The languages the product speaks: the web app, mails and error messages (issue 16). */
export const USER_LANGUAGES = ['en', 'da'] as const;
export type UserLanguage = (typeof USER_LANGUAGES)[number];

export const isUserLanguage = (v: unknown): v is UserLanguage => v === 'en' || v === 'da';

/**
 * The language a delegate is written in, first match wins: the delegate's own choice, else the event's default,
 * else Danish for the delegates of clusters in Denmark, else English.
 */
export function mailLanguage(f: {
  readonly delegate?: UserLanguage | null;
  readonly event?: UserLanguage | null;
  readonly country?: string | null;
}): UserLanguage {
  return f.delegate ?? f.event ?? (f.country === 'DK' ? 'da' : 'en');
}

/**
 * The best of our languages in an `Accept-Language` header (`da, en;q=0.8`), by quality then order; null when
 * it names none of them.
 */
export function fromAcceptLanguage(header: string | undefined): UserLanguage | null {
  if (!header) return null;
  let best: { lang: UserLanguage; q: number } | null = null;
  for (const part of header.split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().split(';');
    const base = tag.trim().toLowerCase().split('-')[0];
    if (!isUserLanguage(base)) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qp ? Number(qp.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang: base, q };
  }
  return best?.lang ?? null;
}
