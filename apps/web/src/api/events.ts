import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schema } from './client';
import { queryKeys } from './keys';

export type EventSummary = Schema<'EventSummaryResponse'>;
export type EventView = Schema<'EventResponse'>;
/** A day plan as the setup form edits it (breaks always present). */
export type DayPlan = Required<Schema<'DayPlanDto'>>;
export type TableDef = Schema<'TableDto'>;

/** What the setup form edits. */
export interface EventForm {
  name: string;
  venue: string;
  timezone: string;
  requestDeadline: string;
  days: DayPlan[];
  tables: TableDef[];
}

export const fetchEvents = (): Promise<EventSummary[]> => unwrap(api().GET('/api/events'));

export function useEvents(enabled = true) {
  return useQuery({
    queryKey: queryKeys.events.list(),
    queryFn: fetchEvents,
    enabled,
  });
}

export function useEvent(eventId: string | null) {
  return useQuery({
    queryKey: queryKeys.events.detail(eventId ?? ''),
    queryFn: () => unwrap(api().GET('/api/events/{eventId}', { params: { path: { eventId: eventId ?? '' } } })),
    enabled: eventId !== null,
  });
}

export function useSlots(eventId: string) {
  return useQuery({
    queryKey: queryKeys.events.slots(eventId),
    queryFn: () => unwrap(api().GET('/api/events/{eventId}/slots', { params: { path: { eventId } } })),
  });
}

/**
 * Creates the event, or saves its details, day plans and tables in one step (`PUT .../setup`): the service checks
 * every field first and writes nothing unless all pass, so an error never leaves a half-saved setup. Afterwards the
 * event list and everything about the event are refetched.
 */
export function useSaveEvent(eventId: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (form: EventForm): Promise<EventView> => {
      if (!eventId) return unwrap(api().POST('/api/events', { body: form }));
      return unwrap(api().PUT('/api/events/{eventId}/setup', { params: { path: { eventId } }, body: form }));
    },
    onSuccess: (view) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.events.list() }),
        qc.invalidateQueries({ queryKey: queryKeys.events.one(view.id) }),
      ]),
  });
}

export type NewEventBody = Schema<'NewEventDto'>;
export type CreatedEvent = Schema<'CreatedEventResponse'>;
export type ClusterEventHistory = Schema<'ClusterEventHistoryResponse'>;

/**
 * A new event, optionally copying the day plan, tables and participants of an earlier one (issue 9, item 2). The
 * event list is read again before the mutation settles, so the new event can be chosen at once.
 */
export function useCreateEvent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewEventBody): Promise<CreatedEvent> => unwrap(api().POST('/api/events', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.events.list() }),
  });
}

/** Archives a past event, or (archived: false) takes it back out of the archive. */
export function useArchiveEvent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ eventId, archived }: { eventId: string; archived: boolean }): Promise<EventView> => {
      const params = { params: { path: { eventId } } };
      return unwrap(
        archived
          ? api().POST('/api/events/{eventId}/archive', params)
          : api().DELETE('/api/events/{eventId}/archive', params),
      );
    },
    onSuccess: (view) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.events.list() }),
        qc.invalidateQueries({ queryKey: queryKeys.events.one(view.id) }),
      ]),
  });
}

/** A cluster's history across its organisation's events: per event, its meetings, with whom, held or not. */
export function useClusterEventHistory(clusterId: string) {
  return useQuery({
    queryKey: queryKeys.events.clusterHistory(clusterId),
    queryFn: () => unwrap(api().GET('/api/clusters/{clusterId}/history/events', { params: { path: { clusterId } } })),
  });
}

/** Whether an event's last day is before today (in the browser's calendar; archiving is offered then). */
export function isPast(e: Pick<EventSummary, 'lastDay'>, today = new Date().toISOString().slice(0, 10)): boolean {
  return e.lastDay !== null && e.lastDay < today;
}
