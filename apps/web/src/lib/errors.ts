/**
 * Errors as the user reads them (issue 9, item 7): in the chosen language, naming the field as the form labels it
 * ("Day 1, first meeting", "Table 3 seats"), without HTTP status codes or ids. The app asks the service for its
 * messages in the app's language (Accept-Language, issue 16); English ones that forms meet are worded here, anything
 * else is shown as the service wrote it, minus ids.
 */
import { ApiError } from '../api/client';
import type { MessageKey } from '../i18n';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

const UUID = /\s*\(?\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b\)?/gi;

/** Labels of the last part of a field path, by name. */
const LEAF: Record<string, MessageKey> = {
  name: 'setup.name',
  venue: 'setup.venue',
  timezone: 'setup.timezone',
  requestDeadline: 'setup.deadline',
  days: 'setup.days',
  tables: 'setup.tables',
  date: 'setup.date',
  meetingMinutes: 'setup.meetingMinutes',
  seats: 'setup.seats',
  interest: 'request.interest',
  note: 'request.note',
  delegateIds: 'request.attendees',
  receiverClusterIds: 'request.receivers',
  slot: 'edit.slot',
  table: 'edit.table',
  email: 'login.email',
  password: 'login.password',
  firstDay: 'newEvent.firstDay',
};

/**
 * The field as the user sees it: `days[0].startTime` is "Day 1, first meeting", `days[1].breaks[0].end` "Day 2,
 * break 1 until", `tables[2].seats` "Table 3 seats"; a name this file does not know is split into words.
 */
export function fieldLabel(t: T, path: string): string {
  const day = /^days\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (day) {
    const n = Number(day[1]) + 1;
    const rest = day[2] ?? '';
    const brk = /^breaks\[(\d+)\](?:\.(start|end))?$/.exec(rest);
    const part = brk
      ? brk[2] === 'end'
        ? t('setup.breakEnd', { n: Number(brk[1]) + 1 })
        : brk[2] === 'start'
          ? t('setup.breakStart', { n: Number(brk[1]) + 1 })
          : t('err.break', { n: Number(brk[1]) + 1 })
      : rest === 'startTime'
        ? t('err.firstMeeting')
        : rest === 'endTime'
          ? t('err.dayEnds')
          : rest && LEAF[rest]
            ? t(LEAF[rest])
            : rest;
    return part ? t('err.dayField', { n, field: part }) : t('setup.day', { n });
  }
  const table = /^tables\[(\d+)\](?:\.(name|seats|features)(?:\[\d+\])?)?$/.exec(path);
  if (table) {
    const n = Number(table[1]) + 1;
    if (table[2] === 'features') return t('setup.tableFeatures', { n });
    return table[2] === 'seats' ? t('setup.tableSeats', { n }) : t('setup.tableName', { n });
  }
  const leaf =
    path
      .replace(/\[\d+\]/g, '')
      .split('.')
      .pop() ?? path;
  const known = LEAF[leaf];
  if (known) return t(known);
  return leaf
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase());
}

const MESSAGES: readonly [RegExp, MessageKey, (m: RegExpExecArray) => Record<string, string | number>][] = [
  [/^must be a time HH:mm$/, 'err.time', () => ({})],
  [/^must be a date YYYY-MM-DD$/, 'err.date', () => ({})],
  [/^must be an ISO 8601 date-time$/, 'err.dateTime', () => ({})],
  [/^must be an IANA time zone/, 'err.zone', () => ({})],
  [/^must be after startTime (.+)$/, 'err.afterStart', (m) => ({ time: m[1] ?? '' })],
  [/^must be after start (.+)$/, 'err.afterBreakStart', (m) => ({ time: m[1] ?? '' })],
  [/^must lie within (.+)-(.+)$/, 'err.within', (m) => ({ from: m[1] ?? '', to: m[2] ?? '' })],
  [/^longer than the day$/, 'err.longerThanDay', () => ({})],
  [/^the same date as days\[(\d+)\]$/, 'err.sameDate', (m) => ({ n: Number(m[1]) + 1 })],
  [/^duplicate table name (.+)$/, 'err.duplicateTable', (m) => ({ name: m[1] ?? '' })],
  [/^the day plans give no slot$/, 'err.noSlot', () => ({})],
  [/should not be empty|must be longer than or equal to 1 characters/, 'err.required', () => ({})],
  [/^must not be greater than (\d+)$/, 'err.max', (m) => ({ n: m[1] ?? '' })],
  [/^must not be less than (\d+)$/, 'err.min', (m) => ({ n: m[1] ?? '' })],
  [/must be an integer number/, 'err.integer', () => ({})],
  [/^cannot change while version (\d+) is published$/, 'err.publishedLocked', (m) => ({ n: m[1] ?? '' })],
  [/^already has an organiser account$/, 'err.organiserExists', () => ({})],
  [/^must be 10 to 72 characters long$/, 'err.passwordLength', () => ({})],
  [/^must be an e-mail address$/, 'err.email', () => ({})],
  [/^the new first day is needed to copy the day plan$/, 'err.firstDayNeeded', () => ({})],
  [/^The event has not ended yet/, 'err.notEnded', () => ({})],
];

/** A field message of the service in the user's language when this file knows it; else as written, minus ids. */
export function messageText(t: T, message: string): string {
  for (const [re, key, params] of MESSAGES) {
    const m = re.exec(message);
    if (m) return t(key, params(m));
  }
  return message.replace(UUID, '').trim();
}

/** An error as a sentence and, for bad input, one line per field ("Day 1, first meeting: must be a time"). */
export function describeError(t: T, err: unknown): { text: string; lines: string[] } {
  if (!(err instanceof ApiError)) return { text: err instanceof Error ? err.message : String(err), lines: [] };
  if (err.status === 0) return { text: t('err.offline'), lines: [] };
  if (err.status === 401)
    return {
      text:
        err.messageCode === 'wrong_password' || /password/i.test(err.message)
          ? t('err.wrongPassword')
          : err.messageCode === 'login_link_invalid' || /login link/i.test(err.message)
            ? t('err.badLink')
            : err.messageCode === 'invitation_link_invalid' || /invitation link/i.test(err.message)
              ? t('invitation.badLink')
              : t('err.signIn'),
      lines: [],
    };
  if (err.status === 403) return { text: t('err.forbidden'), lines: [] };
  if (err.status === 404) return { text: t('err.notFound'), lines: [] };
  if (err.status === 429) return { text: t('err.tooMany'), lines: [] };
  if (err.status >= 500) return { text: t('err.server'), lines: [] };
  const lines = err.fields
    .filter((f) => f.path !== 'body')
    .map((f) => `${fieldLabel(t, f.path)}: ${messageText(t, f.message)}`);
  if (lines.length > 0) return { text: t('err.checkFields'), lines };
  return { text: messageText(t, err.message), lines: [] };
}
