import { useState, type FormEvent, type ReactNode } from 'react';
import { useEvent, useSaveEvent, type DayPlan, type EventForm, type TableDef } from '../../api/events';
import { useReview, useVersions, type VersionSummary } from '../../api/schedule';
import { useDraft } from '../../lib/draft';
import { useSession } from '../../lib/session';
import { localInputToUtc, utcToLocalInput } from '../../lib/zoned-time';
import { DeadlineField, TimeZoneField } from '../../components/ZonedFields';
import { ErrorBanner, Field, InlineErrors, Loading, Notice, useConfirm } from '../../components/ui';
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
        // Features and stands go back unchanged unless edited (leaving them out would clear them).
        tables: ev.data.tables.map((x) => ({
          name: x.name,
          seats: x.seats,
          features: x.features,
          standClusterId: x.standClusterId,
        })),
      }
    : NEW_EVENT;
  return (
    <EventSetupForm key={eventId ?? 'new'} eventId={eventId} initial={initial} slotCount={ev.data?.slotCount ?? null} />
  );
}

/** Per table name, how many meetings the published version and the newest draft place there. */
interface TableUse {
  published: { number: number; at: Map<string, number> } | null;
  draft: { number: number; at: Map<string, number> } | null;
}

function countByTable(assignments: readonly { table: { name: string } }[] | undefined): Map<string, number> {
  const at = new Map<string, number>();
  for (const a of assignments ?? []) at.set(a.table.name, (at.get(a.table.name) ?? 0) + 1);
  return at;
}

/** Where the event's schedule versions (the published one, the newest draft) hold meetings, table by table. */
function useTableUse(eventId: string | null): TableUse {
  const versions = useVersions(eventId ?? '', eventId !== null);
  const list: readonly VersionSummary[] = versions.data ?? [];
  const pub = list.find((v) => v.state === 'published') ?? null;
  const draft = [...list].reverse().find((v) => v.state === 'draft') ?? null;
  const pubReview = useReview(eventId ?? '', pub?.id ?? null);
  const draftReview = useReview(eventId ?? '', draft?.id ?? null);
  return {
    published: pub && pubReview.data ? { number: pub.number, at: countByTable(pubReview.data.assignments) } : null,
    draft: draft && draftReview.data ? { number: draft.number, at: countByTable(draftReview.data.assignments) } : null,
  };
}

/** The next table name after the highest "T<number>" (T01, T02, ...), keeping two digits up to T99. */
export function nextTableName(tables: readonly TableDef[], offset = 0): string {
  const top = Math.max(0, ...tables.map((x) => /^T(\d+)$/.exec(x.name)?.[1]).map((n) => Number(n ?? 0)));
  return `T${String(top + 1 + offset).padStart(2, '0')}`;
}

/** A table's features as typed ("accessible, quiet"), kept while typing; empty ones are dropped when saving. */
const featureText = (features: readonly string[] | undefined): string => (features ?? []).join(', ');
const parseFeatures = (text: string): string[] => text.split(',').map((f) => f.trim());

export function EventSetupForm({
  eventId,
  initial,
  slotCount,
}: {
  eventId: string | null;
  /** As the service has it (the deadline in UTC); the form shows the deadline in the event's time zone. */
  initial: EventForm;
  slotCount: number | null;
}): ReactNode {
  const { t, tn } = useI18n();
  const { setEventId } = useSession();
  // The form keeps the deadline as the wall-clock time in the event's zone (what the date-time input shows).
  const [form, setForm, clear] = useDraft<EventForm>(`setup.${eventId ?? 'new'}`, {
    ...initial,
    requestDeadline: utcToLocalInput(initial.requestDeadline, initial.timezone),
  });
  const saveEvent = useSaveEvent(eventId);
  const error = saveEvent.error;
  const saved = saveEvent.data?.slotCount ?? null;
  const [gen, setGen] = useState({ count: 10, seats: 4 });
  const use = useTableUse(eventId);
  const { textId, confirming, setConfirming, openRef, yesRef, cancel, onKey } = useConfirm();

  const setDay = (i: number, patch: Partial<DayPlan>): void =>
    setForm({ ...form, days: form.days.map((d, j) => (j === i ? { ...d, ...patch } : d)) });
  const setTable = (i: number, patch: Partial<TableDef>): void =>
    setForm({ ...form, tables: form.tables.map((d, j) => (j === i ? { ...d, ...patch } : d)) });

  // Tables with meetings that this form no longer has (removed, or renamed: a new name is a new table).
  const kept = new Set(form.tables.map((x) => x.name));
  const lostNames = [...new Set([...(use.published?.at.keys() ?? []), ...(use.draft?.at.keys() ?? [])])]
    .filter((name) => !kept.has(name))
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));

  function send(): void {
    const body: EventForm = {
      ...form,
      // An empty or unreadable deadline goes as typed, so the service names the field.
      requestDeadline: localInputToUtc(form.requestDeadline, form.timezone) ?? form.requestDeadline,
      tables: form.tables.map((x) => ({ ...x, features: (x.features ?? []).filter((f) => f !== '') })),
    };
    saveEvent.mutate(body, {
      // The event list is fresh by now, so choosing the (new) event shows it.
      onSuccess: (view) => {
        clear();
        setEventId(view.id);
      },
      onSettled: () => setConfirming(false),
    });
  }

  function save(e: FormEvent): void {
    e.preventDefault();
    if (lostNames.length) {
      saveEvent.reset();
      setConfirming(true);
    } else send();
  }

  const text = (k: 'name' | 'venue', label: string): ReactNode => (
    <Field label={label} error={error} path={k}>
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
  const time = (label: string, path: string, value: string, onChange: (v: string) => void): ReactNode => (
    <Field label={label} error={error} path={path}>
      {(id, ds, inv) => (
        <input
          id={id}
          type="time"
          value={value}
          aria-describedby={ds}
          aria-invalid={inv || undefined}
          onChange={(e) => onChange(e.target.value)}
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
          <TimeZoneField value={form.timezone} onChange={(timezone) => setForm({ ...form, timezone })} error={error} />
          <DeadlineField
            value={form.requestDeadline}
            zone={form.timezone}
            onChange={(requestDeadline) => setForm({ ...form, requestDeadline })}
            error={error}
            emptyHint={t('setup.deadlineHintEmpty')}
          />
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
              {time(t('setup.start'), `days[${i}].startTime`, d.startTime, (v) => setDay(i, { startTime: v }))}
              {time(t('setup.end'), `days[${i}].endTime`, d.endTime, (v) => setDay(i, { endTime: v }))}
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
                {time(t('setup.breakStart', { n: k + 1 }), `days[${i}].breaks[${k}].start`, b.start, (v) =>
                  setDay(i, { breaks: d.breaks.map((x, m) => (m === k ? { ...x, start: v } : x)) }),
                )}
                {time(t('setup.breakEnd', { n: k + 1 }), `days[${i}].breaks[${k}].end`, b.end, (v) =>
                  setDay(i, { breaks: d.breaks.map((x, m) => (m === k ? { ...x, end: v } : x)) }),
                )}
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
        <h2 id="tables-title">{tn('setup.tableTotal', form.tables.length)}</h2>
        <p className="muted">{t('setup.tablesIntro')}</p>
        <InlineErrors error={error} path="tables" />
        <div className="table-list" role="list" aria-labelledby="tables-title">
          {form.tables.map((x, i) => {
            const inPublished = use.published?.at.get(x.name) ?? 0;
            const inDraft = use.draft?.at.get(x.name) ?? 0;
            return (
              <div key={i} className="break-row table-row" role="listitem">
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
                      min={2}
                      max={50}
                      value={x.seats}
                      aria-describedby={ds}
                      aria-invalid={inv || undefined}
                      onChange={(e) => setTable(i, { seats: Number(e.target.value) })}
                    />
                  )}
                </Field>
                <Field
                  label={t('setup.tableFeatures', { n: i + 1 })}
                  error={error}
                  path={`tables[${i}].features`}
                  hint={t('setup.tableFeaturesHint')}
                >
                  {(id, ds, inv) => (
                    <input
                      id={id}
                      value={featureText(x.features)}
                      aria-describedby={ds}
                      aria-invalid={inv || undefined}
                      onChange={(e) => setTable(i, { features: parseFeatures(e.target.value) })}
                    />
                  )}
                </Field>
                {inPublished || inDraft ? (
                  <p className="muted table-use">
                    {[
                      inPublished ? tn('setup.tableUsePublished', inPublished) : '',
                      inDraft ? tn('setup.tableUseDraft', inDraft) : '',
                    ]
                      .filter(Boolean)
                      .join(' ')}
                  </p>
                ) : null}
                <button
                  type="button"
                  aria-label={t('setup.removeTableNamed', { name: x.name || String(i + 1) })}
                  onClick={() => setForm({ ...form, tables: form.tables.filter((_, j) => j !== i) })}
                >
                  {t('setup.removeTable')}
                </button>
              </div>
            );
          })}
        </div>
        <div className="actions">
          <button
            type="button"
            onClick={() =>
              setForm({
                ...form,
                tables: [
                  ...form.tables,
                  { name: nextTableName(form.tables), seats: form.tables[form.tables.length - 1]?.seats ?? 4 },
                ],
              })
            }
          >
            {t('setup.addTable')}
          </button>
        </div>
        <fieldset className="break-row">
          <legend>{t('setup.addSeveral')}</legend>
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
                tables: [
                  ...form.tables,
                  ...Array.from({ length: Math.max(0, Math.min(2000, gen.count)) }, (_, k) => ({
                    name: nextTableName(form.tables, k),
                    seats: gen.seats,
                  })),
                ],
              })
            }
          >
            {tn('setup.generateTables', gen.count)}
          </button>
        </fieldset>
        {confirming ? (
          <div role="alertdialog" aria-labelledby={textId} className="banner confirm" onKeyDown={onKey}>
            <p id={textId}>{t('setup.lostIntro')}</p>
            <ul>
              {lostNames.map((name) => {
                const p = use.published?.at.get(name) ?? 0;
                const d = use.draft?.at.get(name) ?? 0;
                return (
                  <li key={name}>
                    <strong>{name}</strong>:{' '}
                    {[
                      p ? tn('setup.lostPublished', p, { v: use.published?.number ?? 0 }) : '',
                      d ? tn('setup.lostDraft', d, { v: use.draft?.number ?? 0 }) : '',
                    ]
                      .filter(Boolean)
                      .join(' ')}
                  </li>
                );
              })}
            </ul>
            {saveEvent.isPending ? (
              <p role="status">
                <progress aria-label={t('setup.saving')} /> {t('setup.saving')}
              </p>
            ) : null}
            <div className="actions">
              <button ref={yesRef} type="button" className="primary" disabled={saveEvent.isPending} onClick={send}>
                {t('setup.lostYes')}
              </button>
              <button type="button" disabled={saveEvent.isPending} onClick={cancel}>
                {t('common.cancel')}
              </button>
            </div>
          </div>
        ) : null}
        <div className="actions">
          <button ref={openRef} type="submit" className="primary" disabled={saveEvent.isPending}>
            {saveEvent.isPending ? t('setup.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
