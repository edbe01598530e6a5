import { useState, type ReactNode } from 'react';
import { useClusterDelegates, useDirectory } from '../../api/clusters';
import { downloadAuditLog, downloadPersonalData, useAuditLog, type AuditAction } from '../../api/privacy';
import { ErrorBanner, Loading } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';
import { ErasePanel } from '../shared/ErasePanel';

const ACTIONS: AuditAction[] = ['import', 'edit', 'erase', 'publish', 'export'];

/** A person who asks by e-mail: find them by cluster, then export their data or erase them. */
function PersonPanel({ eventId }: { eventId: string }): ReactNode {
  const { t } = useI18n();
  const clusters = useDirectory(eventId, {});
  const [clusterId, setClusterId] = useState<string | null>(null);
  const delegates = useClusterDelegates(clusterId);
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  return (
    <section className="card" aria-labelledby="person-title">
      <h2 id="person-title">{t('privacy.personTitle')}</h2>
      <p>{t('privacy.personHint')}</p>
      <label>
        {t('privacy.cluster')}{' '}
        <select value={clusterId ?? ''} onChange={(e) => setClusterId(e.target.value || null)}>
          <option value="">–</option>
          {(clusters.data?.items ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <ErrorBanner error={delegates.error ?? failed} />
      <ul className="people">
        {(delegates.data ?? []).map((d) => (
          <li key={d.id}>
            <div>
              <strong>{d.name}</strong> <span className="muted">{d.email}</span>
            </div>
            <div className="actions">
              <button
                type="button"
                disabled={busy === d.id}
                onClick={() => {
                  setBusy(d.id);
                  setFailed(null);
                  downloadPersonalData(d.id)
                    .catch((e: unknown) => setFailed(e))
                    .finally(() => setBusy(null));
                }}
              >
                {busy === d.id ? t('privacy.downloading') : t('privacy.export')}
              </button>
              <ErasePanel delegateId={d.id} self={false} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The audit log: organiser actions on personal data and schedules, filtered by kind, and its CSV export. */
function AuditPanel(): ReactNode {
  const { t } = useI18n();
  const [action, setAction] = useState<AuditAction | ''>('');
  const log = useAuditLog(action);
  const [failed, setFailed] = useState<unknown>(null);
  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('privacy.auditTitle')}</h2>
      <div className="actions">
        <label>
          {t('privacy.action')}{' '}
          <select value={action} onChange={(e) => setAction(e.target.value as AuditAction | '')}>
            <option value="">{t('common.any')}</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`privacy.action.${a}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void downloadAuditLog().catch((e: unknown) => setFailed(e))}>
          {t('privacy.auditExport')}
        </button>
      </div>
      <ErrorBanner error={log.error ?? failed} />
      {log.data ? (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('privacy.when')}</th>
                <th scope="col">{t('privacy.who')}</th>
                <th scope="col">{t('privacy.action')}</th>
                <th scope="col">{t('privacy.what')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((e) => (
                <tr key={e.id}>
                  <td>{new Date(e.at).toLocaleString()}</td>
                  <td>{e.actorEmail || t(`privacy.actor.${e.actorKind}` as MessageKey)}</td>
                  <td>{t(`privacy.action.${e.action}` as MessageKey)}</td>
                  <td>{e.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Loading />
      )}
    </section>
  );
}

/** Organisers' privacy page (issue 17). */
export function PrivacyPage({ eventId }: { eventId: string }): ReactNode {
  const { t } = useI18n();
  return (
    <section aria-labelledby="privacy-title">
      <h1 id="privacy-title">{t('privacy.title')}</h1>
      <PersonPanel eventId={eventId} />
      <AuditPanel />
    </section>
  );
}
