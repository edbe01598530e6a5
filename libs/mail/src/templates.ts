import { placeholdersIn, renderCustom } from './custom';
import type { CustomLanguage } from './custom';
import { render, templateValues } from './render';
import type { RenderedMail, TemplateData, TemplateName } from './render';
import { languages } from './strings';
import type { MailStrings } from './strings';

/**
 * The transactional mails an organiser may reword (issue 19), per language. A reworded mail is a
 * subject and a plain-text body with placeholders, rendered like an organiser-written mail (every
 * value HTML-escaped); attachments (the agenda's .ics) stay. Without a rewording the built-in layout
 * of `render` is used. Each template names the placeholders it knows and those it cannot do without
 * (the login link of a sign-in mail, the agenda of an agenda mail).
 */
export const editableTemplates = [
  'magic-link',
  'request-received',
  'request-accepted',
  'request-declined',
  'schedule-published',
  'schedule-changed',
  'reminder',
] as const satisfies readonly TemplateName[];
export type EditableTemplate = (typeof editableTemplates)[number];

export interface TemplateSpec {
  readonly placeholders: readonly string[];
  readonly required: readonly string[];
}

export const templateSpecs: Record<EditableTemplate, TemplateSpec> = {
  'magic-link': { placeholders: ['name', 'event', 'link', 'minutes'], required: ['link'] },
  'request-received': {
    placeholders: ['name', 'requester', 'party', 'event', 'note', 'link'],
    required: ['link'],
  },
  'request-accepted': { placeholders: ['name', 'other', 'party', 'event', 'link'], required: ['link'] },
  'request-declined': { placeholders: ['name', 'other', 'party', 'event', 'link'], required: ['link'] },
  'schedule-published': { placeholders: ['name', 'event', 'agenda', 'zone', 'link'], required: ['agenda'] },
  'schedule-changed': {
    placeholders: ['name', 'event', 'changes', 'agenda', 'zone', 'link'],
    required: ['changes', 'agenda'],
  },
  reminder: { placeholders: ['name', 'event', 'day', 'agenda', 'zone', 'link'], required: ['agenda'] },
};

/** A reworded mail: subject (one line) and body (a blank line starts a paragraph). */
export interface TemplateText {
  readonly subject: string;
  readonly body: string;
}

/** The built-in wording of `template` in `language`, as editable text (what "reset" returns to). */
export function defaultTemplateText(template: EditableTemplate, language: CustomLanguage): TemplateText {
  const s: MailStrings = languages[language];
  const c = s.common;
  const hello = c.greeting;
  const sign = c.signature;
  const p = (...parts: string[]): string => parts.join('\n\n');
  switch (template) {
    case 'magic-link':
      return {
        subject: s.magicLink.subject,
        body: p(hello, s.magicLink.intro, '{link}', s.magicLink.expires, s.magicLink.ignore, sign),
      };
    case 'request-received':
      return {
        subject: s.requestReceived.subject,
        body: p(hello, s.requestReceived.intro, '{note}', `${s.requestReceived.button}: {link}`, sign),
      };
    case 'request-accepted':
      return {
        subject: s.requestAccepted.subject,
        body: p(hello, s.requestAccepted.intro, s.requestAccepted.next, `${s.requestAccepted.button}: {link}`, sign),
      };
    case 'request-declined':
      return {
        subject: s.requestDeclined.subject,
        body: p(hello, s.requestDeclined.intro, s.requestDeclined.next, `${s.requestDeclined.button}: {link}`, sign),
      };
    case 'schedule-published':
      return {
        subject: s.schedulePublished.subject,
        body: p(
          hello,
          `${s.schedulePublished.intro}{agenda}`,
          c.allTimesIn,
          c.calendarAttached,
          `${c.openAgenda}: {link}`,
          sign,
        ),
      };
    case 'schedule-changed':
      return {
        subject: s.scheduleChanged.subject,
        body: p(
          hello,
          `${s.scheduleChanged.intro}{changes}`,
          `${s.scheduleChanged.nowAgenda}{agenda}`,
          c.allTimesIn,
          c.calendarAttached,
          `${c.openAgenda}: {link}`,
          sign,
        ),
      };
    case 'reminder':
      return {
        subject: s.reminder.subject,
        body: p(hello, `${s.reminder.intro}{agenda}`, c.allTimesIn, `${c.openAgenda}: {link}`, sign),
      };
  }
}

/** A problem of a reworded template, naming `subject` or `body`. */
export interface TemplateProblem {
  readonly path: 'subject' | 'body';
  readonly message: string;
}

/** Checks a rewording: known placeholders only, the required ones kept, no empty parts, a one-line subject. */
export function checkTemplateText(template: EditableTemplate, text: TemplateText): TemplateProblem[] {
  const spec = templateSpecs[template];
  const problems: TemplateProblem[] = [];
  for (const path of ['subject', 'body'] as const) {
    const value = text[path];
    if (value.trim() === '') problems.push({ path, message: 'must not be empty' });
    const unknown = placeholdersIn(value).filter((x) => !spec.placeholders.includes(x));
    if (unknown.length)
      problems.push({
        path,
        message: `unknown placeholder ${unknown.map((x) => `{${x}}`).join(', ')}; known: ${spec.placeholders.map((x) => `{${x}}`).join(' ')}`,
      });
  }
  if (/[\r\n]/.test(text.subject)) problems.push({ path: 'subject', message: 'must be one line' });
  const missing = spec.required.filter((x) => !placeholdersIn(text.body).includes(x));
  if (missing.length && text.body.trim() !== '')
    problems.push({
      path: 'body',
      message: `must keep ${missing.map((x) => `{${x}}`).join(', ')}`,
    });
  return problems;
}

/**
 * Renders `template` with the organiser's rewording `text` instead of the built-in layout: the data
 * is checked as `render` does, the attachments (the agenda's .ics) stay, every value is HTML-escaped.
 */
export function renderReworded<K extends EditableTemplate>(
  template: K,
  data: TemplateData[K],
  text: TemplateText,
  language: CustomLanguage = 'en',
): RenderedMail {
  const base = render(template, data, { language });
  const mail = renderCustom({
    subject: text.subject,
    body: text.body,
    values: templateValues(template, data, language),
    language,
    eventName: '',
    footer: false,
  });
  return base.attachments !== undefined ? { ...mail, attachments: base.attachments } : mail;
}
