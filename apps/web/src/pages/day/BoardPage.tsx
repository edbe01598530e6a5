import { useState, type ReactNode } from 'react';
import {
  useBoard,
  useDaySettings,
  useMarkMeeting,
  useSaveDaySettings,
  type Board,
  type BoardMeeting,
} from '../../api/eventday';
import { ErrorBanner, Loading, Notice } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';
import { RebookPanel } from './Rebook';

type Slot = NonNullable<Board['current']>;

/**
 * The organiser's live board (issue 10), refreshing by itself: the current and next slot with each table's meeting
 * and its parties' check-in state, meetings at risk, free tables, people waiting (with replacement offers), and the
 * day's settings.
 */
export function BoardPage({ eventId, timezone }: { eventId: string; timezone: string }): ReactNode {
  const { t, formatTime } = useI18n();
  const board = useBoard(eventId);
  const [rebookFor, setRebookFor] = useState<string | null>(null);
  if (board.error) return <ErrorBanner error={board.error} />;
  if (!board.data) return <Loading />;
  const b = board.data;
  return (
    <section aria-labelledby="board-title" className="board">
      <h1 id="board-title">{t('day.boardTitle')}</h1>
      <p className="muted" role="status">
        {t('day.boardCounts', { in: b.checkedIn, attendees: b.attendees, time: formatTime(b.at, timezone) })}
      </p>
      {b.versionNumber === null ? <p className="banner">{t('agenda.notPublished')}</p> : null}
      {b.atRisk.length > 0 ? (
        <section className="card" aria-labelledby="risk-title">
          <h2 id="risk-title">{t('day.atRisk', { n: b.atRisk.length })}</h2>
          <ul>
            {b.atRisk.map((m) => (
              <li key={m.meetingId}>
                {formatTime(m.startsAt, timezone)} {m.tableName}: {m.parties.map((p) => p.name).join(' × ')}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <SlotView eventId={eventId} title={t('day.current')} slot={b.current} timezone={timezone} />
      <SlotView eventId={eventId} title={t('day.next')} slot={b.next} timezone={timezone} />
      <section className="card" aria-labelledby="waiting-title">
        <h2 id="waiting-title">{t('day.waiting', { n: b.waiting.length })}</h2>
        <ul className="waiting">
          {b.waiting.map((w) => (
            <li key={w.delegateId}>
              {w.name} <span className="muted">({w.clusterName})</span>{' '}
              <button
                type="button"
                aria-expanded={rebookFor === w.delegateId}
                onClick={() => setRebookFor(rebookFor === w.delegateId ? null : w.delegateId)}
              >
                {t('day.findReplacement')}
              </button>
              {rebookFor === w.delegateId ? (
                <RebookPanel eventId={eventId} delegateId={w.delegateId} timezone={timezone} />
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <DaySettingsCard eventId={eventId} />
    </section>
  );
}

function SlotView({
  eventId,
  title,
  slot,
  timezone,
}: {
  eventId: string;
  title: string;
  slot: Slot | null;
  timezone: string;
}): ReactNode {
  const { t, formatTime } = useI18n();
  if (!slot) return null;
  return (
    <section className="card" aria-label={`${title} ${formatTime(slot.startsAt, timezone)}`}>
      <h2>
        {title}: {formatTime(slot.startsAt, timezone)}–{formatTime(slot.endsAt, timezone)}
      </h2>
      <ul className="board-tables">
        {slot.meetings.map((m) => (
          <BoardRow key={m.meetingId} eventId={eventId} m={m} />
        ))}
      </ul>
      <p className="muted">
        {t('day.freeTables')}: {slot.freeTables.map((x) => x.name).join(', ') || '–'}
      </p>
    </section>
  );
}

function BoardRow({ eventId, m }: { eventId: string; m: BoardMeeting }): ReactNode {
  const { t } = useI18n();
  const mark = useMarkMeeting(eventId);
  const missing = m.parties.filter((p) => !p.delegates.some((d) => d.checkedIn)).map((p) => p.clusterId);
  return (
    <li className={m.atRisk ? 'at-risk' : undefined}>
      <strong>{m.tableName}</strong>{' '}
      {m.parties.map((p, i) => (
        <span key={p.clusterId}>
          {i ? ' × ' : ''}
          {p.name}{' '}
          {p.delegates.map((d) => (
            <span key={d.delegateId} className={`badge ${d.checkedIn ? 'state-published' : ''}`}>
              {d.name}: {d.checkedIn ? t('day.checkedIn') : t('day.notCheckedIn')}
            </span>
          ))}
        </span>
      ))}{' '}
      <span className={`badge status-${m.status}`}>{t(`day.status.${m.status}` as MessageKey)}</span>
      {m.conflict ? <span className="muted"> {t('day.conflict')}</span> : null}
      <span className="actions">
        <button
          type="button"
          disabled={mark.isPending}
          onClick={() => mark.mutate({ meetingId: m.meetingId, status: 'held' })}
        >
          {t('day.markHeld')}
        </button>
        {missing.length > 0 && missing.length < m.parties.length ? (
          <button
            type="button"
            disabled={mark.isPending}
            onClick={() => mark.mutate({ meetingId: m.meetingId, status: 'no-show', absent: missing })}
          >
            {t('day.markNoShow')}
          </button>
        ) : null}
        <button
          type="button"
          disabled={mark.isPending}
          onClick={() => mark.mutate({ meetingId: m.meetingId, status: 'cancelled-on-site' })}
        >
          {t('day.markCancelled')}
        </button>
      </span>
      <ErrorBanner error={mark.error} />
    </li>
  );
}

function DaySettingsCard({ eventId }: { eventId: string }): ReactNode {
  const { t } = useI18n();
  const settings = useDaySettings(eventId);
  const save = useSaveDaySettings(eventId);
  const [self, setSelf] = useState<boolean | null>(null);
  const [minutes, setMinutes] = useState<string | null>(null);
  if (!settings.data) return settings.error ? <ErrorBanner error={settings.error} /> : <Loading />;
  const selfValue = self ?? settings.data.selfServiceRebooking;
  const minutesValue = minutes ?? (settings.data.reminderMinutes === null ? '' : String(settings.data.reminderMinutes));
  return (
    <section className="card" aria-labelledby="day-settings-title">
      <h2 id="day-settings-title">{t('day.settings')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            selfServiceRebooking: selfValue,
            reminderMinutes: minutesValue.trim() === '' ? null : Number(minutesValue),
          });
        }}
      >
        <label className="check">
          <input type="checkbox" checked={selfValue} onChange={(e) => setSelf(e.target.checked)} />{' '}
          {t('day.selfService')}
        </label>
        <div className="field">
          <label htmlFor="reminder-minutes">{t('day.reminderMinutes')}</label>
          <input
            id="reminder-minutes"
            inputMode="numeric"
            value={minutesValue}
            onChange={(e) => setMinutes(e.target.value)}
          />
          <small className="hint">{t('day.reminderHint')}</small>
        </div>
        <button type="submit" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </form>
      <ErrorBanner error={save.error} />
      {save.isSuccess ? <Notice>{t('common.saved')}</Notice> : null}
    </section>
  );
}
