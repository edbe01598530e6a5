import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { useSlots } from '../../api/events';
import {
  useEditMeeting,
  useSolveAroundPins,
  useSwapMeetings,
  type EditResult,
  type MeetingEdit,
  type Review,
} from '../../api/schedule';
import { ErrorBanner, Notice } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';

type T = ReturnType<typeof useI18n>['t'];

interface Refusal {
  rule?: string;
  meeting?: { clusters?: { name: string }[] } | null;
  conflictingMeeting?: { clusters?: { name: string }[] } | null;
  slot?: { code: string; start: string; day: number | null } | null;
  table?: { name: string; seats: number } | null;
  person?: string | null;
}

const names = (m: { clusters?: { name: string }[] } | null | undefined): string =>
  (m?.clusters ?? []).map((c) => c.name).join(' × ');

/** "Day 1, 09:30" as organisers read a slot (the day from its code d1s03, the time in the event's zone). */
export function slotLabel(
  t: T,
  formatTime: (iso: string, tz: string) => string,
  code: string | null,
  start: string,
  tz: string,
): string {
  const day = /^d(\d+)s/i.exec(code ?? '')?.[1];
  return t('edit.slotLabel', { day: day ?? '?', time: formatTime(start, tz) });
}

/**
 * A refused hand edit in the user's language: the rule, the meeting it clashes with, the slot as organisers read it;
 * no status codes or ids.
 */
export function refusalText(
  t: T,
  formatTime: (iso: string, tz: string) => string,
  err: unknown,
  tz: string,
): string | null {
  if (!(err instanceof ApiError)) return null;
  const r = err.body as Refusal;
  const slot = r.slot ? slotLabel(t, formatTime, r.slot.code, r.slot.start, tz) : '';
  const params = {
    meeting: names(r.meeting),
    other: names(r.conflictingMeeting),
    person: r.person ?? '',
    slot,
    table: r.table?.name ?? '',
    seats: r.table?.seats ?? 0,
  };
  switch (r.rule) {
    case 'double-booked':
    case 'unavailable':
    case 'seats':
    case 'table-taken':
    case 'table-not-allowed':
    case 'not-accepted':
      return t(`edit.rule.${r.rule}` as MessageKey, params);
    case 'validator':
      return t('edit.rule.validator', { message: err.message });
    default:
      return err.status === 409 ? t('edit.notDraft') : null;
  }
}

/**
 * Hand edits of a draft in the review (issue 9, item 5): pick a meeting (here or in the grid), then move it to another
 * slot and table, place an unscheduled one, unschedule it, swap it with another, pin or unpin it. The service checks
 * every edit and refuses it with the rule named; the figures above are shown again after each edit. "Re-solve around
 * pins" starts a solve that keeps every pinned meeting where it is.
 */
export function DraftEditor({
  eventId,
  review: r,
  tables,
  selected,
  onSelect,
}: {
  eventId: string;
  review: Review;
  tables: readonly string[];
  selected: string | null;
  onSelect: (meetingId: string | null) => void;
}): ReactNode {
  const { t, formatTime } = useI18n();
  const navigate = useNavigate();
  const slots = useSlots(eventId);
  const edit = useEditMeeting(eventId, r.id);
  const swap = useSwapMeetings(eventId, r.id);
  const resolve = useSolveAroundPins(eventId, r.id);
  const [slot, setSlot] = useState('');
  const [table, setTable] = useState('');
  const [other, setOther] = useState('');
  const [done, setDone] = useState<string | null>(null);
  /** The meeting the form was filled for, and the one the last edit was about (its answer shows only for it). */
  const [filledFor, setFilledFor] = useState<string | null>(null);
  const [actedOn, setActedOn] = useState<string | null>(null);
  const tz = r.event.timezone;
  const held = r.assignments.find((a) => a.requestId === selected);
  const waiting = r.unscheduled.find((u) => u.requestId === selected);
  const pinnedCount = r.assignments.filter((a) => a.pinned).length;
  const busy = edit.isPending || swap.isPending || resolve.isPending;
  const error = (actedOn === selected ? (edit.error ?? swap.error) : null) ?? resolve.error;
  const refusal = refusalText(t, formatTime, error, tz);
  const heldLabel = (a: Review['assignments'][number]): string =>
    `${slotLabel(t, formatTime, a.slot.code, a.slot.start, tz)} · ${a.table.name} · ${names(a)}${a.pinned ? ` · ${t('edit.pinnedMark')}` : ''}`;

  // A meeting picked here or in the grid: its slot and table fill the form (not when the picked one moves: the
  // form then already shows where it went).
  if (filledFor !== selected) {
    setFilledFor(selected);
    setSlot(held?.slot.code ?? '');
    setTable(held?.table.name ?? '');
    setOther('');
  }
  const choose = (id: string): void => onSelect(id || null);
  const after = (what: MessageKey) => (res: EditResult | { version: EditResult['version'] }) =>
    setDone(
      t(what, {
        objective: res.version.objective,
        gap: res.version.gap === null ? '–' : `${(res.version.gap * 100).toFixed(2)} %`,
        gaps: res.version.idleGaps,
      }),
    );
  const send = (body: Omit<MeetingEdit, 'meetingId'>, what: MessageKey): void => {
    if (!selected) return;
    setDone(null);
    setActedOn(selected);
    swap.reset();
    edit.mutate({ meetingId: selected, ...body }, { onSuccess: after(what) });
  };

  return (
    <section className="card no-print draft-editor" aria-labelledby="edit-title">
      <h2 id="edit-title">{t('edit.title')}</h2>
      <p className="muted">{t('edit.intro')}</p>
      <div className="field">
        <label htmlFor="edit-meeting">{t('edit.meeting')}</label>
        <select id="edit-meeting" value={selected ?? ''} onChange={(e) => choose(e.target.value)}>
          <option value="">{t('edit.pick')}</option>
          <optgroup label={t('edit.held')}>
            {r.assignments.map((a) => (
              <option key={a.requestId} value={a.requestId}>
                {heldLabel(a)}
              </option>
            ))}
          </optgroup>
          {r.unscheduled.length > 0 ? (
            <optgroup label={t('edit.waiting')}>
              {r.unscheduled.map((u) => (
                <option key={u.requestId} value={u.requestId}>
                  {names(u)}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </div>
      {held || waiting ? (
        <>
          <div className="edit-row">
            <div className="field">
              <label htmlFor="edit-slot">{t('edit.slot')}</label>
              <select id="edit-slot" value={slot} onChange={(e) => setSlot(e.target.value)}>
                <option value="">{t('edit.pick')}</option>
                {(slots.data ?? []).map((s) => (
                  <option key={s.id} value={s.code}>
                    {slotLabel(t, formatTime, s.code, s.startsAt, tz)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="edit-table">{t('edit.table')}</label>
              <select id="edit-table" value={table} onChange={(e) => setTable(e.target.value)}>
                <option value="">{t('edit.anyTable')}</option>
                {tables.map((x) => (
                  <option key={x} value={x}>
                    {x}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={busy || !slot}
              onClick={() => send({ slot, ...(table ? { table } : {}) }, held ? 'edit.moved' : 'edit.placed')}
            >
              {held ? t('edit.move') : t('edit.place')}
            </button>
            {held ? (
              <>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => send({ pinned: !held.pinned }, held.pinned ? 'edit.unpinnedDone' : 'edit.pinnedDone')}
                >
                  {held.pinned ? t('edit.unpin') : t('edit.pin')}
                </button>
                <button type="button" disabled={busy} onClick={() => send({ slot: null }, 'edit.unscheduledDone')}>
                  {t('edit.unschedule')}
                </button>
              </>
            ) : null}
          </div>
          {held ? (
            <div className="edit-row">
              <div className="field">
                <label htmlFor="edit-swap">{t('edit.swapWith')}</label>
                <select id="edit-swap" value={other} onChange={(e) => setOther(e.target.value)}>
                  <option value="">{t('edit.pick')}</option>
                  {r.assignments
                    .filter((a) => a.requestId !== held.requestId)
                    .map((a) => (
                      <option key={a.requestId} value={a.requestId}>
                        {heldLabel(a)}
                      </option>
                    ))}
                </select>
              </div>
              <div className="actions">
                <button
                  type="button"
                  disabled={busy || !other}
                  onClick={() => {
                    setDone(null);
                    setActedOn(selected);
                    edit.reset();
                    swap.mutate({ meetingId: held.requestId, other }, { onSuccess: after('edit.swapped') });
                  }}
                >
                  {t('edit.swap')}
                </button>
              </div>
            </div>
          ) : null}
        </>
      ) : null}
      {refusal ? (
        <div className="banner banner-error" role="alert">
          <strong>{t('edit.refused')}</strong> {refusal}
        </div>
      ) : (
        <ErrorBanner error={error} />
      )}
      {done && actedOn === selected ? <Notice>{done}</Notice> : null}
      <div className="actions">
        <button
          type="button"
          disabled={busy}
          onClick={() => resolve.mutate(10, { onSuccess: () => void navigate('/solve') })}
        >
          {t('edit.resolveAroundPins', { n: pinnedCount })}
        </button>
      </div>
    </section>
  );
}
