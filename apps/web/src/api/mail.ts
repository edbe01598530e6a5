import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schema } from './client';
import { queryKeys } from './keys';

export type OutboxMessage = Schema<'OutboxMessageResponse'>;
export type OutboxStatus = Schema<'OutboxStatus'>;

export function useOutbox(status: OutboxStatus | '') {
  return useQuery({
    queryKey: queryKeys.outbox.list(status),
    queryFn: () =>
      unwrap(api().GET('/api/mail/outbox', { params: { query: { status: status || undefined, limit: 200 } } })),
  });
}

/** Tries a failed mail again. */
export function useRequeue() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api().POST('/api/mail/outbox/{id}/requeue', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.outbox.all() }),
  });
}

/** Queues the day-before reminders now. */
export function useQueueReminders() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api().POST('/api/mail/reminders', { body: {} })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.outbox.all() }),
  });
}
