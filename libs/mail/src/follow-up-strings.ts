/**
 * The words of the follow-up mails (issue 11, part 3): months after an event, each cluster's current delegates
 * are asked what came of the relationships started there. Like the feedback mails they go out in English and
 * then Danish in one mail. `{count}` picks the singular or plural form.
 */
export interface FollowUpMailStrings {
  readonly locale: string;
  readonly greeting: string;
  readonly greetingNoName: string;
  readonly signature: string;
  readonly subject: string;
  /** `{months}` since `{event}`, `{cluster}` met `{count}` clusters: [one, other]. */
  readonly intro: readonly [string, string];
  readonly ask: string;
  readonly button: string;
  readonly belongs: string;
  readonly linkOnce: string;
  /** The label of the unsubscribe link. */
  readonly unsubscribe: string;
}

export const followUpEn: FollowUpMailStrings = {
  locale: 'en-GB',
  greeting: 'Hello {name},',
  greetingNoName: 'Hello,',
  signature: 'The {event} team',
  subject: '{event}, {months} months on: what came of your meetings?',
  intro: [
    'It is {months} months since {event}. There, {cluster} met {count} cluster:',
    'It is {months} months since {event}. There, {cluster} met {count} clusters:',
  ],
  ask: 'For each of them, tell us what came of it: nothing (yet), still in contact, or a collaboration (a project, an application, a partnership, a commercial deal, knowledge exchange), with the new ideas, products and competences it brought. It takes a few minutes.',
  button: 'Tell us what came of it',
  belongs:
    'The answers belong to {cluster}, not to you: any delegate of the cluster can see and update them, now and later.',
  linkOnce: 'The link signs you in once; afterwards sign in with your e-mail address on the sign-in page.',
  unsubscribe: 'No more follow-ups, reminders or mailings like this one: unsubscribe',
};

export const followUpDa: FollowUpMailStrings = {
  locale: 'da-DK',
  greeting: 'Kære {name},',
  greetingNoName: 'Hej',
  signature: 'Holdet bag {event}',
  subject: '{event}, {months} måneder efter: hvad kom der ud af jeres møder?',
  intro: [
    'Det er {months} måneder siden {event}. Der mødte {cluster} {count} klynge:',
    'Det er {months} måneder siden {event}. Der mødte {cluster} {count} klynger:',
  ],
  ask: 'Fortæl os for hver af dem, hvad der kom ud af det: intet (endnu), stadig i kontakt, eller et samarbejde (et projekt, en ansøgning, et partnerskab, en handel, videndeling) med de nye idéer, produkter og kompetencer, det gav. Det tager få minutter.',
  button: 'Fortæl hvad der kom ud af det',
  belongs: 'Svarene tilhører {cluster}, ikke dig: alle klyngens delegerede kan se og opdatere dem, nu og senere.',
  linkOnce: 'Linket logger dig ind én gang; derefter logger du ind med din e-mailadresse på login-siden.',
  unsubscribe: 'Ingen flere opfølgninger, påmindelser eller udsendelser som denne: afmeld',
};

export const followUpLanguages = [followUpEn, followUpDa] as const;
