import { isLabelExpired } from '../../lib/labels';
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { type Schema } from '../../api/client';
import { excellenceLabelValues } from '../../api/schema';
import {
  useCluster,
  useClusterDelegates,
  useClusterPick,
  useDirectory,
  useTaxonomy,
  type Cluster,
  type Term,
} from '../../api/clusters';
import type { Delegate } from '../../api/delegates';
import { useNotInterested, useRecommendations } from '../../api/recommendations';
import { useRelationships } from '../../api/outcomes';
import { MAX_RECEIVERS, useCreateRequest } from '../../api/requests';
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

/** Cluster cards per directory page (issue 16, item 2: 153 cards made a page 72,000 px long on a phone). */
export const DIRECTORY_PAGE = 20;

/**
 * Wider than a phone: the filters start open there; on a phone they start closed so the first cards show. Without
 * media queries (a test's DOM) the screen counts as wide.
 */
export function wideScreen(): boolean {
  return typeof window.matchMedia !== 'function' || window.matchMedia('(min-width: 641px)').matches;
}

/** How many filters are set (shown on the closed filter panel). */
function activeFilters(f: Filters): number {
  return [f.q.trim(), f.sector, f.technology, f.country.trim(), f.label].filter(Boolean).length;
}

type TermLabel = (kind: 'sector' | 'technology', name: string) => string;

/** A term's label in the user's language: the Danish one in Danish when the taxonomy has one, else the English. */
export function termLabeller(terms: readonly Term[] | undefined, lang: string): TermLabel {
  const da = new Map((terms ?? []).map((x) => [`${x.kind}:${x.name.toLowerCase()}`, x.nameDa]));
  return (kind, name) => (lang === 'da' ? da.get(`${kind}:${name.toLowerCase()}`) || name : name);
}

/** The taxonomy's labels in the user's language (cards and filters of the directory). */
export function useTermLabel(): TermLabel {
  const { lang } = useI18n();
  const terms = useTaxonomy();
  return termLabeller(terms.data, lang);
}

/** Browse and search the clusters of the event; request a meeting from a card. */
export function DirectoryPage({ eventId, ownClusterId }: { eventId: string; ownClusterId: string | null }): ReactNode {
  const { t, tn, lang } = useI18n();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [offset, setOffset] = useState(0);
  const [filtersOpen, setFiltersOpen] = useState(wideScreen);
  const listTop = useRef<HTMLParagraphElement>(null);
  // Cards whose request form was used here keep it (and its "sent" notice) after the relationship changes.
  const [asked, setAsked] = useState<ReadonlySet<string>>(new Set());
  const terms = useTaxonomy();
  const page = useDirectory(eventId, { ...filters, limit: DIRECTORY_PAGE, offset });
  const own = useClusterDelegates(ownClusterId);
  // "Met before": clusters the asker's cluster met at another event.
  const relationships = useRelationships(ownClusterId);
  const metBefore = new Set(
    (relationships.data ?? []).filter((r) => r.eventIds.some((e) => e !== eventId)).map((r) => r.clusterId),
  );

  const apply = (e: FormEvent): void => {
    e.preventDefault();
    setFilters(draft);
    setOffset(0);
  };
  const turn = (to: number): void => {
    setOffset(to);
    listTop.current?.scrollIntoView?.({ block: 'start' });
    listTop.current?.focus();
  };
  const active = activeFilters(filters);
  const label = termLabeller(terms.data, lang);
  // The filter's value stays the English name (what the service filters by); the option shows the user's language.
  const termOptions = (kind: 'sector' | 'technology'): ReactNode =>
    (terms.data ?? [])
      .filter((x) => x.kind === kind)
      .map((x) => ({ ...x, shown: label(kind, x.name) }))
      .sort((a, b) => a.shown.localeCompare(b.shown, lang))
      .map((x) => (
        <option key={x.id} value={x.name}>
          {x.shown}
        </option>
      ));

  return (
    <section aria-labelledby="dir-title">
      <h1 id="dir-title">{t('directory.title')}</h1>
      {ownClusterId ? <Suggestions eventId={eventId} clusterId={ownClusterId} ownDelegates={own.data ?? []} /> : null}
      <details className="card filter-panel" open={filtersOpen} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
        <summary>{active ? tn('directory.filtersActive', active) : t('directory.filtersShow')}</summary>
        <form className="filters" role="search" onSubmit={apply} aria-label={t('directory.filters')}>
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
                setOffset(0);
              }}
            >
              {t('directory.clear')}
            </button>
          </div>
        </form>
      </details>
      <ErrorBanner error={page.error} />
      {page.isPending ? <Loading /> : null}
      {page.data ? (
        <>
          <p className="muted" role="status" ref={listTop} tabIndex={-1}>
            {page.data.total === 0
              ? t('directory.none')
              : page.data.total <= DIRECTORY_PAGE
                ? tn('directory.total', page.data.total)
                : tn('directory.range', page.data.total, {
                    from: offset + 1,
                    to: Math.min(page.data.total, offset + DIRECTORY_PAGE),
                  })}
          </p>
          <ul className="cards">
            {page.data.items.map((c) => (
              <li key={c.id}>
                <ClusterCard cluster={c} metBefore={metBefore.has(c.id)} eventId={eventId}>
                  {ownClusterId && c.id !== ownClusterId && (c.relationship?.canRequest || asked.has(c.id)) ? (
                    <RequestForm
                      eventId={eventId}
                      receiver={c}
                      ownDelegates={own.data ?? []}
                      ownClusterId={ownClusterId}
                      onSend={() => setAsked(new Set(asked).add(c.id))}
                    />
                  ) : null}
                </ClusterCard>
              </li>
            ))}
          </ul>
          <DirectoryPager offset={offset} total={page.data.total} busy={page.isPlaceholderData} onOffset={turn} />
        </>
      ) : null}
    </section>
  );
}

/** Previous and next page of the directory, with "page 2 of 8". */
function DirectoryPager({
  offset,
  total,
  busy,
  onOffset,
}: {
  offset: number;
  total: number;
  busy: boolean;
  onOffset: (offset: number) => void;
}): ReactNode {
  const { t } = useI18n();
  if (total <= DIRECTORY_PAGE) return null;
  const pages = Math.ceil(total / DIRECTORY_PAGE);
  const current = Math.floor(offset / DIRECTORY_PAGE) + 1;
  return (
    <nav className="pager directory-pager" aria-label={t('directory.pages')} aria-busy={busy || undefined}>
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - DIRECTORY_PAGE))}>
        {t('directory.previous')}
      </button>
      <span className="muted">{t('directory.pageOf', { n: current, of: pages })}</span>
      <button type="button" disabled={current >= pages} onClick={() => onOffset(offset + DIRECTORY_PAGE)}>
        {t('directory.next')}
      </button>
    </nav>
  );
}

/** Where a cluster stands with the delegate's own (from the directory's `relationship`), as a badge. */
export function RelationBadge({
  relationship: r,
  eventId,
}: {
  relationship: NonNullable<Cluster['relationship']>;
  eventId?: string;
}): ReactNode {
  const { t } = useI18n();
  if (r.state === 'none') return null;
  const badge = <span className={`badge relation relation-${r.state}`}>{t(`relation.${r.state}` as MessageKey)}</span>;
  // A pending request links to the requests page, where it is answered or withdrawn.
  if (eventId && r.requestId && (r.state === 'sent' || r.state === 'received'))
    return (
      <>
        {badge}{' '}
        <Link to={`/events/${eventId}/requests/${r.requestId}`} className="relation-link">
          {t(r.state === 'received' ? 'relation.answer' : 'relation.see')}
        </Link>
      </>
    );
  return badge;
}

export function ClusterCard({
  cluster: c,
  metBefore = false,
  eventId,
  heading: Heading = 'h2',
  children,
}: {
  cluster: Cluster;
  metBefore?: boolean;
  /** The event whose requests the relationship badge links to. */
  eventId?: string;
  /** `h1` when the card is the page (a cluster's own page), else one of the directory's cards. */
  heading?: 'h1' | 'h2';
  children?: ReactNode;
}): ReactNode {
  const { t } = useI18n();
  const label = useTermLabel();
  return (
    <article className="card cluster-card" aria-labelledby={`c-${c.id}`}>
      <header>
        <Heading id={`c-${c.id}`}>{Heading === 'h1' ? c.name : <Link to={`/clusters/${c.id}`}>{c.name}</Link>}</Heading>
        <span className={`badge label-${c.label}`}>{t(`label.${c.label}` as MessageKey)}</span>
        {isLabelExpired(c.label, c.labelValidUntil) ? (
          <span className="badge label-expired">{t('cluster.labelExpired')}</span>
        ) : null}
        {metBefore ? <span className="badge met-before">{t('directory.metBefore')}</span> : null}
      </header>
      {c.relationship ? (
        <p className="relation-line">
          <RelationBadge relationship={c.relationship} eventId={eventId} />
        </p>
      ) : null}
      <p className="muted">
        {c.country} · {c.region} · {t(`scope.${c.scope}` as MessageKey)}
      </p>
      <p>
        {c.sectors.map((s) => (
          <span key={s} className="tag">
            {label('sector', s)}
          </span>
        ))}
        {c.technologies.map((s) => (
          <span key={s} className="tag tag-tech">
            {label('technology', s)}
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
  /** Further clusters for a group meeting (besides `receiver`). */
  others?: { id: string; name: string }[];
}

/** Interest, note and who attends; a failed send keeps what was typed. */
export function RequestForm({
  eventId,
  receiver,
  ownDelegates,
  presetInterest = 3,
  openLabel,
  quick = false,
  ownClusterId,
  onSend,
}: {
  eventId: string;
  receiver: Pick<Cluster, 'id' | 'name'>;
  ownDelegates: readonly Delegate[];
  /** Offer to add further clusters (a group meeting); they exclude the delegate's own cluster. */
  ownClusterId?: string;
  /** Called as the request is sent (before the lists it changes are read again). */
  onSend?: () => void;
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
  const others = form.others ?? [];

  function send(e: FormEvent): void {
    e.preventDefault();
    onSend?.();
    create.mutate(
      {
        receiverClusterIds: [receiver.id, ...others.map((o) => o.id)],
        interest: form.interest,
        note: form.note,
        delegateIds: chosen,
      },
      {
        onSuccess: () => {
          clear();
          setOpen(false);
        },
      },
    );
  }

  if (create.isSuccess)
    return (
      <Notice>
        {t('request.sent', {
          name: create.data.parties
            .filter((p) => p.role === 'receiver')
            .map((p) => p.clusterName)
            .join(', '),
        })}
      </Notice>
    );
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
      {ownClusterId ? (
        <GroupPicker
          eventId={eventId}
          exclude={[ownClusterId, receiver.id]}
          receiverName={receiver.name}
          value={others}
          onChange={(v) => setForm({ ...form, others: v })}
        />
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {others.length ? t('request.sendGroup', { n: others.length + 1 }) : t('request.send')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * Further clusters for a group meeting (issue 9, item 6): search the event's clusters by name, offers or seeks
 * and add up to three more (four receivers in all); each receiver answers, and the meeting is accepted when every
 * one has accepted.
 */
function GroupPicker({
  eventId,
  exclude,
  receiverName,
  value,
  onChange,
}: {
  eventId: string;
  exclude: readonly string[];
  receiverName: string;
  value: readonly { id: string; name: string }[];
  onChange: (v: { id: string; name: string }[]) => void;
}): ReactNode {
  const { t } = useI18n();
  const searchId = useId();
  const hintId = useId();
  const [q, setQ] = useState('');
  const found = useClusterPick(eventId, q);
  const full = value.length >= MAX_RECEIVERS - 1;
  const candidates = (found.data?.items ?? []).filter(
    (c) => !exclude.includes(c.id) && !value.some((v) => v.id === c.id),
  );
  return (
    <fieldset className="group-picker">
      <legend>{t('request.group')}</legend>
      <p className="hint" id={hintId}>
        {t('request.groupHint', { name: receiverName })}
      </p>
      {value.length ? (
        <ul className="chosen" aria-label={t('request.groupChosen')}>
          {value.map((o) => (
            <li key={o.id}>
              {o.name}{' '}
              <button
                type="button"
                aria-label={t('request.groupRemove', { name: o.name })}
                onClick={() => onChange(value.filter((x) => x.id !== o.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {full ? (
        <p className="muted">{t('request.groupFull', { n: MAX_RECEIVERS })}</p>
      ) : (
        <>
          <label htmlFor={searchId}>{t('request.groupSearch')}</label>
          <input
            id={searchId}
            type="search"
            value={q}
            aria-describedby={hintId}
            onChange={(e) => setQ(e.target.value)}
          />
          {q.trim().length >= 2 && found.data && candidates.length === 0 ? (
            <p className="muted">{t('request.groupNone')}</p>
          ) : null}
          {q.trim().length >= 2 && candidates.length ? (
            <ul className="candidates" aria-label={t('request.groupFound')}>
              {candidates.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    aria-label={t('request.groupAdd', { name: c.name })}
                    onClick={() => {
                      onChange([...value, { id: c.id, name: c.name }]);
                      setQ('');
                    }}
                  >
                    + {c.name}
                  </button>{' '}
                  <span className="muted">{c.country}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </fieldset>
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
      <ClusterCard cluster={c.data} heading="h1" />
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
  const { t, tn, lang } = useI18n();
  const titleId = useId();
  const [open, setOpen] = useState(wideScreen);
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
        // Folded on a phone (issue 16, item 2), so the directory's own cards show on the first screen.
        <details className="suggestion-panel" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary>{tn('suggest.count', recs.data.length)}</summary>
          <ol className="suggestion-list">
            {recs.data.map((r) => (
              <li key={r.clusterId} className="suggestion" aria-label={r.clusterName}>
                <h3>
                  <Link to={`/clusters/${r.clusterId}`}>{r.clusterName}</Link>{' '}
                  <span className="muted">{r.country}</span>
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
        </details>
      ) : null}
    </section>
  );
}
