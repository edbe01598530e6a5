import type { ReactNode } from 'react';
import { useCheckins } from '../../api/eventday';
import { QrImage } from '../day/Qr';
import { useNavigate } from 'react-router';
import { useEvent, type EventView } from '../../api/events';
import { useReview, useVersions, type Assignment, type Review } from '../../api/schedule';
import { ErrorBanner, Loading } from '../../components/ui';
import { useI18n } from '../../i18n';
import { pickVersion, ScheduleGrid } from './ReviewPage';

type PrintData =
  | { state: 'error'; error: unknown }
  | { state: 'loading' }
  | { state: 'none' }
  | { state: 'ready'; review: Review; event: EventView };

/** The version to print (the one asked for, else the newest), with its review and the event. */
function usePrintData(eventId: string, versionId: string | null): PrintData {
  const versions = useVersions(eventId);
  const v = versions.data ? pickVersion(versions.data, versionId) : undefined;
  const review = useReview(eventId, v?.id ?? null);
  const event = useEvent(eventId);
  const error = versions.error ?? review.error ?? event.error;
  if (error) return { state: 'error', error };
  if (versions.data && !v) return { state: 'none' };
  if (!review.data || !event.data) return { state: 'loading' };
  return { state: 'ready', review: review.data, event: event.data };
}

function PrintBar(): ReactNode {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div className="no-print actions">
      <button type="button" className="primary" onClick={() => window.print()}>
        {t('print.print')}
      </button>
      <button type="button" onClick={() => void navigate(-1)}>
        {t('common.back')}
      </button>
    </div>
  );
}

/** The table plan: one grid of slots by tables, printed landscape. */
export function PrintTablePlan({ eventId, versionId }: { eventId: string; versionId: string | null }): ReactNode {
  const { t } = useI18n();
  const data = usePrintData(eventId, versionId);
  if (data.state === 'error') return <ErrorBanner error={data.error} />;
  if (data.state === 'loading') return <Loading />;
  if (data.state === 'none') return <p>{t('review.noVersions')}</p>;
  const { review: r, event } = data;
  return (
    <section className="print-page print-landscape">
      <PrintBar />
      <h1>{t('print.tablePlan', { event: event.name, n: r.number })}</h1>
      <p className="muted">{event.venue}</p>
      <ScheduleGrid assignments={r.assignments} tables={event.tables.map((x) => x.name)} timezone={event.timezone} />
    </section>
  );
}

/** One page per attendee with their meetings: time, table, with whom. */
export function PrintAgendas({ eventId, versionId }: { eventId: string; versionId: string | null }): ReactNode {
  const { t, formatDate, formatTime } = useI18n();
  const data = usePrintData(eventId, versionId);
  // Issue 10: each printed agenda carries its attendee's check-in QR code.
  const checkins = useCheckins(eventId, '');
  if (data.state === 'error') return <ErrorBanner error={data.error} />;
  if (data.state === 'loading') return <Loading />;
  if (data.state === 'none') return <p>{t('review.noVersions')}</p>;
  const { review: r, event } = data;
  const codes = new Map((checkins.data ?? []).map((c) => [c.delegateId, c.checkinCode]));
  const tz = event.timezone;
  const people = new Map<string, { name: string; clusterId: string | null; meetings: Assignment[] }>();
  for (const a of r.assignments) {
    for (const p of a.people) {
      const e = people.get(p.id) ?? { name: p.name ?? p.id, clusterId: p.clusterId, meetings: [] };
      e.meetings.push(a);
      people.set(p.id, e);
    }
  }
  const clusterName = new Map(r.meetingsPerCluster.map((c) => [c.id, c.name]));
  const list = [...people.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name));
  return (
    <section className="print-page">
      <PrintBar />
      <h1 className="no-print">{t('print.agendas', { event: event.name, n: r.number })}</h1>
      {list.map(([id, p]) => (
        <article key={id} className="attendee-agenda">
          <h2>
            {p.name}
            {p.clusterId ? <span className="muted"> · {clusterName.get(p.clusterId) ?? ''}</span> : null}
          </h2>
          <p className="muted">
            {event.name} · {event.venue}
          </p>
          {codes.get(id) ? <QrImage text={codes.get(id) ?? ''} label={t('day.qrAlt', { name: p.name })} /> : null}
          <table>
            <thead>
              <tr>
                <th scope="col">{t('agenda.when')}</th>
                <th scope="col">{t('agenda.table')}</th>
                <th scope="col">{t('agenda.with')}</th>
              </tr>
            </thead>
            <tbody>
              {p.meetings
                .slice()
                .sort((a, b) => a.slot.start.localeCompare(b.slot.start))
                .map((m) => (
                  <tr key={m.requestId}>
                    <td>
                      {formatDate(m.slot.start, tz)} {formatTime(m.slot.start, tz)}–{formatTime(m.slot.end, tz)}
                    </td>
                    <td>{m.table.name}</td>
                    <td>
                      {m.clusters
                        .filter((c) => c.id !== p.clusterId)
                        .map((c) => `${c.name} (${c.country})`)
                        .join(', ')}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </article>
      ))}
    </section>
  );
}
