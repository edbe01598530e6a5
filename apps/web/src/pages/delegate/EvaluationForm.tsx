import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useAnswerEvaluation, useEvaluation, type EvaluationAnswer, type EvaluationQuestion } from '../../api/feedback';
import { ErrorBanner, Notice } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';

type Drafts = Record<string, EvaluationAnswer>;

/** The event-evaluation survey on the feedback page: the organiser's questions in the chosen language. */
export function EvaluationSection({ eventId, disabled }: { eventId: string; disabled: boolean }): ReactNode {
  const evaluation = useEvaluation(eventId);
  if (evaluation.error) return <ErrorBanner error={evaluation.error} />;
  if (!evaluation.data || evaluation.data.questions.length === 0) return null;
  return (
    <EvaluationForm
      eventId={eventId}
      questions={evaluation.data.questions}
      initial={Object.fromEntries(evaluation.data.answers.map((a) => [a.questionId, a]))}
      disabled={disabled}
    />
  );
}

function EvaluationForm({
  eventId,
  questions,
  initial,
  disabled,
}: {
  eventId: string;
  questions: readonly EvaluationQuestion[];
  initial: Drafts;
  disabled: boolean;
}): ReactNode {
  const { t, lang } = useI18n();
  const ids = useId();
  const save = useAnswerEvaluation(eventId);
  const [drafts, setDrafts] = useState<Drafts>(initial);
  const set = (a: EvaluationAnswer): void => {
    setDrafts({ ...drafts, [a.questionId]: a });
    save.reset();
  };
  function submit(e: FormEvent): void {
    e.preventDefault();
    const answers = questions.flatMap((q) => {
      const a = drafts[q.id];
      if (!a) return [];
      if (q.kind === 'multiple' && (a.options ?? []).length === 0) return [];
      if (q.kind === 'text' && (a.text ?? '').trim() === '') return [];
      return [a];
    });
    save.mutate(answers);
  }
  return (
    <form className="card feedback-meeting" aria-labelledby={`${ids}-title`} onSubmit={submit} noValidate>
      <h2 id={`${ids}-title`}>{t('evaluation.title')}</h2>
      <p className="hint">{t('evaluation.hint')}</p>
      {questions.map((q) => {
        const a = drafts[q.id];
        const label = q.text[lang];
        return (
          <fieldset key={q.id} disabled={disabled}>
            <legend>{label}</legend>
            {q.kind === 'scale' ? (
              <div className="choices scores">
                {[1, 2, 3, 4, 5].map((n) => (
                  <label key={n}>
                    <input
                      type="radio"
                      name={`${ids}-${q.id}`}
                      checked={a?.scale === n}
                      onChange={() => set({ questionId: q.id, scale: n })}
                    />{' '}
                    {t(`evaluation.scale.${n}` as MessageKey)}
                  </label>
                ))}
              </div>
            ) : null}
            {q.kind === 'single' || q.kind === 'multiple' ? (
              <div className="choices">
                {q.options.map((o, k) => {
                  const picked = a?.options ?? [];
                  return (
                    <label key={k}>
                      <input
                        type={q.kind === 'single' ? 'radio' : 'checkbox'}
                        name={`${ids}-${q.id}`}
                        checked={q.kind === 'single' ? a?.option === k : picked.includes(k)}
                        onChange={(e) =>
                          set(
                            q.kind === 'single'
                              ? { questionId: q.id, option: k }
                              : {
                                  questionId: q.id,
                                  options: e.target.checked ? [...picked, k] : picked.filter((x) => x !== k),
                                },
                          )
                        }
                      />{' '}
                      {o[lang]}
                    </label>
                  );
                })}
              </div>
            ) : null}
            {q.kind === 'text' ? (
              <textarea
                rows={3}
                maxLength={2000}
                aria-label={label}
                value={a?.text ?? ''}
                onChange={(e) => set({ questionId: q.id, text: e.target.value })}
              />
            ) : null}
          </fieldset>
        );
      })}
      <ErrorBanner error={save.error} />
      {save.isSuccess ? <Notice>{t('common.saved')}</Notice> : null}
      <button type="submit" className="primary" disabled={disabled || save.isPending}>
        {save.isPending ? t('feedback.saving') : t('evaluation.save')}
      </button>
    </form>
  );
}
