import { escapeHtml } from '@clustermatch/mail';

/**
 * Takes a person's name and e-mail address out of stored text (issue 17): every form they take in what the service
 * writes (as typed, HTML-escaped, iCalendar-escaped, in any letter case for the address), and inside calendar text
 * also across folded lines (RFC 5545 folds at 75 octets, which may split a name).
 */
export interface Erased {
  readonly name: string;
  readonly email: string;
  /** What the name becomes ("Former delegate of <cluster>"). */
  readonly nameReplacement: string;
  /** What the address becomes. */
  readonly emailReplacement: string;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const icalEscape = (s: string): string => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,');
/** As `mailbox()` writes a display name into a header. */
const headerName = (s: string): string => s.replace(/["\\\r\n<>]/g, '').trim();

function patterns(e: Erased): { re: RegExp; by: string }[] {
  const out: { re: RegExp; by: string }[] = [];
  const add = (needle: string, by: string, flags = 'g'): void => {
    if (needle.trim().length < 2) return;
    out.push({ re: new RegExp(escapeRegExp(needle), flags), by });
  };
  const email = e.email.trim();
  add(email, e.emailReplacement, 'gi');
  add(encodeURIComponent(email), encodeURIComponent(e.emailReplacement), 'gi');
  const name = e.name.trim();
  // Longest forms first, so an escaped form is not half-replaced by the plain one.
  const forms = [...new Set([escapeHtml(name), icalEscape(name), headerName(name), name])].sort(
    (a, b) => b.length - a.length,
  );
  for (const f of forms) add(f, f === escapeHtml(name) ? escapeHtml(e.nameReplacement) : e.nameReplacement);
  return out;
}

/** Folds one iCalendar line at 75 octets without splitting a UTF-8 character. */
function foldLine(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line;
  const parts: string[] = [];
  let cur = '';
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (size + n > limit) {
      parts.push(cur);
      cur = '';
      size = 0;
      limit = 74;
    }
    cur += ch;
    size += n;
  }
  parts.push(cur);
  return parts.join('\r\n ');
}

const isCalendar = (s: string): boolean => s.includes('BEGIN:VCALENDAR');

/** `text` with the person's name and address replaced; the same string when neither occurs. */
export function scrubText(text: string, e: Erased): string {
  let source = text;
  const calendar = isCalendar(text);
  if (calendar) source = text.replace(/\r?\n[ \t]/g, '');
  let out = source;
  for (const p of patterns(e)) out = out.replace(p.re, p.by);
  if (out === source) return text;
  return calendar ? out.split(/\r\n/).map(foldLine).join('\r\n') : out;
}

/** Whether the person's name or address occurs in `text` (in any of the forms `scrubText` replaces). */
export function mentions(text: string, e: Erased): boolean {
  return scrubText(text, e) !== text;
}

/** Every string inside a JSON value scrubbed (objects and arrays copied). */
export function scrubJson(value: unknown, e: Erased): unknown {
  if (typeof value === 'string') return scrubText(value, e);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, e));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubJson(v, e)]));
  return value;
}
