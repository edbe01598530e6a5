import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { queryKeys } from './keys';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function contentTypeOf(file: File): string {
  return /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv';
}

/**
 * Uploads a CSV or XLSX file of clusters or delegates (all rows or none). Afterwards the clusters (and
 * their delegates) and, for clusters, the taxonomy are refetched.
 */
export function useImport(eventId: string, kind: 'clusters' | 'delegates') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, createTerms }: { file: File; createTerms: boolean }) => {
      // The bytes themselves as the body (read first: every fetch takes an ArrayBuffer).
      const data = await file.arrayBuffer();
      const init = { body: file, bodySerializer: () => data, headers: { 'Content-Type': contentTypeOf(file) } };
      return unwrap(
        kind === 'clusters'
          ? api().POST('/api/events/{eventId}/imports/clusters', {
              ...init,
              params: { path: { eventId }, query: { createTerms: createTerms ? 'true' : 'false' } },
            })
          : api().POST('/api/events/{eventId}/imports/delegates', { ...init, params: { path: { eventId } } }),
      );
    },
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.clusters.all() }),
        qc.invalidateQueries({ queryKey: queryKeys.taxonomy() }),
      ]),
  });
}
