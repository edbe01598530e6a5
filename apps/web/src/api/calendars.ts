import { useQuery } from '@tanstack/react-query';
import { api, download, unwrap } from './client';
import { queryKeys } from './keys';

/** The delegate's secret feed URL (created on the first call). */
export function useAgendaFeed(eventId: string) {
  return useQuery({
    queryKey: queryKeys.calendars.agendaFeed(eventId),
    queryFn: () => unwrap(api().GET('/api/events/{eventId}/agenda/feed', { params: { path: { eventId } } })),
  });
}

/** The delegate's own agenda as an .ics file. */
export function downloadAgendaIcs(eventId: string): Promise<void> {
  return download(
    api().GET('/api/events/{eventId}/agenda.ics', { params: { path: { eventId } }, parseAs: 'blob' }),
    'agenda.ics',
  );
}
