import { useState, type FormEvent, type ReactNode } from 'react';
import { useEvent, useSaveEvent, type DayPlan, type EventForm, type TableDef } from '../../api/events';
import { useDraft } from '../../lib/draft';
import { useSession } from '../../lib/session';
import { ErrorBanner, Field, InlineErrors, Loading, Notice } from '../../components/ui';
import { useI18n } from '../../i18n';

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
  const ev = useEvent(eventId);
  if (ev.error) return <ErrorBanner error={ev.error} />;
  if (eventId && !ev.data) return <Loading />;
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
  const { setEventId } = useSession();
  const [form, setForm, clear] = useDraft<EventForm>(`event.${eventId ?? 'new'}`, initial);
  const saveEvent = useSaveEvent(eventId);
  const error = saveEvent.error;
  const saved = saveEvent.data?.slotCount ?? null;
  const [gen, setGen] = useState({ count: 20, seats: 4 });

  const setDay = (i: number, patch: Partial<DayPlan>): void =>
    setForm({ ...form, days: form.days.map((d, j) => (j === i ? { ...d, ...patch } : d)) });
  const setTable = (i: number, patch: Partial<TableDef>): void =>
    setForm({ ...form, tables: form.tables.map((d, j) => (j === i ? { ...d, ...patch } : d)) });

  function save(e: FormEvent): void {
    e.preventDefault();
    saveEvent.mutate(form, {
      // The event list is fresh by now, so choosing the (new) event shows it.
      onSuccess: (view) => {
        clear();
        setEventId(view.id);
      },
    });
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
      <form className="card" onSubmit={save} noValidate aria-label={t('setup.title')}>
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
          <button type="submit" className="primary" disabled={saveEvent.isPending}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
