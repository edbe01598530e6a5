/**
 * Every word a mail shows, one table per language. `{name}` placeholders are filled by the
 * renderer (and HTML-escaped there). To add Danish, copy `en` to `da`, translate, and add it to
 * `languages`; the type makes sure no string is forgotten.
 */
export interface MailStrings {
  /** BCP 47 locale for dates and times, e.g. `en-GB`. */
  readonly locale: string;
  readonly common: {
    readonly greeting: string;
    readonly greetingNoName: string;
    readonly signature: string;
    readonly allTimesIn: string;
    readonly table: string;
    readonly people: string;
    readonly note: string;
    readonly meetingWith: string;
    readonly openAgenda: string;
    readonly calendarAttached: string;
    /** Issue 10: the personal check-in QR code attached to the agenda mail. */
    readonly checkinAttached: string;
    /** Stands in for the name of whoever asked, when it is not known. */
    readonly someone: string;
  };
  readonly magicLink: {
    readonly subject: string;
    readonly intro: string;
    readonly button: string;
    readonly expires: string;
    readonly ignore: string;
  };
  /** Issue 9: the organiser invites a delegate to sign in to an event (a login link valid for days). */
  readonly eventInvitation: {
    readonly subject: string;
    readonly intro: string;
    readonly button: string;
    readonly expires: string;
    readonly ignore: string;
  };
  /** Issue 9: an owner invites someone to organise with their organisation (the link sets a password). */
  readonly organiserInvitation: {
    readonly subject: string;
    readonly intro: string;
    readonly button: string;
    readonly expires: string;
    readonly ignore: string;
    /** The role as the sentence names it. */
    readonly roles: { readonly owner: string; readonly organiser: string; readonly viewer: string };
  };
  readonly delegateInvitation: {
    readonly subject: string;
    readonly intro: string;
    readonly button: string;
    readonly expires: string;
    readonly ignore: string;
  };
  readonly emailConfirmation: {
    readonly subject: string;
    readonly intro: string;
    readonly button: string;
    readonly expires: string;
    readonly ignore: string;
  };
  readonly requestReceived: {
    readonly subject: string;
    readonly intro: string;
    readonly note: string;
    readonly button: string;
  };
  readonly requestAccepted: {
    readonly subject: string;
    readonly intro: string;
    readonly next: string;
    readonly button: string;
  };
  readonly requestDeclined: {
    readonly subject: string;
    readonly intro: string;
    /** Introduces the receiver's reason, when they gave one. */
    readonly reason: string;
    readonly next: string;
    readonly button: string;
  };
  readonly schedulePublished: {
    readonly subject: string;
    readonly intro: string;
    readonly none: string;
  };
  readonly scheduleChanged: {
    readonly subject: string;
    readonly intro: string;
    readonly added: string;
    readonly moved: string;
    readonly cancelled: string;
    readonly from: string;
    readonly to: string;
    readonly nowAgenda: string;
  };
  readonly reminder: {
    readonly subject: string;
    readonly intro: string;
    readonly none: string;
  };
  /** Issue 10: shortly before a meeting on the day of the event. */
  readonly meetingReminder: {
    readonly subject: string;
    readonly intro: string;
  };
}

export const en: MailStrings = {
  locale: 'en-GB',
  common: {
    greeting: 'Hello {name},',
    greetingNoName: 'Hello,',
    signature: 'The {event} team',
    allTimesIn: 'All times are local time at the venue ({zone}).',
    table: 'Table',
    people: 'People',
    note: 'Note',
    meetingWith: 'Meeting with {parties}',
    openAgenda: 'Open your agenda',
    calendarAttached:
      'Your agenda is attached as a calendar file (.ics) that Outlook, Google Calendar and Apple Calendar can import.',
    checkinAttached:
      'Your personal check-in code is attached as a QR image (check-in-code.svg): show it at the entrance on the day. It is on your agenda page too.',
    someone: 'A colleague',
  },
  eventInvitation: {
    subject: 'You are invited to {event}',
    intro:
      'You are registered as a delegate of {cluster} for {event}. Sign in to complete your profile, find the clusters you want to meet and request meetings:',
    button: 'Sign in',
    expires:
      'The link works once and expires in {days} days; afterwards sign in with your e-mail address on the sign-in page.',
    ignore: 'If you were not expecting this, ignore this mail: nobody can sign in without the link.',
  },
  organiserInvitation: {
    subject: 'You are invited to organise with {organisation} on clustermatch',
    intro:
      '{inviter} invites you to join {organisation} on clustermatch as {role}. Follow the link to choose your password; from then on you sign in with this e-mail address and that password:',
    button: 'Choose your password',
    expires: 'The link works once and expires in {days} days; ask {inviter} for a new one after that.',
    ignore: 'If you were not expecting this, ignore this mail: no account is made without the link.',
    roles: {
      owner: 'an owner (who runs events and manages the organisers)',
      organiser: 'an organiser (who runs events)',
      viewer: 'a viewer (who can look at everything but change nothing)',
    },
  },
  delegateInvitation: {
    subject: 'Join {cluster} on clustermatch',
    intro: '{inviter} has added you as a delegate of {cluster}. Follow the link to accept and sign in:',
    button: 'Join and sign in',
    expires: 'The link works once and expires in {days} days.',
    ignore: 'If you do not want to join, ignore this mail: nothing happens without the link.',
  },
  emailConfirmation: {
    subject: 'Confirm your new e-mail address for {cluster}',
    intro:
      'Your e-mail address as a delegate of {cluster} is to change to this one. Follow the link to confirm it and sign in:',
    button: 'Confirm and sign in',
    expires: 'The link works once and expires in {days} days.',
    ignore: 'If you did not ask for this, ignore this mail: your address does not change without the link.',
  },
  magicLink: {
    subject: 'Your sign-in link for {event}',
    intro: 'Use this link to sign in to {event}:',
    button: 'Sign in',
    expires: 'The link works once and expires in {minutes} minutes.',
    ignore: 'If you did not ask for it, ignore this mail: nobody can sign in without the link.',
  },
  requestReceived: {
    subject: '{requester} ({party}) would like to meet you',
    intro: '{requester} of {party} has asked for a meeting with you at {event}.',
    note: 'Their note:',
    button: 'Answer the request',
  },
  requestAccepted: {
    subject: '{other} ({party}) accepted your meeting request',
    intro: '{other} of {party} has accepted your request for a meeting at {event}.',
    next: 'The time and table will be in your agenda when the schedule is published.',
    button: 'See your requests',
  },
  requestDeclined: {
    subject: '{other} ({party}) declined your meeting request',
    intro: '{other} of {party} has declined your request for a meeting at {event}.',
    reason: 'Their reason:',
    next: 'You can still ask other clusters for meetings until the schedule is published.',
    button: 'Find other clusters',
  },
  schedulePublished: {
    subject: 'Your agenda for {event}',
    intro: 'The meeting schedule for {event} is published. Your meetings:',
    none: 'You have no meetings in this schedule.',
  },
  scheduleChanged: {
    subject: 'Your agenda for {event} has changed',
    intro: 'The schedule for {event} has changed. What changed for you:',
    added: 'New',
    moved: 'Moved',
    cancelled: 'Cancelled',
    from: 'was',
    to: 'now',
    nowAgenda: 'Your agenda now:',
  },
  reminder: {
    subject: 'Tomorrow at {event}: your meetings',
    intro: 'A reminder of your meetings tomorrow, {day}:',
    none: 'You have no meetings tomorrow.',
  },
  meetingReminder: {
    subject: 'In {minutes} minutes at {event}: your next meeting',
    intro: 'Your next meeting starts in {minutes} minutes:',
  },
};

/** Dansk. */
export const da: MailStrings = {
  locale: 'da-DK',
  common: {
    greeting: 'Hej {name}',
    greetingNoName: 'Hej',
    signature: 'Holdet bag {event}',
    allTimesIn: 'Alle tidspunkter er lokal tid på stedet ({zone}).',
    table: 'Bord',
    people: 'Deltagere',
    note: 'Note',
    meetingWith: 'Møde med {parties}',
    openAgenda: 'Åbn din dagsorden',
    calendarAttached:
      'Din dagsorden er vedhæftet som en kalenderfil (.ics), som Outlook, Google Kalender og Apple Kalender kan importere.',
    checkinAttached:
      'Din personlige indtjekningskode er vedhæftet som et QR-billede (check-in-code.svg): vis den ved indgangen på dagen. Den står også på din dagsorden-side.',
    someone: 'En kollega',
  },
  organiserInvitation: {
    subject: 'Du er inviteret til at arrangere med {organisation} på clustermatch',
    intro:
      '{inviter} inviterer dig til {organisation} på clustermatch som {role}. Følg linket for at vælge din adgangskode; derefter logger du ind med denne e-mailadresse og den adgangskode:',
    button: 'Vælg din adgangskode',
    expires: 'Linket virker én gang og udløber om {days} dage; bed derefter {inviter} om et nyt.',
    ignore: 'Hvis du ikke havde ventet denne mail, så se bort fra den: der oprettes ingen konto uden linket.',
    roles: {
      owner: 'ejer (som afvikler arrangementer og styrer arrangørerne)',
      organiser: 'arrangør (som afvikler arrangementer)',
      viewer: 'læser (som kan se alt, men ikke ændre noget)',
    },
  },
  delegateInvitation: {
    subject: 'Bliv en del af {cluster} på clustermatch',
    intro: '{inviter} har tilføjet dig som delegeret for {cluster}. Følg linket for at acceptere og logge ind:',
    button: 'Tilmeld og log ind',
    expires: 'Linket virker én gang og udløber om {days} dage.',
    ignore: 'Hvis du ikke vil være med, så se bort fra denne mail: der sker intet uden linket.',
  },
  emailConfirmation: {
    subject: 'Bekræft din nye e-mailadresse for {cluster}',
    intro:
      'Din e-mailadresse som delegeret for {cluster} skal ændres til denne. Følg linket for at bekræfte den og logge ind:',
    button: 'Bekræft og log ind',
    expires: 'Linket virker én gang og udløber om {days} dage.',
    ignore: 'Hvis du ikke har bedt om det, så se bort fra denne mail: din adresse ændres ikke uden linket.',
  },
  eventInvitation: {
    subject: 'Du er inviteret til {event}',
    intro:
      'Du er tilmeldt som delegeret for {cluster} til {event}. Log ind for at udfylde jeres profil, finde de klynger, I vil mødes med, og bede om møder:',
    button: 'Log ind',
    expires:
      'Linket virker én gang og udløber om {days} dage; derefter logger du ind med din e-mailadresse på login-siden.',
    ignore: 'Hvis du ikke havde ventet denne mail, så se bort fra den: ingen kan logge ind uden linket.',
  },
  magicLink: {
    subject: 'Dit login-link til {event}',
    intro: 'Brug dette link til at logge ind på {event}:',
    button: 'Log ind',
    expires: 'Linket virker én gang og udløber om {minutes} minutter.',
    ignore: 'Hvis du ikke har bedt om det, så se bort fra denne mail: ingen kan logge ind uden linket.',
  },
  requestReceived: {
    subject: '{requester} ({party}) vil gerne mødes med dig',
    intro: '{requester} fra {party} har bedt om et møde med dig ved {event}.',
    note: 'Deres note:',
    button: 'Besvar anmodningen',
  },
  requestAccepted: {
    subject: '{other} ({party}) har accepteret din mødeanmodning',
    intro: '{other} fra {party} har accepteret din anmodning om et møde ved {event}.',
    next: 'Tid og bord kommer i din dagsorden, når programmet offentliggøres.',
    button: 'Se dine anmodninger',
  },
  requestDeclined: {
    subject: '{other} ({party}) har afvist din mødeanmodning',
    intro: '{other} fra {party} har afvist din anmodning om et møde ved {event}.',
    reason: 'Deres begrundelse:',
    next: 'Du kan stadig bede andre klynger om møder, indtil programmet offentliggøres.',
    button: 'Find andre klynger',
  },
  schedulePublished: {
    subject: 'Din dagsorden til {event}',
    intro: 'Mødeprogrammet for {event} er offentliggjort. Dine møder:',
    none: 'Du har ingen møder i dette program.',
  },
  scheduleChanged: {
    subject: 'Din dagsorden til {event} er ændret',
    intro: 'Programmet for {event} er ændret. Det er ændret for dig:',
    added: 'Nyt',
    moved: 'Flyttet',
    cancelled: 'Aflyst',
    from: 'før',
    to: 'nu',
    nowAgenda: 'Din dagsorden nu:',
  },
  reminder: {
    subject: 'I morgen ved {event}: dine møder',
    intro: 'En påmindelse om dine møder i morgen, {day}:',
    none: 'Du har ingen møder i morgen.',
  },
  meetingReminder: {
    subject: 'Om {minutes} minutter ved {event}: dit næste møde',
    intro: 'Dit næste møde begynder om {minutes} minutter:',
  },
};

/** The languages mails can be written in. */
export const languages = { en, da } as const;
export type Language = keyof typeof languages;
