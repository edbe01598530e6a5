import {
  checkTemplateText,
  customLanguages,
  defaultTemplateText,
  editableTemplates,
  MailDataError,
  renderReworded,
  templateSpecs,
} from '@clustermatch/mail';
import type { CustomLanguage, EditableTemplate, RenderedMail, TemplateData, TemplateText } from '@clustermatch/mail';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError, badField, ErrorCode, notFound } from '../common/errors';
import { Db } from '../database/db.service';
import { MailService } from '../mail/mail.service';
import { MailTemplateEntity } from './comms.entity';

export interface TemplateView {
  template: EditableTemplate;
  language: CustomLanguage;
  subject: string;
  body: string;
  /** True when the organiser reworded it; false: the built-in wording. */
  custom: boolean;
  placeholders: string[];
  required: string[];
  updatedAt: string | null;
}

const isTemplate = (t: string): t is EditableTemplate => (editableTemplates as readonly string[]).includes(t);
const isLanguage = (l: string): l is CustomLanguage => (customLanguages as readonly string[]).includes(l);

/** Sample data for the preview of each template. */
const SAMPLE_EVENT = {
  name: 'Nordic Cluster Matchmaking',
  venue: 'Hall 4',
  timezone: 'Europe/Copenhagen',
  organiserName: 'Organisers',
  organiserEmail: 'team@example.org',
};
const SAMPLE_MEETING = {
  meetingId: 'sample',
  slotStart: '2027-05-11T09:00:00+02:00',
  slotEnd: '2027-05-11T09:30:00+02:00',
  tableName: 'T1',
  otherParties: ['Baltic Hydrogen Alliance'],
  people: ['Anna Jensen', 'Erik Lund'],
  status: 'confirmed' as const,
  sequence: 0,
};
const SAMPLE_AGENDA = {
  person: {
    id: 'sample',
    name: 'Anna Jensen',
    email: 'anna@example.org',
    party: 'sample',
    partyName: 'Aarhus Food Cluster',
  },
  meetings: [SAMPLE_MEETING],
};
const SAMPLE_ICS = 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n';

function sample(template: EditableTemplate, publicUrl: string): TemplateData[EditableTemplate] {
  const link = `${publicUrl}/events/sample/agenda`;
  switch (template) {
    case 'magic-link':
      return {
        name: 'Anna Jensen',
        eventName: SAMPLE_EVENT.name,
        link: `${publicUrl}/login?token=sample`,
        expiresMinutes: 15,
      };
    case 'request-received':
      return {
        name: 'Anna Jensen',
        eventName: SAMPLE_EVENT.name,
        requesterName: 'Erik Lund',
        requesterParty: 'Baltic Hydrogen Alliance',
        note: 'Heat from electrolysers for dairies?',
        link,
      };
    case 'request-accepted':
    case 'request-declined':
      return {
        name: 'Anna Jensen',
        eventName: SAMPLE_EVENT.name,
        otherName: 'Erik Lund',
        otherParty: 'Baltic Hydrogen Alliance',
        link,
      };
    case 'schedule-published':
      return { event: SAMPLE_EVENT, agenda: SAMPLE_AGENDA, ics: SAMPLE_ICS, link };
    case 'schedule-changed':
      return {
        event: SAMPLE_EVENT,
        agenda: SAMPLE_AGENDA,
        ics: SAMPLE_ICS,
        link,
        changes: [{ kind: 'added', after: SAMPLE_MEETING }],
      };
    case 'reminder':
      return { event: SAMPLE_EVENT, agenda: SAMPLE_AGENDA, day: '2027-05-11', link };
  }
}

/**
 * The organiser's rewording of the transactional mails per language: list, save (refused when a
 * required placeholder such as the login link is dropped), preview with sample data, reset to the
 * built-in wording. The mail service asks `find` for every mail it queues.
 */
@Injectable()
export class TemplatesService implements OnApplicationBootstrap {
  constructor(
    private readonly db: Db,
    private readonly mail: MailService,
  ) {}

  onApplicationBootstrap(): void {
    this.mail.useTemplates((m, template, language) => this.find(m, template, language));
  }

  private check(template: string, language: string): [EditableTemplate, CustomLanguage] {
    if (!isTemplate(template)) throw notFound('Mail template', template);
    if (!isLanguage(language)) throw notFound('Language', language);
    return [template, language];
  }

  /** The rewording in force, if any (called by the mail service in the transaction that queues a mail). */
  async find(m: EntityManager, template: string, language: string): Promise<TemplateText | undefined> {
    if (!isTemplate(template)) return undefined;
    const row = await m.findOne(MailTemplateEntity, { where: { template, language } });
    return row ? { subject: row.subject, body: row.body } : undefined;
  }

  async list(): Promise<TemplateView[]> {
    const rows = await this.db.manager.find(MailTemplateEntity);
    const out: TemplateView[] = [];
    for (const template of editableTemplates)
      for (const language of customLanguages) {
        const row = rows.find((r) => r.template === template && r.language === language);
        const text = row ?? defaultTemplateText(template, language);
        out.push({
          template,
          language,
          subject: text.subject,
          body: text.body,
          custom: row !== undefined,
          placeholders: [...templateSpecs[template].placeholders],
          required: [...templateSpecs[template].required],
          updatedAt: row?.updatedAt ?? null,
        });
      }
    return out;
  }

  private validate(template: EditableTemplate, text: TemplateText): void {
    const problems = checkTemplateText(template, text);
    if (problems.length)
      throw new AppError(
        ErrorCode.Unprocessable,
        problems.map((p) => `${p.path}: ${p.message}`).join('; '),
        problems.map((p) => ({ path: p.path, message: p.message })),
      );
  }

  async save(template: string, language: string, text: TemplateText, by: string): Promise<TemplateView> {
    const [t, l] = this.check(template, language);
    this.validate(t, text);
    const row = {
      template: t,
      language: l,
      subject: text.subject,
      body: text.body,
      updatedBy: by,
      updatedAt: new Date().toISOString(),
    };
    await this.db.transaction(async (m) => {
      if (await m.findOne(MailTemplateEntity, { where: { template: t, language: l } }))
        await m.update(MailTemplateEntity, { template: t, language: l }, row);
      else await m.insert(MailTemplateEntity, row);
    });
    return (await this.list()).find((v) => v.template === t && v.language === l) as TemplateView;
  }

  async reset(template: string, language: string): Promise<TemplateView> {
    const [t, l] = this.check(template, language);
    await this.db.manager.delete(MailTemplateEntity, { template: t, language: l });
    return (await this.list()).find((v) => v.template === t && v.language === l) as TemplateView;
  }

  /** The mail `text` gives with sample data (nothing is saved or sent). */
  preview(template: string, language: string, text: TemplateText, publicUrl: string): RenderedMail {
    const [t, l] = this.check(template, language);
    this.validate(t, text);
    try {
      const { subject, text: plain, html } = renderReworded(t, sample(t, publicUrl), text, l);
      return { subject, text: plain, html };
    } catch (e) {
      if (e instanceof MailDataError) throw badField('body', e.message);
      throw e;
    }
  }
}
