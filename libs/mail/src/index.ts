export { checkTemplateText, defaultTemplateText, editableTemplates, renderReworded, templateSpecs } from './templates';
export type { EditableTemplate, TemplateProblem, TemplateSpec, TemplateText } from './templates';
export { nudgeKinds, nudgePlaceholders, nudgeTexts } from './nudges';
export type { NudgeKind } from './nudges';
export { customLanguages, placeholdersIn, renderCustom } from './custom';
export type { CustomLanguage, CustomMailInput, PlaceholderValue } from './custom';
export { escapeHtml, MailDataError, render, templateValues } from './render';
export { feedbackDa, feedbackEn } from './feedback-strings';
export type { FeedbackMailStrings } from './feedback-strings';
export { followUpDa, followUpEn } from './follow-up-strings';
export type { FollowUpMailStrings } from './follow-up-strings';
export type {
  FeedbackMailData,
  MailAttachment,
  Recipient,
  RenderedMail,
  RenderOptions,
  TemplateData,
  TemplateName,
} from './render';
export { da, en, languages } from './strings';
export { nudgeStrings } from './nudge-strings';
export type { NudgeLanguage, NudgeStrings } from './nudge-strings';
export type { Language, MailStrings } from './strings';
export { EmlTransport, emlFileName, parseSmtpUrl, SmtpTransport, toEml } from './transport';
export type { MailTransport, OutgoingMail, SendResult, SmtpTimeouts } from './transport';
export {
  backoffDelay,
  defaultOutboxOptions,
  isPermanentFailure,
  OutboxWorker,
  outboxEntry,
  outboxMessageId,
} from './outbox';
export type {
  BackoffOptions,
  NewOutboxMessage,
  OutboxEntryInput,
  OutboxLogEvent,
  OutboxMessage,
  OutboxStatus,
  OutboxStore,
  OutboxWorkerOptions,
  RunReport,
} from './outbox';
