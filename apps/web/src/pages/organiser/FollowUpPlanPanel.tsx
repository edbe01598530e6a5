import { useState, type FormEvent, type ReactNode } from 'react';
import { useFollowUpPlan, useRunFollowUps, useSetFollowUpPlan } from '../../api/outcomes';
import { ConfirmDialog, ErrorBanner, Field, Loading, Notice, useConfirm, TableWrap } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';

/** The follow-ups over years: the months after the event, the rounds, and sending a due round now. */
export function FollowUpPlanPanel({ eventId, timezone }: { eventId: string; timezone: string }): ReactNode {
  const { t, lang } = useI18n();
  const plan = useFollowUpPlan(eventId);
  const save = useSetFollowUpPlan(eventId);
  const run = useRunFollowUps(eventId);
  const [draft, setDraft] = useState<string | null>(null);
  const dialog = useConfirm();
  const { setConfirming, openRef } = dialog;
  if (plan.error) return <ErrorBanner error={plan.error} />;
  if (!plan.data) return <Loading />;
  const p = plan.data;
  const text = draft ?? p.months.join(', ');
  const date = new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', { dateStyle: 'medium', timeZone: timezone });
  function submit(e: FormEvent): void {
    e.preventDefault();
    const months = text
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map(Number);
    save.mutate(months, { onSuccess: () => setDraft(null) });
  }
  return (
    <section className="card" aria-labelledby="fu-plan-title">
      <h2 id="fu-plan-title">{t('fuPlan.title')}</h2>
      <p className="hint">{t('fuPlan.hint', { n: p.relationships })}</p>
      <form onSubmit={submit} noValidate className="row">
        <Field label={t('fuPlan.months')} error={save.error} path="months" hint={t('fuPlan.monthsHint')}>
          {(id, describedBy, invalid) => (
            <input
              id={id}
              value={text}
              inputMode="numeric"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setDraft(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </form>
      {save.isSuccess ? <Notice>{t('common.saved')}</Notice> : null}
      <TableWrap>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('fuPlan.round')}</th>
              <th scope="col">{t('fuPlan.due')}</th>
              <th scope="col">{t('fuPlan.state')}</th>
              <th scope="col">{t('fuPlan.asked')}</th>
              <th scope="col">{t('fuPlan.answered')}</th>
            </tr>
          </thead>
          <tbody>
            {p.rounds.map((r) => (
              <tr key={r.months}>
                <th scope="row">{t('fuPlan.months.n', { n: r.months })}</th>
                <td>{r.dueAt ? date.format(new Date(r.dueAt)) : '–'}</td>
                <td>{t(`fuPlan.state.${r.state}` as MessageKey)}</td>
                <td>{r.clusters ?? '–'}</td>
                <td>{r.answered}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <ErrorBanner error={run.error} />
      {run.data ? (
        <Notice>
          {run.data.sent !== null
            ? t('fuPlan.sent', { months: run.data.sent, n: run.data.mails })
            : t('fuPlan.nothingDue')}
        </Notice>
      ) : null}
      <button ref={openRef} type="button" onClick={() => setConfirming(true)} disabled={dialog.confirming}>
        {t('fuPlan.run')}
      </button>
      <ConfirmDialog
        confirm={dialog}
        text={t('fuPlan.runConfirm')}
        yes={t('fuPlan.runYes')}
        busy={run.isPending}
        busyText={t('fuPlan.running')}
        onYes={() => run.mutate(undefined, { onSettled: () => setConfirming(false) })}
      />
    </section>
  );
}
