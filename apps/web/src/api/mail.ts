import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schema } from './client';
import type { paths } from './schema';
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

type OutboxPageQuery = NonNullable<paths['/api/mail/outbox/page']['get']['parameters']['query']>;
export type OutboxSort = NonNullable<OutboxPageQuery['sort']>;

/** One page of the outbox (the event's mails and those of no event), with the true total and each kind's count. */
export function useOutboxPage(query: OutboxPageQuery) {
  return useQuery({
    queryKey: queryKeys.outbox.page(query),
    queryFn: () => unwrap(api().GET('/api/mail/outbox/page', { params: { query } })),
    placeholderData: keepPreviousData,
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
