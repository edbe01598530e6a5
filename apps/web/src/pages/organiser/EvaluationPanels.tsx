import { useState, type ReactNode } from 'react';
import {
  useEvaluation,
  useEvaluationResults,
  useSetEvaluationQuestions,
  type EvaluationQuestion,
  type QuestionDraft,
  type QuestionResult,
} from '../../api/feedback';
import { questionKindValues } from '../../api/schema';
import { BarChart } from '../../components/BarChart';
import { ErrorBanner, Field, InlineErrors, Loading, Notice } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';

interface Draft {
  kind: QuestionDraft['kind'];
  en: string;
  da: string;
  /** One option per line. */
  optionsEn: string;
  optionsDa: string;
}

const lines = (s: string): string[] =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

const toDraft = (q: EvaluationQuestion): Draft => ({
  kind: q.kind,
  en: q.text.en,
  da: q.text.da,
  optionsEn: q.options.map((o) => o.en).join('\n'),
  optionsDa: q.options.map((o) => o.da).join('\n'),
});

/** The organiser writes the evaluation questions (English and Danish); they freeze once anyone has answered. */
export function EvaluationEditor({ eventId }: { eventId: string }): ReactNode {
  const evaluation = useEvaluation(eventId);
  if (evaluation.error) return <ErrorBanner error={evaluation.error} />;
  if (!evaluation.data) return <Loading />;
  return <Editor eventId={eventId} initial={evaluation.data.questions.map(toDraft)} />;
}

function Editor({ eventId, initial }: { eventId: string; initial: Draft[] }): ReactNode {
  const { t } = useI18n();
  const save = useSetEvaluationQuestions(eventId);
  const [drafts, setDrafts] = useState<Draft[]>(initial);
  const [mismatch, setMismatch] = useState<number | null>(null);
  const change = (i: number, d: Partial<Draft>): void => {
    setDrafts(drafts.map((x, k) => (k === i ? { ...x, ...d } : x)));
    save.reset();
  };
  function submit(): void {
    const bad = drafts.findIndex(
      (d) => (d.kind === 'single' || d.kind === 'multiple') && lines(d.optionsEn).length !== lines(d.optionsDa).length,
    );
    setMismatch(bad >= 0 ? bad : null);
    if (bad >= 0) return;
    save.mutate(
      drafts.map((d) => ({
        kind: d.kind,
        text: { en: d.en.trim(), da: d.da.trim() },
        ...(d.kind === 'single' || d.kind === 'multiple'
          ? { options: lines(d.optionsEn).map((en, k) => ({ en, da: lines(d.optionsDa)[k] ?? '' })) }
          : {}),
      })),
    );
  }
  return (
    <section className="card" aria-labelledby="eval-edit-title">
      <h2 id="eval-edit-title">{t('evaluation.editTitle')}</h2>
      <p className="hint">{t('evaluation.editHint')}</p>
      {drafts.map((d, i) => (
        <fieldset key={i} className="question-draft">
          <legend>{t('evaluation.question', { n: i + 1 })}</legend>
          <Field label={t('evaluation.kind')} error={save.error} path={`questions[${i}].kind`}>
            {(id) => (
              <select id={id} value={d.kind} onChange={(e) => change(i, { kind: e.target.value as Draft['kind'] })}>
                {questionKindValues.map((k) => (
                  <option key={k} value={k}>
                    {t(`evaluation.kind.${k}` as MessageKey)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('evaluation.textEn')} error={save.error} path={`questions[${i}].text.en`}>
            {(id, describedBy, invalid) => (
              <input
                id={id}
                value={d.en}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => change(i, { en: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('evaluation.textDa')} error={save.error} path={`questions[${i}].text.da`}>
            {(id, describedBy, invalid) => (
              <input
                id={id}
                value={d.da}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => change(i, { da: e.target.value })}
              />
            )}
          </Field>
          {d.kind === 'single' || d.kind === 'multiple' ? (
            <>
              <Field label={t('evaluation.optionsEn')} hint={t('evaluation.optionsHint')}>
                {(id, describedBy) => (
                  <textarea
                    id={id}
                    rows={3}
                    value={d.optionsEn}
                    aria-describedby={describedBy}
                    onChange={(e) => change(i, { optionsEn: e.target.value })}
                  />
                )}
              </Field>
              <Field label={t('evaluation.optionsDa')}>
                {(id) => (
                  <textarea
                    id={id}
                    rows={3}
                    value={d.optionsDa}
                    onChange={(e) => change(i, { optionsDa: e.target.value })}
                  />
                )}
              </Field>
              {mismatch === i ? (
                <div className="field-error" role="alert">
                  {t('evaluation.optionsMismatch')}
                </div>
              ) : null}
              <InlineErrors error={save.error} path={`questions[${i}].options`} />
            </>
          ) : null}
          <button type="button" onClick={() => setDrafts(drafts.filter((_, k) => k !== i))}>
            {t('evaluation.remove')}
          </button>
        </fieldset>
      ))}
      <ErrorBanner error={save.error} />
      {save.isSuccess ? <Notice>{t('common.saved')}</Notice> : null}
      <div className="actions">
        <button
          type="button"
          disabled={drafts.length >= 20}
          onClick={() => setDrafts([...drafts, { kind: 'scale', en: '', da: '', optionsEn: '', optionsDa: '' }])}
        >
          {t('evaluation.add')}
        </button>
        <button type="button" className="primary" disabled={save.isPending} onClick={submit}>
          {t('evaluation.saveQuestions')}
        </button>
      </div>
    </section>
  );
}

/** The results per question: plain SVG bars (scale points, options), the scale's mean, the free texts. */
export function EvaluationResults({ eventId }: { eventId: string }): ReactNode {
  const { t } = useI18n();
  const results = useEvaluationResults(eventId);
  if (results.error) return <ErrorBanner error={results.error} />;
  if (!results.data) return <Loading />;
  const r = results.data;
  if (r.questions.length === 0) return null;
  return (
    <section className="card" aria-labelledby="eval-results-title">
      <h2 id="eval-results-title">{t('evaluation.results')}</h2>
      <p className="muted">{t('evaluation.respondents', { n: r.respondents, of: r.attendees })}</p>
      <div className="charts">
        {r.questions.map((q) => (
          <QuestionChart key={q.id} q={q} />
        ))}
      </div>
    </section>
  );
}

function QuestionChart({ q }: { q: QuestionResult }): ReactNode {
  const { t, tn, lang } = useI18n();
  const title = `${q.text[lang]} (${tn('evaluation.answered', q.answered)})`;
  if (q.kind === 'text')
    return (
      <figure className="chart">
        <figcaption>{title}</figcaption>
        {q.texts.length ? (
          <ul>
            {q.texts.map((x, i) => (
              <li key={i}>{x}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('evaluation.noTexts')}</p>
        )}
      </figure>
    );
  return (
    <div>
      <BarChart title={title} unit="" bars={q.counts.map((c) => ({ label: c.label[lang], value: c.count }))} />
      {q.mean !== null ? <p className="muted">{t('evaluation.mean', { mean: q.mean.toFixed(2) })}</p> : null}
    </div>
  );
}
