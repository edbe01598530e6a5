import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useAnswerFeedback, useMyFeedback, type FeedbackMeeting, type NextStep } from '../../api/feedback';
import { nextStepValues } from '../../api/schema';
import { ErrorBanner, Field, InlineErrors, Loading, Notice } from '../../components/ui';
import { EvaluationSection } from './EvaluationForm';
import { useI18n, type MessageKey } from '../../i18n';

const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * After the event: the attendee's meetings, each with its own small form (held or not, usefulness 1-5, next
 * step, a note). Answers can change until the survey closes; the other party never sees them.
 */
export function FeedbackPage({ eventId, timezone }: { eventId: string; timezone: string }): ReactNode {
  const { t, tn, formatDate, formatTime } = useI18n();
  const mine = useMyFeedback(eventId);
  if (mine.error) return <ErrorBanner error={mine.error} />;
  if (!mine.data) return <Loading />;
  const { survey, meetings } = mine.data;
  const open = survey.state === 'open';
  const answered = meetings.filter((m) => m.feedback !== null).length;
  return (
    <section aria-labelledby="feedback-title" className="feedback">
      <h1 id="feedback-title">{t('feedback.title')}</h1>
      {survey.state === 'not-sent' ? <p className="banner">{t('feedback.notOpen')}</p> : null}
      {survey.state === 'closed' ? <p className="banner">{t('feedback.closed')}</p> : null}
      {open ? (
        <p className="hint">
          {t('feedback.hint', {
            closes: `${formatDate(survey.closesAt ?? '', timezone)} ${formatTime(survey.closesAt ?? '', timezone)}`,
          })}
        </p>
      ) : null}
      {meetings.length === 0 ? <p>{t('feedback.none')}</p> : null}
      {meetings.length > 0 ? (
        <p className="muted" role="status">
          {tn('feedback.progress', meetings.length, { done: answered })}
        </p>
      ) : null}
      {meetings.map((m) => (
        <MeetingForm key={m.meetingId} eventId={eventId} meeting={m} timezone={timezone} disabled={!open} />
      ))}
      {meetings.length > 0 ? <EvaluationSection eventId={eventId} disabled={!open} /> : null}
    </section>
  );
}

function MeetingForm({
  eventId,
  meeting: m,
  timezone,
  disabled,
}: {
  eventId: string;
  meeting: FeedbackMeeting;
  timezone: string;
  disabled: boolean;
}): ReactNode {
  const { t, formatDate, formatTime } = useI18n();
  const ids = useId();
  const save = useAnswerFeedback(eventId, m.meetingId);
  const [held, setHeld] = useState<boolean | null>(m.feedback?.held ?? null);
  const [usefulness, setUsefulness] = useState<number | null>(m.feedback?.usefulness ?? null);
  const [nextStep, setNextStep] = useState<NextStep | ''>(m.feedback?.nextStep ?? '');
  const [note, setNote] = useState(m.feedback?.note ?? '');
  const title = t('feedback.meeting', {
    with: m.otherClusters.join(', '),
    when: `${formatDate(m.startsAt, timezone)} ${formatTime(m.startsAt, timezone)}`,
    table: m.tableName,
  });
  const touched = (): void => save.reset();
  function submit(e: FormEvent): void {
    e.preventDefault();
    if (held === null) return;
    save.mutate({
      held,
      ...(held ? { usefulness } : {}),
      nextStep: nextStep === '' ? null : nextStep,
      note,
    });
  }
  return (
    <form className="card feedback-meeting" aria-labelledby={`${ids}-title`} onSubmit={submit} noValidate>
      <h2 id={`${ids}-title`}>{title}</h2>
      {m.feedback ? null : <p className="muted">{t('feedback.unanswered')}</p>}
      <fieldset disabled={disabled}>
        <legend>{t('feedback.held')}</legend>
        <div className="choices">
          {[true, false].map((v) => (
            <label key={String(v)}>
              <input
                type="radio"
                name={`${ids}-held`}
                checked={held === v}
                onChange={() => {
                  setHeld(v);
                  if (!v) setUsefulness(null);
                  touched();
                }}
              />{' '}
              {v ? t('feedback.heldYes') : t('feedback.heldNo')}
            </label>
          ))}
        </div>
      </fieldset>
      {held ? (
        <fieldset disabled={disabled}>
          <legend>{t('feedback.usefulness')}</legend>
          <div className="choices scores">
            {SCORES.map((s) => (
              <label key={s}>
                <input
                  type="radio"
                  name={`${ids}-score`}
                  checked={usefulness === s}
                  onChange={() => {
                    setUsefulness(s);
                    touched();
                  }}
                />{' '}
                {t(`feedback.score.${s}` as MessageKey)}
              </label>
            ))}
          </div>
          <InlineErrors error={save.error} path="usefulness" />
        </fieldset>
      ) : null}
      <Field label={t('feedback.nextStep')} error={save.error} path="nextStep">
        {(id, describedBy, invalid) => (
          <select
            id={id}
            value={nextStep}
            disabled={disabled}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => {
              setNextStep(e.target.value as NextStep | '');
              touched();
            }}
          >
            <option value="">{t('feedback.nextStep.unset')}</option>
            {nextStepValues.map((s) => (
              <option key={s} value={s}>
                {t(`feedback.nextStep.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('feedback.note')} error={save.error} path="note" hint={t('feedback.noteHint')}>
        {(id, describedBy, invalid) => (
          <textarea
            id={id}
            rows={3}
            maxLength={2000}
            value={note}
            disabled={disabled}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => {
              setNote(e.target.value);
              touched();
            }}
          />
        )}
      </Field>
      <ErrorBanner error={save.error} />
      {save.isSuccess ? <Notice>{t('common.saved')}</Notice> : null}
      <button type="submit" className="primary" disabled={disabled || held === null || save.isPending}>
        {save.isPending ? t('feedback.saving') : t('common.save')}
      </button>
    </form>
  );
}
