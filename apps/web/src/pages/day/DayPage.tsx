import type { ReactNode } from 'react';
import { useCheckIn, useMarkMeeting, useMyDay } from '../../api/eventday';
import { ErrorBanner, Loading } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';
import { QrImage } from './Qr';
import { RebookPanel } from './Rebook';

/**
 * The delegate's day (issue 10): their check-in QR code, whether they are checked in, their meetings with status,
 * "we met" / "they did not come", and replacement offers for a meeting that will not happen. Refreshes by itself.
 */
export function DayPage({ eventId, timezone }: { eventId: string; timezone: string }): ReactNode {
  const { t, formatDate, formatTime } = useI18n();
  const day = useMyDay(eventId);
  const checkIn = useCheckIn(eventId);
  const mark = useMarkMeeting(eventId);
  if (day.error) return <ErrorBanner error={day.error} />;
  if (!day.data) return <Loading />;
  const d = day.data;
  const anyMissed = d.meetings.some((m) => m.missed);
  return (
    <section aria-labelledby="day-title" className="day">
      <h1 id="day-title">{t('day.title')}</h1>
      <section className="card checkin-card" aria-labelledby="code-title">
        <h2 id="code-title">{t('day.yourCode')}</h2>
        <QrImage text={d.checkinCode} label={t('day.qrAlt', { name: d.name })} />
        <p className="muted">{t('day.showCode')}</p>
        <p role="status">
          <span className={`badge ${d.checkedIn ? 'state-published' : ''}`}>
            {d.checkedIn ? t('day.checkedIn') : t('day.notCheckedIn')}
          </span>
        </p>
        {!d.checkedIn ? (
          <button
            type="button"
            disabled={checkIn.isPending}
            onClick={() => checkIn.mutate({ delegateId: d.delegateId })}
          >
            {t('day.selfCheckIn')}
          </button>
        ) : null}
        <ErrorBanner error={checkIn.error} />
      </section>
      <h2>{t('day.meetings')}</h2>
      {d.meetings.length === 0 ? <p>{t('agenda.empty')}</p> : null}
      <ul className="cards day-meetings">
        {d.meetings.map((m) => {
          const others = m.parties.filter((p) => p.clusterId !== d.clusterId);
          const title = t('day.meetingWith', {
            names: others.map((p) => p.name).join(', '),
            time: formatTime(m.startsAt, timezone),
          });
          return (
            <li key={m.meetingId}>
              <article className="card" aria-label={title}>
                <h3>{title}</h3>
                <p className="muted">
                  {formatDate(m.startsAt, timezone)} {formatTime(m.startsAt, timezone)}–{formatTime(m.endsAt, timezone)}{' '}
                  · {m.tableName}
                </p>
                <p>
                  <span className={`badge status-${m.status}`}>{t(`day.status.${m.status}` as MessageKey)}</span>
                  {m.conflict ? <span className="muted"> {t('day.conflict')}</span> : null}
                </p>
                <div className="actions">
                  <button
                    type="button"
                    disabled={mark.isPending}
                    onClick={() => mark.mutate({ meetingId: m.meetingId, status: 'held' })}
                  >
                    {t('day.weMet')}
                  </button>
                  <button
                    type="button"
                    disabled={mark.isPending}
                    onClick={() => mark.mutate({ meetingId: m.meetingId, status: 'no-show' })}
                  >
                    {t('day.theyDidNotCome')}
                  </button>
                </div>
              </article>
            </li>
          );
        })}
      </ul>
      <ErrorBanner error={mark.error} />
      {anyMissed ? <RebookPanel eventId={eventId} delegateId={d.delegateId} timezone={timezone} /> : null}
    </section>
  );
}
