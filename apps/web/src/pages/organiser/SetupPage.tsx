import { useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../lib/api';
import { useDraft, useSession } from '../../lib/session';
import type { DayPlan, EventView, TableDef } from '../../lib/types';
import { ErrorBanner, Field, InlineErrors, Loading, Notice, useLoad } from '../../components/ui';
import { useI18n } from '../../i18n';

export interface EventForm {
  name: string;
  venue: string;
  timezone: string;
  requestDeadline: string;
  days: DayPlan[];
  tables: TableDef[];
}

const NEW_EVENT: EventForm = {
  name: '',
  venue: '',
  timezone: 'Europe/Copenhagen',
  requestDeadline: '',
  days: [
    { date: '', startTime: '09:00', endTime: '17:00', meetingMinutes: 30, breaks: [{ start: '12:00', end: '13:00' }] },
  ],
  tables: [],
};

/** Organisers create or edit the event: details, day plans with breaks, and tables with seats. */
export function SetupPage({ eventId }: { eventId: string | null }): ReactNode {
  const ev = useLoad(() => (eventId ? api<EventView>(`/events/${eventId}`) : Promise.resolve(null)), [eventId]);
  if (ev.error) return <ErrorBanner error={ev.error} />;
  if (ev.loading && ev.data === undefined) return <Loading />;
  const initial: EventForm = ev.data
    ? {
        name: ev.data.name,
        venue: ev.data.venue,
        timezone: ev.data.timezone,
        requestDeadline: ev.data.requestDeadline,
        days: ev.data.days.map((d) => ({ ...d, breaks: d.breaks ?? [] })),
        tables: ev.data.tables.map((x) => ({ name: x.name, seats: x.seats })),
      }
    : NEW_EVENT;
  return (
    <EventSetupForm key={eventId ?? 'new'} eventId={eventId} initial={initial} slotCount={ev.data?.slotCount ?? null} />
  );
}

export function EventSetupForm({
  eventId,
  initial,
  slotCount,
}: {
  eventId: string | null;
  initial: EventForm;
  slotCount: number | null;
}): ReactNode {
  const { t } = useI18n();
  const { reloadEvents, setEventId } = useSession();
  const [form, setForm, clear] = useDraft<EventForm>(`event.${eventId ?? 'new'}`, initial);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [gen, setGen] = useState({ count: 20, seats: 4 });

  const setDay = (i: number, patch: Partial<DayPlan>): void =>
    setForm({ ...form, days: form.days.map((d, j) => (j === i ? { ...d, ...patch } : d)) });
  const setTable = (i: number, patch: Partial<TableDef>): void =>
    setForm({ ...form, tables: form.tables.map((d, j) => (j === i ? { ...d, ...patch } : d)) });

  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      let view: EventView;
      if (!eventId) {
        view = await api<EventView>('/events', { body: form });
      } else {
        await api<EventView>(`/events/${eventId}`, {
          method: 'PATCH',
          body: { name: form.name, venue: form.venue, timezone: form.timezone, requestDeadline: form.requestDeadline },
        });
        await api<EventView>(`/events/${eventId}/days`, { method: 'PUT', body: { days: form.days } });
        view = await api<EventView>(`/events/${eventId}/tables`, { method: 'PUT', body: { tables: form.tables } });
      }
      clear();
      setSaved(view.slotCount);
      await reloadEvents();
      setEventId(view.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const text = (k: 'name' | 'venue' | 'timezone' | 'requestDeadline', label: string, hint?: string): ReactNode => (
    <Field label={label} error={error} path={k} hint={hint}>
      {(id, d, inv) => (
        <input
          id={id}
          value={form[k]}
          aria-describedby={d}
          aria-invalid={inv || undefined}
          onChange={(e) => setForm({ ...form, [k]: e.target.value })}
        />
      )}
    </Field>
  );

  return (
    <section aria-labelledby="setup-title">
      <h1 id="setup-title">{eventId ? t('setup.title') : t('setup.create')}</h1>
      <form className="card" onSubmit={(e) => void save(e)} noValidate aria-label={t('setup.title')}>
        <ErrorBanner error={error} />
        {saved !== null ? (
          <Notice>{t('setup.saved', { n: saved })}</Notice>
        ) : slotCount !== null ? (
          <p className="muted">{t('setup.slots', { n: slotCount })}</p>
        ) : null}
        <div className="form-grid">
          {text('name', t('setup.name'))}
          {text('venue', t('setup.venue'))}
          {text('timezone', t('setup.timezone'), t('setup.timezoneHint'))}
          {text('requestDeadline', t('setup.deadline'), t('setup.deadlineHint'))}
        </div>
        <h2>{t('setup.days')}</h2>
        <InlineErrors error={error} path="days" />
        {form.days.map((d, i) => (
          <fieldset key={i} className="day">
            <legend>{t('setup.day', { n: i + 1 })}</legend>
            <div className="form-grid">
              <Field label={t('setup.date')} error={error} path={`days[${i}].date`}>
                {(id, ds, inv) => (
                  <input
                    id={id}
                    type="date"
                    value={d.date}
                    aria-describedby={ds}
                    aria-invalid={inv || undefined}
                    onChange={(e) => setDay(i, { date: e.target.value })}
                  />
                )}
              </Field>
              <Field label={t('setup.start')} error={error} path={`days[${i}].startTime`}>
                {(id, ds, inv) => (
                  <input
                    id={id}
                    value={d.startTime}
                    placeholder="09:00"
                    aria-describedby={ds}
                    aria-invalid={inv || undefined}
                    onChange={(e) => setDay(i, { startTime: e.target.value })}
                  />
                )}
              </Field>
              <Field label={t('setup.end')} error={error} path={`days[${i}].endTime`}>
                {(id, ds, inv) => (
                  <input
                    id={id}
                    value={d.endTime}
                    placeholder="17:00"
                    aria-describedby={ds}
                    aria-invalid={inv || undefined}
                    onChange={(e) => setDay(i, { endTime: e.target.value })}
                  />
                )}
              </Field>
              <Field label={t('setup.meetingMinutes')} error={error} path={`days[${i}].meetingMinutes`}>
                {(id, ds, inv) => (
                  <input
                    id={id}
                    type="number"
                    min={5}
                    value={d.meetingMinutes}
                    aria-describedby={ds}
                    aria-invalid={inv || undefined}
                    onChange={(e) => setDay(i, { meetingMinutes: Number(e.target.value) })}
                  />
                )}
              </Field>
            </div>
            {d.breaks.map((b, k) => (
              <div key={k} className="break-row">
                <Field label={t('setup.breakStart', { n: k + 1 })} error={error} path={`days[${i}].breaks[${k}].start`}>
                  {(id, ds, inv) => (
                    <input
                      id={id}
                      value={b.start}
                      aria-describedby={ds}
                      aria-invalid={inv || undefined}
                      onChange={(e) =>
                        setDay(i, { breaks: d.breaks.map((x, m) => (m === k ? { ...x, start: e.target.value } : x)) })
                      }
                    />
                  )}
                </Field>
                <Field label={t('setup.breakEnd', { n: k + 1 })} error={error} path={`days[${i}].breaks[${k}].end`}>
                  {(id, ds, inv) => (
                    <input
                      id={id}
                      value={b.end}
                      aria-describedby={ds}
                      aria-invalid={inv || undefined}
                      onChange={(e) =>
                        setDay(i, { breaks: d.breaks.map((x, m) => (m === k ? { ...x, end: e.target.value } : x)) })
                      }
                    />
                  )}
                </Field>
                <button type="button" onClick={() => setDay(i, { breaks: d.breaks.filter((_, m) => m !== k) })}>
                  {t('setup.removeBreak')}
                </button>
              </div>
            ))}
            <div className="actions">
              <button
                type="button"
                onClick={() => setDay(i, { breaks: [...d.breaks, { start: '15:00', end: '15:15' }] })}
              >
                {t('setup.addBreak')}
              </button>
              <button type="button" onClick={() => setForm({ ...form, days: form.days.filter((_, j) => j !== i) })}>
                {t('setup.removeDay')}
              </button>
            </div>
          </fieldset>
        ))}
        <button
          type="button"
          onClick={() =>
            setForm({
              ...form,
              days: [
                ...form.days,
                {
                  ...(form.days[form.days.length - 1] ??
                    NEW_EVENT.days[0] ?? {
                      date: '',
                      startTime: '09:00',
                      endTime: '17:00',
                      meetingMinutes: 30,
                      breaks: [],
                    }),
                  date: '',
                },
              ],
            })
          }
        >
          {t('setup.addDay')}
        </button>
        <h2>{t('setup.tables')}</h2>
        <InlineErrors error={error} path="tables" />
        <div className="break-row">
          <Field label={t('setup.tableCount')}>
            {(id) => (
              <input
                id={id}
                type="number"
                min={1}
                max={2000}
                value={gen.count}
                onChange={(e) => setGen({ ...gen, count: Number(e.target.value) })}
              />
            )}
          </Field>
          <Field label={t('setup.seats')}>
            {(id) => (
              <input
                id={id}
                type="number"
                min={2}
                max={50}
                value={gen.seats}
                onChange={(e) => setGen({ ...gen, seats: Number(e.target.value) })}
              />
            )}
          </Field>
          <button
            type="button"
            onClick={() =>
              setForm({
                ...form,
                tables: Array.from({ length: gen.count }, (_, i) => ({
                  name: `T${String(i + 1).padStart(2, '0')}`,
                  seats: gen.seats,
                })),
              })
            }
          >
            {t('setup.generateTables')}
          </button>
        </div>
        <p className="muted">{t('setup.tableTotal', { n: form.tables.length })}</p>
        <details>
          <summary>{t('setup.editTables')}</summary>
          <div className="table-list">
            {form.tables.map((x, i) => (
              <div key={i} className="break-row">
                <Field label={t('setup.tableName', { n: i + 1 })} error={error} path={`tables[${i}].name`}>
                  {(id, ds, inv) => (
                    <input
                      id={id}
                      value={x.name}
                      aria-describedby={ds}
                      aria-invalid={inv || undefined}
                      onChange={(e) => setTable(i, { name: e.target.value })}
                    />
                  )}
                </Field>
                <Field label={t('setup.tableSeats', { n: i + 1 })} error={error} path={`tables[${i}].seats`}>
                  {(id, ds, inv) => (
                    <input
                      id={id}
                      type="number"
                      value={x.seats}
                      aria-describedby={ds}
                      aria-invalid={inv || undefined}
                      onChange={(e) => setTable(i, { seats: Number(e.target.value) })}
                    />
                  )}
                </Field>
                <button
                  type="button"
                  onClick={() => setForm({ ...form, tables: form.tables.filter((_, j) => j !== i) })}
                >
                  {t('setup.removeTable')}
                </button>
              </div>
            ))}
          </div>
        </details>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
