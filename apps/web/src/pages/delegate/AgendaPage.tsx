import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { downloadAgendaIcs, useAgendaFeed } from '../../api/calendars';
import { useAgenda } from '../../api/schedule';
import { useMyDay } from '../../api/eventday';
import { QrImage } from '../day/Qr';
import { ErrorBanner, Loading, TableWrap } from '../../components/ui';
import { useI18n } from '../../i18n';

/** The delegate's meetings in the published schedule: time, table, who; feed URL and .ics download. */
export function AgendaPage({ eventId }: { eventId: string }): ReactNode {
  const { t, formatDate, formatTime } = useI18n();
  const agenda = useAgenda(eventId);
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
      {a.meetings.length ? (
        <TableWrap>
          <table>
            <caption className="sr-only">{t('agenda.title', { event: a.event.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agenda.when')}</th>
                <th scope="col">{t('agenda.table')}</th>
                <th scope="col">{t('agenda.with')}</th>
                <th scope="col">{t('agenda.people')}</th>
              </tr>
            </thead>
            <tbody>
              {a.meetings.map((m) => (
                <tr key={m.requestId}>
                  <td>
                    {formatDate(m.start, tz)} {formatTime(m.start, tz)}–{formatTime(m.end, tz)}
                  </td>
                  <td>{m.table}</td>
                  <td>
                    {m.with.map((c, i) => (
                      <span key={c.id}>
                        {i ? ', ' : ''}
                        <Link to={`/clusters/${c.id}`}>{c.name}</Link> ({c.country})
                      </span>
                    ))}
                  </td>
                  <td>{m.people.map((p) => `${p.name ?? '?'}${p.cluster ? ` (${p.cluster})` : ''}`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {a.version ? <CheckinCode eventId={eventId} /> : null}
      {a.version ? <CalendarLinks eventId={eventId} /> : null}
    </section>
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
