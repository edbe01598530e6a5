import { useId, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useCreateEvent, type NewEventBody } from '../../api/events';
import { ErrorBanner, Field, InlineErrors, Notice } from '../../components/ui';
import { DeadlineField, TimeZoneField } from '../../components/ZonedFields';
import { useI18n } from '../../i18n';
import { useDraft } from '../../lib/draft';
import { useSession } from '../../lib/session';
import { localInputToUtc } from '../../lib/zoned-time';

interface NewEventForm {
  name: string;
  venue: string;
  timezone: string;
  firstDay: string;
  lastDay: string;
  requestDeadline: string;
  /** The earlier event to copy from ('' for none). */
  source: string;
  dayPlan: boolean;
  tables: boolean;
  participants: boolean;
}

const EMPTY: NewEventForm = {
  name: '',
  venue: '',
  timezone: 'Europe/Copenhagen',
  firstDay: '',
  lastDay: '',
  requestDeadline: '',
  source: '',
  dayPlan: true,
  tables: true,
  participants: true,
};

/** The plan a new day gets when none is copied (as on the setup page); the setup page edits it afterwards. */
const DEFAULT_DAY = {
  startTime: '09:00',
  endTime: '17:00',
  meetingMinutes: 30,
  breaks: [{ start: '12:00', end: '13:00' }],
};

const addDays = (date: string, n: number): string => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** Every date from `first` to `last` (just `first` when `last` is empty or earlier; at most 15, the service says if too many). */
export function datesFrom(first: string, last: string): string[] {
  if (!first) return [''];
  const out = [first];
  while (last && out.length < 15 && (out[out.length - 1] ?? '') < last) out.push(addDays(first, out.length));
  return out;
}

/** Left empty, requests close a week before the first day (22:00 UTC, midnight in Copenhagen in summer). */
const defaultDeadline = (firstDay: string): string => (firstDay ? `${addDays(firstDay, -7)}T22:00:00Z` : '');

/** What the form sends: day plans built from the dates, or copied (shifted) from the earlier event. */
export function newEventBody(f: NewEventForm): NewEventBody {
  const copying = f.source !== '';
  const copyDays = copying && f.dayPlan;
  return {
    name: f.name,
    venue: f.venue,
    timezone: f.timezone,
    // The input's wall-clock time in the event's zone; left empty, the default; unreadable, as typed (the service
    // names the field).
    requestDeadline:
      localInputToUtc(f.requestDeadline, f.timezone) ?? (f.requestDeadline.trim() || defaultDeadline(f.firstDay)),
    ...(copyDays ? {} : { days: datesFrom(f.firstDay, f.lastDay).map((date) => ({ date, ...DEFAULT_DAY })) }),
    ...(copying
      ? {
          copyFrom: {
            eventId: f.source,
            dayPlan: f.dayPlan,
            ...(copyDays ? { firstDay: f.firstDay } : {}),
            tables: f.tables,
            participants: f.participants,
          },
        }
      : {}),
  };
}

/**
 * "New event" (issue 9, item 2): name, dates, time zone, and optionally parts of an earlier event of the
 * organisation: its day plan (moved to the new dates), its tables, its participants. The service writes all of it
 * in one transaction, or nothing; then the new event is chosen.
 */
export function NewEventPage(): ReactNode {
  const { t, tn } = useI18n();
  const titleId = useId();
  const { events, setEventId } = useSession();
  const [form, setForm, clear] = useDraft<NewEventForm>('new-event', EMPTY);
  const create = useCreateEvent();
  const error = create.error;
  const source = events.find((e) => e.id === form.source);
  const copyDays = source !== undefined && form.dayPlan;
  const spanDays =
    source?.firstDay && source.lastDay
      ? Math.round((Date.parse(source.lastDay) - Date.parse(source.firstDay)) / 86_400_000)
      : 0;

  function submit(e: FormEvent): void {
    e.preventDefault();
    create.mutate(newEventBody(form), {
      onSuccess: (view) => {
        setForm(EMPTY);
        clear();
        setEventId(view.id);
      },
    });
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
  const check = (k: 'dayPlan' | 'tables' | 'participants', label: string, hint: string): ReactNode => (
    <label className="check">
      <input type="checkbox" checked={form[k]} onChange={(e) => setForm({ ...form, [k]: e.target.checked })} /> {label}{' '}
      <small className="hint">{hint}</small>
    </label>
  );

  const done = create.data;
  return (
    <section aria-labelledby={titleId}>
      <h1 id={titleId}>{t('newEvent.title')}</h1>
      {done ? (
        <Notice>
          {t('newEvent.created', { name: done.name })}{' '}
          {done.copied
            ? t('newEvent.copied', {
                days: done.copied.days,
                tables: done.copied.tables,
                clusters: done.copied.clusters,
                delegates: done.copied.delegates,
              })
            : null}{' '}
          <Link to="/setup">{t('newEvent.openSetup')}</Link>
        </Notice>
      ) : null}
      <form className="card" onSubmit={submit} noValidate aria-label={t('newEvent.title')}>
        <ErrorBanner error={error} />
        <div className="form-grid">
          {text('name', t('setup.name'))}
          {text('venue', t('setup.venue'))}
          <TimeZoneField value={form.timezone} onChange={(timezone) => setForm({ ...form, timezone })} error={error} />
        </div>
        <fieldset>
          <legend>{t('newEvent.copyFrom')}</legend>
          <Field label={t('newEvent.source')} error={error} path="copyFrom.eventId">
            {(id, d, inv) => (
              <select
                id={id}
                value={form.source}
                aria-describedby={d}
                aria-invalid={inv || undefined}
                onChange={(e) => setForm({ ...form, source: e.target.value })}
              >
                <option value="">{t('newEvent.noSource')}</option>
                {events.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.firstDay ? `${e.name} (${e.firstDay})` : e.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {source ? (
            <div className="copy-parts">
              {check(
                'dayPlan',
                t('newEvent.dayPlan'),
                source.firstDay
                  ? tn('newEvent.dayPlanHint', spanDays + 1, { first: source.firstDay })
                  : t('newEvent.dayPlanNone'),
              )}
              {check('tables', t('newEvent.tables'), t('newEvent.tablesHint'))}
              {check('participants', t('newEvent.participants'), t('newEvent.participantsHint'))}
              <p className="muted">{t('newEvent.taxonomyShared')}</p>
            </div>
          ) : null}
        </fieldset>
        <div className="form-grid">
          <Field
            label={t('newEvent.firstDay')}
            error={error}
            path={copyDays ? 'copyFrom.firstDay' : 'days[0].date'}
            hint={copyDays ? t('newEvent.firstDayShift') : undefined}
          >
            {(id, d, inv) => (
              <input
                id={id}
                type="date"
                value={form.firstDay}
                aria-describedby={d}
                aria-invalid={inv || undefined}
                onChange={(e) => setForm({ ...form, firstDay: e.target.value })}
              />
            )}
          </Field>
          {copyDays ? (
            <p className="muted">
              {form.firstDay ? t('newEvent.lastDayCopied', { date: addDays(form.firstDay, spanDays) }) : null}
            </p>
          ) : (
            <Field label={t('newEvent.lastDay')} hint={t('newEvent.lastDayHint')}>
              {(id, d) => (
                <input
                  id={id}
                  type="date"
                  value={form.lastDay}
                  min={form.firstDay || undefined}
                  aria-describedby={d}
                  onChange={(e) => setForm({ ...form, lastDay: e.target.value })}
                />
              )}
            </Field>
          )}
          <DeadlineField
            value={form.requestDeadline}
            zone={form.timezone}
            onChange={(requestDeadline) => setForm({ ...form, requestDeadline })}
            error={error}
            emptyHint={t('newEvent.deadlineHint')}
          />
        </div>
        <InlineErrors error={error} path="copyFrom.dayPlan" />
        <div className="actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? t('newEvent.creating') : t('newEvent.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
