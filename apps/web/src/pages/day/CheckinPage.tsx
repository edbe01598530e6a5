import { useState, type ReactNode } from 'react';
import { useCheckIn, useCheckins, useUndoCheckIn } from '../../api/eventday';
import { ErrorBanner, Loading, Notice } from '../../components/ui';
import { useI18n } from '../../i18n';
import { QrScanner } from './Qr';
import { RebookPanel } from './Rebook';

/**
 * Check-in on a phone (issue 10): scan the attendee's QR code with the camera, or search by name (the fallback) and
 * check in from the list; undo a check-in; find a replacement for someone whose meeting will not happen.
 */
export function CheckinPage({ eventId, timezone }: { eventId: string; timezone: string }): ReactNode {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const list = useCheckins(eventId, q.trim());
  const checkIn = useCheckIn(eventId);
  const undo = useUndoCheckIn(eventId);
  const [rebookFor, setRebookFor] = useState<string | null>(null);
  const done = checkIn.data ?? undo.data;
  return (
    <section aria-labelledby="checkin-title" className="checkin">
      <h1 id="checkin-title">{t('day.checkinTitle')}</h1>
      <QrScanner onCode={(code) => checkIn.mutate({ code })} />
      {done ? (
        <Notice>
          {done.checkedIn
            ? done.already
              ? t('day.alreadyIn', { name: done.name })
              : t('day.nowIn', { name: done.name })
            : t('day.nowOut', { name: done.name })}
        </Notice>
      ) : null}
      <ErrorBanner error={checkIn.error ?? undo.error} />
      <div className="field">
        <label htmlFor="checkin-search">{t('day.search')}</label>
        <input id="checkin-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      {list.error ? <ErrorBanner error={list.error} /> : null}
      {!list.data ? (
        <Loading />
      ) : (
        <ul className="cards checkin-list">
          {list.data.slice(0, 50).map((p) => (
            <li key={p.delegateId}>
              <article className="card" aria-label={p.name}>
                <h3>{p.name}</h3>
                <p className="muted">{p.clusterName}</p>
                <p>
                  <span className={`badge ${p.checkedIn ? 'state-published' : ''}`}>
                    {p.checkedIn ? t('day.checkedIn') : t('day.notCheckedIn')}
                  </span>
                </p>
                <div className="actions">
                  {p.checkedIn ? (
                    <button type="button" disabled={undo.isPending} onClick={() => undo.mutate(p.delegateId)}>
                      {t('day.undo')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="primary"
                      aria-label={`${t('day.checkIn')}: ${p.name}`}
                      disabled={checkIn.isPending}
                      onClick={() => checkIn.mutate({ delegateId: p.delegateId, method: q.trim() ? 'search' : 'list' })}
                    >
                      {t('day.checkIn')}
                    </button>
                  )}
                  {p.checkedIn && p.hasMeetings ? (
                    <button
                      type="button"
                      aria-expanded={rebookFor === p.delegateId}
                      onClick={() => setRebookFor(rebookFor === p.delegateId ? null : p.delegateId)}
                    >
                      {t('day.findReplacement')}
                    </button>
                  ) : null}
                </div>
                {rebookFor === p.delegateId ? (
                  <RebookPanel eventId={eventId} delegateId={p.delegateId} timezone={timezone} />
                ) : null}
              </article>
            </li>
          ))}
        </ul>
      )}
      {list.data && list.data.length > 50 ? <p className="muted">{t('day.refine', { n: list.data.length })}</p> : null}
    </section>
  );
}
