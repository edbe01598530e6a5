import { isLabelExpired } from '../../lib/labels';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { type Schema } from '../../api/client';
import { excellenceLabelValues } from '../../api/schema';
import { useCluster, useClusterDelegates, useDirectory, useTaxonomy, type Cluster } from '../../api/clusters';
import type { Delegate } from '../../api/delegates';
import { useNotInterested, useRecommendations } from '../../api/recommendations';
import { useRelationships } from '../../api/outcomes';
import { useCreateRequest } from '../../api/requests';
import { useDraft } from '../../lib/draft';
import { ErrorBanner, Field, InlineErrors, InterestSelect, Loading, Notice } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';
import { useSession } from '../../lib/session';
import { ClusterHistory } from './ClusterHistory';

type Label = Schema<'ExcellenceLabel'>;

interface Filters {
  q: string;
  sector: string;
  technology: string;
  country: string;
  label: Label | '';
}

const EMPTY: Filters = { q: '', sector: '', technology: '', country: '', label: '' };

/** Browse and search the clusters of the event; request a meeting from a card. */
export function DirectoryPage({ eventId, ownClusterId }: { eventId: string; ownClusterId: string | null }): ReactNode {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const terms = useTaxonomy();
  const page = useDirectory(eventId, filters);
  const own = useClusterDelegates(ownClusterId);
  // "Met before": clusters the asker's cluster met at another event.
  const relationships = useRelationships(ownClusterId);
  const metBefore = new Set(
    (relationships.data ?? []).filter((r) => r.eventIds.some((e) => e !== eventId)).map((r) => r.clusterId),
  );

  const apply = (e: FormEvent): void => {
    e.preventDefault();
    setFilters(draft);
  };
  const termOptions = (kind: 'sector' | 'technology'): ReactNode =>
    (terms.data ?? [])
      .filter((x) => x.kind === kind)
      .map((x) => (
        <option key={x.id} value={x.name}>
          {x.name}
        </option>
      ));

  return (
    <section aria-labelledby="dir-title">
      <h1 id="dir-title">{t('directory.title')}</h1>
      {ownClusterId ? <Suggestions eventId={eventId} clusterId={ownClusterId} ownDelegates={own.data ?? []} /> : null}
      <form className="card filters" role="search" onSubmit={apply} aria-label={t('directory.filters')}>
        <Field label={t('directory.search')} error={page.error} path="q">
          {(id, d) => (
            <input
              id={id}
              type="search"
              value={draft.q}
              aria-describedby={d}
              onChange={(e) => setDraft({ ...draft, q: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('cluster.sector')} error={page.error} path="sector">
          {(id, d) => (
            <select
              id={id}
              value={draft.sector}
              aria-describedby={d}
              onChange={(e) => setDraft({ ...draft, sector: e.target.value })}
            >
              <option value="">{t('common.any')}</option>
              {termOptions('sector')}
            </select>
          )}
        </Field>
        <Field label={t('cluster.technology')} error={page.error} path="technology">
          {(id, d) => (
            <select
              id={id}
              value={draft.technology}
              aria-describedby={d}
              onChange={(e) => setDraft({ ...draft, technology: e.target.value })}
            >
              <option value="">{t('common.any')}</option>
              {termOptions('technology')}
            </select>
          )}
        </Field>
        <Field label={t('cluster.country')} error={page.error} path="country" hint={t('directory.countryHint')}>
          {(id, d, inv) => (
            <input
              id={id}
              value={draft.country}
              aria-describedby={d}
              aria-invalid={inv || undefined}
              onChange={(e) => setDraft({ ...draft, country: e.target.value.toUpperCase() })}
            />
          )}
        </Field>
        <Field label={t('cluster.maturity')} error={page.error} path="label">
          {(id, d) => (
            <select
              id={id}
              value={draft.label}
              aria-describedby={d}
              onChange={(e) => setDraft({ ...draft, label: e.target.value as Label | '' })}
            >
              <option value="">{t('common.any')}</option>
              {excellenceLabelValues.map((l) => (
                <option key={l} value={l}>
                  {t(`label.${l}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="primary">
            {t('directory.apply')}
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(EMPTY);
              setFilters(EMPTY);
            }}
          >
            {t('directory.clear')}
          </button>
        </div>
      </form>
      <ErrorBanner error={page.error} />
      {page.isPending ? <Loading /> : null}
      {page.data ? (
        <>
          <p className="muted" role="status">
            {t('directory.count', { n: page.data.total })}
          </p>
          <ul className="cards">
            {page.data.items.map((c) => (
              <li key={c.id}>
                <ClusterCard cluster={c} metBefore={metBefore.has(c.id)}>
                  {ownClusterId && c.id !== ownClusterId ? (
                    <RequestForm eventId={eventId} receiver={c} ownDelegates={own.data ?? []} />
                  ) : null}
                </ClusterCard>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function ClusterCard({
  cluster: c,
  metBefore = false,
  children,
}: {
  cluster: Cluster;
  metBefore?: boolean;
  children?: ReactNode;
}): ReactNode {
  const { t } = useI18n();
  return (
    <article className="card cluster-card" aria-labelledby={`c-${c.id}`}>
      <header>
        <h2 id={`c-${c.id}`}>
          <Link to={`/clusters/${c.id}`}>{c.name}</Link>
        </h2>
        <span className={`badge label-${c.label}`}>{t(`label.${c.label}` as MessageKey)}</span>
        {isLabelExpired(c.label, c.labelValidUntil) ? (
          <span className="badge label-expired">{t('cluster.labelExpired')}</span>
        ) : null}
        {metBefore ? <span className="badge met-before">{t('directory.metBefore')}</span> : null}
      </header>
      <p className="muted">
        {c.country} · {c.region} · {t(`scope.${c.scope}` as MessageKey)}
      </p>
      <p>
        {c.sectors.map((s) => (
          <span key={s} className="tag">
            {s}
          </span>
        ))}
        {c.technologies.map((s) => (
          <span key={s} className="tag tag-tech">
            {s}
          </span>
        ))}
      </p>
      <dl>
        <dt>{t('cluster.offers')}</dt>
        <dd>{c.offers || '—'}</dd>
        <dt>{t('cluster.seeks')}</dt>
        <dd>{c.seeks || '—'}</dd>
      </dl>
      {c.website ? (
        <p>
          <a href={c.website} rel="noreferrer noopener" target="_blank">
            {c.website}
          </a>
        </p>
      ) : null}
      {children}
    </article>
  );
}

interface RequestDraft {
  interest: number;
  note: string;
  delegateIds: string[];
}

/** Interest, note and who attends; a failed send keeps what was typed. */
export function RequestForm({
  eventId,
  receiver,
  ownDelegates,
  presetInterest = 3,
  openLabel,
  quick = false,
}: {
  eventId: string;
  receiver: Pick<Cluster, 'id' | 'name'>;
  ownDelegates: readonly Delegate[];
  /** The interest the form starts with (a suggestion presets a higher one); the delegate can change it. */
  presetInterest?: number;
  /** The accessible name of the button that opens the form (default: "Request a meeting with <name>"). */
  openLabel?: string;
  /** Offer a one-click request with the preset interest next to the button that opens the form. */
  quick?: boolean;
}): ReactNode {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [form, setForm, clear] = useDraft<RequestDraft>(`request.${eventId}.${receiver.id}`, {
    interest: presetInterest,
    note: '',
    delegateIds: [],
  });
  const create = useCreateRequest(eventId);
  const error = create.error;
  const chosen = form.delegateIds.length ? form.delegateIds : ownDelegates.slice(0, 1).map((d) => d.id);

  function send(e: FormEvent): void {
    e.preventDefault();
    create.mutate(
      { receiverClusterIds: [receiver.id], interest: form.interest, note: form.note, delegateIds: chosen },
      {
        onSuccess: () => {
          clear();
          setOpen(false);
        },
      },
    );
  }

  if (create.isSuccess) return <Notice>{t('request.sent', { name: receiver.name })}</Notice>;
  const openButton = (
    <button
      type="button"
      onClick={() => setOpen(true)}
      aria-label={openLabel ?? t('request.openFor', { name: receiver.name })}
    >
      {quick ? t('suggest.edit') : t('request.open')}
    </button>
  );
  if (!open && quick)
    // One click sends with the preset interest and our first delegate; "Change first" opens the form.
    return (
      <>
        <button
          type="button"
          className="primary"
          disabled={create.isPending || chosen.length === 0}
          aria-label={t('suggest.quickFor', { name: receiver.name, n: form.interest })}
          onClick={() =>
            create.mutate(
              { receiverClusterIds: [receiver.id], interest: form.interest, note: form.note, delegateIds: chosen },
              { onSuccess: clear },
            )
          }
        >
          {t('suggest.quick', { n: form.interest })}
        </button>{' '}
        {openButton}
        <ErrorBanner error={error} />
      </>
    );
  if (!open) return openButton;
  return (
    <form
      className="request-form"
      onSubmit={send}
      aria-label={t('request.openFor', { name: receiver.name })}
      noValidate
    >
      <ErrorBanner error={error} />
      <InlineErrors error={error} path="receiverClusterIds" />
      <Field label={t('request.interest')} error={error} path="interest">
        {(id, d, inv) => (
          <InterestSelect
            id={id}
            value={form.interest}
            describedBy={d}
            invalid={inv}
            onChange={(v) => setForm({ ...form, interest: v })}
          />
        )}
      </Field>
      <Field label={t('request.note')} error={error} path="note">
        {(id, d, inv) => (
          <textarea
            id={id}
            rows={3}
            value={form.note}
            aria-describedby={d}
            aria-invalid={inv || undefined}
            onChange={(e) => setForm({ ...form, note: e.target.value })}
          />
        )}
      </Field>
      <DelegatePicker
        delegates={ownDelegates}
        value={chosen}
        onChange={(ids) => setForm({ ...form, delegateIds: ids })}
        error={error}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('request.send')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function DelegatePicker({
  delegates,
  value,
  onChange,
  error,
}: {
  delegates: readonly Delegate[];
  value: string[];
  onChange: (ids: string[]) => void;
  error: unknown;
}): ReactNode {
  const { t } = useI18n();
  return (
    <fieldset className="checks">
      <legend>{t('request.attendees')}</legend>
      {delegates.map((d) => (
        <label key={d.id} className="check">
          <input
            type="checkbox"
            checked={value.includes(d.id)}
            onChange={() => onChange(value.includes(d.id) ? value.filter((x) => x !== d.id) : [...value, d.id])}
          />{' '}
          {d.name}
        </label>
      ))}
      <InlineErrors error={error} path="delegateIds" />
    </fieldset>
  );
}

/** One cluster's profile (linked from the agenda and the cards). */
export function ClusterPage({ clusterId }: { clusterId: string }): ReactNode {
  const c = useCluster(clusterId);
  const { me } = useSession();
  if (c.error) return <ErrorBanner error={c.error} />;
  if (!c.data) return <Loading />;
  // Its history across events: for organisers, and for the cluster's own delegates.
  const ownOrOrganiser = me?.kind === 'organiser' || (me?.kind === 'delegate' && me.clusterId === clusterId);
  return (
    <>
      <ClusterCard cluster={c.data} />
      {ownOrOrganiser ? <ClusterHistory clusterId={clusterId} /> : null}
    </>
  );
}

/**
 * "Suggested for you" (issue 12): the cluster's best suggestions with their reasons in the user's language, a
 * request form with the interest preset (editable), and "not interested", which the service remembers.
 */
export function Suggestions({
  eventId,
  clusterId,
  ownDelegates,
}: {
  eventId: string;
  clusterId: string;
  ownDelegates: readonly Delegate[];
}): ReactNode {
  const { t, lang } = useI18n();
  const titleId = useId();
  const recs = useRecommendations(eventId, clusterId, lang);
  const hide = useNotInterested(eventId, clusterId);
  return (
    <section className="card suggestions" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('suggest.title')}</h2>
      <p className="muted">{t('suggest.intro')}</p>
      <ErrorBanner error={recs.error ?? hide.error} />
      {recs.isPending ? <Loading /> : null}
      {recs.data && recs.data.length === 0 ? <p>{t('suggest.none')}</p> : null}
      {recs.data && recs.data.length > 0 ? (
        <ol className="suggestion-list">
          {recs.data.map((r) => (
            <li key={r.clusterId} className="suggestion" aria-label={r.clusterName}>
              <h3>
                <Link to={`/clusters/${r.clusterId}`}>{r.clusterName}</Link> <span className="muted">{r.country}</span>
              </h3>
              <ul className="reasons" aria-label={t('suggest.reasons')}>
                {r.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
              <div className="actions">
                <RequestForm
                  eventId={eventId}
                  receiver={{ id: r.clusterId, name: r.clusterName }}
                  ownDelegates={ownDelegates}
                  presetInterest={4}
                  openLabel={t('suggest.requestFor', { name: r.clusterName })}
                  quick
                />
                <button
                  type="button"
                  disabled={hide.isPending}
                  aria-label={t('suggest.notInterestedFor', { name: r.clusterName })}
                  onClick={() => hide.mutate(r.clusterId)}
                >
                  {t('suggest.notInterested')}
                </button>
              </div>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
