/**
 * Error messages in the asker's language (issue 16, item 1). The service's modules throw English messages (they are
 * also what the logs and the English answers say); this catalogue gives each known message a stable code and its
 * Danish wording, matched on the English text. Counts go through ICU plural rules (`Intl.PluralRules`, the same
 * maintained rules the web app and the mail templates use) written as ICU message syntax:
 * `{n, plural, one {# klynge} other {# klynger}}`.
 *
 * A message the catalogue does not know keeps a stable code (`unknown`) and, in Danish, a Danish sentence for its
 * kind of error (with the English original in `messageEn` of the answer), so no Danish answer is English-only.
 */
import type { ErrorCode } from './errors';
import type { UserLanguage } from './language';

type Params = Readonly<Record<string, string | number>>;

const LOCALES: Record<UserLanguage, string> = { en: 'en-GB', da: 'da-DK' };

/**
 * Formats ICU message syntax with simple arguments (`{name}`) and plurals
 * (`{n, plural, =0 {...} one {# x} other {# xs}}`, `#` is the number); one level of nesting inside plural branches.
 */
export function formatIcu(template: string, params: Params, lang: UserLanguage): string {
  const rules = new Intl.PluralRules(LOCALES[lang]);
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    // Find the matching closing brace.
    let depth = 0;
    let end = open;
    for (; end < template.length; end++) {
      if (template[end] === '{') depth++;
      else if (template[end] === '}' && --depth === 0) break;
    }
    const body = template.slice(open + 1, end);
    const plural = /^\s*(\w+)\s*,\s*plural\s*,(.*)$/s.exec(body);
    if (plural) {
      const name = plural[1] ?? '';
      const n = Number(params[name]);
      const branches = new Map<string, string>();
      const re = /\s*(=\d+|zero|one|two|few|many|other)\s*\{((?:[^{}]|\{[^{}]*\})*)\}/g;
      for (let m = re.exec(plural[2] ?? ''); m; m = re.exec(plural[2] ?? '')) branches.set(m[1] ?? '', m[2] ?? '');
      const chosen = branches.get(`=${n}`) ?? branches.get(rules.select(n)) ?? branches.get('other') ?? '';
      out += formatIcu(chosen.replace(/#/g, new Intl.NumberFormat(LOCALES[lang]).format(n)), params, lang);
    } else {
      const name = body.trim();
      out += name in params ? String(params[name]) : `{${body}}`;
    }
    i = end + 1;
  }
  return out;
}

interface Entry {
  /** Stable, for scripts and the web app (e.g. `time_format`). */
  readonly code: string;
  /** The English message (anchored), with groups for the parameters. */
  readonly en: RegExp;
  /** The parameters from the match. */
  readonly params?: (m: RegExpExecArray) => Params;
  /** ICU message in Danish; `{name}` are the parameters. */
  readonly da: string;
  /** ICU message in English when the thrown text needs plural rules (e.g. "1 cluster(s)"); else the thrown text. */
  readonly enIcu?: string;
}

const g = (i: number) => (m: RegExpExecArray) => m[i] ?? '';

/** Names of things in "X 123 not found" (Danish takes the definite form). */
const THINGS_DA: Readonly<Record<string, string>> = {
  Event: 'Arrangementet',
  Delegate: 'Den delegerede',
  Cluster: 'Klyngen',
  Request: 'Anmodningen',
  Meeting: 'Mødet',
  'Meeting of yours': 'Dit møde',
  Term: 'Termen',
  'Schedule version': 'Planversionen',
  Collaboration: 'Samarbejdet',
  Organiser: 'Arrangøren',
  Job: 'Jobbet',
  'Outbox message': 'Beskeden i udbakken',
  'Mail template': 'Mailskabelonen',
  Language: 'Sproget',
  'Calendar feed of event': 'Kalenderfeedet for arrangementet',
  'Participation of cluster': 'Deltagelsen for klyngen',
  'Relationship started at this event with cluster': 'Relationen startet ved dette arrangement med klyngen',
};

const ROLES_DA: Readonly<Record<string, string>> = {
  organiser: 'arrangører',
  delegate: 'delegerede',
  owner: 'ejere',
  viewer: 'læsere',
};
const rolesDa = (s: string): string =>
  s
    .split(' or ')
    .map((r) => ROLES_DA[r.trim()] ?? r)
    .join(' eller ');

/** Whole messages and field messages, most specific first. */
const CATALOGUE: readonly Entry[] = [
  // Signing in and access
  { code: 'token_invalid', en: /^Invalid or expired token$/, da: 'Ugyldigt eller udløbet login: log ind igen' },
  {
    code: 'login_required',
    en: /^Login required(: .*)?$/,
    da: 'Du skal være logget ind (send Authorization: Bearer <token>)',
  },
  { code: 'wrong_password', en: /^Wrong e-mail or password$/, da: 'Forkert e-mailadresse eller adgangskode' },
  {
    code: 'login_link_invalid',
    en: /^This login link is invalid, used or expired$/,
    da: 'Dette login-link er ugyldigt, brugt eller udløbet',
  },
  {
    code: 'invitation_link_invalid',
    en: /^This invitation link is invalid, used, revoked or expired$/,
    da: 'Dette invitationslink er ugyldigt, brugt, tilbagekaldt eller udløbet',
  },
  { code: 'account_gone', en: /^This account no longer exists$/, da: 'Denne konto findes ikke længere' },
  {
    code: 'too_many_attempts',
    en: /^Too many (sign-in attempts from your address|failed sign-ins for this account from your address): try again in (\d+) s$/,
    params: (m) => ({ seconds: Number(m[2]), what: m[1] ?? '' }),
    da: 'For mange loginforsøg fra din adresse: prøv igen om {seconds, plural, one {# sekund} other {# sekunder}}',
    enIcu: 'Too many {what}: try again in {seconds, plural, one {# second} other {# seconds}}',
  },
  { code: 'forbidden', en: /^You may not do this$/, da: 'Det må du ikke' },
  {
    code: 'role_required',
    en: /^Only (.+) may do this$/,
    params: (m) => ({ who: rolesDa(m[1] ?? '') }),
    da: 'Kun {who} må gøre dette',
  },
  {
    code: 'org_role_required',
    en: /^Only an organisation's (.+) may do this$/,
    params: (m) => ({ who: rolesDa(m[1] ?? '') }),
    da: 'Kun organisationens {who} må gøre dette',
  },
  {
    code: 'viewer_read_only',
    en: /^A viewer may look but not change anything$/,
    da: 'En læser må se, men ikke ændre noget',
  },
  {
    code: 'not_participating',
    en: /^Your cluster does not take part in this event$/,
    da: 'Jeres klynge deltager ikke i dette arrangement',
  },
  {
    code: 'not_found',
    en: /^(.+?) (\S+) not found$/,
    params: (m) => ({ what: THINGS_DA[m[1] ?? ''] ?? m[1] ?? '', id: m[2] ?? '' }),
    da: '{what} {id} findes ikke',
  },
  {
    code: 'cluster_not_in_event',
    en: /^Cluster (\S+) does not take part in event (\S+)$/,
    params: (m) => ({ cluster: g(1)(m), event: g(2)(m) }),
    da: 'Klyngen {cluster} deltager ikke i arrangementet {event}',
  },
  {
    code: 'calendar_feed_unknown',
    en: /^Calendar feed not found \(unknown or revoked link\)$/,
    da: 'Kalenderfeedet findes ikke (ukendt eller tilbagekaldt link)',
  },
  { code: 'calendar_failed', en: /^Could not build the calendar$/, da: 'Kalenderen kunne ikke laves' },
  {
    code: 'unsubscribe_invalid',
    en: /^This unsubscribe link is not valid$/,
    da: 'Dette afmeldingslink er ikke gyldigt',
  },
  // Requests
  {
    code: 'request_exists',
    en: /^A pending or accepted request between these clusters exists already in this event$/,
    da: 'Der findes allerede en ventende eller accepteret anmodning mellem disse klynger i dette arrangement',
  },
  {
    code: 'deadline_passed',
    en: /^The request deadline of this event \((.+)\) has passed$/,
    params: (m) => ({ deadline: g(1)(m) }),
    da: 'Fristen for anmodninger til dette arrangement ({deadline}) er overskredet',
  },
  {
    code: 'request_state',
    en: /^The request is (pending|accepted|declined|withdrawn|expired|cancelled)$/,
    params: (m) => ({
      state:
        {
          pending: 'ventende',
          accepted: 'accepteret',
          declined: 'afslået',
          withdrawn: 'trukket tilbage',
          expired: 'udløbet',
          cancelled: 'aflyst',
        }[m[1] ?? ''] ?? '',
    }),
    da: 'Anmodningen er {state}',
  },
  { code: 'request_answered', en: /^This request was answered already$/, da: 'Denne anmodning er allerede besvaret' },
  { code: 'request_changed', en: /^The request changed meanwhile$/, da: 'Anmodningen blev ændret imens' },
  {
    code: 'receiver_only',
    en: /^Only a receiving cluster answers a request$/,
    da: 'Kun en modtagende klynge besvarer en anmodning',
  },
  {
    code: 'requester_only',
    en: /^Only the requesting cluster withdraws a request$/,
    da: 'Kun den anmodende klynge trækker en anmodning tilbage',
  },
  {
    code: 'own_cluster_only',
    en: /^A delegate (requests|answers) for their own cluster only$/,
    da: 'En delegeret handler kun for sin egen klynge',
  },
  // Schedules
  {
    code: 'nothing_published',
    en: /^Nothing is published for this event yet(: .*)?$/,
    da: 'Der er endnu intet offentliggjort for dette arrangement',
  },
  {
    code: 'no_published_schedule',
    en: /^Event (\S+) has no published schedule: publish a version first$/,
    params: (m) => ({ event: g(1)(m) }),
    da: 'Arrangementet {event} har ingen offentliggjort plan: offentliggør en version først',
  },
  {
    code: 'publish_removed_tables',
    en: /^Version (\d+) has (\d+) meeting\(s\) at table\(s\) removed since it was solved \((.+)\): solve again, or move those meetings to other tables, before publishing$/,
    params: (m) => ({ version: g(1)(m), n: Number(g(2)(m)), tables: g(3)(m) }),
    enIcu:
      'Version {version} has {n, plural, one {# meeting} other {# meetings}} at tables removed since it was solved ({tables}): solve again, or move those meetings to other tables, before publishing',
    da: 'Version {version} har {n, plural, one {# møde} other {# møder}} ved borde, der er fjernet siden planlægningen ({tables}): planlæg igen, eller flyt møderne til andre borde, før der offentliggøres',
  },
  {
    code: 'published_locked',
    en: /^cannot change while version (\d+) is published$/,
    params: (m) => ({ n: g(1)(m) }),
    da: 'kan ikke ændres, mens version {n} er offentliggjort',
  },
  // Participants and taxonomy
  {
    code: 'email_taken',
    en: /^A delegate with e-mail (\S+) exists already$/,
    params: (m) => ({ email: g(1)(m) }),
    da: 'Der findes allerede en delegeret med e-mailadressen {email}',
  },
  {
    code: 'cluster_name_taken',
    en: /^A cluster named "(.*)" (\(ignoring case\) )?exists already$/,
    params: (m) => ({ name: g(1)(m) }),
    da: 'Der findes allerede en klynge ved navn "{name}"',
  },
  {
    code: 'term_in_use',
    en: /^The (sector|technology) "(.*)" is used by (\d+) cluster\(s\)(.*)$/,
    params: (m) => ({
      kind: m[1] === 'sector' ? 'Sektoren' : 'Teknologien',
      kindEn: m[1] ?? '',
      name: g(2)(m),
      n: Number(m[3]),
      rest: g(4)(m),
    }),
    da: '{kind} "{name}" bruges af {n, plural, one {# klynge} other {# klynger}}{rest}',
    enIcu: 'The {kindEn} "{name}" is used by {n, plural, one {# cluster} other {# clusters}}{rest}',
  },
  { code: 'already_exists', en: /^This already exists$/, da: 'Dette findes allerede' },
  {
    code: 'too_many_rows',
    en: /^At most (\d+) rows per import \(got (\d+)\)$/,
    params: (m) => ({ max: Number(m[1]), n: Number(m[2]) }),
    da: 'Højst {max} rækker pr. import (filen har {n, plural, one {# række} other {# rækker}})',
    enIcu: 'At most {max} rows per import (got {n, plural, one {# row} other {# rows}})',
  },
  // Import files that are no CSV or XLSX, and rows that do not fit their header
  {
    code: 'xls_file',
    en: /^This is an old Excel workbook \(\.xls\) or another Office file: save it as \.xlsx or CSV and import that$/,
    da: 'Dette er en gammel Excel-projektmappe (.xls) eller en anden Office-fil: gem den som .xlsx eller CSV, og importér den',
  },
  {
    code: 'ods_file',
    en: /^This is an OpenDocument spreadsheet \(\.ods\): save it as \.xlsx or CSV and import that$/,
    da: 'Dette er et OpenDocument-regneark (.ods): gem det som .xlsx eller CSV, og importér det',
  },
  { code: 'not_csv_or_xlsx', en: /^This is not a CSV or XLSX file$/, da: 'Dette er ikke en CSV- eller XLSX-fil' },
  { code: 'empty_file', en: /^The file is empty$/, da: 'Filen er tom' },
  {
    code: 'extra_cells',
    en: /^has (\d+) cells where the header names (\d+) columns: put a cell that contains (a tab|".") in double quotes, or give the extra column a header$/,
    params: (m) => ({ n: Number(m[1]), m: Number(m[2]), d: m[3] === 'a tab' ? 'et tabulatortegn' : g(3)(m) }),
    da: 'har {n} celler, men overskriftsrækken navngiver {m} kolonner: sæt en celle, der indeholder {d}, i dobbelte anførselstegn, eller giv den ekstra kolonne en overskrift',
  },
  // The request body
  {
    code: 'malformed_body',
    en: /^Malformed request body: (.*)$/s,
    params: (m) => ({ why: g(1)(m) }),
    da: 'Forespørgslens indhold kan ikke læses: {why}',
  },
  { code: 'internal', en: /^Internal server error$/, da: 'Intern fejl i tjenesten' },
  // Field messages (class-validator's, prefixed with the property, and the service's own)
  { code: 'time_format', en: /^must be a time HH:mm$/, da: 'skal være et klokkeslæt TT:mm' },
  { code: 'date_format', en: /^must be a date YYYY-MM-DD$/, da: 'skal være en dato ÅÅÅÅ-MM-DD' },
  {
    code: 'datetime_format',
    en: /^must be an ISO 8601 date-time( with a zone.*)?$/,
    da: 'skal være et tidspunkt i ISO 8601-format',
  },
  { code: 'zone_offset', en: /^must include a time zone offset or Z$/, da: 'skal have en tidszoneforskydning eller Z' },
  { code: 'time_zone', en: /^must be an IANA time zone/, da: 'skal være en IANA-tidszone som Europe/Copenhagen' },
  { code: 'email_format', en: /^must be an e-mail address$/, da: 'skal være en e-mailadresse' },
  { code: 'language', en: /^must be en or da$/, da: 'skal være en eller da' },
  { code: 'url_format', en: /^must be a URL with http\(s\):\/\/$/, da: 'skal være en URL med http(s)://' },
  {
    code: 'country_code',
    en: /^must be (an ISO 3166-1 alpha-2 country code such as DE|a two-letter country code)$/,
    da: 'skal være en landekode på to bogstaver, fx DK',
  },
  { code: 'not_null', en: /^must not be null/, da: 'må ikke være null (udelad feltet for at beholde værdien)' },
  {
    code: 'single_line',
    en: /^must be one line of text/,
    da: 'skal være én linje tekst uden linjeskift, tabulatorer eller andre kontroltegn',
  },
  {
    code: 'control_chars',
    en: /^must not contain control characters/,
    da: 'må ikke indeholde andre kontroltegn end linjeskift og tabulatorer',
  },
  { code: 'listed_twice', en: /^listed twice$/, da: 'er nævnt to gange' },
  { code: 'required', en: /^(?:\S+ )?(should not be empty|must not be empty|is required)$/, da: 'skal udfyldes' },
  {
    code: 'min_length',
    en: /^(?:\S+ )?must be longer than or equal to (\d+) characters$/,
    params: (m) => ({ n: Number(m[1]) }),
    da: 'skal være mindst {n, plural, one {# tegn} other {# tegn}} lang',
    enIcu: 'must be at least {n, plural, one {# character} other {# characters}} long',
  },
  {
    code: 'max_length',
    en: /^(?:\S+ )?must be shorter than or equal to (\d+) characters$/,
    params: (m) => ({ n: Number(m[1]) }),
    da: 'må højst være {n, plural, one {# tegn} other {# tegn}} lang',
    enIcu: 'must be at most {n, plural, one {# character} other {# characters}} long',
  },
  {
    code: 'max',
    en: /^(?:\S+ )?must not be greater than (-?[\d.]+)$/,
    params: (m) => ({ n: g(1)(m) }),
    da: 'må ikke være større end {n}',
  },
  {
    code: 'min',
    en: /^(?:\S+ )?must not be less than (-?[\d.]+)$/,
    params: (m) => ({ n: g(1)(m) }),
    da: 'må ikke være mindre end {n}',
  },
  { code: 'integer', en: /^(?:\S+ )?must be an integer number$/, da: 'skal være et heltal' },
  { code: 'number', en: /^(?:\S+ )?must be a number conforming to the specified constraints$/, da: 'skal være et tal' },
  { code: 'string', en: /^(?:\S+ )?must be a string$/, da: 'skal være tekst' },
  { code: 'boolean', en: /^(?:\S+ )?must be a boolean value$/, da: 'skal være true eller false' },
  { code: 'array', en: /^(?:\S+ )?must be an array$/, da: 'skal være en liste' },
  { code: 'uuid', en: /^(?:\S+ )?must be a UUID$/, da: 'skal være et UUID' },
  {
    code: 'one_of',
    en: /^(?:\S+ )?must be one of (?:the following values: )?(.+)$/,
    params: (m) => ({ values: g(1)(m) }),
    da: 'skal være en af: {values}',
  },
  {
    code: 'array_max',
    en: /^(?:\S+ )?must contain no more than (\d+) elements$/,
    params: (m) => ({ n: Number(m[1]) }),
    da: 'må højst have {n, plural, one {# element} other {# elementer}}',
    enIcu: 'must contain at most {n, plural, one {# element} other {# elements}}',
  },
  {
    code: 'array_min',
    en: /^(?:\S+ )?must contain at least (\d+) elements$/,
    params: (m) => ({ n: Number(m[1]) }),
    da: 'skal have mindst {n, plural, one {# element} other {# elementer}}',
    enIcu: 'must contain at least {n, plural, one {# element} other {# elements}}',
  },
  {
    code: 'unknown_field',
    en: /^property (\S+) should not exist$/,
    params: (m) => ({ name: g(1)(m) }),
    da: 'feltet {name} kendes ikke',
  },
  {
    code: 'nested_object',
    en: /^(?:\S+ )?(?:nested property \S+ )?must be (?:either object or array|an object)/,
    da: 'skal være et objekt',
  },
  {
    code: 'after_start',
    en: /^must be after startTime (.+)$/,
    params: (m) => ({ time: g(1)(m) }),
    da: 'skal være efter starttidspunktet {time}',
  },
  {
    code: 'after_break_start',
    en: /^must be after start (.+)$/,
    params: (m) => ({ time: g(1)(m) }),
    da: 'skal være efter starten {time}',
  },
  {
    code: 'within_day',
    en: /^must lie within (.+)-(.+)$/,
    params: (m) => ({ from: g(1)(m), to: g(2)(m) }),
    da: 'skal ligge inden for {from}-{to}',
  },
  { code: 'longer_than_day', en: /^longer than the day$/, da: 'længere end dagen' },
  {
    code: 'same_date',
    en: /^the same date as days\[(\d+)\]$/,
    params: (m) => ({ n: Number(m[1]) + 1 }),
    da: 'samme dato som dag {n}',
  },
  {
    code: 'not_cluster_delegate',
    en: /^(.+) is not a delegate of this cluster$/,
    params: (m) => ({ id: g(1)(m) }),
    da: '{id} er ikke delegeret for denne klynge',
  },
  {
    code: 'organiser_account_exists',
    en: /^already has an organiser account$/,
    da: 'har allerede en arrangørkonto',
  },
  {
    code: 'duplicate_table',
    en: /^duplicate table name (.+)$/,
    params: (m) => ({ name: g(1)(m) }),
    da: 'bordnavnet {name} findes to gange',
  },
  { code: 'no_slot', en: /^the day plans give no slot$/, da: 'dagsplanerne giver ingen tidsrum' },
  { code: 'future', en: /^must be in the future$/, da: 'skal ligge i fremtiden' },
  {
    code: 'could_not_read',
    en: /^could not be read: (.*)$/s,
    params: (m) => ({ why: g(1)(m) }),
    da: 'kunne ikke læses: {why}',
  },
  {
    code: 'too_deep',
    en: /^is nested deeper than (\d+) levels$/,
    params: (m) => ({ n: Number(m[1]) }),
    da: 'er indlejret dybere end {n} niveauer',
  },
];

/** A Danish sentence for each kind of error, for messages the catalogue does not know. */
const GENERIC_DA: Readonly<Record<string, string>> = {
  validation: 'Forespørgslen er ugyldig',
  unprocessable: 'Indholdet bryder en regel og kan ikke bruges',
  not_found: 'Findes ikke',
  conflict: 'Det kan ikke lade sig gøre i den nuværende tilstand',
  forbidden: 'Det må du ikke',
  unauthorised: 'Du skal være logget ind',
  too_many_requests: 'For mange forespørgsler: prøv igen senere',
  payload_too_large: 'Forespørgslen er for stor',
  internal: 'Intern fejl i tjenesten',
};

export interface Translated {
  /** The stable code of the message (`unknown` when the catalogue does not know it). */
  readonly code: string;
  readonly message: string;
  /** True when the message is a Danish sentence for its kind only (the English original goes along). */
  readonly generic: boolean;
}

/** One message (a whole error's or a field's) in `lang`, with its stable code. */
export function translateMessage(
  lang: UserLanguage,
  message: string,
  kind: ErrorCode | 'payload_too_large' | 'internal',
): Translated {
  for (const e of CATALOGUE) {
    const m = e.en.exec(message);
    if (!m) continue;
    const params = e.params?.(m) ?? {};
    if (lang === 'da') return { code: e.code, message: formatIcu(e.da, params, 'da'), generic: false };
    return { code: e.code, message: e.enIcu ? formatIcu(e.enIcu, params, 'en') : message, generic: false };
  }
  if (lang === 'en') return { code: 'unknown', message, generic: false };
  return { code: 'unknown', message: GENERIC_DA[kind] ?? GENERIC_DA['validation'] ?? message, generic: true };
}

/** The codes the catalogue gives (documented in the README; a test checks each has a Danish text). */
export const MESSAGE_CODES: readonly string[] = CATALOGUE.map((e) => e.code);
