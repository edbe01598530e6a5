/** Issue 10, the day of the event: check-in, meeting marks, the live board, rebooking offers, settings, figures. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, unwrap, type Schema } from './client';
import { queryKeys } from './keys';

export type MyDay = Schema<'MyDayResponse'>;
export type Board = Schema<'BoardResponse'>;
export type BoardMeeting = Schema<'BoardMeetingResponse'>;
export type Offer = Schema<'RebookingOfferResponse'>;
export type Figures = Schema<'FiguresResponse'>;
export type MarkStatus = Schema<'MeetingStatusDto'>['status'];

/** How often the board and the day page refresh by themselves. */
export const DAY_REFRESH_MS = 15_000;

export function useMyDay(eventId: string) {
  return useQuery({
    queryKey: queryKeys.day.me(eventId),
    queryFn: () => unwrap(api().GET('/api/events/{eventId}/day/me', { params: { path: { eventId } } })),
    refetchInterval: DAY_REFRESH_MS,
  });
}

export function useCheckins(eventId: string, q: string) {
  return useQuery({
    queryKey: queryKeys.day.checkins(eventId, q),
    queryFn: () =>
      unwrap(api().GET('/api/events/{eventId}/checkins', { params: { path: { eventId }, query: q ? { q } : {} } })),
  });
}

/** Checks in by id (list or typed search) or by the code a QR carries. */
export function useCheckIn(eventId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { delegateId?: string; code?: string; method?: 'list' | 'search' }) =>
      unwrap(api().POST('/api/events/{eventId}/checkins', { params: { path: { eventId } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.day.ofEvent(eventId) }),
  });
}

export function useUndoCheckIn(eventId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (delegateId: string) =>
      unwrap(
        api().DELETE('/api/events/{eventId}/checkins/{delegateId}', { params: { path: { eventId, delegateId } } }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.day.ofEvent(eventId) }),
  });
}

export function useMarkMeeting(eventId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ meetingId, status, absent }: { meetingId: string; status: MarkStatus; absent?: string[] }) =>
      unwrap(
        api().PUT('/api/events/{eventId}/meetings/{meetingId}/status', {
          params: { path: { eventId, meetingId } },
          body: absent ? { status, absent } : { status },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.day.ofEvent(eventId) }),
  });
}

export function useBoard(eventId: string) {
  return useQuery({
    queryKey: queryKeys.day.board(eventId),
    queryFn: () => unwrap(api().GET('/api/events/{eventId}/day', { params: { path: { eventId } } })),
    refetchInterval: DAY_REFRESH_MS,
  });
}

export function useOffers(eventId: string, delegateId: string | null) {
  return useQuery({
    queryKey: queryKeys.day.offers(eventId, delegateId ?? ''),
    queryFn: () =>
      unwrap(
        api().GET('/api/events/{eventId}/day/rebooking', {
          params: { path: { eventId }, query: { delegateId: delegateId ?? '' } },
        }),
      ),
    enabled: delegateId !== null,
  });
}

export function useBookOffer(eventId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ delegateId, offer }: { delegateId: string; offer: Offer }) =>
      unwrap(
        api().POST('/api/events/{eventId}/day/rebooking', {
          params: { path: { eventId } },
          body: {
            delegateId,
            meetingId: offer.replacesMeetingId,
            partnerDelegateId: offer.partnerDelegateId,
            slotId: offer.slotId,
            tableId: offer.tableId,
          },
        }),
      ),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: queryKeys.day.ofEvent(eventId) });
      await qc.invalidateQueries({ queryKey: queryKeys.schedule.ofEvent(eventId) });
    },
  });
}

export function useDaySettings(eventId: string) {
  return useQuery({
    queryKey: queryKeys.day.settings(eventId),
    queryFn: () => unwrap(api().GET('/api/events/{eventId}/day/settings', { params: { path: { eventId } } })),
  });
}

export function useSaveDaySettings(eventId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { selfServiceRebooking?: boolean; reminderMinutes?: number | null }) =>
      unwrap(api().PUT('/api/events/{eventId}/day/settings', { params: { path: { eventId } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.day.ofEvent(eventId) }),
  });
}

export function useFigures(eventId: string) {
  return useQuery({
    queryKey: queryKeys.day.figures(eventId),
    queryFn: () => unwrap(api().GET('/api/events/{eventId}/day/figures', { params: { path: { eventId } } })),
  });
}

export function downloadFigures(eventId: string, format: 'csv' | 'xlsx'): Promise<void> {
  return download(
    api().GET('/api/events/{eventId}/day/figures/export', {
      params: { path: { eventId }, query: { format } },
      parseAs: 'blob',
    }),
    `event-day-figures.${format}`,
  );
}
