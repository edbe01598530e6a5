import { useId, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { isPast, useArchiveEvent, type EventSummary } from '../../api/events';
import { ErrorBanner } from '../../components/ui';
import { useI18n } from '../../i18n';
import { useSession } from '../../lib/session';

const span = (e: EventSummary): string =>
  e.firstDay ? (e.lastDay && e.lastDay !== e.firstDay ? `${e.firstDay} – ${e.lastDay}` : e.firstDay) : '';

/**
 * The archive (issue 9, item 2): archived events, opened as usual (their feedback and follow-up rounds go on for
 * years, so an archived event is filed away from the switcher, not locked) or taken back out; and the past events
 * still current, to archive them.
 */
export function ArchivePage({ canEdit }: { canEdit: boolean }): ReactNode {
  const { t } = useI18n();
  const titleId = useId();
  const pastId = useId();
  const { events, eventId, setEventId } = useSession();
  const navigate = useNavigate();
  const archive = useArchiveEvent();
  const archived = events.filter((e) => e.archivedAt);
  const past = events.filter((e) => !e.archivedAt && isPast(e));
  const busy = (id: string): boolean => archive.isPending && archive.variables?.eventId === id;

  const row = (e: EventSummary, action: ReactNode): ReactNode => (
    <li key={e.id} className="event-row" aria-label={e.name}>
      <div>
        <strong>{e.name}</strong> {e.id === eventId ? <span className="tag">{t('events.open')}</span> : null}
        <div className="muted">
          {span(e)} {e.venue ? `· ${e.venue}` : ''}
        </div>
      </div>
      <div className="actions">
        <button
          type="button"
          aria-label={t('events.openEvent', { name: e.name })}
          onClick={() => {
            setEventId(e.id);
            void navigate('/setup');
          }}
        >
          {t('events.openShort')}
        </button>
        {canEdit ? action : null}
      </div>
    </li>
  );

  return (
    <section aria-labelledby={titleId}>
      <h1 id={titleId}>{t('events.archiveTitle')}</h1>
      <p className="muted">{t('events.archiveIntro')}</p>
      <ErrorBanner error={archive.error} />
      {archived.length === 0 ? <p>{t('events.archiveEmpty')}</p> : null}
      <ul className="event-list">
        {archived.map((e) =>
          row(
            e,
            <button
              type="button"
              disabled={busy(e.id)}
              aria-label={t('events.unarchiveOne', { name: e.name })}
              onClick={() => archive.mutate({ eventId: e.id, archived: false })}
            >
              {busy(e.id) ? t('events.working') : t('events.unarchive')}
            </button>,
          ),
        )}
      </ul>
      {canEdit && past.length > 0 ? (
        <>
          <h2 id={pastId}>{t('events.pastTitle')}</h2>
          <ul className="event-list" aria-labelledby={pastId}>
            {past.map((e) =>
              row(
                e,
                <button
                  type="button"
                  disabled={busy(e.id)}
                  aria-label={t('events.archiveOne', { name: e.name })}
                  onClick={() => archive.mutate({ eventId: e.id, archived: true })}
                >
                  {busy(e.id) ? t('events.working') : t('events.archiveShort')}
                </button>,
              ),
            )}
          </ul>
        </>
      ) : null}
    </section>
  );
}
