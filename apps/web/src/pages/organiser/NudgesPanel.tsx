import { useState, type ReactNode } from 'react';
import { useNudgeSettings, useRunNudges, useSaveNudges, type NudgeSettings } from '../../api/mailings';
import { ErrorBanner, Field, Loading, Notice } from '../../components/ui';
import { useI18n } from '../../i18n';

/** The automatic nudges of the booking phase: each switched on or off with its interval. */
export function NudgesPanel({ eventId }: { eventId: string }): ReactNode {
  const current = useNudgeSettings(eventId);
  // Here, not in the form: a save remounts the form (new `updatedAt`), and "Saved." must stay.
  const save = useSaveNudges(eventId);
  const run = useRunNudges(eventId);
  if (!current.data) return current.error ? <ErrorBanner error={current.error} /> : <Loading />;
  const d = current.data;
  const settings: NudgeSettings = {
    noMeetingEnabled: d.noMeetingEnabled,
    noMeetingEveryDays: d.noMeetingEveryDays,
    unansweredEnabled: d.unansweredEnabled,
    unansweredAfterDays: d.unansweredAfterDays,
    lastCallEnabled: d.lastCallEnabled,
    lastCallHours: d.lastCallHours,
  };
  // Keyed by the saved version: the form starts again from what the service holds.
  return <NudgesForm key={current.data.updatedAt ?? 'defaults'} initial={settings} save={save} run={run} />;
}

function NudgesForm({
  initial,
  save,
  run,
}: {
  initial: NudgeSettings;
  save: ReturnType<typeof useSaveNudges>;
  run: ReturnType<typeof useRunNudges>;
}): ReactNode {
  const { t, tn } = useI18n();
  const [form, setForm] = useState<NudgeSettings>(initial);
  const set = (patch: Partial<NudgeSettings>): void => {
    save.reset();
    setForm({ ...form, ...patch });
  };
  const rows: {
    on: 'noMeetingEnabled' | 'unansweredEnabled' | 'lastCallEnabled';
    value: 'noMeetingEveryDays' | 'unansweredAfterDays' | 'lastCallHours';
    label: string;
    unit: string;
    max: number;
  }[] = [
    {
      on: 'noMeetingEnabled',
      value: 'noMeetingEveryDays',
      label: t('nudges.noMeeting'),
      unit: t('nudges.everyDays'),
      max: 30,
    },
    {
      on: 'unansweredEnabled',
      value: 'unansweredAfterDays',
      label: t('nudges.unanswered'),
      unit: t('nudges.afterDays'),
      max: 30,
    },
    {
      on: 'lastCallEnabled',
      value: 'lastCallHours',
      label: t('nudges.lastCall'),
      unit: t('nudges.hoursBefore'),
      max: 720,
    },
  ];
  const done = run.data ? run.data.noMeeting + run.data.unanswered + run.data.lastCall : null;
  return (
    <form
      className="card"
      aria-labelledby="nudges-title"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(form);
      }}
    >
      <h2 id="nudges-title">{t('nudges.title')}</h2>
      <p className="hint">{t('nudges.hint')}</p>
      {rows.map((r) => (
        <fieldset key={r.on}>
          <legend>{r.label}</legend>
          <label>
            <input type="checkbox" checked={form[r.on]} onChange={(e) => set({ [r.on]: e.target.checked })} />{' '}
            {t('nudges.on')}
          </label>
          <Field label={r.unit} error={save.error} path={r.value}>
            {(id, describedBy, invalid) => (
              <input
                id={id}
                type="number"
                min={1}
                max={r.max}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                value={form[r.value]}
                onChange={(e) => set({ [r.value]: Number(e.target.value) })}
              />
            )}
          </Field>
        </fieldset>
      ))}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
        <button type="button" disabled={run.isPending} onClick={() => run.mutate()}>
          {t('nudges.runNow')}
        </button>
      </div>
      <ErrorBanner error={save.error ?? run.error} />
      {save.isSuccess ? <Notice>{t('common.saved')}</Notice> : null}
      {done !== null ? <Notice>{tn('nudges.queued', done)}</Notice> : null}
    </form>
  );
}
