import { useState, type ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { isFinished, useLatestSolveJob, useSolveJob, useSolveJobs, useStartSolve, type Job } from '../../api/schedule';
import { ErrorBanner, Field } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';

const PHASES = ['construct', 'bound', 'improve', 'gaps', 'done'];

/** What a job is doing, in plain words: no internal phase names, no "100% · done · done". */
export function useJobText(): (job: Job) => string {
  const { t } = useI18n();
  return (job) => {
    switch (job.state) {
      case 'queued':
        return t('solve.queued');
      case 'running':
        return t('solve.running', {
          pct: Math.round(job.percent),
          phase:
            job.phase && PHASES.includes(job.phase) ? t(`solve.phase.${job.phase}` as MessageKey) : t('job.running'),
        });
      case 'done':
        return job.version ? t('solve.finished', { n: job.version.number }) : t('solve.finishedNoVersion');
      case 'failed':
        return t('solve.failed');
      default:
        return t('solve.interrupted');
    }
  };
}

/**
 * Start a solve and follow it live: percent, best objective so far, bound. The job is in the URL (`?job=`)
 * and in the query cache, so the page shows it again after a reload or a visit to another page.
 */
export function SolvePage({ eventId, pollMs = 400 }: { eventId: string; pollMs?: number }): ReactNode {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const latest = useLatestSolveJob(eventId);
  // A job still running on the service (started in another tab, or before a reload) is shown again.
  const recent = useSolveJobs(eventId);
  const runningElsewhere = recent.data?.find((j) => !isFinished(j))?.id ?? null;
  const jobId = search.get('job') ?? latest ?? runningElsewhere;
  const jobText = useJobText();
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
              {t('solve.progress')}: <span data-testid="job-text">{jobText(job)}</span>
            </label>
            <progress id="solve-progress" max={100} value={job.state === 'done' ? 100 : pct}>
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
