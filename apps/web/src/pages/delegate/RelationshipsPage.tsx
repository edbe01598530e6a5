import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useRelationships, type Relationship } from '../../api/outcomes';
import { ErrorBanner, Loading } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';

/**
 * The cluster's relationships across events: every cluster it has met (or collaborates with), the meetings, what
 * its own attendees said of them, its latest follow-up answer and the collaborations of both.
 */
export function RelationshipsPage({ clusterId, timezone }: { clusterId: string; timezone: string }): ReactNode {
  const { t } = useI18n();
  const list = useRelationships(clusterId);
  if (list.error) return <ErrorBanner error={list.error} />;
  if (!list.data) return <Loading />;
  return (
    <section aria-labelledby="rel-title">
      <h1 id="rel-title">{t('rel.title')}</h1>
      <p className="hint">{t('rel.hint')}</p>
      {list.data.length === 0 ? <p>{t('rel.none')}</p> : null}
      {list.data.map((r) => (
        <RelationshipCard key={r.clusterId} r={r} timezone={timezone} />
      ))}
    </section>
  );
}

function RelationshipCard({ r, timezone }: { r: Relationship; timezone: string }): ReactNode {
  const { t, lang } = useI18n();
  const when = new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: timezone,
  });
  const f = r.feedback;
  return (
    <article className="card" aria-labelledby={`rel-${r.clusterId}`}>
      <h2 id={`rel-${r.clusterId}`}>
        <Link to={`/clusters/${r.clusterId}`}>{r.name}</Link> <span className="muted">{r.country}</span>
      </h2>
      {r.meetings.length ? (
        <ul>
          {r.meetings.map((m) => (
            <li key={m.meetingId}>
              {m.eventName}: {when.format(new Date(m.startsAt))}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        {f.answers
          ? t('rel.feedback', {
              held: f.held,
              answers: f.answers,
              usefulness: f.usefulness === null ? '–' : f.usefulness.toFixed(1),
            })
          : t('rel.noFeedback')}
        {f.nextSteps.length
          ? ` · ${f.nextSteps.map((s) => `${t(`feedback.nextStep.${s.nextStep}` as MessageKey)} (${s.count})`).join(', ')}`
          : ''}
      </p>
      {r.followUp ? (
        <p>
          {t('rel.followUp', {
            months: r.followUp.months,
            outcome: t(`followUp.outcome.${r.followUp.outcome}` as MessageKey),
          })}
          {r.followUp.note ? `: ${r.followUp.note}` : ''}
        </p>
      ) : null}
      {r.collaborations.length ? (
        <ul aria-label={t('rel.collaborations')}>
          {r.collaborations.map((c) => (
            <li key={c.id}>
              {c.title} · {t(`collab.type.${c.type}` as MessageKey)} · {t(`collab.status.${c.status}` as MessageKey)}
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
