import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schema } from './client';
import type { paths } from './schema';
import { queryKeys } from './keys';

export type MeetingRequest = Schema<'MeetingRequestResponse'>;
export type RequestStatus = Schema<'RequestStatus'>;
/** The most clusters a request names besides the requester (four: a group of five). */
export const MAX_RECEIVERS = 4;

/** The requests of an event (organisers: all; delegates: their cluster's), optionally of one status. */
export function useRequests(eventId: string, status: RequestStatus | '' = '') {
  return useQuery({
    queryKey: queryKeys.requests.list(eventId, status),
    queryFn: () =>
      unwrap(
        api().GET('/api/events/{eventId}/requests', {
          params: { path: { eventId }, query: { status: status || undefined } },
        }),
      ),
  });
}

type RequestPageQuery = NonNullable<paths['/api/events/{eventId}/requests/page']['get']['parameters']['query']>;
export type RequestSort = NonNullable<RequestPageQuery['sort']>;

/** One page of the event's requests, searched, filtered and sorted by the service, with the true total. */
export function useRequestPage(eventId: string, query: RequestPageQuery) {
  return useQuery({
    queryKey: queryKeys.requests.page(eventId, query),
    queryFn: () => unwrap(api().GET('/api/events/{eventId}/requests/page', { params: { path: { eventId }, query } })),
    placeholderData: keepPreviousData,
  });
}

/**
 * Every list of the event's requests is stale once one request changes, and so are its suggestions and the
 * directory's relationship badges.
 */
function useRefetchRequests(): (r: { eventId: string }) => Promise<void> {
  const qc = useQueryClient();
  return async (r) => {
    await Promise.all([
      qc.invalidateQueries({ queryKey: queryKeys.requests.ofEvent(r.eventId) }),
      qc.invalidateQueries({ queryKey: queryKeys.recommendations.ofEvent(r.eventId) }),
      qc.invalidateQueries({ queryKey: queryKeys.clusters.directoryOf(r.eventId) }),
    ]);
  };
}

export function useCreateRequest(eventId: string) {
  const refetch = useRefetchRequests();
  return useMutation({
    mutationFn: (body: Schema<'CreateRequestDto'>) =>
      unwrap(api().POST('/api/events/{eventId}/requests', { params: { path: { eventId } }, body })),
    onSuccess: refetch,
  });
}

export type Answer =
  | { kind: 'accept'; interest: number; delegateIds: string[] }
  | { kind: 'decline'; reason?: string }
  | { kind: 'withdraw' };

/** The receiver accepts or declines; the requester withdraws. */
export function useAnswerRequest(requestId: string) {
  const refetch = useRefetchRequests();
  return useMutation({
    mutationFn: (a: Answer) => {
      const params = { path: { requestId } };
      if (a.kind === 'accept')
        return unwrap(
          api().POST('/api/requests/{requestId}/accept', {
            params,
            body: { interest: a.interest, delegateIds: a.delegateIds },
          }),
        );
      if (a.kind === 'decline')
        return unwrap(
          api().POST('/api/requests/{requestId}/decline', {
            params,
            body: a.reason?.trim() ? { reason: a.reason } : {},
          }),
        );
      return unwrap(api().POST('/api/requests/{requestId}/withdraw', { params }));
    },
    onSuccess: refetch,
  });
}

/** Changes which of the delegate's own cluster's delegates attend a pending or accepted request. */
export function useSetAttendees(eventId: string, requestId: string) {
  const refetch = useRefetchRequests();
  return useMutation({
    mutationFn: (delegateIds: string[]) =>
      unwrap(
        api().PUT('/api/events/{eventId}/requests/{requestId}/attendees', {
          params: { path: { eventId, requestId } },
          body: { delegateIds },
        }),
      ),
    onSuccess: () => refetch({ eventId }),
  });
}
