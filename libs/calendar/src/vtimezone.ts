import { DateTime, IANAZone } from 'luxon';

/**
 * A VTIMEZONE component for an IANA zone, built from the zone rules the runtime knows (ICU via
 * Luxon), never from the machine's own zone, from the offset changes between `fromMs` and `toMs`.
 * When they follow one yearly rule each way (as in Europe and North America today) it writes one
 * DAYLIGHT and one STANDARD observance with an RRULE, the form Outlook writes itself; otherwise
 * (no DST, rules that changed in the range) every change becomes its own observance with an
 * explicit onset (RFC 5545 3.6.5 allows observances without RRULE), after one observance for
 * the offset in force at `fromMs`. Pick a range that covers every event in the calendar with
 * a margin (e.g. a year either side), so each rule is seen at least twice.
 *
 * @example
 * ```ts
 * vtimezone('Europe/Berlin', Date.UTC(2026, 0, 1), Date.UTC(2028, 0, 1));
 * // BEGIN:VTIMEZONE / TZID:Europe/Berlin / X-LIC-LOCATION:Europe/Berlin
 * // BEGIN:DAYLIGHT / DTSTART:20260329T020000 / RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
 * // TZOFFSETFROM:+0100 / TZOFFSETTO:+0200 / END:DAYLIGHT / BEGIN:STANDARD / ... / END:VTIMEZONE
 * ```
 */
export function vtimezone(tz: string, fromMs: number, toMs: number): string {
  if (!IANAZone.isValidZone(tz)) throw new RangeError(`unknown IANA time zone "${tz}"`);
  if (!(toMs > fromMs)) throw new RangeError('vtimezone: toMs must be after fromMs');
  // Every attendee of an event needs the same block: compute it once (zone rules do not change at run time).
  const key = `${tz}|${fromMs}|${toMs}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const text = build(tz, fromMs, toMs);
  if (cache.size >= 64) cache.clear();
  cache.set(key, text);
  return text;
}

const cache = new Map<string, string>();

function build(tz: string, fromMs: number, toMs: number): string {
  const offsetAt = (ms: number): number => DateTime.fromMillis(ms, { zone: tz }).offset;

  // Offset changes, each located to the minute by bisection inside a one-day step (no zone
  // changes its offset twice within a day).
  const step = 24 * 3600_000;
  const changes: { at: number; from: number; to: number }[] = [];
  let prevMs = fromMs;
  let prev = offsetAt(fromMs);
  for (let t = fromMs + step; prevMs < toMs; t += step) {
    const cur = Math.min(t, toMs);
    const off = offsetAt(cur);
    if (off !== prev) {
      let lo = prevMs;
      let hi = cur;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (offsetAt(mid) === prev) lo = mid;
        else hi = mid;
      }
      changes.push({ at: hi, from: prev, to: off });
      prev = off;
    }
    prevMs = cur;
  }

  const onsets = changes.map((c) => ({
    ...c,
    local: DateTime.fromMillis(c.at, { zone: 'utc' }).plus({ minutes: c.from }),
  }));
  const lines = ['BEGIN:VTIMEZONE', `TZID:${tz}`, `X-LIC-LOCATION:${tz}`];
  const observance = (
    kind: 'STANDARD' | 'DAYLIGHT',
    o: { local: DateTime; from: number; to: number },
    rrule?: string,
  ): void => {
    // The onset is written in the local time in force before it (TZOFFSETFROM).
    lines.push(`BEGIN:${kind}`, `DTSTART:${o.local.toFormat("yyyyLLdd'T'HHmmss")}`);
    if (rrule !== undefined) lines.push(`RRULE:${rrule}`);
    lines.push(`TZOFFSETFROM:${formatOffset(o.from)}`, `TZOFFSETTO:${formatOffset(o.to)}`, `END:${kind}`);
  };

  // The usual case (and the form Outlook writes itself): one yearly rule into summer time and
  // one back, e.g. RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU.
  const forward = onsets.filter((o) => o.to > o.from);
  const back = onsets.filter((o) => o.to < o.from);
  const forwardRule = yearlyRule(forward, fromMs, toMs);
  const backRule = yearlyRule(back, fromMs, toMs);
  if (forwardRule !== undefined && backRule !== undefined && forward.length + back.length === onsets.length) {
    observance('DAYLIGHT', forward[0], forwardRule);
    observance('STANDARD', back[0], backRule);
  } else {
    // Otherwise every change as its own observance, after the offset in force at `fromMs`.
    const first = offsetAt(fromMs);
    const periods = [
      {
        at: fromMs,
        from: first,
        to: first,
        local: DateTime.fromMillis(fromMs, { zone: 'utc' }).plus({ minutes: first }),
      },
      ...onsets,
    ];
    periods.forEach((p, i) => {
      const neighbours = [periods[i - 1]?.to, periods[i + 1]?.to, p.from].filter((x): x is number => x !== undefined);
      observance(neighbours.some((o) => p.to > o) ? 'DAYLIGHT' : 'STANDARD', p);
    });
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n') + '\r\n';
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

type Onset = { readonly local: DateTime; readonly from: number; readonly to: number };

/**
 * A yearly RRULE matching every onset (same offsets, month, weekday and local time; the same
 * n-th or the last such weekday of the month) and predicting no onset that did not happen in
 * [fromMs, toMs) (so a zone that dropped DST in the range gets no rule), or undefined.
 * Needs two onsets as evidence.
 */
function yearlyRule(onsets: readonly Onset[], fromMs: number, toMs: number): string | undefined {
  const [a] = onsets;
  if (a === undefined || onsets.length < 2) return undefined;
  const key = (o: Onset): string =>
    `${o.from}|${o.to}|${o.local.month}|${o.local.weekday}|${o.local.toFormat('HHmmss')}`;
  if (onsets.some((o) => key(o) !== key(a))) return undefined;
  const isLast = (d: DateTime): boolean => d.day + 7 > (d.daysInMonth ?? 31);
  const nth = (d: DateTime): number => Math.ceil(d.day / 7);
  let ordinal: number;
  if (onsets.every((o) => isLast(o.local))) ordinal = -1;
  else if (onsets.every((o) => nth(o.local) === nth(a.local))) ordinal = nth(a.local);
  else return undefined;

  const seen = new Set(onsets.map((o) => o.local.year));
  const firstYear = new Date(fromMs).getUTCFullYear();
  const lastYear = new Date(toMs).getUTCFullYear();
  for (let y = firstYear; y <= lastYear; y++) {
    const day = ruleDay(y, a.local.month, a.local.weekday, ordinal);
    const at = Date.UTC(y, a.local.month - 1, day, a.local.hour, a.local.minute, a.local.second) - a.from * 60_000;
    if (at >= fromMs && at < toMs && !seen.has(y)) return undefined;
  }
  return `FREQ=YEARLY;BYMONTH=${a.local.month};BYDAY=${ordinal}${WEEKDAYS[a.local.weekday - 1]}`;
}

/** Day of month of the `ordinal`-th (-1: last) `weekday` (1 = Monday) of a month. */
function ruleDay(year: number, month: number, weekday: number, ordinal: number): number {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const weekdayOf = (d: number): number => ((new Date(Date.UTC(year, month - 1, d)).getUTCDay() + 6) % 7) + 1;
  if (ordinal === -1) {
    let d = days;
    while (weekdayOf(d) !== weekday) d--;
    return d;
  }
  let d = 1;
  while (weekdayOf(d) !== weekday) d++;
  return d + 7 * (ordinal - 1);
}

/** `+0100`, `-0500`, `+0530`: an offset in minutes as iCalendar writes it. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}
