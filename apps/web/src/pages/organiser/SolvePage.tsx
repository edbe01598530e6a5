import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../../lib/api';
import { navigate } from '../../lib/router';
import type { JobView } from '../../lib/types';
import { ErrorBanner, Field } from '../../components/ui';
import { useI18n } from '../../i18n';

/** A job in one of these states changes no more (`interrupted`: the service stopped while it ran). */
const ENDED = new Set(['done', 'failed', 'interrupted']);

/** Start a solve and follow it live: percent, best objective so far, bound. */
export function SolvePage({ eventId, pollMs = 400 }: { eventId: string; pollMs?: number }): ReactNode {
  const { t } = useI18n();
  const [seconds, setSeconds] = useState(5);
  const [jobId, setJobId] = useState<string | null>(null);
  const [job, setJob] = useState<JobView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!jobId) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (): Promise<void> => {
      try {
        const j = await api<JobView>(`/events/${eventId}/schedule/jobs/${jobId}`);
        if (!live) return;
        setJob(j);
        if (!ENDED.has(j.state)) timer = setTimeout(() => void poll(), pollMs);
      } catch (e) {
        if (live) setError(e);
      }
    };
    void poll();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [eventId, jobId, pollMs]);

  const start = async (mode: 'solve' | 'resolve'): Promise<void> => {
    setBusy(true);
    setError(null);
    setJob(null);
    try {
      const r = await api<{ jobId: string }>(`/events/${eventId}/schedule/${mode}`, {
        body: { timeLimitSeconds: seconds },
      });
      setJobId(r.jobId);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const running = job !== null && !ENDED.has(job.state);
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
          <button type="button" className="primary" disabled={busy || running} onClick={() => void start('solve')}>
            {t('solve.start')}
          </button>
          <button type="button" disabled={busy || running} onClick={() => void start('resolve')}>
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
                onClick={() => navigate(`/review?version=${job.version?.id ?? ''}`)}
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
