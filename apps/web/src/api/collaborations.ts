import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schema } from './client';
import { queryKeys } from './keys';

export type Collaboration = Schema<'CollaborationResponse'>;
export type CollaborationInput = Schema<'CollaborationDto'>;

/** The collaborations the cluster is a partner of. */
export function useCollaborations(clusterId: string) {
  return useQuery({
    queryKey: queryKeys.collaborations.ofCluster(clusterId),
    queryFn: () => unwrap(api().GET('/api/clusters/{clusterId}/collaborations', { params: { path: { clusterId } } })),
  });
}

/** Records a collaboration of the cluster. */
export function useRecordCollaboration(clusterId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CollaborationInput) =>
      unwrap(api().POST('/api/clusters/{clusterId}/collaborations', { params: { path: { clusterId } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.collaborations.all() }),
  });
}

/** Changes a collaboration (e.g. its status as it moves on). */
export function useUpdateCollaboration(collaborationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CollaborationInput) =>
      unwrap(api().PUT('/api/collaborations/{collaborationId}', { params: { path: { collaborationId } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.collaborations.all() }),
  });
}
