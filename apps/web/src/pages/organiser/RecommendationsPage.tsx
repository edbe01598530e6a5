import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useNudge, useRecommendationOverview } from '../../api/recommendations';
import { ConfirmDialog, ErrorBanner, Field, Loading, Notice, useConfirm } from '../../components/ui';
import { useI18n, type Lang } from '../../i18n';

/**
 * Issue 12, the organiser's view: clusters with few or no requests, each with its best suggestions and why, and a
 * nudge that mails the chosen clusters' delegates their top suggestions (after a confirmation).
 */
export function RecommendationsPage({ eventId }: { eventId: string }): ReactNode {
  const { t, tn, lang } = useI18n();
  const [maxRequests, setMaxRequests] = useState(1);
  const [selected, setSelected] = useState<string[]>([]);
  const overview = useRecommendationOverview(eventId, maxRequests, lang);
  const rows = overview.data?.clusters ?? [];
  const toggle = (id: string): void => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const chosen = selected.filter((id) => rows.some((r) => r.clusterId === id));
  return (
    <section aria-labelledby="recs-title">
      <h1 id="recs-title">{t('overview.title')}</h1>
      <p className="muted">{t('overview.intro')}</p>
      <div className="card filters">
        <Field label={t('overview.maxRequests')}>
          {(id) => (
            <select id={id} value={maxRequests} onChange={(e) => setMaxRequests(Number(e.target.value))}>
              {[0, 1, 2, 3, 5].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ErrorBanner error={overview.error} />
      {!overview.data ? (
        <Loading />
      ) : (
        <>
          <p className="muted" role="status">
            {tn('overview.count', rows.length)}
          </p>
          {overview.data.deadlinePassed ? <Notice>{t('overview.deadlinePassed')}</Notice> : null}
          {rows.length === 0 ? <p>{t('overview.none')}</p> : null}
          {rows.length > 0 && !overview.data.deadlinePassed ? (
            <NudgeButton eventId={eventId} clusterIds={chosen} onDone={() => setSelected([])} />
          ) : null}
          <ul className="cards">
            {rows.map((c) => (
              <li key={c.clusterId}>
                <article className="card" aria-labelledby={`ov-${c.clusterId}`}>
                  <header>
                    <h2 id={`ov-${c.clusterId}`}>
                      <Link to={`/clusters/${c.clusterId}`}>{c.clusterName}</Link>
                    </h2>
                    <span className="muted">{c.country}</span>
                  </header>
                  <p className="muted">
                    {tn('overview.requests', c.requests)} · {tn('overview.delegates', c.delegates)} ·{' '}
                    {c.lastNudgedAt
                      ? t('overview.lastNudged', { date: new Date(c.lastNudgedAt).toLocaleString(lang) })
                      : t('overview.neverNudged')}
                  </p>
                  {c.suggestions.length === 0 ? (
                    <p>{t('overview.noSuggestions')}</p>
                  ) : (
                    <ol className="suggestion-list">
                      {c.suggestions.map((s) => (
                        <li key={s.clusterId}>
                          <strong>{s.clusterName}</strong> <span className="muted">{s.country}</span>
                          <ul className="reasons">
                            {s.reasons.map((r) => (
                              <li key={r}>{r}</li>
                            ))}
                          </ul>
                        </li>
                      ))}
                    </ol>
                  )}
                  {!overview.data.deadlinePassed && c.suggestions.length > 0 && c.delegates > 0 ? (
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={selected.includes(c.clusterId)}
                        onChange={() => toggle(c.clusterId)}
                      />{' '}
                      {t('overview.select', { name: c.clusterName })}
                    </label>
                  ) : null}
                </article>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** "Nudge selected": asks first, shows progress, then how many mails were queued. */
function NudgeButton({
  eventId,
  clusterIds,
  onDone,
}: {
  eventId: string;
  clusterIds: string[];
  onDone: () => void;
}): ReactNode {
  const { t, tn, lang } = useI18n();
  const dialog = useConfirm();
  const { setConfirming, openRef } = dialog;
  const [language, setLanguage] = useState<Lang>(lang);
  const nudge = useNudge(eventId);
  const confirm = (): void =>
    nudge.mutate(
      { clusterIds, language, limit: 3 },
      {
        onSuccess: onDone,
        onSettled: () => {
          setConfirming(false);
          openRef.current?.focus();
        },
      },
    );
  const n = clusterIds.length;
  return (
    <div className="card nudge">
      <div className="actions">
        <Field label={t('overview.language')}>
          {(id) => (
            <select id={id} value={language} onChange={(e) => setLanguage(e.target.value as Lang)}>
              <option value="en">English</option>
              <option value="da">Dansk</option>
            </select>
          )}
        </Field>
        <button
          ref={openRef}
          type="button"
          className="primary"
          disabled={n === 0}
          aria-expanded={dialog.confirming}
          onClick={() => {
            nudge.reset();
            setConfirming(true);
          }}
        >
          {tn('overview.nudge', n)}
        </button>
      </div>
      <ConfirmDialog
        confirm={dialog}
        text={tn('overview.nudgeConfirm', n)}
        yes={t('overview.nudgeYes')}
        busy={nudge.isPending}
        busyText={t('overview.sending')}
        onYes={confirm}
      />
      <ErrorBanner error={nudge.error} />
      {nudge.data ? (
        <Notice>
          {tn('overview.queued', nudge.data.queued)}
          {nudge.data.skipped.length > 0 ? ` ${t('overview.skipped', { n: nudge.data.skipped.length })}` : ''}
        </Notice>
      ) : null}
    </div>
  );
}
