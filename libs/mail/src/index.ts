export { escapeHtml, MailDataError, render } from './render';
export type { MailAttachment, Recipient, RenderedMail, RenderOptions, TemplateData, TemplateName } from './render';
export { en, languages } from './strings';
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
