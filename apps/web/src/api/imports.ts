import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schema } from './client';
import { queryKeys } from './keys';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function contentTypeOf(file: File): string {
  return /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv';
}

/** How one unknown sector or technology of a cluster file is imported: as an existing term (termId), or created. */
export interface TermChoice {
  kind: 'sector' | 'technology';
  name: string;
  termId?: string;
}

export type UnknownTerm = Schema<'UnknownTermResponse'>;

async function fileBody(file: File) {
  // The bytes themselves as the body (read first: every fetch takes an ArrayBuffer).
  const data = await file.arrayBuffer();
  return { body: file, bodySerializer: () => data, headers: { 'Content-Type': contentTypeOf(file) } };
}

/** The sectors and technologies of a cluster file that the taxonomy lacks (nothing is imported). */
export function useUnknownTerms(eventId: string) {
  return useMutation({
    mutationFn: async (file: File) =>
      unwrap(
        api().POST('/api/events/{eventId}/imports/clusters/unknown-terms', {
          ...(await fileBody(file)),
          params: { path: { eventId } },
        }),
      ),
  });
}

/**
 * Uploads a CSV or XLSX file of clusters or delegates (all rows or none); a cluster file's unknown terms are
 * mapped by `terms`. Afterwards the clusters (and their delegates) and, for clusters, the taxonomy are refetched.
 */
export function useImport(eventId: string, kind: 'clusters' | 'delegates') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, terms }: { file: File; terms?: TermChoice[] }) => {
      const init = await fileBody(file);
      return unwrap(
        kind === 'clusters'
          ? api().POST('/api/events/{eventId}/imports/clusters', {
              ...init,
              params: { path: { eventId }, query: terms?.length ? { terms: JSON.stringify(terms) } : {} },
            })
          : api().POST('/api/events/{eventId}/imports/delegates', { ...init, params: { path: { eventId } } }),
      );
    },
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.clusters.all() }),
        qc.invalidateQueries({ queryKey: queryKeys.taxonomy() }),
        qc.invalidateQueries({ queryKey: ['participants'] }),
      ]),
  });
}
