import { type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useArchiveEvent } from '../api/events';
import { useI18n } from '../i18n';
import { useSession } from '../lib/session';
import { ErrorBanner } from './ui';

const NEW = '__new';
const ARCHIVE = '__archive';

/**
 * The header's event switcher (issue 9, item 2): the organisation's current events, the chosen one selected (an
 * archived one opened from the archive is listed too, marked). Organisers also reach "New event" and the archive
 * from it, so the header keeps one control. Choosing an event switches every page to it; the choice is remembered.
 */
export function EventSwitcher(): ReactNode {
  const { t } = useI18n();
  const { me, events, eventId, setEventId } = useSession();
  const navigate = useNavigate();
  if (!me) return null;
  const organiser = me.kind === 'organiser';
  const shown = events.filter((e) => !e.archivedAt || e.id === eventId);
  const current = events.find((e) => e.id === eventId);
  if (!organiser && shown.length < 2) return current ? <span className="muted event-name">{current.name}</span> : null;
  return (
    <label className="event-switcher">
      <span className="sr-only">{t('common.event')}</span>
      <select
        value={eventId ?? ''}
        aria-label={t('common.event')}
        onChange={(e) => {
          const v = e.target.value;
          if (v === NEW) void navigate('/events/new');
          else if (v === ARCHIVE) void navigate('/archive');
          else setEventId(v);
        }}
      >
        {eventId === null ? <option value="">{t('events.none')}</option> : null}
        {shown.map((e) => (
          <option key={e.id} value={e.id}>
            {e.archivedAt ? t('events.archivedName', { name: e.name }) : e.name}
          </option>
        ))}
        {organiser ? (
          <optgroup label={t('events.more')}>
            <option value={NEW}>{t('events.new')}</option>
            <option value={ARCHIVE}>{t('events.archive')}</option>
          </optgroup>
        ) : null}
      </select>
    </label>
  );
}

/** Above an archived event's pages: it is archived, and (organisers) take it back out. */
export function ArchivedNotice(): ReactNode {
  const { t } = useI18n();
  const { me, events, eventId } = useSession();
  const archive = useArchiveEvent();
  const current = events.find((e) => e.id === eventId);
  if (!current?.archivedAt) return null;
  return (
    <div className="banner archived-notice no-print" role="status">
      {t('events.archivedNotice', { name: current.name })}{' '}
      {me?.kind === 'organiser' && me.role !== 'viewer' ? (
        <button
          type="button"
          disabled={archive.isPending}
          onClick={() => archive.mutate({ eventId: current.id, archived: false })}
        >
          {archive.isPending ? t('events.working') : t('events.unarchive')}
        </button>
      ) : null}
      <ErrorBanner error={archive.error} />
    </div>
  );
}
