import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schema } from './client';
import { queryKeys, type DirectoryFilters } from './keys';

export type Cluster = Schema<'ClusterResponse'>;
export type ClusterProfile = Schema<'CreateClusterDto'>;
export type Term = Schema<'TermResponse'>;

/** The directory of an event; the previous page stays on screen while a new filter loads. */
export function useDirectory(eventId: string, filters: DirectoryFilters) {
  const list = (v: string | undefined): string[] | undefined => (v ? [v] : undefined);
  return useQuery({
    queryKey: queryKeys.clusters.directory(eventId, filters),
    queryFn: () =>
      unwrap(
        api().GET('/api/events/{eventId}/clusters', {
          params: {
            path: { eventId },
            query: {
              q: filters.q || undefined,
              sector: list(filters.sector),
              technology: list(filters.technology),
              country: list(filters.country),
              label: list(filters.label),
              limit: filters.limit ?? 200,
              offset: filters.offset || undefined,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Up to eight clusters of the event whose name, offers or seeks match `q` (at least two characters). */
export function useClusterPick(eventId: string, q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: queryKeys.clusters.pick(eventId, text),
    queryFn: () =>
      unwrap(
        api().GET('/api/events/{eventId}/clusters', { params: { path: { eventId }, query: { q: text, limit: 8 } } }),
      ),
    enabled: text.length >= 2,
    placeholderData: keepPreviousData,
  });
}

export function useCluster(clusterId: string) {
  return useQuery({
    queryKey: queryKeys.clusters.profile(clusterId),
    queryFn: () => unwrap(api().GET('/api/clusters/{clusterId}', { params: { path: { clusterId } } })),
  });
}

/** The cluster's delegates (its own delegates and organisers may see them); none without a cluster. */
export function useClusterDelegates(clusterId: string | null) {
  return useQuery({
    queryKey: queryKeys.clusters.delegates(clusterId ?? ''),
    queryFn: () =>
      unwrap(api().GET('/api/clusters/{clusterId}/delegates', { params: { path: { clusterId: clusterId ?? '' } } })),
    enabled: clusterId !== null,
  });
}

export function useTaxonomy() {
  return useQuery({
    queryKey: queryKeys.taxonomy(),
    queryFn: () => unwrap(api().GET('/api/taxonomy')),
  });
}

/** Saves a cluster's profile; its profile and every directory page are refetched. */
export function useUpdateCluster(clusterId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schema<'UpdateClusterDto'>) =>
      unwrap(api().PATCH('/api/clusters/{clusterId}', { params: { path: { clusterId } }, body })),
    onSuccess: (cluster) => {
      qc.setQueryData(queryKeys.clusters.profile(clusterId), cluster);
      return qc.invalidateQueries({ queryKey: queryKeys.clusters.all() });
    },
  });
}

/**
 * A delegate invites a colleague to their own cluster: the service mails them a link (202), and they join when
 * they open it; the cluster's delegate list is read again.
 */
export function useInviteColleague(clusterId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schema<'CreateDelegateDto'>) =>
      unwrap(api().POST('/api/clusters/{clusterId}/delegates', { params: { path: { clusterId } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.clusters.delegates(clusterId) }),
  });
}
