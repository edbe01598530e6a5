import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { type Schema } from '../../api/client';
import { excellenceLabelValues } from '../../api/schema';
import { useCluster, useClusterDelegates, useDirectory, useTaxonomy, type Cluster } from '../../api/clusters';
import type { Delegate } from '../../api/delegates';
import { useCreateRequest } from '../../api/requests';
import { useDraft } from '../../lib/draft';
import { ErrorBanner, Field, InlineErrors, InterestSelect, Loading, Notice } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';

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
                <ClusterCard cluster={c}>
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

export function ClusterCard({ cluster: c, children }: { cluster: Cluster; children?: ReactNode }): ReactNode {
  const { t } = useI18n();
  return (
    <article className="card cluster-card" aria-labelledby={`c-${c.id}`}>
      <header>
        <h2 id={`c-${c.id}`}>
          <Link to={`/clusters/${c.id}`}>{c.name}</Link>
        </h2>
        <span className={`badge label-${c.label}`}>{t(`label.${c.label}` as MessageKey)}</span>
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
}: {
  eventId: string;
  receiver: Cluster;
  ownDelegates: readonly Delegate[];
}): ReactNode {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [form, setForm, clear] = useDraft<RequestDraft>(`request.${eventId}.${receiver.id}`, {
    interest: 3,
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
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)} aria-label={t('request.openFor', { name: receiver.name })}>
        {t('request.open')}
      </button>
    );
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
  if (c.error) return <ErrorBanner error={c.error} />;
  if (!c.data) return <Loading />;
  return <ClusterCard cluster={c.data} />;
}
