import type { CustomLanguage } from './custom';

/** The automatic nudges of the booking phase. */
export const nudgeKinds = ['no-meeting', 'unanswered', 'last-call'] as const;
export type NudgeKind = (typeof nudgeKinds)[number];

/** The placeholders each nudge's text may use (rendered with `renderCustom`). */
export const nudgePlaceholders: Record<NudgeKind, readonly string[]> = {
  'no-meeting': ['name', 'cluster', 'event', 'deadline', 'loginLink', 'recommendations'],
  unanswered: ['name', 'cluster', 'event', 'deadline', 'loginLink', 'requests'],
  'last-call': ['name', 'cluster', 'event', 'deadline', 'meetings', 'loginLink'],
};

/**
 * The default words of the nudges, per language. `{recommendations}` and `{requests}` are lists
 * (bullets); `{recommendations}` is empty until a recommendation source is wired in, and the
 * paragraph holding it is then left out.
 */
export const nudgeTexts: Record<
  NudgeKind,
  Record<CustomLanguage, { readonly subject: string; readonly body: string }>
> = {
  'no-meeting': {
    en: {
      subject: '{cluster} has no meeting at {event} yet',
      body: 'Hello {name},\n\n{cluster} has no accepted meeting at {event} yet. Requests can be made until {deadline}.\n\nClusters that may suit you:{recommendations}\n\nFind clusters and send requests: {loginLink}',
    },
    da: {
      subject: '{cluster} har endnu intet møde ved {event}',
      body: 'Hej {name},\n\n{cluster} har endnu intet accepteret møde ved {event}. Der kan sendes anmodninger indtil {deadline}.\n\nKlynger, der kan passe til jer:{recommendations}\n\nFind klynger og send anmodninger: {loginLink}',
    },
  },
  unanswered: {
    en: {
      subject: 'Meeting requests are waiting for your answer ({event})',
      body: 'Hello {name},\n\nThese requests to {cluster} are waiting for an answer:{requests}\n\nPlease accept or decline them before {deadline}: {loginLink}',
    },
    da: {
      subject: 'Mødeanmodninger venter på jeres svar ({event})',
      body: 'Hej {name},\n\nDisse anmodninger til {cluster} venter på svar:{requests}\n\nAccepter eller afvis dem inden {deadline}: {loginLink}',
    },
  },
  'last-call': {
    en: {
      subject: 'Last call: requests for {event} close on {deadline}',
      body: 'Hello {name},\n\nMeeting requests for {event} close on {deadline}. {cluster} has {meetings} accepted meetings so far.\n\nSend your last requests and answer the open ones: {loginLink}',
    },
    da: {
      subject: 'Sidste chance: anmodninger til {event} lukker {deadline}',
      body: 'Hej {name},\n\nMødeanmodninger til {event} lukker {deadline}. {cluster} har indtil nu {meetings} accepterede møder.\n\nSend jeres sidste anmodninger og besvar de åbne: {loginLink}',
    },
  },
};
