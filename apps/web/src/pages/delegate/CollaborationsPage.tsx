import { useState, type FormEvent, type ReactNode } from 'react';
import { useDirectory } from '../../api/clusters';
import {
  useCollaborations,
  useRecordCollaboration,
  useUpdateCollaboration,
  type Collaboration,
  type CollaborationInput,
} from '../../api/collaborations';
import { collaborationStatusValues, collaborationTypeValues } from '../../api/schema';
import { ErrorBanner, Field, Loading, Notice } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';

type Status = CollaborationInput['status'];

/** What came of the matchmaking: the cluster's collaborations, recorded by any of its delegates at any time. */
export function CollaborationsPage({ eventId, clusterId }: { eventId: string; clusterId: string }): ReactNode {
  const { t } = useI18n();
  const list = useCollaborations(clusterId);
  return (
    <section aria-labelledby="collab-title">
      <h1 id="collab-title">{t('collab.title')}</h1>
      <p className="hint">{t('collab.hint')}</p>
      <RecordForm eventId={eventId} clusterId={clusterId} />
      <ErrorBanner error={list.error} />
      {list.data ? (
        list.data.length ? (
          list.data.map((c) => <CollaborationCard key={c.id} c={c} clusterId={clusterId} />)
        ) : (
          <p>{t('collab.none')}</p>
        )
      ) : (
        <Loading />
      )}
    </section>
  );
}

function CollaborationCard({ c, clusterId }: { c: Collaboration; clusterId: string }): ReactNode {
  const { t } = useI18n();
  const update = useUpdateCollaboration(c.id);
  // What the delegate chose shows at once; the list's refetch after the save agrees with it.
  const [shown, setShown] = useState<Status>(c.status);
  const setStatus = (status: Status): void => {
    setShown(status);
    update.mutate({
      eventId: c.eventId,
      type: c.type,
      status,
      title: c.title,
      partners: c.partners
        .filter((x) => x.clusterId !== clusterId)
        .map((x) => ({ clusterId: x.clusterId, companies: x.companies, smes: x.smes })),
      newIdeas: c.newIdeas,
      newProducts: c.newProducts,
      newCompetences: c.newCompetences,
    });
  };
  return (
    <article className="card" aria-label={c.title}>
      <h2>{c.title}</h2>
      <p>
        {t(`collab.type.${c.type}` as MessageKey)} ·{' '}
        {c.partners
          .filter((x) => x.clusterId !== clusterId)
          .map((x) => `${x.name} (${x.country})`)
          .join(', ')}
      </p>
      <p className="muted">
        {t('collab.counts', { ideas: c.newIdeas, products: c.newProducts, competences: c.newCompetences })}
      </p>
      <Field label={t('collab.status')} error={update.error} path="status">
        {(id) => (
          <select
            id={id}
            value={shown}
            disabled={update.isPending}
            onChange={(e) => setStatus(e.target.value as Status)}
          >
            {collaborationStatusValues.map((s) => (
              <option key={s} value={s}>
                {t(`collab.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ErrorBanner error={update.error} />
      {update.isSuccess ? <Notice>{t('common.saved')}</Notice> : null}
    </article>
  );
}

function RecordForm({ eventId, clusterId }: { eventId: string; clusterId: string }): ReactNode {
  const { t } = useI18n();
  const directory = useDirectory(eventId, {});
  const record = useRecordCollaboration(clusterId);
  const [title, setTitle] = useState('');
  const [partner, setPartner] = useState('');
  const [type, setType] = useState<CollaborationInput['type']>('project');
  const [status, setStatus] = useState<Status>('planned');
  const [companies, setCompanies] = useState('');
  const [smes, setSmes] = useState('');
  const [counts, setCounts] = useState({ newIdeas: '0', newProducts: '0', newCompetences: '0' });
  const others = (directory.data?.items ?? []).filter((c) => c.id !== clusterId);
  const num = (v: string): number | null => (v.trim() === '' ? null : Number(v));
  function submit(e: FormEvent): void {
    e.preventDefault();
    record.mutate(
      {
        eventId,
        type,
        status,
        title: title.trim(),
        partners: [{ clusterId: partner, companies: num(companies), smes: num(smes) }],
        newIdeas: Number(counts.newIdeas),
        newProducts: Number(counts.newProducts),
        newCompetences: Number(counts.newCompetences),
      },
      { onSuccess: () => setTitle('') },
    );
  }
  return (
    <form className="card" onSubmit={submit} noValidate aria-label={t('collab.record')}>
      <h2>{t('collab.record')}</h2>
      <div className="form-grid">
        <Field label={t('collab.titleField')} error={record.error} path="title">
          {(id, describedBy, invalid) => (
            <input
              id={id}
              value={title}
              maxLength={200}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setTitle(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('collab.partner')} error={record.error} path="partners">
          {(id, describedBy, invalid) => (
            <select
              id={id}
              value={partner}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setPartner(e.target.value)}
            >
              <option value="">{t('feedback.nextStep.unset')}</option>
              {others.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.country})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('collab.type')}>
          {(id) => (
            <select id={id} value={type} onChange={(e) => setType(e.target.value as CollaborationInput['type'])}>
              {collaborationTypeValues.map((s) => (
                <option key={s} value={s}>
                  {t(`collab.type.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('collab.status')}>
          {(id) => (
            <select id={id} value={status} onChange={(e) => setStatus(e.target.value as Status)}>
              {collaborationStatusValues.map((s) => (
                <option key={s} value={s}>
                  {t(`collab.status.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('collab.companies')} error={record.error} path="partners[0].companies">
          {(id) => (
            <input id={id} type="number" min={0} value={companies} onChange={(e) => setCompanies(e.target.value)} />
          )}
        </Field>
        <Field label={t('collab.smes')} error={record.error} path="partners[0].smes">
          {(id) => <input id={id} type="number" min={0} value={smes} onChange={(e) => setSmes(e.target.value)} />}
        </Field>
        {(['newIdeas', 'newProducts', 'newCompetences'] as const).map((k) => (
          <Field key={k} label={t(`collab.${k}` as MessageKey)} error={record.error} path={k}>
            {(id) => (
              <input
                id={id}
                type="number"
                min={0}
                value={counts[k]}
                onChange={(e) => setCounts({ ...counts, [k]: e.target.value })}
              />
            )}
          </Field>
        ))}
      </div>
      <ErrorBanner error={record.error} />
      {record.isSuccess ? <Notice>{t('collab.recorded')}</Notice> : null}
      <button type="submit" className="primary" disabled={record.isPending || partner === '' || title.trim() === ''}>
        {t('collab.save')}
      </button>
    </form>
  );
}
