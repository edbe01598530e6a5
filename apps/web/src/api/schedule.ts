import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, unwrap, type Schema } from './client';
import { queryKeys } from './keys';

export type Job = Schema<'JobResponse'>;
export type VersionSummary = Schema<'VersionSummaryResponse'>;
export type Review = Schema<'VersionReviewResponse'>;
export type Assignment = Schema<'AssignmentResponse'>;
export type Agenda = Schema<'AgendaResponse'>;

/** A job that changes no more (`interrupted`: the service stopped while it ran; start it again). */
export const isFinished = (job: Job | undefined): boolean =>
  job?.state === 'done' || job?.state === 'failed' || job?.state === 'interrupted';

export function useVersions(eventId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.schedule.versions(eventId),
    queryFn: () => unwrap(api().GET('/api/events/{eventId}/schedule/versions', { params: { path: { eventId } } })),
    enabled,
  });
}

export function useReview(eventId: string, versionId: string | null) {
  return useQuery({
    queryKey: queryKeys.schedule.version(eventId, versionId ?? ''),
    queryFn: () =>
      unwrap(
        api().GET('/api/events/{eventId}/schedule/versions/{versionId}', {
          params: { path: { eventId, versionId: versionId ?? '' } },
        }),
      ),
    enabled: versionId !== null,
  });
}

/** Starts a solve (or a re-solve keeping the published meetings) and remembers its job for the solve page. */
export function useStartSolve(eventId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ mode, timeLimitSeconds }: { mode: 'solve' | 'resolve'; timeLimitSeconds: number }) => {
      const init = { params: { path: { eventId } }, body: { timeLimitSeconds } };
      return unwrap(
        mode === 'solve'
          ? api().POST('/api/events/{eventId}/schedule/solve', init)
          : api().POST('/api/events/{eventId}/schedule/resolve', init),
      );
    },
    onSuccess: (started) => qc.setQueryData(queryKeys.latestSolveJob(eventId), started.jobId),
  });
}

/** The solve job started last on this event in this tab, if any. */
export function useLatestSolveJob(eventId: string): string | null {
  const qc = useQueryClient();
  return qc.getQueryData<string>(queryKeys.latestSolveJob(eventId)) ?? null;
}

/**
 * The event's newest solve jobs, newest first: the solve page shows a job still running when the organiser comes
 * back to it, even in a new tab (issue 16, item 7).
 */
export function useSolveJobs(eventId: string) {
  return useQuery({
    queryKey: queryKeys.schedule.jobs(eventId),
    queryFn: () => unwrap(api().GET('/api/events/{eventId}/schedule/jobs', { params: { path: { eventId } } })),
  });
}

/**
 * A solve job, polled every `pollMs` until it is done or failed. When it is done, the version list is
 * refetched (the job stored a new draft).
 */
export function useSolveJob(eventId: string, jobId: string | null, pollMs: number) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: queryKeys.schedule.job(eventId, jobId ?? ''),
    queryFn: async () => {
      const job = await unwrap(
        api().GET('/api/events/{eventId}/schedule/jobs/{jobId}', { params: { path: { eventId, jobId: jobId ?? '' } } }),
      );
      if (job.state === 'done') await qc.invalidateQueries({ queryKey: queryKeys.schedule.versions(eventId) });
      return job;
    },
    enabled: jobId !== null,
    refetchInterval: (query) => (isFinished(query.state.data) || query.state.error ? false : pollMs),
  });
}

/** Publishes a draft: the versions, reviews and agendas of the event change, and agenda mails are queued. */
export function usePublish(eventId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (versionId: string) =>
      unwrap(
        api().POST('/api/events/{eventId}/schedule/versions/{versionId}/publish', {
          params: { path: { eventId, versionId } },
        }),
      ),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.schedule.ofEvent(eventId) }),
        qc.invalidateQueries({ queryKey: queryKeys.outbox.all() }),
      ]),
  });
}

/** Queues the published agendas again for every attendee. */
export function useSendAgendas(eventId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api().POST('/api/events/{eventId}/schedule/published/send-agendas', { params: { path: { eventId } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.outbox.all() }),
  });
}

export function exportVersion(
  eventId: string,
  version: { id: string; number: number },
  format: 'csv' | 'xlsx',
  kind: 'schedule' | 'tables',
): Promise<void> {
  return download(
    api().GET('/api/events/{eventId}/schedule/versions/{versionId}/export', {
      params: { path: { eventId, versionId: version.id }, query: { format, kind } },
      parseAs: 'blob',
    }),
    `${kind}-v${version.number}.${format}`,
  );
}

/** The signed-in delegate's meetings in the published schedule. */
export function useAgenda(eventId: string) {
  return useQuery({
    queryKey: queryKeys.schedule.agenda(eventId),
    queryFn: () => unwrap(api().GET('/api/events/{eventId}/agenda', { params: { path: { eventId } } })),
  });
}

export type EditResult = Schema<'EditResultResponse'>;
export type EditRule = Schema<'EditRule'>;

/** What a hand edit asks: `slot` null unschedules; codes as the grid shows them (d1s03, table name). */
export interface MeetingEdit {
  meetingId: string;
  slot?: string | null;
  table?: string;
  pinned?: boolean;
}

/** The review and the version list of the event are refetched after a hand edit (figures change). */
function useRefreshSchedule(eventId: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: queryKeys.schedule.ofEvent(eventId) });
}

/** Hand edit of one meeting of a draft: move, place, unschedule, pin or unpin. */
export function useEditMeeting(eventId: string, versionId: string) {
  const refresh = useRefreshSchedule(eventId);
  return useMutation({
    mutationFn: ({ meetingId, ...body }: MeetingEdit) =>
      unwrap(
        api().PATCH('/api/events/{eventId}/schedule/versions/{versionId}/meetings/{meetingId}', {
          params: { path: { eventId, versionId, meetingId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

/** Swaps the slots and tables of two held meetings of a draft. */
export function useSwapMeetings(eventId: string, versionId: string) {
  const refresh = useRefreshSchedule(eventId);
  return useMutation({
    mutationFn: ({ meetingId, other }: { meetingId: string; other: string }) =>
      unwrap(
        api().POST('/api/events/{eventId}/schedule/versions/{versionId}/meetings/{meetingId}/swap', {
          params: { path: { eventId, versionId, meetingId } },
          body: { with: other },
        }),
      ),
    onSuccess: refresh,
  });
}

/** Solves again keeping every pinned meeting of the version where it is; the solve page follows the job. */
export function useSolveAroundPins(eventId: string, versionId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (timeLimitSeconds: number) =>
      unwrap(
        api().POST('/api/events/{eventId}/schedule/versions/{versionId}/solve-around-pins', {
          params: { path: { eventId, versionId } },
          body: { timeLimitSeconds },
        }),
      ),
    onSuccess: (started) => qc.setQueryData(queryKeys.latestSolveJob(eventId), started.jobId),
  });
}

/** How many attendees publishing this draft would mail (asked when the organiser is about to publish). */
export function usePublishPreview(eventId: string, versionId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.schedule.version(eventId, versionId), 'publish-preview'],
    queryFn: () =>
      unwrap(
        api().GET('/api/events/{eventId}/schedule/versions/{versionId}/publish-preview', {
          params: { path: { eventId, versionId } },
        }),
      ),
    enabled,
    staleTime: 0,
  });
}
