import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, unwrap, type Schema } from './client';
import { queryKeys } from './keys';

export type PersonalData = Schema<'PersonalDataExportResponse'>;
export type ErasurePreview = Schema<'ErasurePreviewResponse'>;
export type ErasureReport = Schema<'ErasureReportResponse'>;
export type AuditEntry = Schema<'AuditEntryResponse'>;
export type AuditAction = AuditEntry['action'];

/** Everything the service holds about the signed-in delegate. */
export function useMyData() {
  return useQuery({
    queryKey: queryKeys.privacy.myData(),
    queryFn: () => unwrap(api().GET('/api/me/export')),
  });
}

/** The same data as a JSON file (a person's own, or an organiser's export for a person who asked). */
export function downloadPersonalData(delegateId: string): Promise<void> {
  return download(
    api().GET('/api/delegates/{delegateId}/export', { params: { path: { delegateId } }, parseAs: 'blob' }),
    `personal-data-${delegateId}.json`,
  );
}

/** What erasing the person would do (read when the confirmation opens). */
export function useErasurePreview(delegateId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.privacy.erasure(delegateId),
    queryFn: () => unwrap(api().GET('/api/delegates/{delegateId}/erasure', { params: { path: { delegateId } } })),
    enabled,
  });
}

export function useErase(delegateId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api().POST('/api/delegates/{delegateId}/erasure', { params: { path: { delegateId } } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.clusters.all() });
      void qc.invalidateQueries({ queryKey: ['privacy'] });
    },
  });
}

export function useAuditLog(action: AuditAction | '') {
  return useQuery({
    queryKey: queryKeys.privacy.audit(action),
    queryFn: () =>
      unwrap(api().GET('/api/audit-log', { params: { query: { limit: 200, ...(action ? { action } : {}) } } })),
  });
}

export function downloadAuditLog(): Promise<void> {
  return download(
    api().GET('/api/audit-log/export', { params: { query: { format: 'csv' } }, parseAs: 'blob' }),
    'audit-log.csv',
  );
}

export type MyPrivacy = Schema<'MyPrivacyResponse'>;
export type Notice = Schema<'NoticeResponse'>;
export type Retention = Schema<'RetentionResponse'>;

/** The delegate's directory choice, the current notice and whether it must be accepted. */
export function useMyPrivacy(enabled = true) {
  return useQuery({
    queryKey: queryKeys.privacy.mine(),
    queryFn: () => unwrap(api().GET('/api/me/privacy')),
    enabled,
  });
}

export function useSetDirectoryVisible() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (directoryVisible: boolean) => unwrap(api().PUT('/api/me/privacy', { body: { directoryVisible } })),
    onSuccess: (saved) => {
      qc.setQueryData(queryKeys.privacy.mine(), saved);
      void qc.invalidateQueries({ queryKey: queryKeys.privacy.myData() });
      void qc.invalidateQueries({ queryKey: queryKeys.clusters.all() });
    },
  });
}

export function useAcceptNotice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => unwrap(api().POST('/api/me/privacy/accept', { body: { version } })),
    onSuccess: (saved) => {
      qc.setQueryData(queryKeys.privacy.mine(), saved);
      void qc.invalidateQueries({ queryKey: queryKeys.privacy.myData() });
    },
  });
}

export function useNotices() {
  return useQuery({ queryKey: queryKeys.privacy.notices(), queryFn: () => unwrap(api().GET('/api/privacy/notice')) });
}

export function usePublishNotice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: { en: string; da: string }) => unwrap(api().PUT('/api/privacy/notice', { body: { text } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.privacy.notices() });
      void qc.invalidateQueries({ queryKey: ['privacy', 'audit'] });
    },
  });
}

export function useRetention() {
  return useQuery({
    queryKey: queryKeys.privacy.retention(),
    queryFn: () => unwrap(api().GET('/api/privacy/retention')),
  });
}

export function useSetRetention() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { retentionMonths: number | null; outboxBodyDays: number | null }) =>
      unwrap(api().PUT('/api/privacy/retention', { body })),
    onSuccess: (saved) => {
      qc.setQueryData(queryKeys.privacy.retention(), saved);
      void qc.invalidateQueries({ queryKey: ['privacy', 'audit'] });
    },
  });
}

export function useRunRetention() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api().POST('/api/privacy/retention/run')),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['privacy'] });
      void qc.invalidateQueries({ queryKey: queryKeys.clusters.all() });
    },
  });
}
