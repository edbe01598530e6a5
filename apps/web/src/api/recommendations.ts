import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Lang } from '../i18n';
import { api, unwrap, type Schema } from './client';
import { queryKeys } from './keys';

export type Recommendation = Schema<'RecommendationResponse'>;
export type Overview = Schema<'OverviewResponse'>;

/** A cluster's suggestions with reasons in the user's language (issue 12). */
export function useRecommendations(eventId: string, clusterId: string | null, lang: Lang, limit = 5) {
  return useQuery({
    queryKey: queryKeys.recommendations.forCluster(eventId, clusterId ?? '', lang, limit),
    enabled: clusterId !== null,
    queryFn: () =>
      unwrap(
        api().GET('/api/events/{eventId}/clusters/{clusterId}/recommendations', {
          params: { path: { eventId, clusterId: clusterId ?? '' }, query: { limit, lang } },
        }),
      ),
  });
}

/** "Not interested": the suggestion goes away and stays away. */
export function useNotInterested(eventId: string, clusterId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (targetClusterId: string) =>
      unwrap(
        api().POST('/api/events/{eventId}/clusters/{clusterId}/recommendations/not-interested', {
          params: { path: { eventId, clusterId } },
          body: { targetClusterId },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.recommendations.ofEvent(eventId) }),
  });
}

/** The organiser's overview: clusters with few or no requests and their best suggestions. */
export function useRecommendationOverview(eventId: string, maxRequests: number, lang: Lang) {
  return useQuery({
    queryKey: queryKeys.recommendations.overview(eventId, maxRequests, lang),
    queryFn: () =>
      unwrap(
        api().GET('/api/events/{eventId}/recommendations/overview', {
          params: { path: { eventId }, query: { maxRequests, limit: 3, lang } },
        }),
      ),
  });
}

/** Mails the chosen clusters their top suggestions. */
export function useNudge(eventId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schema<'NudgeDto'>) =>
      unwrap(api().POST('/api/events/{eventId}/recommendations/nudges', { params: { path: { eventId } }, body })),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: queryKeys.recommendations.ofEvent(eventId) });
      await qc.invalidateQueries({ queryKey: queryKeys.outbox.all() });
    },
  });
}
