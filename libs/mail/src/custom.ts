import type { RenderedMail } from './render';
import { escapeHtml, MailDataError } from './render';

/**
 * Mails whose words the organiser writes: custom mailings to a segment and the automatic nudges.
 * The text is plain text with `{placeholder}`s; paragraphs are separated by a blank line. Every
 * placeholder value is escaped for HTML (links become `<a>` with an escaped `href`), the organiser's
 * own text too: nothing the organiser or a participant typed becomes markup.
 */

/** The languages organiser-written mails come in. */
export const customLanguages = ['en', 'da'] as const;
export type CustomLanguage = (typeof customLanguages)[number];

/** A placeholder's value: text, a number, a link (clickable in HTML) or a list (bullets). */
export type PlaceholderValue = string | number | { readonly link: string } | { readonly list: readonly string[] };

export interface CustomMailInput {
  readonly subject: string;
  readonly body: string;
  readonly values: Readonly<Record<string, PlaceholderValue>>;
  readonly language: CustomLanguage;
  /** Shown at the foot of the mail; nudges and custom mails carry one, transactional mail does not. */
  readonly unsubscribeLink?: string;
  /** Names the event in the footer. */
  readonly eventName: string;
  /** `false`: no footer at all (a reworded transactional mail). Default true. */
  readonly footer?: boolean;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** The placeholders `text` uses (each once, in order of first use). */
export function placeholdersIn(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) if (m[1] !== undefined) seen.add(m[1]);
  return [...seen];
}

const footer: Record<CustomLanguage, { readonly why: string; readonly unsubscribe: string }> = {
  en: {
    why: 'You receive this mail as a participant of {event}.',
    unsubscribe: 'No more reminders or mailings like this one: unsubscribe',
  },
  da: {
    why: 'Du modtager denne mail som deltager i {event}.',
    unsubscribe: 'Ingen flere påmindelser eller udsendelser som denne: afmeld',
  },
};

function checkLink(url: string, path: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MailDataError(path, `must be an absolute URL (got "${url}")`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new MailDataError(path, `must be an http(s) URL (got "${url}")`);
  return parsed.toString();
}

type Piece = { readonly text: string } | { readonly value: PlaceholderValue; readonly name: string };

function pieces(text: string, values: CustomMailInput['values']): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? '';
    const at = m.index;
    if (at > last) out.push({ text: text.slice(last, at) });
    const value = values[name];
    if (value === undefined) throw new MailDataError(`body`, `unknown placeholder {${name}}`);
    out.push({ name, value });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

const isLink = (v: PlaceholderValue): v is { readonly link: string } => typeof v === 'object' && 'link' in v;
const isList = (v: PlaceholderValue): v is { readonly list: readonly string[] } => typeof v === 'object' && 'list' in v;

function asText(p: Piece): string {
  if ('text' in p) return p.text;
  const v = p.value;
  if (isLink(v)) return checkLink(v.link, p.name);
  if (isList(v)) return v.list.map((x) => `\n- ${x}`).join('') + '\n';
  return String(v);
}

function asHtml(p: Piece): string {
  if ('text' in p) return escapeHtml(p.text).replace(/\n/g, '<br>');
  const v = p.value;
  if (isLink(v)) {
    const url = escapeHtml(checkLink(v.link, p.name));
    return `<a href="${url}">${url}</a>`;
  }
  if (isList(v)) return `</p><ul>${v.list.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul><p>`;
  return escapeHtml(String(v));
}

/** Fills a subject: one line, links as their URL, lists joined with commas. */
function fillSubject(subject: string, values: CustomMailInput['values']): string {
  return pieces(subject, values)
    .map((p) => ('value' in p && isList(p.value) ? p.value.list.join(', ') : asText(p)))
    .join('')
    .replace(/[\r\n]+/g, ' ')
    .trim();
}

/**
 * Renders an organiser-written mail. Pure: no clock, no I/O. Throws `MailDataError` naming
 * `subject` or `body` for a placeholder without a value.
 *
 * @example
 * ```ts
 * renderCustom({ subject: 'Hi {name}', body: 'Sign in: {loginLink}', values: { name: 'Ana <3', loginLink: { link: 'https://x.org/login' } }, language: 'en', eventName: 'Spring Match' }).html;
 * // ... <p>Sign in: <a href="https://x.org/login">https://x.org/login</a></p> ... (the name escaped as Ana &lt;3 in the title)
 * ```
 */
export function renderCustom(input: CustomMailInput): RenderedMail {
  let subject: string;
  try {
    subject = fillSubject(input.subject, input.values);
  } catch (e) {
    if (e instanceof MailDataError) throw new MailDataError('subject', e.message.replace(/^body: /, ''));
    throw e;
  }
  if (subject === '') throw new MailDataError('subject', 'must not be empty');
  const paragraphs = input.body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (paragraphs.length === 0) throw new MailDataError('body', 'must not be empty');
  // A paragraph around an empty list (no recommendations yet) says nothing: it is left out.
  const parsed = paragraphs
    .map((p) => pieces(p, input.values))
    .filter((ps) => !ps.some((p) => 'value' in p && isList(p.value) && p.value.list.length === 0));
  if (parsed.length === 0) throw new MailDataError('body', 'must not be empty');
  const f = footer[input.language];
  const why = f.why.replace('{event}', input.eventName);
  const unsubscribe = input.unsubscribeLink !== undefined ? checkLink(input.unsubscribeLink, 'unsubscribeLink') : '';
  const withFooter = input.footer !== false;
  const text =
    parsed.map((ps) => ps.map(asText).join('').replace(/\n+$/, '')).join('\n\n') +
    (withFooter ? `\n\n-- \n${why}\n` + (unsubscribe !== '' ? `${f.unsubscribe}: ${unsubscribe}\n` : '') : '\n');
  const html =
    `<!DOCTYPE html>\n<html lang="${input.language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n` +
    `<body style="font-family:sans-serif;line-height:1.4">\n` +
    parsed
      .map((ps) => `<p>${ps.map(asHtml).join('')}</p>`)
      .join('\n')
      .replace(/<p><\/p>/g, '') +
    (withFooter
      ? `\n<hr><p style="color:#555;font-size:90%">${escapeHtml(why)}` +
        (unsubscribe !== '' ? `<br><a href="${escapeHtml(unsubscribe)}">${escapeHtml(f.unsubscribe)}</a>` : '') +
        `</p>`
      : '') +
    `\n</body></html>\n`;
  return { subject, text, html };
}
