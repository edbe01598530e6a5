import { useState, type FormEvent, type ReactNode } from 'react';
import {
  useFeedbackSurvey,
  useOpenFeedbackSurvey,
  useUpdateFeedbackSurvey,
  type FeedbackSurvey,
} from '../../api/feedback';
import { EvaluationEditor, EvaluationResults } from './EvaluationPanels';
import { FollowUpPlanPanel } from './FollowUpPlanPanel';
import { ImpactReportPanel } from './ImpactReportPanel';
import { ConfirmDialog, ErrorBanner, Field, Loading, Notice, useConfirm } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';

/** `YYYY-MM-DDTHH:mm` in the browser's zone (a datetime-local value) for an instant. */
function localInput(iso: string): string {
  const d = new Date(iso);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A datetime-local value (the browser's zone) as an ISO instant, or '' when empty or invalid. */
function fromLocalInput(v: string): string {
  const d = new Date(v);
  return v === '' || Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** The survey's closing time and reminder delay, as the organiser opens the survey and as they change it. */
function TimingFields(props: {
  closes: string;
  setCloses: (v: string) => void;
  days: string;
  setDays: (v: string) => void;
  error: unknown;
}): ReactNode {
  const { t } = useI18n();
  return (
    <>
      <Field label={t('survey.closesAt')} error={props.error} path="closesAt" hint={t('survey.localTime')}>
        {(id, describedBy, invalid) => (
          <input
            id={id}
            type="datetime-local"
            value={props.closes}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => props.setCloses(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('survey.reminderAfterDays')} error={props.error} path="reminderAfterDays">
        {(id, describedBy, invalid) => (
          <input
            id={id}
            type="number"
            min={1}
            max={90}
            value={props.days}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => props.setDays(e.target.value)}
          />
        )}
      </Field>
    </>
  );
}

/**
 * The organiser's meeting-feedback survey: open it (after a confirmation: one mail per attendee), then follow
 * the answers, change the closing time or the reminder delay, or close it now.
 */
export function FeedbackSurveyPage({ eventId, timezone }: { eventId: string; timezone: string }): ReactNode {
  const { t, tn } = useI18n();
  const survey = useFeedbackSurvey(eventId);
  // Here, not in the form: the form goes once the survey is open, and the count of queued mails stays.
  const send = useOpenFeedbackSurvey(eventId);
  if (survey.error) return <ErrorBanner error={survey.error} />;
  if (!survey.data) return <Loading />;
  return (
    <section aria-labelledby="survey-title">
      <h1 id="survey-title">{t('survey.title')}</h1>
      <p className="hint">{t('survey.hint')}</p>
      {send.data ? <Notice>{tn('survey.sent', send.data.queued)}</Notice> : null}
      {survey.data.state === 'not-sent' ? (
        <OpenSurvey send={send} />
      ) : (
        <SurveyStatus eventId={eventId} survey={survey.data} timezone={timezone} />
      )}
      {survey.data.state !== 'not-sent' ? <EvaluationResults eventId={eventId} /> : null}
      {survey.data.state !== 'not-sent' ? <ImpactReportPanel eventId={eventId} /> : null}
      <FollowUpPlanPanel eventId={eventId} timezone={timezone} />
      <EvaluationEditor eventId={eventId} />
    </section>
  );
}

function OpenSurvey({ send }: { send: ReturnType<typeof useOpenFeedbackSurvey> }): ReactNode {
  const { t } = useI18n();
  const [closes, setCloses] = useState(() => localInput(new Date(Date.now() + 14 * 86_400_000).toISOString()));
  const [days, setDays] = useState('5');
  const dialog = useConfirm();
  const { setConfirming, openRef } = dialog;
  function ask(e: FormEvent): void {
    e.preventDefault();
    send.reset();
    setConfirming(true);
  }
  const confirm = (): void =>
    send.mutate(
      { closesAt: fromLocalInput(closes), reminderAfterDays: Number(days) },
      { onSettled: () => setConfirming(false) },
    );
  return (
    <form className="card" onSubmit={ask} noValidate aria-label={t('survey.open')}>
      <TimingFields closes={closes} setCloses={setCloses} days={days} setDays={setDays} error={send.error} />
      <div className="actions">
        <button ref={openRef} type="submit" className="primary" aria-expanded={dialog.confirming}>
          {t('survey.open')}
        </button>
      </div>
      <ConfirmDialog
        confirm={dialog}
        text={t('survey.openConfirm')}
        yes={t('survey.openYes')}
        busy={send.isPending}
        busyText={t('survey.sending')}
        onYes={confirm}
      />
      <ErrorBanner error={send.error} />
    </form>
  );
}

function SurveyStatus({
  eventId,
  survey: s,
  timezone,
}: {
  eventId: string;
  survey: FeedbackSurvey;
  timezone: string;
}): ReactNode {
  const { t, tn, formatDate, formatTime } = useI18n();
  const update = useUpdateFeedbackSurvey(eventId);
  const [closes, setCloses] = useState(() => localInput(s.closesAt ?? new Date().toISOString()));
  const [days, setDays] = useState(String(s.reminderAfterDays ?? 5));
  const [closingNow, setClosingNow] = useState(false);
  const when = (iso: string | null): string =>
    iso ? `${formatDate(iso, timezone)} ${formatTime(iso, timezone)}` : '–';
  const rate = s.attendees ? Math.round(((s.responded ?? 0) / s.attendees) * 100) : 0;
  function submit(e: FormEvent): void {
    e.preventDefault();
    update.mutate({ closesAt: fromLocalInput(closes), reminderAfterDays: Number(days) });
  }
  return (
    <>
      <div className="card">
        <p className={s.state === 'open' ? 'banner banner-ok' : 'banner'} role="status">
          {t(`survey.state.${s.state}` as MessageKey, { closes: when(s.closesAt) })}
        </p>
        <dl className="stats">
          <div>
            <dt>{t('survey.sentAt')}</dt>
            <dd>{when(s.sentAt)}</dd>
          </div>
          <div>
            <dt>{t('survey.reminder')}</dt>
            <dd>
              {s.remindedAt
                ? t('survey.remindedAt', { at: when(s.remindedAt) })
                : tn('survey.reminderDue', s.reminderAfterDays ?? 0)}
            </dd>
          </div>
          <div>
            <dt>{t('survey.responded')}</dt>
            <dd>{t('survey.respondedOf', { n: s.responded ?? 0, of: s.attendees ?? 0, rate })}</dd>
          </div>
          <div>
            <dt>{t('survey.answers')}</dt>
            <dd>{s.answers ?? 0}</dd>
          </div>
        </dl>
        <progress value={rate} max={100} aria-label={t('survey.responded')} />
      </div>
      <form className="card" onSubmit={submit} noValidate aria-label={t('survey.change')}>
        <TimingFields closes={closes} setCloses={setCloses} days={days} setDays={setDays} error={update.error} />
        <ErrorBanner error={update.error} />
        {update.isSuccess ? <Notice>{t('common.saved')}</Notice> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={update.isPending}>
            {t('common.save')}
          </button>
          {s.state === 'open' ? (
            closingNow ? (
              <span role="alertdialog" aria-label={t('survey.closeNow')} className="confirm">
                {t('survey.closeConfirm')}{' '}
                <button
                  type="button"
                  disabled={update.isPending}
                  onClick={() =>
                    update.mutate({ closesAt: new Date().toISOString() }, { onSettled: () => setClosingNow(false) })
                  }
                >
                  {t('survey.closeYes')}
                </button>{' '}
                <button type="button" onClick={() => setClosingNow(false)}>
                  {t('common.cancel')}
                </button>
              </span>
            ) : (
              <button type="button" onClick={() => setClosingNow(true)}>
                {t('survey.closeNow')}
              </button>
            )
          ) : null}
        </div>
      </form>
    </>
  );
}
