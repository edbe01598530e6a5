import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import {
  useAnswerFollowUp,
  useFollowUpPage,
  type FollowUpOutcome,
  type FollowUpRelationship,
} from '../../api/outcomes';
import { followUpOutcomeValues } from '../../api/schema';
import { ErrorBanner, Field, Loading, Notice } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';

/**
 * Months after the event: what came of each relationship the cluster started there. The answers belong to the
 * cluster (any of its delegates sees and changes them); a collaboration is recorded on the Collaborations page.
 */
export function FollowUpPage({ eventId, clusterId }: { eventId: string; clusterId: string }): ReactNode {
  const { t } = useI18n();
  const page = useFollowUpPage(eventId, clusterId);
  if (page.error) return <ErrorBanner error={page.error} />;
  if (!page.data) return <Loading />;
  const p = page.data;
  return (
    <section aria-labelledby="follow-up-title">
      <h1 id="follow-up-title">{t('followUp.title', { event: p.eventName })}</h1>
      <p className="hint">
        {p.round > 0 ? t('followUp.round', { months: p.round }) : t('followUp.noRound')} {t('followUp.belongs')}
      </p>
      {p.relationships.length === 0 ? <p>{t('followUp.none')}</p> : null}
      {p.relationships.map((r) => (
        <RelationshipCard key={r.clusterId} eventId={eventId} clusterId={clusterId} round={p.round} r={r} />
      ))}
    </section>
  );
}

function RelationshipCard({
  eventId,
  clusterId,
  round,
  r,
}: {
  eventId: string;
  clusterId: string;
  round: number;
  r: FollowUpRelationship;
}): ReactNode {
  const { t } = useI18n();
  const save = useAnswerFollowUp(eventId, clusterId, r.clusterId);
  const current = r.answers.find((a) => a.months === round);
  const [outcome, setOutcome] = useState<FollowUpOutcome | ''>(current?.outcome ?? '');
  const [note, setNote] = useState(current?.note ?? '');
  const earlier = r.answers.filter((a) => a.months !== round);
  function submit(e: FormEvent): void {
    e.preventDefault();
    if (outcome !== '') save.mutate({ outcome, note: note.trim() });
  }
  const titleId = `fu-${r.clusterId}`;
  return (
    <form className="card" onSubmit={submit} aria-labelledby={titleId} noValidate>
      <h2 id={titleId}>
        <Link to={`/clusters/${r.clusterId}`}>{r.name}</Link> <span className="muted">{r.country}</span>
      </h2>
      <p className="muted">{t('followUp.meetings', { n: r.meetings })}</p>
      <fieldset>
        <legend>{t('followUp.question')}</legend>
        <div className="choices">
          {followUpOutcomeValues.map((o) => (
            <label key={o}>
              <input
                type="radio"
                name={`outcome-${r.clusterId}`}
                value={o}
                checked={outcome === o}
                onChange={() => setOutcome(o)}
              />{' '}
              {t(`followUp.outcome.${o}` as MessageKey)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field label={t('followUp.note')} error={save.error} path="note">
        {(id, describedBy, invalid) => (
          <textarea
            id={id}
            value={note}
            maxLength={2000}
            rows={2}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setNote(e.target.value)}
          />
        )}
      </Field>
      {outcome === 'collaboration' && r.collaborations.length === 0 ? (
        <p>
          <Link to="/collaborations">{t('followUp.record')}</Link>
        </p>
      ) : null}
      {r.collaborations.length ? (
        <ul>
          {r.collaborations.map((c) => (
            <li key={c.id}>
              {c.title} · {t(`collab.type.${c.type}` as MessageKey)} · {t(`collab.status.${c.status}` as MessageKey)}
            </li>
          ))}
        </ul>
      ) : null}
      {earlier.length ? (
        <p className="muted">
          {earlier
            .map((a) =>
              t('followUp.earlier', {
                months: a.months,
                outcome: t(`followUp.outcome.${a.outcome}` as MessageKey),
              }),
            )
            .join(' · ')}
        </p>
      ) : null}
      <ErrorBanner error={save.error} />
      {save.isSuccess ? <Notice>{t('common.saved')}</Notice> : null}
      <button type="submit" className="primary" disabled={outcome === '' || save.isPending}>
        {save.isPending ? t('followUp.saving') : t('followUp.save')}
      </button>
    </form>
  );
}
