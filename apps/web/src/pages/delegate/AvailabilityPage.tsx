import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../../lib/api';
import type { Slot } from '../../lib/types';
import { ErrorBanner, InlineErrors, Loading, Notice, useLoad } from '../../components/ui';
import { useI18n } from '../../i18n';

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
  const { t, formatTime, formatDate } = useI18n();
  const data = useLoad(
    () =>
      Promise.all([
        api<Slot[]>(`/events/${eventId}/slots`),
        api<{ slots: { id: string }[] }>(`/events/${eventId}/delegates/${delegateId}/unavailability`),
      ]),
    [eventId, delegateId],
  );
  const [off, setOff] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (data.data) setOff(new Set(data.data[1].slots.map((s) => s.id)));
  }, [data.data]);
  if (data.error) return <ErrorBanner error={data.error} />;
  if (!data.data) return <Loading />;
  const slots = data.data[0];
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
    setSaved(false);
  };
  const save = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await api(`/events/${eventId}/delegates/${delegateId}/unavailability`, {
        method: 'PUT',
        body: { slots: [...off] },
      });
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="avail-title">
      <h1 id="avail-title">{t('availability.title')}</h1>
      <p className="hint">{t('availability.hint')}</p>
      <ErrorBanner error={error} />
      <InlineErrors error={error} path="slots" />
      {saved ? <Notice>{t('common.saved')}</Notice> : null}
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
      <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
        {t('common.save')}
      </button>
    </section>
  );
}
