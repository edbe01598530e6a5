import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useClusterEventHistory } from '../../api/events';
import { ErrorBanner, Loading } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';
import { useSession } from '../../lib/session';

const STATUS: Record<string, MessageKey> = {
  held: 'history.held',
  scheduled: 'history.scheduled',
  'no-show': 'history.noShow',
  'cancelled-on-site': 'history.cancelled',
};

/**
 * A cluster's history across its organisation's events (issue 9, item 2), for organisers and the cluster's own
 * delegates: per event, newest first, each meeting with whom and whether it was held as recorded on the day
 * ("scheduled" where nobody recorded it), so the relationship survives staff turnover on either side. The
 * relationships page groups the same meetings by the other cluster.
 */
export function ClusterHistory({ clusterId }: { clusterId: string }): ReactNode {
  const { t, tn, formatDate, formatTime } = useI18n();
  const titleId = useId();
  const { events } = useSession();
  const history = useClusterEventHistory(clusterId);
  const zone = (eventId: string): string => events.find((e) => e.id === eventId)?.timezone ?? 'UTC';
  return (
    <section className="card cluster-history" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('history.title')}</h2>
      <ErrorBanner error={history.error} />
      {history.isPending ? <Loading /> : null}
      {history.data?.length === 0 ? <p>{t('history.none')}</p> : null}
      {history.data?.map((h) => (
        <article key={h.eventId} className="history-event" aria-label={h.eventName}>
          <h3>
            {h.eventName} {h.firstDay ? <span className="muted">{h.firstDay}</span> : null}{' '}
            {h.archivedAt ? <span className="tag">{t('events.archivedTag')}</span> : null}
          </h3>
          <p className="muted">
            {h.takesPart ? t('history.takesPart') : t('history.notTakingPart')} ·{' '}
            {h.meetings.length === 0
              ? t('history.noMeetings')
              : `${tn('history.meetings', h.meetings.length)}, ${tn('history.heldCount', h.held)}`}
          </p>
          {h.meetings.length > 0 ? (
            <ul className="history-meetings">
              {h.meetings.map((m) => (
                <li key={m.meetingId}>
                  <span>
                    {formatDate(m.startsAt, zone(h.eventId))} {formatTime(m.startsAt, zone(h.eventId))}
                  </span>{' '}
                  {m.withClusters.map((c, i) => (
                    <span key={c.id}>
                      {i > 0 ? ', ' : ''}
                      <Link to={`/clusters/${c.id}`}>{c.name}</Link>
                    </span>
                  ))}{' '}
                  <span className={`badge status-${m.status}`}>{t(STATUS[m.status] ?? 'history.scheduled')}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </article>
      ))}
    </section>
  );
}
