import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schema } from './client';
import { queryKeys } from './keys';

export type Segment = Schema<'SegmentDto'>;
export type SegmentKind = Schema<'SegmentKind'>;
export type MailingInput = Schema<'CreateMailingDto'>;
export type Mailing = Schema<'MailingResponse'>;
export type MailingPreview = Schema<'MailingPreviewResponse'>;

/** The event's mailings with their outbox counts; polls while mails of a mailing still wait. */
export function useMailings(eventId: string) {
  return useQuery({
    queryKey: queryKeys.mailings.list(eventId),
    queryFn: () => unwrap(api().GET('/api/events/{eventId}/mailings', { params: { path: { eventId } } })),
    refetchInterval: (q) => ((q.state.data ?? []).some((m) => m.queued > 0) ? 2000 : false),
  });
}

/** Who a segment selects (unsubscribed and bounced addresses left out). */
export function useSegmentRecipients(eventId: string, segment: Segment, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.mailings.recipients(eventId, segment),
    queryFn: () =>
      unwrap(api().POST('/api/events/{eventId}/segments/recipients', { params: { path: { eventId } }, body: segment })),
    enabled,
    retry: false,
  });
}

/** The recipient count and one recipient's mail; sends nothing. */
export function usePreviewMailing(eventId: string) {
  return useMutation({
    mutationFn: (body: MailingInput & { delegateId?: string }) =>
      unwrap(api().POST('/api/events/{eventId}/mailings/preview', { params: { path: { eventId } }, body })),
  });
}

/** Sends a mailing (every mail into the outbox). */
export function useSendMailing(eventId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MailingInput) =>
      unwrap(api().POST('/api/events/{eventId}/mailings', { params: { path: { eventId } }, body })),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.mailings.ofEvent(eventId) }),
        qc.invalidateQueries({ queryKey: queryKeys.outbox.all() }),
      ]),
  });
}

/** Follows an unsubscribe link (no sign-in needed). */
export function useUnsubscribe() {
  return useMutation({
    mutationFn: (token: string) => unwrap(api().POST('/api/unsubscribe', { body: { token } })),
  });
}

export type NudgeSettings = Schema<'NudgeSettingsDto'>;

/** The event's nudge settings (all off until saved). */
export function useNudgeSettings(eventId: string) {
  return useQuery({
    queryKey: queryKeys.mailings.nudges(eventId),
    queryFn: () => unwrap(api().GET('/api/events/{eventId}/nudges', { params: { path: { eventId } } })),
  });
}

export function useSaveNudges(eventId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NudgeSettings) =>
      unwrap(api().PUT('/api/events/{eventId}/nudges', { params: { path: { eventId } }, body })),
    onSuccess: (data) => qc.setQueryData(queryKeys.mailings.nudges(eventId), data),
  });
}

/** Queues the nudges due now (the service also does it on its own every hour). */
export function useRunNudges(eventId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api().POST('/api/events/{eventId}/nudges/run', { params: { path: { eventId } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.outbox.all() }),
  });
}

export type MailTemplate = Schema<'MailTemplateResponse'>;
export type TemplateText = Schema<'TemplateTextDto'>;

/** Every editable transactional mail in English and Danish. */
export function useMailTemplates() {
  return useQuery({
    queryKey: queryKeys.mailTemplates(),
    queryFn: () => unwrap(api().GET('/api/mail/templates')),
  });
}

export function useSaveTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { template: string; language: string; text: TemplateText }) =>
      unwrap(
        api().PUT('/api/mail/templates/{template}/{language}', {
          params: { path: { template: v.template, language: v.language } },
          body: v.text,
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.mailTemplates() }),
  });
}

export function useResetTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { template: string; language: string }) =>
      unwrap(api().DELETE('/api/mail/templates/{template}/{language}', { params: { path: v } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.mailTemplates() }),
  });
}

export function usePreviewTemplate() {
  return useMutation({
    mutationFn: (v: { template: string; language: string; text: TemplateText }) =>
      unwrap(
        api().POST('/api/mail/templates/{template}/{language}/preview', {
          params: { path: { template: v.template, language: v.language } },
          body: v.text,
        }),
      ),
  });
}
