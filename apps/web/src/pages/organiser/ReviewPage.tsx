import { useState, type ReactNode } from 'react';
import { DayFiguresPanel } from '../day/FiguresPanel';
import { useNavigate } from 'react-router';
import { useEvent } from '../../api/events';
import {
  exportVersion,
  usePublish,
  usePublishPreview,
  useReview,
  useSendAgendas,
  useVersions,
  type Assignment,
  type Review,
  type VersionSummary,
} from '../../api/schedule';
import { ConfirmDialog, ErrorBanner, Loading, Notice, useConfirm, TableWrap } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';
import { useReadOnly } from '../../lib/read-only';
import { DraftEditor } from './DraftEditor';
import { ClustersWithout, reasonText, ReviewCharts, ReviewFigures } from './ReviewFigures';

export function pickVersion(versions: readonly VersionSummary[], wanted: string | null): VersionSummary | undefined {
  return versions.find((v) => v.id === wanted) ?? versions[versions.length - 1];
}

/** Review a schedule version: figures, charts, the slot x table grid, problems; publish; print; export. */
export function ReviewPage({ eventId, versionId }: { eventId: string; versionId: string | null }): ReactNode {
  const { t } = useI18n();
  const navigate = useNavigate();
  const versions = useVersions(eventId);
  if (versions.error) return <ErrorBanner error={versions.error} />;
  if (!versions.data) return <Loading />;
  const v = pickVersion(versions.data, versionId);
  return (
    <section aria-labelledby="review-title">
      <h1 id="review-title">{t('review.title')}</h1>
      {versions.data.length === 0 ? <p>{t('review.noVersions')}</p> : null}
      {versions.data.length > 1 ? (
        <nav aria-label={t('review.versions')} className="tabs">
          {versions.data.map((x) => (
            <button
              key={x.id}
              type="button"
              aria-current={x.id === v?.id ? 'page' : undefined}
              onClick={() => void navigate(`/review?version=${x.id}`)}
            >
              {t('review.version', { n: x.number })} ({t(`state.${x.state}` as MessageKey)})
            </button>
          ))}
        </nav>
      ) : null}
      {v ? <VersionReview key={v.id} eventId={eventId} versionId={v.id} /> : null}
    </section>
  );
}

function VersionReview({ eventId, versionId }: { eventId: string; versionId: string }): ReactNode {
  const i18n = useI18n();
  const { t } = i18n;
  const navigate = useNavigate();
  const review = useReview(eventId, versionId);
  const event = useEvent(eventId);
  const [exportError, setExportError] = useState<unknown>(null);
  const [selected, setSelected] = useState<string | null>(null);
  // Viewers (read-only organisers) see the review, without hand edits or publishing.
  const readOnly = useReadOnly();
  const loadError = review.error ?? event.error;
  if (loadError) return <ErrorBanner error={loadError} />;
  if (!review.data || !event.data) return <Loading />;
  const r = review.data;
  const error = exportError;
  const exp = (format: 'csv' | 'xlsx', kind: 'schedule' | 'tables'): void => {
    setExportError(null);
    exportVersion(eventId, r, format, kind).catch(setExportError);
  };
  return (
    <div>
      <div className="card">
        <h2>
          {t('review.version', { n: r.number })} ·{' '}
          <span className={`badge state-${r.state}`}>{t(`state.${r.state}` as MessageKey)}</span>
        </h2>
        <ReviewFigures review={r} />
        <ErrorBanner error={error} />
        {r.state !== 'superseded' && !readOnly ? (
          <PublishButton eventId={eventId} versionId={versionId} draft={r.state === 'draft'} />
        ) : null}
        <div className="actions no-print">
          <button type="button" onClick={() => void navigate(`/print/tables?version=${versionId}`)}>
            {t('review.printTables')}
          </button>
          <button type="button" onClick={() => void navigate(`/print/agendas?version=${versionId}`)}>
            {t('review.printAgendas')}
          </button>
          <button type="button" onClick={() => exp('csv', 'schedule')}>
            {t('review.exportCsv')}
          </button>
          <button type="button" onClick={() => exp('xlsx', 'tables')}>
            {t('review.exportXlsx')}
          </button>
        </div>
        {r.state === 'published' ? <SendAgendas eventId={eventId} /> : null}
        {r.state === 'published' ? <DayFiguresPanel eventId={eventId} /> : null}
      </div>
      <ReviewCharts review={r} />
      {r.changes ? <ChangesList review={r} /> : null}
      <section className="card" aria-labelledby="unsched-title">
        <h2 id="unsched-title">{t('review.unscheduledTitle', { n: r.unscheduled.length })}</h2>
        {r.unscheduled.length === 0 ? <p className="muted">{t('review.allScheduled')}</p> : null}
        <ul>
          {r.unscheduled.map((u) => (
            <li key={u.requestId}>
              <strong>{u.clusters.map((c) => c.name).join(' × ')}</strong>: {reasonText(u, i18n)}
            </li>
          ))}
        </ul>
        <ClustersWithout review={r} />
      </section>
      {r.state === 'draft' && !readOnly ? (
        <DraftEditor
          eventId={eventId}
          review={r}
          tables={event.data.tables.map((x) => x.name)}
          selected={selected}
          onSelect={setSelected}
        />
      ) : null}
      <ScheduleGrid
        assignments={r.assignments}
        tables={event.data.tables.map((x) => x.name)}
        timezone={r.event.timezone}
        {...(r.state === 'draft' && !readOnly ? { selected, onSelect: setSelected } : {})}
      />
    </div>
  );
}

/**
 * Publish, after a confirmation that says how many attendees will be mailed (asked of the service, which runs the
 * publish and rolls it back), with progress while it works and the number mailed when done.
 */
export function PublishButton({
  eventId,
  versionId,
  draft,
}: {
  eventId: string;
  versionId: string;
  /** Only a draft can be published; after publishing, the notice of how many were mailed stays. */
  draft: boolean;
}): ReactNode {
  const { t } = useI18n();
  const dialog = useConfirm();
  const { setConfirming, openRef } = dialog;
  const preview = usePublishPreview(eventId, versionId, dialog.confirming);
  const publish = usePublish(eventId);
  const n = preview.data?.attendees;
  const confirm = (): void =>
    publish.mutate(versionId, {
      onSettled: () => {
        setConfirming(false);
        openRef.current?.focus();
      },
    });
  return (
    <div className="no-print">
      {draft ? (
        <div className="actions">
          <button
            ref={openRef}
            type="button"
            className="primary"
            aria-expanded={dialog.confirming}
            disabled={publish.isPending}
            onClick={() => {
              publish.reset();
              setConfirming(true);
            }}
          >
            {t('review.publish')}
          </button>
        </div>
      ) : null}
      <ConfirmDialog
        confirm={dialog}
        text={
          n === undefined
            ? t('review.publishCounting')
            : preview.data?.firstPublish
              ? t('review.publishConfirmFirst', { n })
              : t('review.publishConfirmChanged', { n })
        }
        yes={t('review.publishYes', { n: n ?? 0 })}
        busy={publish.isPending}
        disabled={n === undefined}
        onYes={confirm}
      >
        <ErrorBanner error={preview.error} />
        {publish.isPending ? (
          <p role="status">
            <progress aria-label={t('review.publishing')} /> {t('review.publishing')}
          </p>
        ) : null}
      </ConfirmDialog>
      <ErrorBanner error={publish.error} />
      {publish.data ? <Notice>{t('review.publishedMailed', { n: publish.data.attendeesMailed })}</Notice> : null}
    </div>
  );
}

/**
 * The organiser's "send agendas": after a confirmation, every attendee with a meeting in the
 * published version gets their agenda (with .ics) again; shows how many mails were queued.
 */
export function SendAgendas({ eventId }: { eventId: string }): ReactNode {
  const { t } = useI18n();
  const dialog = useConfirm();
  const { setConfirming, openRef } = dialog;
  const send = useSendAgendas(eventId);
  const confirm = (): void =>
    send.mutate(undefined, {
      onSettled: () => {
        setConfirming(false);
        openRef.current?.focus();
      },
    });
  return (
    <div className="send-agendas no-print">
      <div className="actions">
        <button
          ref={openRef}
          type="button"
          aria-expanded={dialog.confirming}
          onClick={() => {
            send.reset();
            setConfirming(true);
          }}
        >
          {t('review.sendAgendas')}
        </button>
      </div>
      <ConfirmDialog
        confirm={dialog}
        text={t('review.sendAgendasConfirm')}
        yes={t('review.sendAgendasYes')}
        busy={send.isPending}
        busyText={t('review.sendingAgendas')}
        onYes={confirm}
      />
      <ErrorBanner error={send.error} />
      {send.data ? <Notice>{t('review.sendAgendasQueued', { n: send.data.queued })}</Notice> : null}
    </div>
  );
}

/** What a re-solve changed against the published version: added, moved and removed meetings. */
function ChangesList({ review: r }: { review: Review }): ReactNode {
  const i18n = useI18n();
  const { t, formatDate, formatTime } = i18n;
  const c = r.changes;
  if (!c) return null;
  const names = new Map(r.meetingsPerCluster.map((x) => [x.id, x.name]));
  const who = (ids: string[]): string => ids.map((id) => names.get(id) ?? id).join(' × ');
  const at = (p: { startsAt: string; tableName: string }): string =>
    `${formatDate(p.startsAt, r.event.timezone)} ${formatTime(p.startsAt, r.event.timezone)} ${p.tableName}`;
  return (
    <section className="card" aria-labelledby="changes-title">
      <h2 id="changes-title">{t('review.changes', { n: c.basedOnVersion })}</h2>
      <p>
        {t('review.changesSummary', {
          added: c.added.length,
          moved: c.moved.length,
          removed: c.removed.length,
          unchanged: c.unchanged,
        })}
      </p>
      <ul>
        {c.added.map((x) => (
          <li key={`a-${x.requestId}`}>{t('review.changeAdded', { who: who(x.clusterIds), to: at(x.to) })}</li>
        ))}
        {c.moved.map((x) => (
          <li key={`m-${x.requestId}`}>
            {t('review.changeMoved', { who: who(x.clusterIds), from: at(x.from), to: at(x.to) })}
          </li>
        ))}
        {c.removed.map((x) => (
          <li key={`r-${x.requestId}`}>
            {t('review.changeRemoved', { who: who(x.clusterIds), from: at(x.from), reason: reasonText(x, i18n) })}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Slots down, every table across (free tables as empty cells); each cell names the clusters meeting there. */
export function ScheduleGrid({
  assignments,
  tables,
  timezone,
  selected = null,
  onSelect,
}: {
  assignments: readonly Assignment[];
  tables: string[];
  timezone: string;
  /** Drafts: the meeting picked for a hand edit, and how a click on a meeting picks it. */
  selected?: string | null;
  onSelect?: (meetingId: string) => void;
}): ReactNode {
  const { t, formatDate, formatTime } = useI18n();
  const slots = [...new Map(assignments.map((a) => [a.slot.id, a.slot])).values()].sort((a, b) =>
    a.start.localeCompare(b.start),
  );
  const cell = new Map(assignments.map((a) => [`${a.slot.id}|${a.table.name}`, a]));
  // Every table of the event (free ones stay empty, so free capacity shows), then any table only the schedule names.
  const known = new Set(tables);
  const cols = [...tables, ...[...new Set(assignments.map((a) => a.table.name))].filter((x) => !known.has(x)).sort()];
  return (
    <section className="card" aria-labelledby="grid-title">
      <h2 id="grid-title">{t('review.grid')}</h2>
      <TableWrap className="grid-wrap">
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">{t('review.slot')}</th>
              {cols.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {slots.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {formatDate(s.start, timezone)} {formatTime(s.start, timezone)}
                </th>
                {cols.map((c) => {
                  const a = cell.get(`${s.id}|${c}`);
                  if (!a) return <td key={c} />;
                  const text = `${a.clusters.map((x) => x.name).join(' × ')}${a.pinned ? ` (${t('edit.pinnedMark')})` : ''}`;
                  return (
                    <td key={c} className={a.requestId === selected ? 'selected' : undefined}>
                      {onSelect ? (
                        <button
                          type="button"
                          className="link cell-pick"
                          aria-pressed={a.requestId === selected}
                          onClick={() => onSelect(a.requestId)}
                        >
                          {text}
                        </button>
                      ) : (
                        text
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
