/**
 * The words of the feedback mails, in English and Danish. These mails go out in both languages at once (the
 * service knows no delegate's language): the English text first, then the Danish. `{name}` placeholders are
 * filled (and HTML-escaped) by the renderer; `{count}` picks the singular or plural form.
 */
export interface FeedbackMailStrings {
  readonly locale: string;
  readonly greeting: string;
  readonly greetingNoName: string;
  readonly signature: string;
  readonly requestSubject: string;
  readonly reminderSubject: string;
  readonly requestIntro: string;
  readonly reminderIntro: string;
  /** `{count}` meetings: [one, other]. */
  readonly meetings: readonly [string, string];
  readonly askEach: string;
  /** The event-evaluation survey on the same page, `{count}` questions: [one, other]. */
  readonly evaluation: readonly [string, string];
  readonly button: string;
  readonly closes: string;
  readonly linkOnce: string;
  readonly private: string;
  /** The label of the unsubscribe link (reminders only). */
  readonly unsubscribe: string;
}

export const feedbackEn: FeedbackMailStrings = {
  locale: 'en-GB',
  greeting: 'Hello {name},',
  greetingNoName: 'Hello,',
  signature: 'The {event} team',
  requestSubject: 'How did your meetings at {event} go?',
  reminderSubject: 'Reminder: your feedback on the meetings at {event}',
  requestIntro: 'Thank you for taking part in {event}. You had {meetings} there.',
  reminderIntro: 'You have not yet answered for every meeting you had at {event} ({meetings}).',
  meetings: ['{count} meeting', '{count} meetings'],
  askEach:
    'For each meeting, tell us whether it took place, how useful it was (1-5), what comes next, and add a note if you like. It takes a few minutes.',
  evaluation: [
    'On the same page, a short survey about the event itself: {count} question.',
    'On the same page, a short survey about the event itself: {count} questions.',
  ],
  button: 'Give your feedback',
  closes: 'You can change your answers until {closes}.',
  linkOnce: 'The link signs you in once; afterwards sign in with your e-mail address on the sign-in page.',
  private: 'The other party never sees your answers.',
  unsubscribe: 'No more reminders, follow-ups or mailings like this one: unsubscribe',
};

export const feedbackDa: FeedbackMailStrings = {
  locale: 'da-DK',
  greeting: 'Kære {name},',
  greetingNoName: 'Hej',
  signature: 'Holdet bag {event}',
  requestSubject: 'Hvordan gik dine møder på {event}?',
  reminderSubject: 'Påmindelse: din feedback på møderne på {event}',
  requestIntro: 'Tak fordi du deltog i {event}. Du havde {meetings} der.',
  reminderIntro: 'Du har endnu ikke svaret for alle de møder, du havde på {event} ({meetings}).',
  meetings: ['{count} møde', '{count} møder'],
  askEach:
    'Fortæl os for hvert møde, om det blev holdt, hvor nyttigt det var (1-5), hvad næste skridt er, og skriv gerne en note. Det tager få minutter.',
  evaluation: [
    'På samme side er der en kort undersøgelse om selve arrangementet: {count} spørgsmål.',
    'På samme side er der en kort undersøgelse om selve arrangementet: {count} spørgsmål.',
  ],
  button: 'Giv din feedback',
  closes: 'Du kan ændre dine svar indtil {closes}.',
  linkOnce: 'Linket logger dig ind én gang; derefter logger du ind med din e-mailadresse på login-siden.',
  private: 'Den anden part ser aldrig dine svar.',
  unsubscribe: 'Ingen flere påmindelser, opfølgninger eller udsendelser som denne: afmeld',
};

export const feedbackLanguages = [feedbackEn, feedbackDa] as const;
