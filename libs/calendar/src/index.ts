export { attendeeCalendar, englishLabels, meetingInvitation, meetingUid, organiserCalendar } from './calendar';
export type { CalendarLabels, CalendarOptions } from './calendar';
export { formatOffset, vtimezone } from './vtimezone';
