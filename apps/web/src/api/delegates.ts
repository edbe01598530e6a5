import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schema } from './client';
import { queryKeys } from './keys';

export type Delegate = Schema<'DelegateResponse'>;

/** The slots of the event in which the delegate cannot meet. */
export function useUnavailability(eventId: string, delegateId: string) {
  return useQuery({
    queryKey: queryKeys.availability(eventId, delegateId),
    queryFn: () =>
      unwrap(
        api().GET('/api/events/{eventId}/delegates/{delegateId}/unavailability', {
          params: { path: { eventId, delegateId } },
        }),
      ),
  });
}

export function useSetUnavailability(eventId: string, delegateId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (slots: string[]) =>
      unwrap(
        api().PUT('/api/events/{eventId}/delegates/{delegateId}/unavailability', {
          params: { path: { eventId, delegateId } },
          body: { slots },
        }),
      ),
    onSuccess: (saved) => qc.setQueryData(queryKeys.availability(eventId, delegateId), saved),
  });
}
