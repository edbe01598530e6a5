import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, unwrap, type Schema } from './client';
import type { paths } from './schema';
import { queryKeys, type ParticipantsQuery } from './keys';

export type ParticipantCluster = Schema<'ParticipantClusterResponse'>;
export type ParticipantDelegate = Schema<'ParticipantDelegateResponse'>;
type ClustersQuery = NonNullable<paths['/api/events/{eventId}/participants/clusters']['get']['parameters']['query']>;
type DelegatesQuery = NonNullable<paths['/api/events/{eventId}/participants/delegates']['get']['parameters']['query']>;
export type ClusterSort = NonNullable<ClustersQuery['sort']>;
export type DelegateSort = NonNullable<DelegatesQuery['sort']>;

/** One page of the event's clusters (search, sort and paging on the service); the last page stays while the next loads. */
export function useParticipantClusters(eventId: string, query: ClustersQuery & ParticipantsQuery) {
  return useQuery({
    queryKey: queryKeys.participants.clusters(eventId, query),
    queryFn: () =>
      unwrap(api().GET('/api/events/{eventId}/participants/clusters', { params: { path: { eventId }, query } })),
    placeholderData: keepPreviousData,
  });
}

/** One page of the delegates of the event's clusters, with their last sign-in. */
export function useParticipantDelegates(eventId: string, query: DelegatesQuery & ParticipantsQuery) {
  return useQuery({
    queryKey: queryKeys.participants.delegates(eventId, query),
    queryFn: () =>
      unwrap(api().GET('/api/events/{eventId}/participants/delegates', { params: { path: { eventId }, query } })),
    placeholderData: keepPreviousData,
  });
}

/** The organisation's clusters not in the event yet (from earlier events), searched by name or country. */
export function useParticipantCandidates(eventId: string, q: string) {
  return useQuery({
    queryKey: queryKeys.participants.candidates(eventId, q),
    queryFn: () =>
      unwrap(
        api().GET('/api/events/{eventId}/participants/candidates', {
          params: { path: { eventId }, query: { q: q || undefined, limit: 10 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** After any change to participants: the lists, profiles and the directory are read again. */
function useInvalidate(eventId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: queryKeys.participants.ofEvent(eventId) }),
      qc.invalidateQueries({ queryKey: queryKeys.clusters.all() }),
    ]);
}

/** A new cluster, registered for the event. */
export function useAddCluster(eventId: string) {
  const invalidate = useInvalidate(eventId);
  return useMutation({
    mutationFn: (body: Schema<'CreateClusterDto'>) =>
      unwrap(api().POST('/api/events/{eventId}/participants/clusters', { params: { path: { eventId } }, body })),
    onSuccess: invalidate,
  });
}

/** An existing cluster (of an earlier event) registered for this one. */
export function useRegisterCluster(eventId: string) {
  const invalidate = useInvalidate(eventId);
  return useMutation({
    mutationFn: (clusterId: string) =>
      unwrap(api().POST('/api/events/{eventId}/participants', { params: { path: { eventId } }, body: { clusterId } })),
    onSuccess: invalidate,
  });
}

/** Takes a cluster out of the event (409 while it has open requests). */
export function useRemoveCluster(eventId: string) {
  const invalidate = useInvalidate(eventId);
  return useMutation({
    mutationFn: (clusterId: string) =>
      unwrap(
        api().DELETE('/api/events/{eventId}/participants/{clusterId}', { params: { path: { eventId, clusterId } } }),
      ),
    onSuccess: invalidate,
  });
}

export function useEditCluster(eventId: string) {
  const invalidate = useInvalidate(eventId);
  return useMutation({
    mutationFn: ({ clusterId, body }: { clusterId: string; body: Schema<'UpdateClusterDto'> }) =>
      unwrap(api().PATCH('/api/clusters/{clusterId}', { params: { path: { clusterId } }, body })),
    onSuccess: invalidate,
  });
}

export function useAddDelegate(eventId: string) {
  const invalidate = useInvalidate(eventId);
  return useMutation({
    mutationFn: ({ clusterId, body }: { clusterId: string; body: Schema<'CreateDelegateDto'> }) =>
      unwrap(api().POST('/api/clusters/{clusterId}/delegates', { params: { path: { clusterId } }, body })),
    onSuccess: invalidate,
  });
}

export function useEditDelegate(eventId: string) {
  const invalidate = useInvalidate(eventId);
  return useMutation({
    mutationFn: ({ delegateId, body }: { delegateId: string; body: Schema<'UpdateDelegateDto'> }) =>
      unwrap(api().PATCH('/api/delegates/{delegateId}', { params: { path: { delegateId } }, body })),
    onSuccess: invalidate,
  });
}

export function useRemoveDelegate(eventId: string) {
  const invalidate = useInvalidate(eventId);
  return useMutation({
    mutationFn: (delegateId: string) =>
      unwrap(api().DELETE('/api/delegates/{delegateId}', { params: { path: { delegateId } } })),
    onSuccess: invalidate,
  });
}

/** Every delegate of the event who has never signed in (ids, for sending their login links in batches). */
export async function notSignedInIds(eventId: string): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await unwrap(
      api().GET('/api/events/{eventId}/participants/delegates', {
        params: { path: { eventId }, query: { signedIn: 'no', limit: 200, offset } },
      }),
    );
    ids.push(...page.items.map((d) => d.id));
    if (offset + 200 >= page.total) return ids;
  }
}

/** Mails login links to the delegates, `batch` at a time, reporting progress after each batch. */
export function useSendLoginLinks(eventId: string, batch = 20) {
  const invalidate = useInvalidate(eventId);
  return useMutation({
    mutationFn: async ({
      delegateIds,
      language,
      onProgress,
    }: {
      delegateIds: string[] | 'not-signed-in';
      language?: 'en' | 'da';
      onProgress?: (done: number, total: number) => void;
    }) => {
      const ids = delegateIds === 'not-signed-in' ? await notSignedInIds(eventId) : delegateIds;
      let queued = 0;
      onProgress?.(0, ids.length);
      for (let i = 0; i < ids.length; i += batch) {
        const res = await unwrap(
          api().POST('/api/events/{eventId}/participants/login-links', {
            params: { path: { eventId } },
            body: { delegateIds: ids.slice(i, i + batch), ...(language ? { language } : {}) },
          }),
        );
        queued += res.queued;
        onProgress?.(Math.min(ids.length, i + batch), ids.length);
      }
      return { queued };
    },
    onSuccess: invalidate,
  });
}

export function exportParticipants(
  eventId: string,
  kind: 'clusters' | 'delegates' | 'requests',
  format: 'csv' | 'xlsx',
): Promise<void> {
  return download(
    api().GET('/api/events/{eventId}/participants/export', {
      params: { path: { eventId }, query: { kind, format } },
      parseAs: 'blob',
    }),
    `${kind}.${format}`,
  );
}
