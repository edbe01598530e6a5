import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schema } from './client';
import { queryKeys } from './keys';

export type TermUsage = Schema<'TermUsageResponse'>;
export type UnknownTerm = Schema<'UnknownTermResponse'>;

/** Every term with the number of clusters using it. */
export function useTermUsage() {
  return useQuery({ queryKey: queryKeys.taxonomyUsage(), queryFn: () => unwrap(api().GET('/api/taxonomy/usage')) });
}

/** After a change of the taxonomy: the terms, their usage and every profile and directory page. */
function useInvalidate() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: queryKeys.taxonomy() }),
      qc.invalidateQueries({ queryKey: queryKeys.clusters.all() }),
    ]);
}

export function useAddTerm() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: Schema<'CreateTermDto'>) => unwrap(api().POST('/api/taxonomy', { body })),
    onSuccess: invalidate,
  });
}

export function useRenameTerm() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ termId, body }: { termId: string; body: Schema<'UpdateTermDto'> }) =>
      unwrap(api().PATCH('/api/taxonomy/{termId}', { params: { path: { termId } }, body })),
    onSuccess: invalidate,
  });
}

export function useMergeTerm() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ termId, intoTermId }: { termId: string; intoTermId: string }) =>
      unwrap(api().POST('/api/taxonomy/{termId}/merge', { params: { path: { termId } }, body: { intoTermId } })),
    onSuccess: invalidate,
  });
}
