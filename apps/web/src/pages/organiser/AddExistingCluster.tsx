import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useParticipantCandidates, useRegisterCluster } from '../../api/participants';
import { ErrorBanner, Loading, Notice } from '../../components/ui';
import { useI18n } from '../../i18n';

/**
 * Issue 9, item 2: add a cluster the organisation already has (from an earlier event) to this event. Searches the
 * organisation's clusters not in the event yet; adding one brings its delegates along.
 */
export function AddExistingCluster({ eventId, onDone }: { eventId: string; onDone: () => void }): ReactNode {
  const { t, tn } = useI18n();
  const titleId = useId();
  const searchId = useId();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const candidates = useParticipantCandidates(eventId, q);
  const add = useRegisterCluster(eventId);
  const [added, setAdded] = useState<string | null>(null);
  const search = (e: FormEvent): void => {
    e.preventDefault();
    setQ(typed.trim());
  };
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('participants.existingTitle')}</h2>
      <form className="filters" role="search" onSubmit={search}>
        <label htmlFor={searchId}>{t('participants.existingSearch')}</label>
        <input id={searchId} type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />
        <button type="submit">{t('participants.search')}</button>
      </form>
      {added ? <Notice>{t('participants.existingAdded', { name: added })}</Notice> : null}
      <ErrorBanner error={candidates.error ?? add.error} />
      {!candidates.data ? <Loading /> : null}
      {candidates.data?.items.length === 0 ? <p>{t('participants.existingNone')}</p> : null}
      {candidates.data && candidates.data.items.length > 0 ? (
        <>
          <p className="muted">{tn('participants.existingCount', candidates.data.total)}</p>
          <ul className="candidate-list">
            {candidates.data.items.map((c) => (
              <li key={c.id}>
                <span>
                  <strong>{c.name}</strong> <span className="muted">{c.country}</span>
                  <br />
                  <small className="muted">
                    {tn('participants.existingDelegates', c.delegates)}
                    {c.lastEventName ? ` · ${t('participants.existingLast', { event: c.lastEventName })}` : ''}
                  </small>
                </span>
                <button
                  type="button"
                  disabled={add.isPending}
                  aria-label={t('participants.existingAddOne', { name: c.name })}
                  onClick={() =>
                    add.mutate(c.id, {
                      onSuccess: () => setAdded(c.name),
                    })
                  }
                >
                  {add.isPending && add.variables === c.id ? t('events.working') : t('participants.existingAdd')}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="actions">
        <button type="button" onClick={onDone}>
          {t('participants.existingClose')}
        </button>
      </div>
    </section>
  );
}
