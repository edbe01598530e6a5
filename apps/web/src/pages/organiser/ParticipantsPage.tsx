import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { Schema } from '../../api/client';
import {
  exportParticipants,
  useAddCluster,
  useAddDelegate,
  useEditCluster,
  useEditDelegate,
  useParticipantClusters,
  useParticipantDelegates,
  useRemoveCluster,
  useRemoveDelegate,
  useSendLoginLinks,
  type ClusterSort,
  type DelegateSort,
  type ParticipantCluster,
  type ParticipantDelegate,
} from '../../api/participants';
import { excellenceLabelValues, geographicScopeValues } from '../../api/schema';
import { ConfirmDialog, ErrorBanner, Field, Notice, TextField, useConfirm } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';
import { useReadOnly } from '../../lib/read-only';
import { AddExistingCluster } from './AddExistingCluster';
import { PAGE, PagedTable, useListState } from './PagedTable';

const CLUSTER_SORTS: [ClusterSort, MessageKey][] = [
  ['name', 'participants.col.name'],
  ['country', 'participants.col.country'],
  ['label', 'participants.col.label'],
  ['labelValidUntil', 'participants.col.validUntil'],
  ['delegates', 'participants.col.delegates'],
  ['signedIn', 'participants.col.signedIn'],
  ['requests', 'participants.col.requests'],
];
const DELEGATE_SORTS: [DelegateSort, MessageKey][] = [
  ['name', 'participants.col.name'],
  ['cluster', 'participants.col.cluster'],
  ['email', 'participants.col.email'],
  ['role', 'participants.col.role'],
  ['lastSignIn', 'participants.col.lastSignIn'],
];

const CLUSTER_COLUMNS: MessageKey[] = [
  'participants.col.name',
  'participants.col.country',
  'participants.col.label',
  'participants.col.signedIn',
  'participants.col.requests',
  'participants.col.actions',
];
const DELEGATE_COLUMNS: MessageKey[] = [
  'participants.col.name',
  'participants.col.cluster',
  'participants.col.email',
  'participants.col.lastSignIn',
  'participants.col.actions',
];

type MailLanguage = '' | 'en' | 'da';

/**
 * Issue 9, item 3: the event's clusters and delegates, searched, sorted and paged by the service; add, edit and
 * remove them; mail login links (one, or all who have not signed in, after a confirmation and with progress);
 * export clusters, delegates and requests as CSV or XLSX.
 */
export function ParticipantsPage({ eventId }: { eventId: string }): ReactNode {
  const { t } = useI18n();
  const [tab, setTab] = useState<'clusters' | 'delegates'>('clusters');
  const readOnly = useReadOnly();
  return (
    <section aria-labelledby="participants-title">
      <h1 id="participants-title">{t('participants.title')}</h1>
      {readOnly ? <p className="muted">{t('participants.readOnly')}</p> : null}
      <ExportBar eventId={eventId} />
      <div className="tabs" role="group" aria-label={t('participants.show')}>
        <button type="button" aria-pressed={tab === 'clusters'} onClick={() => setTab('clusters')}>
          {t('participants.clusters')}
        </button>
        <button type="button" aria-pressed={tab === 'delegates'} onClick={() => setTab('delegates')}>
          {t('participants.delegates')}
        </button>
      </div>
      {tab === 'clusters' ? <ClustersPanel eventId={eventId} /> : <DelegatesPanel eventId={eventId} />}
    </section>
  );
}

function ExportBar({ eventId }: { eventId: string }): ReactNode {
  const { t } = useI18n();
  const [kind, setKind] = useState<'clusters' | 'delegates' | 'requests'>('clusters');
  const [error, setError] = useState<unknown>(null);
  const run = (format: 'csv' | 'xlsx'): void => {
    setError(null);
    exportParticipants(eventId, kind, format).catch(setError);
  };
  return (
    <div className="card filters">
      <Field label={t('participants.export')}>
        {(id) => (
          <select id={id} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="clusters">{t('participants.clusters')}</option>
            <option value="delegates">{t('participants.delegates')}</option>
            <option value="requests">{t('participants.requests')}</option>
          </select>
        )}
      </Field>
      <div className="actions">
        <button type="button" onClick={() => run('csv')}>
          {t('participants.exportCsv')}
        </button>
        <button type="button" onClick={() => run('xlsx')}>
          {t('participants.exportXlsx')}
        </button>
      </div>
      <ErrorBanner error={error} />
    </div>
  );
}

function ClustersPanel({ eventId }: { eventId: string }): ReactNode {
  const { t } = useI18n();
  const list = useListState<ClusterSort>('name');
  const [adding, setAdding] = useState(false);
  const [addingExisting, setAddingExisting] = useState(false);
  const query = useParticipantClusters(eventId, {
    q: list.q || undefined,
    sort: list.sort,
    dir: list.dir,
    offset: list.offset,
    limit: PAGE,
  });
  const readOnly = useReadOnly();
  return (
    <PagedTable
      caption={t('participants.clusters')}
      sorts={CLUSTER_SORTS}
      list={list}
      query={query}
      columns={CLUSTER_COLUMNS}
      row={(c, editing, onEdit) => <ClusterRow eventId={eventId} cluster={c} editing={editing} onEdit={onEdit} />}
    >
      {readOnly ? null : (
        <div className="actions">
          <button type="button" aria-expanded={adding} onClick={() => setAdding(!adding)}>
            {t('participants.addCluster')}
          </button>
          <button type="button" aria-expanded={addingExisting} onClick={() => setAddingExisting(!addingExisting)}>
            {t('participants.addExisting')}
          </button>
        </div>
      )}
      {adding && !readOnly ? <AddClusterForm eventId={eventId} onDone={() => setAdding(false)} /> : null}
      {addingExisting && !readOnly ? (
        <AddExistingCluster eventId={eventId} onDone={() => setAddingExisting(false)} />
      ) : null}
    </PagedTable>
  );
}

function LabelCell({ c }: { c: ParticipantCluster }): ReactNode {
  const { t } = useI18n();
  return (
    <>
      <span className={`badge label-${c.label}`}>{t(`label.${c.label}` as MessageKey)}</span>
      {c.labelValidUntil && c.label !== 'none' ? (
        <span className="muted"> {t('cluster.validUntil', { date: c.labelValidUntil })}</span>
      ) : null}
      {c.labelExpired ? <span className="badge label-expired"> {t('cluster.labelExpired')}</span> : null}
    </>
  );
}

function ClusterRow({
  eventId,
  cluster: c,
  editing,
  onEdit,
}: {
  eventId: string;
  cluster: ParticipantCluster;
  editing: boolean;
  onEdit: (on: boolean) => void;
}): ReactNode {
  const { t } = useI18n();
  const remove = useRemoveCluster(eventId);
  const confirm = useConfirm();
  const { setConfirming, openRef } = confirm;
  const readOnly = useReadOnly();
  return (
    <>
      <tr>
        <th scope="row">
          <Link to={`/clusters/${c.id}`}>{c.name}</Link>
        </th>
        <td>{c.country}</td>
        <td>
          <LabelCell c={c} />
        </td>
        <td>
          {c.signedIn} / {c.delegates}
        </td>
        <td>{c.requests}</td>
        <td>
          {readOnly ? null : (
            <div className="row-actions">
              <button
                aria-label={`${t('participants.edit')} ${c.name}`}
                type="button"
                aria-expanded={editing}
                onClick={() => onEdit(!editing)}
              >
                {t('participants.edit')}
              </button>
              <button
                aria-label={`${t('participants.removeFromEvent')} ${c.name}`}
                ref={openRef}
                type="button"
                onClick={() => setConfirming(true)}
              >
                {t('participants.removeFromEvent')}
              </button>
            </div>
          )}
          <ConfirmDialog
            confirm={confirm}
            text={t('participants.removeClusterConfirm', { name: c.name })}
            yes={t('participants.removeYes')}
            busy={remove.isPending}
            busyText={t('participants.removing')}
            onYes={() => remove.mutate(c.id, { onSettled: () => confirm.setConfirming(false) })}
          />
          <ErrorBanner error={remove.error} />
        </td>
      </tr>
      {editing ? (
        <tr>
          <td colSpan={6}>
            <EditClusterForm eventId={eventId} cluster={c} onDone={() => onEdit(false)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

interface ClusterDraft {
  name: string;
  country: string;
  region: string;
  scope: Schema<'CreateClusterDto'>['scope'];
  label: Schema<'CreateClusterDto'>['label'];
  labelValidUntil: string;
  offers: string;
  seeks: string;
}

/** Name, country, region, scope, label and its validity: the fields an organiser edits on this page. */
function ClusterFields({
  draft,
  set,
  error,
  withScope,
}: {
  draft: ClusterDraft;
  set: (patch: Partial<ClusterDraft>) => void;
  error: unknown;
  withScope: boolean;
}): ReactNode {
  const { t } = useI18n();
  return (
    <>
      <TextField
        label={t('cluster.name')}
        error={error}
        path="name"
        value={draft.name}
        onChange={(v) => set({ name: v })}
      />
      <TextField
        label={t('cluster.country')}
        error={error}
        path="country"
        hint={t('cluster.countryHint')}
        value={draft.country}
        maxLength={2}
        onChange={(v) => set({ country: v.toUpperCase() })}
      />
      <TextField
        label={t('cluster.region')}
        error={error}
        path="region"
        value={draft.region}
        onChange={(v) => set({ region: v })}
      />
      {withScope ? (
        <Field label={t('cluster.scope')} error={error} path="scope">
          {(id) => (
            <select
              id={id}
              value={draft.scope}
              onChange={(e) => set({ scope: e.target.value as ClusterDraft['scope'] })}
            >
              {geographicScopeValues.map((s) => (
                <option key={s} value={s}>
                  {t(`scope.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field label={t('cluster.label')} error={error} path="label">
        {(id) => (
          <select id={id} value={draft.label} onChange={(e) => set({ label: e.target.value as ClusterDraft['label'] })}>
            {excellenceLabelValues.map((s) => (
              <option key={s} value={s}>
                {t(`label.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField
        label={t('cluster.labelValidUntil')}
        error={error}
        path="labelValidUntil"
        type="date"
        value={draft.labelValidUntil}
        onChange={(v) => set({ labelValidUntil: v })}
      />
    </>
  );
}

function EditClusterForm({
  eventId,
  cluster: c,
  onDone,
}: {
  eventId: string;
  cluster: ParticipantCluster;
  onDone: () => void;
}): ReactNode {
  const { t } = useI18n();
  const edit = useEditCluster(eventId);
  const [draft, setDraft] = useState<ClusterDraft>({
    name: c.name,
    country: c.country,
    region: c.region,
    scope: 'international',
    label: c.label,
    labelValidUntil: c.labelValidUntil ?? '',
    offers: '',
    seeks: '',
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    edit.mutate(
      {
        clusterId: c.id,
        body: {
          name: draft.name,
          country: draft.country,
          region: draft.region,
          label: draft.label,
          labelValidUntil: draft.labelValidUntil || null,
        },
      },
      { onSuccess: onDone },
    );
  };
  return (
    <form
      className="form-grid"
      onSubmit={submit}
      noValidate
      aria-label={t('participants.editCluster', { name: c.name })}
    >
      <ClusterFields
        draft={draft}
        set={(patch) => setDraft({ ...draft, ...patch })}
        error={edit.error}
        withScope={false}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={edit.isPending}>
          {t('common.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorBanner error={edit.error} />
    </form>
  );
}

function AddClusterForm({ eventId, onDone }: { eventId: string; onDone: () => void }): ReactNode {
  const { t } = useI18n();
  const add = useAddCluster(eventId);
  const [draft, setDraft] = useState<ClusterDraft>({
    name: '',
    country: '',
    region: '',
    scope: 'national',
    label: 'none',
    labelValidUntil: '',
    offers: '',
    seeks: '',
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    add.mutate(
      {
        name: draft.name,
        country: draft.country,
        region: draft.region,
        scope: draft.scope,
        label: draft.label,
        labelValidUntil: draft.labelValidUntil || null,
        sectors: [],
        technologies: [],
        members: {
          companies: 0,
          smes: 0,
          knowledgeInstitutions: 0,
          publicBodies: 0,
          industryAssociations: 0,
          financialActors: 0,
        },
        secretariatSize: 0,
        offers: draft.offers,
        seeks: draft.seeks,
      },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="card form-grid" onSubmit={submit} noValidate aria-label={t('participants.addCluster')}>
      <ClusterFields draft={draft} set={(patch) => setDraft({ ...draft, ...patch })} error={add.error} withScope />
      <Field label={t('cluster.offers')} error={add.error} path="offers">
        {(id) => (
          <textarea id={id} value={draft.offers} onChange={(e) => setDraft({ ...draft, offers: e.target.value })} />
        )}
      </Field>
      <Field label={t('cluster.seeks')} error={add.error} path="seeks">
        {(id) => (
          <textarea id={id} value={draft.seeks} onChange={(e) => setDraft({ ...draft, seeks: e.target.value })} />
        )}
      </Field>
      <p className="hint">{t('participants.addClusterHint')}</p>
      <div className="actions">
        <button type="submit" className="primary" disabled={add.isPending}>
          {t('participants.add')}
        </button>
      </div>
      <ErrorBanner error={add.error} />
    </form>
  );
}

function DelegatesPanel({ eventId }: { eventId: string }): ReactNode {
  const { t, lang } = useI18n();
  const list = useListState<DelegateSort>('name');
  const [signedIn, setSignedIn] = useState<'' | 'yes' | 'no'>('');
  const [adding, setAdding] = useState(false);
  const [language, setLanguage] = useState<MailLanguage>('');
  const readOnly = useReadOnly();
  const query = useParticipantDelegates(eventId, {
    q: list.q || undefined,
    sort: list.sort,
    dir: list.dir,
    offset: list.offset,
    limit: PAGE,
    ...(signedIn ? { signedIn } : {}),
  });
  return (
    <PagedTable
      caption={t('participants.delegates')}
      sorts={DELEGATE_SORTS}
      list={list}
      query={query}
      columns={DELEGATE_COLUMNS}
      row={(d, editing, onEdit) => (
        <DelegateRow eventId={eventId} delegate={d} language={language} lang={lang} editing={editing} onEdit={onEdit} />
      )}
      filters={
        <Field label={t('participants.signedInFilter')}>
          {(id) => (
            <select
              id={id}
              value={signedIn}
              onChange={(e) => {
                setSignedIn(e.target.value as typeof signedIn);
                list.setOffset(0);
              }}
            >
              <option value="">{t('common.any')}</option>
              <option value="yes">{t('participants.signedInYes')}</option>
              <option value="no">{t('participants.signedInNo')}</option>
            </select>
          )}
        </Field>
      }
    >
      {readOnly ? null : (
        <div className="card">
          <Field label={t('participants.mailLanguage')}>
            {(id) => (
              <select id={id} value={language} onChange={(e) => setLanguage(e.target.value as MailLanguage)}>
                <option value="">{t('participants.theirLanguage')}</option>
                <option value="en">English</option>
                <option value="da">Dansk</option>
              </select>
            )}
          </Field>
          {query.data ? (
            <SendAllButton eventId={eventId} notSignedIn={query.data.notSignedIn} language={language} />
          ) : null}
        </div>
      )}
      {readOnly ? null : (
        <div className="actions">
          <button type="button" aria-expanded={adding} onClick={() => setAdding(!adding)}>
            {t('participants.addDelegate')}
          </button>
        </div>
      )}
      {adding && !readOnly ? <AddDelegateForm eventId={eventId} onDone={() => setAdding(false)} /> : null}
    </PagedTable>
  );
}

/** "Send login link to everyone who has not signed in": asks first, then sends in batches with progress. */
function SendAllButton({
  eventId,
  notSignedIn,
  language,
}: {
  eventId: string;
  notSignedIn: number;
  language: MailLanguage;
}): ReactNode {
  const { t, tn } = useI18n();
  const confirmer = useConfirm();
  const { setConfirming, openRef } = confirmer;
  const send = useSendLoginLinks(eventId);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const confirm = (): void =>
    send.mutate(
      {
        delegateIds: 'not-signed-in',
        ...(language ? { language } : {}),
        onProgress: (done, total) => setProgress({ done, total }),
      },
      {
        onSettled: () => {
          setConfirming(false);
          openRef.current?.focus();
        },
      },
    );
  return (
    <div>
      <button
        ref={openRef}
        type="button"
        className="primary"
        disabled={notSignedIn === 0 || send.isPending}
        onClick={() => {
          send.reset();
          setProgress(null);
          setConfirming(true);
        }}
      >
        {tn('participants.sendAll', notSignedIn)}
      </button>
      <ConfirmDialog
        confirm={confirmer}
        text={tn('participants.sendAllConfirm', notSignedIn)}
        yes={t('participants.sendYes')}
        busy={send.isPending}
        busyText={t('participants.sending')}
        onYes={confirm}
      />
      {send.isPending && progress ? (
        <div className="progress-box" role="status">
          <progress max={progress.total} value={progress.done} />{' '}
          {t('participants.progress', { done: progress.done, total: progress.total })}
        </div>
      ) : null}
      <ErrorBanner error={send.error} />
      {send.data ? <Notice>{tn('participants.sent', send.data.queued)}</Notice> : null}
    </div>
  );
}

function DelegateRow({
  eventId,
  delegate: d,
  language,
  lang,
  editing,
  onEdit,
}: {
  eventId: string;
  delegate: ParticipantDelegate;
  language: MailLanguage;
  lang: string;
  editing: boolean;
  onEdit: (on: boolean) => void;
}): ReactNode {
  const { t } = useI18n();
  const readOnly = useReadOnly();
  return (
    <>
      <tr>
        <th scope="row">
          {d.name}
          <div className="muted">{d.role}</div>
        </th>
        <td>{d.clusterName}</td>
        <td>{d.email}</td>
        <td>{d.lastSignInAt ? new Date(d.lastSignInAt).toLocaleString(lang) : t('participants.never')}</td>
        <td>
          {readOnly ? null : (
            <div className="row-actions">
              <SendLinkButton eventId={eventId} delegate={d} language={language} />
              <button
                aria-label={`${t('participants.edit')} ${d.name}`}
                type="button"
                aria-expanded={editing}
                onClick={() => onEdit(!editing)}
              >
                {t('participants.edit')}
              </button>
              <RemoveDelegateButton eventId={eventId} delegate={d} />
            </div>
          )}
        </td>
      </tr>
      {editing ? (
        <tr>
          <td colSpan={5}>
            <DelegateForm eventId={eventId} delegate={d} onDone={() => onEdit(false)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** "Send login link" to one delegate, after a confirmation naming them. */
function SendLinkButton({
  eventId,
  delegate: d,
  language,
}: {
  eventId: string;
  delegate: ParticipantDelegate;
  language: MailLanguage;
}): ReactNode {
  const { t } = useI18n();
  const send = useSendLoginLinks(eventId);
  const confirm = useConfirm();
  const { setConfirming, openRef } = confirm;
  return (
    <div>
      <button
        aria-label={`${t('participants.sendLink')} ${d.name}`}
        ref={openRef}
        type="button"
        onClick={() => {
          send.reset();
          setConfirming(true);
        }}
      >
        {t('participants.sendLink')}
      </button>
      <ConfirmDialog
        confirm={confirm}
        text={t('participants.sendLinkConfirm', { name: d.name, email: d.email })}
        yes={t('participants.sendYes')}
        busy={send.isPending}
        busyText={t('participants.sending')}
        onYes={() =>
          send.mutate(
            { delegateIds: [d.id], ...(language ? { language } : {}) },
            { onSettled: () => confirm.setConfirming(false) },
          )
        }
      />
      {send.data ? <Notice>{t('participants.linkSent', { email: d.email })}</Notice> : null}
      <ErrorBanner error={send.error} />
    </div>
  );
}

/** Removes a delegate, after a confirmation. */
function RemoveDelegateButton({ eventId, delegate: d }: { eventId: string; delegate: ParticipantDelegate }): ReactNode {
  const { t } = useI18n();
  const remove = useRemoveDelegate(eventId);
  const confirm = useConfirm();
  const { setConfirming, openRef } = confirm;
  return (
    <div>
      <button
        aria-label={`${t('participants.remove')} ${d.name}`}
        ref={openRef}
        type="button"
        onClick={() => setConfirming(true)}
      >
        {t('participants.remove')}
      </button>
      <ConfirmDialog
        confirm={confirm}
        text={t('participants.removeDelegateConfirm', { name: d.name })}
        yes={t('participants.removeYes')}
        busy={remove.isPending}
        busyText={t('participants.removing')}
        onYes={() => remove.mutate(d.id, { onSettled: () => confirm.setConfirming(false) })}
      />
      <ErrorBanner error={remove.error} />
    </div>
  );
}

/** Edits a delegate (`delegate` given) or adds one to a cluster chosen from the event's. */
function DelegateForm({
  eventId,
  delegate,
  onDone,
}: {
  eventId: string;
  delegate?: ParticipantDelegate;
  onDone: () => void;
}): ReactNode {
  const { t } = useI18n();
  const edit = useEditDelegate(eventId);
  const add = useAddDelegate(eventId);
  const clusters = useParticipantClusters(eventId, { limit: 200, sort: 'name' });
  const [draft, setDraft] = useState({
    clusterId: delegate?.clusterId ?? '',
    name: delegate?.name ?? '',
    email: delegate?.email ?? '',
    role: delegate?.role ?? '',
  });
  const error = delegate ? edit.error : add.error;
  const pending = edit.isPending || add.isPending;
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const body = { name: draft.name, email: draft.email, role: draft.role };
    if (delegate) edit.mutate({ delegateId: delegate.id, body }, { onSuccess: onDone });
    else add.mutate({ clusterId: draft.clusterId, body }, { onSuccess: onDone });
  };
  return (
    <form
      className={delegate ? 'form-grid' : 'card form-grid'}
      onSubmit={submit}
      noValidate
      aria-label={delegate ? t('participants.editDelegate', { name: delegate.name }) : t('participants.addDelegate')}
    >
      {delegate ? null : (
        <Field label={t('participants.col.cluster')}>
          {(id) => (
            <select id={id} value={draft.clusterId} onChange={(e) => setDraft({ ...draft, clusterId: e.target.value })}>
              <option value="">{t('participants.chooseCluster')}</option>
              {(clusters.data?.items ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <TextField
        label={t('participants.col.name')}
        error={error}
        path="name"
        value={draft.name}
        onChange={(v) => setDraft({ ...draft, name: v })}
      />
      <TextField
        label={t('participants.col.email')}
        error={error}
        path="email"
        type="email"
        value={draft.email}
        onChange={(v) => setDraft({ ...draft, email: v })}
      />
      <TextField
        label={t('participants.col.role')}
        error={error}
        path="role"
        value={draft.role}
        onChange={(v) => setDraft({ ...draft, role: v })}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={pending || (!delegate && !draft.clusterId)}>
          {delegate ? t('common.save') : t('participants.add')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorBanner error={error} />
    </form>
  );
}

function AddDelegateForm({ eventId, onDone }: { eventId: string; onDone: () => void }): ReactNode {
  return <DelegateForm eventId={eventId} onDone={onDone} />;
}
