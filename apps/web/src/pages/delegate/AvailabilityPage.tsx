import { useState, type ReactNode } from 'react';
import type { Schema } from '../../api/client';
import { useSetUnavailability, useUnavailability } from '../../api/delegates';
import { useSlots } from '../../api/events';
import { ErrorBanner, InlineErrors, Loading, Notice } from '../../components/ui';
import { useI18n } from '../../i18n';

type Slot = Schema<'SlotResponse'>;

/** A grid of the event's slots, one row per day: the delegate marks the slots they cannot meet in. */
export function AvailabilityPage({
  eventId,
  delegateId,
  timezone,
}: {
  eventId: string;
  delegateId: string;
  timezone: string;
}): ReactNode {
  const slots = useSlots(eventId);
  const unavailable = useUnavailability(eventId, delegateId);
  const error = slots.error ?? unavailable.error;
  if (error) return <ErrorBanner error={error} />;
  if (!slots.data || !unavailable.data) return <Loading />;
  return (
    <AvailabilityForm
      eventId={eventId}
      delegateId={delegateId}
      timezone={timezone}
      slots={slots.data}
      initial={unavailable.data.slots.map((s) => s.id)}
    />
  );
}

function AvailabilityForm({
  eventId,
  delegateId,
  timezone,
  slots,
  initial,
}: {
  eventId: string;
  delegateId: string;
  timezone: string;
  slots: readonly Slot[];
  initial: readonly string[];
}): ReactNode {
  const { t, formatTime, formatDate } = useI18n();
  const [off, setOff] = useState<Set<string>>(() => new Set(initial));
  const save = useSetUnavailability(eventId, delegateId);
  const error = save.error;
  const days = new Map<string, Slot[]>();
  for (const s of slots) {
    const day = formatDate(s.startsAt, timezone);
    days.set(day, [...(days.get(day) ?? []), s]);
  }
  const toggle = (id: string): void => {
    const next = new Set(off);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOff(next);
    save.reset();
  };
  return (
    <section aria-labelledby="avail-title">
      <h1 id="avail-title">{t('availability.title')}</h1>
      <p className="hint">{t('availability.hint')}</p>
      <ErrorBanner error={error} />
      <InlineErrors error={error} path="slots" />
      {save.isSuccess ? <Notice>{t('common.saved')}</Notice> : null}
      {[...days.entries()].map(([day, list]) => (
        <fieldset key={day} className="slot-grid">
          <legend>{day}</legend>
          {list.map((s) => (
            <label key={s.id} className={`slot${off.has(s.id) ? ' slot-off' : ''}`}>
              <input
                type="checkbox"
                checked={off.has(s.id)}
                onChange={() => toggle(s.id)}
                aria-label={t('availability.slotLabel', { day, time: formatTime(s.startsAt, timezone) })}
              />
              {formatTime(s.startsAt, timezone)}
            </label>
          ))}
        </fieldset>
      ))}
      <p className="muted">{t('availability.count', { n: off.size })}</p>
      <button type="button" className="primary" disabled={save.isPending} onClick={() => save.mutate([...off])}>
        {t('common.save')}
      </button>
    </section>
  );
}
