/**
 * Where the service's calendar endpoints live (apps/api/src/calendars). The feed is public at a secret URL;
 * the download needs the delegate's token.
 */
export const CALENDAR = {
  /** GET: the delegate's feed URL ({ url }). */
  feedUrl: (eventId: string): string => `/events/${eventId}/agenda/feed`,
  /** GET: the delegate's own agenda as .ics. */
  download: (eventId: string): string => `/events/${eventId}/agenda.ics`,
};
