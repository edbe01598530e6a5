import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, unwrap, type Schema } from './client';
import { queryKeys } from './keys';

export type FollowUpPage = Schema<'FollowUpPageResponse'>;
export type FollowUpRelationship = Schema<'FollowUpRelationshipResponse'>;
export type FollowUpOutcome = Schema<'FollowUpOutcome'>;
export type FollowUpPlan = Schema<'FollowUpPlanResponse'>;
export type Relationship = Schema<'RelationshipResponse'>;
export type ImpactGroups = Schema<'ImpactReportsResponse'>;
export type ReportGrouping = Schema<'ReportGrouping'>;
export type PerformanceReport = Schema<'PerformanceReportResponse'>;
export type FileFormat = 'csv' | 'xlsx' | 'pdf';

/** The cluster's relationships started at the event, with its answers by round (issue 11, part 3). */
export function useFollowUpPage(eventId: string, clusterId: string) {
  return useQuery({
    queryKey: queryKeys.followUps.page(eventId, clusterId),
    queryFn: () =>
      unwrap(
        api().GET('/api/events/{eventId}/clusters/{clusterId}/follow-up', {
          params: { path: { eventId, clusterId } },
        }),
      ),
  });
}

/** Says what came of one relationship (for the current round). */
export function useAnswerFollowUp(eventId: string, clusterId: string, otherClusterId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schema<'FollowUpAnswerDto'>) =>
      unwrap(
        api().PUT('/api/events/{eventId}/clusters/{clusterId}/follow-up/{otherClusterId}', {
          params: { path: { eventId, clusterId, otherClusterId } },
          body,
        }),
      ),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.followUps.all() }),
        qc.invalidateQueries({ queryKey: queryKeys.relationships(clusterId) }),
      ]),
  });
}

/** Every cluster this cluster has met in any event (issue 11, part 4); nothing without a cluster. */
export function useRelationships(clusterId: string | null) {
  return useQuery({
    queryKey: queryKeys.relationships(clusterId ?? ''),
    queryFn: () =>
      unwrap(
        api().GET('/api/clusters/{clusterId}/relationships', { params: { path: { clusterId: clusterId ?? '' } } }),
      ),
    enabled: clusterId !== null,
  });
}

/** The event's follow-up plan and rounds (organisers). */
export function useFollowUpPlan(eventId: string) {
  return useQuery({
    queryKey: queryKeys.followUps.plan(eventId),
    queryFn: () => unwrap(api().GET('/api/events/{eventId}/follow-ups', { params: { path: { eventId } } })),
  });
}

export function useSetFollowUpPlan(eventId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (months: number[]) =>
      unwrap(api().PUT('/api/events/{eventId}/follow-ups', { params: { path: { eventId } }, body: { months } })),
    onSuccess: (saved) => qc.setQueryData(queryKeys.followUps.plan(eventId), saved),
  });
}

/** Sends the round that is due now, if any. */
export function useRunFollowUps(eventId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api().POST('/api/events/{eventId}/follow-ups/run', { params: { path: { eventId } } })),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.followUps.plan(eventId) }),
        qc.invalidateQueries({ queryKey: queryKeys.outbox.all() }),
      ]),
  });
}

/** The impact figures across events, by year, cluster or country. */
export function useImpactAcross(by: ReportGrouping, year: number | null) {
  return useQuery({
    queryKey: queryKeys.reports.across(by, year),
    queryFn: async () =>
      (await unwrap(
        api().GET('/api/impact-reports', {
          params: { query: { by, ...(year !== null ? { year } : {}), format: 'json' } },
        }),
      )) as ImpactGroups,
  });
}

/** The yearly performance report. */
export function usePerformance(year: number) {
  return useQuery({
    queryKey: queryKeys.reports.performance(year),
    queryFn: async () =>
      (await unwrap(
        api().GET('/api/impact-reports/performance', { params: { query: { year, format: 'json' } } }),
      )) as PerformanceReport,
  });
}

export function exportImpactAcross(by: ReportGrouping, year: number | null, format: FileFormat): Promise<void> {
  return download(
    api().GET('/api/impact-reports', {
      params: { query: { by, ...(year !== null ? { year } : {}), format } },
      parseAs: 'blob',
    }),
    `impact-by-${by}.${format}`,
  );
}

export function exportPerformance(year: number, format: FileFormat): Promise<void> {
  return download(
    api().GET('/api/impact-reports/performance', { params: { query: { year, format } }, parseAs: 'blob' }),
    `performance-report-${year}.${format}`,
  );
}
