import { useState, type ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { isFinished, useLatestSolveJob, useSolveJob, useStartSolve } from '../../api/schedule';
import { ErrorBanner, Field } from '../../components/ui';
import { useI18n } from '../../i18n';

/**
 * Start a solve and follow it live: percent, best objective so far, bound. The job is in the URL (`?job=`)
 * and in the query cache, so the page shows it again after a reload or a visit to another page.
 */
export function SolvePage({ eventId, pollMs = 400 }: { eventId: string; pollMs?: number }): ReactNode {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const latest = useLatestSolveJob(eventId);
  const jobId = search.get('job') ?? latest;
  const [seconds, setSeconds] = useState(5);
  const start = useStartSolve(eventId);
  const { data: job, error: pollError } = useSolveJob(eventId, jobId, pollMs);
  const error = start.error ?? pollError;

  const run = (mode: 'solve' | 'resolve'): void =>
    start.mutate(
      { mode, timeLimitSeconds: seconds },
      { onSuccess: (r) => setSearch({ job: r.jobId }, { replace: true }) },
    );

  const running = job !== undefined && !isFinished(job);
  const pct = Math.round(job?.percent ?? 0);
  return (
    <section aria-labelledby="solve-title">
      <h1 id="solve-title">{t('solve.title')}</h1>
      <div className="card">
        <Field label={t('solve.timeLimit')} error={error} path="timeLimitSeconds">
          {(id, d, inv) => (
            <input
              id={id}
              type="number"
              min={1}
              max={600}
              value={seconds}
              aria-describedby={d}
              aria-invalid={inv || undefined}
              onChange={(e) => setSeconds(Number(e.target.value))}
            />
          )}
        </Field>
        <div className="actions">
          <button type="button" className="primary" disabled={start.isPending || running} onClick={() => run('solve')}>
            {t('solve.start')}
          </button>
          <button type="button" disabled={start.isPending || running} onClick={() => run('resolve')}>
            {t('solve.resolve')}
          </button>
        </div>
        <p className="hint">{t('solve.resolveHint')}</p>
        <ErrorBanner error={error} />
        {job ? (
          <div className="progress-box" aria-live="polite">
            <label htmlFor="solve-progress">
              {t('solve.progress')}: {pct}% · {t(`job.${job.state}` as 'job.running')}
              {job.phase ? ` · ${job.phase}` : ''}
            </label>
            <progress id="solve-progress" max={100} value={pct}>
              {pct}%
            </progress>
            <dl className="stats">
              <div>
                <dt>{t('review.objective')}</dt>
                <dd data-testid="job-objective">{job.objective ?? '–'}</dd>
              </div>
              <div>
                <dt>{t('review.bound')}</dt>
                <dd data-testid="job-bound">{job.bound ?? '–'}</dd>
              </div>
            </dl>
            {job.error ? <p className="field-error">{job.error}</p> : null}
            {job.state === 'done' && job.version ? (
              <button
                type="button"
                className="primary"
                onClick={() => void navigate(`/review?version=${job.version?.id ?? ''}`)}
              >
                {t('solve.review', { n: job.version.number })}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
