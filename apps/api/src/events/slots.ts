import { DateTime } from 'luxon';
import { FieldError } from '../common/errors';
import type { DayBreak } from './event.entity';

export interface DayPlan {
  readonly date: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly meetingMinutes: number;
  readonly breaks: readonly DayBreak[];
}

export interface GeneratedSlot {
  /** 1-based day number. */
  readonly day: number;
  readonly code: string;
  readonly start: string;
  readonly end: string;
}

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Checks day plans; problems name the field, e.g. `days[1].breaks[0].end`. */
export function checkDayPlans(days: readonly DayPlan[], timezone: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  days.forEach((d, i) => {
    const p = `days[${i}]`;
    const prev = seen.get(d.date);
    if (prev !== undefined) errors.push({ path: `${p}.date`, message: `the same date as days[${prev}]` });
    seen.set(d.date, i);
    if (!DateTime.fromISO(`${d.date}T${d.startTime}`, { zone: timezone }).isValid)
      errors.push({ path: `${p}.date`, message: `${d.date} is not a valid date` });
    const start = minutes(d.startTime);
    const end = minutes(d.endTime);
    if (end <= start) errors.push({ path: `${p}.endTime`, message: `must be after startTime ${d.startTime}` });
    else if (end - start < d.meetingMinutes)
      errors.push({ path: `${p}.meetingMinutes`, message: 'longer than the day' });
    d.breaks.forEach((b, j) => {
      const bs = minutes(b.start);
      const be = minutes(b.end);
      if (be <= bs) errors.push({ path: `${p}.breaks[${j}].end`, message: `must be after start ${b.start}` });
      else if (bs < start || be > end)
        errors.push({ path: `${p}.breaks[${j}]`, message: `must lie within ${d.startTime}-${d.endTime}` });
    });
  });
  return errors;
}

/** The date at `mins` minutes past midnight on the wall clock of `timezone`. */
function wallClock(date: string, mins: number, timezone: string): DateTime {
  return DateTime.fromISO(date, { zone: timezone }).set({
    hour: Math.floor(mins / 60),
    minute: mins % 60,
    second: 0,
    millisecond: 0,
  });
}

/**
 * Slots of the day plans, in order: from the start time, one meeting length after another,
 * jumping past breaks, while a whole meeting fits before the end time. Codes are `d1s01`...
 * Times carry the event zone's offset (so DST is handled by the zone).
 */
export function generateSlots(days: readonly DayPlan[], timezone: string): GeneratedSlot[] {
  const out: GeneratedSlot[] = [];
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  sorted.forEach((d, i) => {
    const breaks = [...d.breaks].map((b) => [minutes(b.start), minutes(b.end)] as const).sort((a, b) => a[0] - b[0]);
    const end = minutes(d.endTime);
    let t = minutes(d.startTime);
    let n = 0;
    while (t + d.meetingMinutes <= end) {
      const clash = breaks.find(([bs, be]) => t < be && t + d.meetingMinutes > bs);
      if (clash) {
        t = clash[1];
        continue;
      }
      n += 1;
      // Wall-clock times of the day in the event zone: adding minutes to midnight would count real minutes,
      // so on a day with a DST change every slot after the change would move by the offset difference.
      const s = wallClock(d.date, t, timezone);
      const e = wallClock(d.date, t + d.meetingMinutes, timezone);
      out.push({
        day: i + 1,
        code: `d${i + 1}s${String(n).padStart(2, '0')}`,
        start: s.toISO({ suppressMilliseconds: true }) ?? '',
        end: e.toISO({ suppressMilliseconds: true }) ?? '',
      });
      t += d.meetingMinutes;
    }
  });
  return out;
}
