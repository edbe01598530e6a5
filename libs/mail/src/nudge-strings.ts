/**
 * The words of the recommendations nudge (issue 12), in English and Danish. Kept apart from `MailStrings`
 * (English only so far) so this mail can be written in either language; counts go through `Intl.PluralRules`.
 */
export type NudgeLanguage = 'en' | 'da';

export interface NudgeStrings {
  readonly locale: string;
  readonly greeting: string;
  readonly greetingNoName: string;
  readonly subject: string;
  /** By plural category of the number of suggestions. */
  readonly intro: { readonly one: string; readonly other: string };
  readonly deadline: string;
  readonly button: string;
  readonly signature: string;
}

export const nudgeStrings: Readonly<Record<NudgeLanguage, NudgeStrings>> = {
  en: {
    locale: 'en-GB',
    greeting: 'Hello {name},',
    greetingNoName: 'Hello,',
    subject: 'Clusters worth meeting at {event}',
    intro: {
      one: 'One cluster at {event} looks like a good match for {cluster}, and you have no meeting with it yet:',
      other: '{count} clusters at {event} look like a good match for {cluster}, and you have no meeting with them yet:',
    },
    deadline: 'Meeting requests close on {deadline}.',
    button: 'See your suggestions and send requests',
    signature: 'The {event} team',
  },
  da: {
    locale: 'da-DK',
    greeting: 'Kære {name}',
    greetingNoName: 'Hej',
    subject: 'Klynger der er værd at møde ved {event}',
    intro: {
      one: 'Én klynge ved {event} ser ud til at passe godt til {cluster}, og I har endnu ikke et møde med den:',
      other: '{count} klynger ved {event} ser ud til at passe godt til {cluster}, og I har endnu ikke et møde med dem:',
    },
    deadline: 'Fristen for mødeanmodninger er {deadline}.',
    button: 'Se jeres forslag og send anmodninger',
    signature: 'Holdet bag {event}',
  },
};
