import { useEffect, useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { downloadAgendaIcs, useAgendaFeed } from '../../api/calendars';
import { useAgenda, type Agenda } from '../../api/schedule';
import { useMyDay } from '../../api/eventday';
import { QrImage } from '../day/Qr';
import { ErrorBanner, Loading } from '../../components/ui';
import { useI18n } from '../../i18n';

/** The delegate's meetings in the published schedule: time, table, who; feed URL and .ics download. */
export function AgendaPage({ eventId }: { eventId: string }): ReactNode {
  const { t } = useI18n();
  const agenda = useAgenda(eventId);
  const now = useNow();
  if (agenda.error) return <ErrorBanner error={agenda.error} />;
  if (!agenda.data) return <Loading />;
  const a = agenda.data;
  const tz = a.event.timezone;
  return (
    <section aria-labelledby="agenda-title" className="agenda">
      <h1 id="agenda-title">{t('agenda.title', { event: a.event.name })}</h1>
      {a.version ? (
        <p className="muted">{t('agenda.version', { n: a.version.number, tz })}</p>
      ) : (
        <p className="banner">{t('agenda.notPublished')}</p>
      )}
      {a.version && a.meetings.length === 0 ? <p>{t('agenda.empty')}</p> : null}
      {a.meetings.length ? <AgendaCards meetings={a.meetings} timezone={tz} now={now} /> : null}
      {a.version ? <CheckinCode eventId={eventId} /> : null}
      {a.version ? <CalendarLinks eventId={eventId} /> : null}
    </section>
  );
}

type AgendaMeeting = Agenda['meetings'][number];

/** The time, read again each minute (the next meeting moves on while the page stays open). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/** The meetings by day (in the event's time zone), in time order; each day's date is the key. */
export function byDay(
  meetings: readonly AgendaMeeting[],
  dayOf: (iso: string) => string,
): { day: string; meetings: AgendaMeeting[] }[] {
  const days = new Map<string, AgendaMeeting[]>();
  for (const m of [...meetings].sort((x, y) => x.start.localeCompare(y.start))) {
    const d = dayOf(m.start);
    days.set(d, [...(days.get(d) ?? []), m]);
  }
  return [...days.entries()].map(([day, list]) => ({ day, meetings: list }));
}

/** The meeting going on at `now`, else the next one to start; null when every meeting is over. */
export function nextMeeting(meetings: readonly AgendaMeeting[], now: number): AgendaMeeting | null {
  return (
    [...meetings].sort((x, y) => x.start.localeCompare(y.start)).find((m) => new Date(m.end).getTime() > now) ?? null
  );
}

/**
 * Issue 16, item 2: the agenda as cards (a four-column table was cramped on a phone): the next meeting on top
 * (who, when, which table), then every meeting grouped by day.
 */
function AgendaCards({
  meetings,
  timezone,
  now,
}: {
  meetings: readonly AgendaMeeting[];
  timezone: string;
  now: number;
}): ReactNode {
  const { t, formatDate } = useI18n();
  const next = nextMeeting(meetings, now);
  const nextId = useId();
  return (
    <>
      {next ? (
        <section className="card next-meeting" aria-labelledby={nextId}>
          <h2 id={nextId}>{new Date(next.start).getTime() <= now ? t('agenda.now') : t('agenda.next')}</h2>
          <MeetingCard meeting={next} timezone={timezone} withDate />
        </section>
      ) : null}
      {byDay(meetings, (iso) => formatDate(iso, timezone)).map((d) => (
        <section key={d.day} className="agenda-day" aria-label={d.day}>
          <h2>{d.day}</h2>
          <ol className="meeting-list">
            {d.meetings.map((m) => (
              <li key={m.requestId}>
                <MeetingCard meeting={m} timezone={timezone} isNext={m.requestId === next?.requestId} />
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}

function MeetingCard({
  meeting: m,
  timezone: tz,
  withDate = false,
  isNext = false,
}: {
  meeting: AgendaMeeting;
  timezone: string;
  withDate?: boolean;
  isNext?: boolean;
}): ReactNode {
  const { t, formatDate, formatTime } = useI18n();
  const when = `${withDate ? `${formatDate(m.start, tz)} ` : ''}${formatTime(m.start, tz)}–${formatTime(m.end, tz)}`;
  return (
    <article
      className={`meeting-card${isNext ? ' is-next' : ''}`}
      aria-label={`${when}, ${t('agenda.table')} ${m.table}`}
    >
      <p className="meeting-when">
        <time dateTime={m.start}>{when}</time>
        <span className="meeting-table">
          {t('agenda.table')} <strong>{m.table}</strong>
        </span>
        {isNext ? <span className="badge">{t('agenda.nextBadge')}</span> : null}
      </p>
      <p className="meeting-with">
        <span className="muted">{t('agenda.with')}: </span>
        {m.with.map((c, i) => (
          <span key={c.id}>
            {i ? ', ' : ''}
            <Link to={`/clusters/${c.id}`}>{c.name}</Link> ({c.country})
          </span>
        ))}
      </p>
      <p className="muted meeting-people">
        {t('agenda.people')}: {m.people.map((p) => `${p.name ?? '?'}${p.cluster ? ` (${p.cluster})` : ''}`).join(', ')}
      </p>
    </article>
  );
}

/** Issue 10: the personal check-in QR code, shown at the entrance on the day. */
function CheckinCode({ eventId }: { eventId: string }): ReactNode {
  const { t } = useI18n();
  const day = useMyDay(eventId);
  if (!day.data) return null;
  return (
    <section aria-labelledby="agenda-code-title" className="card">
      <h2 id="agenda-code-title">{t('day.yourCode')}</h2>
      <QrImage text={day.data.checkinCode} label={t('day.qrAlt', { name: day.data.name })} />
      <p className="muted">{t('day.showCode')}</p>
    </section>
  );
}

function CalendarLinks({ eventId }: { eventId: string }): ReactNode {
  const { t } = useI18n();
  const feed = useAgendaFeed(eventId);
  const [error, setError] = useState<unknown>(null);
  return (
    <section aria-labelledby="cal-title" className="card no-print">
      <h2 id="cal-title">{t('agenda.calendar')}</h2>
      {feed.data ? (
        <p>
          <label htmlFor="feed-url">{t('agenda.feedUrl')}</label>
          <input id="feed-url" readOnly value={feed.data.url} onFocus={(e) => e.target.select()} />
        </p>
      ) : feed.error ? (
        <p className="muted">{t('agenda.feedUnavailable')}</p>
      ) : null}
      <ErrorBanner error={error} />
      <button
        type="button"
        onClick={() => {
          setError(null);
          downloadAgendaIcs(eventId).catch(setError);
        }}
      >
        {t('agenda.downloadIcs')}
      </button>
    </section>
  );
}
