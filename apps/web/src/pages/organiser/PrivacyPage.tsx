import { useState, type ReactNode } from 'react';
import { useClusterDelegates, useDirectory } from '../../api/clusters';
import {
  downloadAuditLog,
  downloadPersonalData,
  useAuditLog,
  useNotices,
  usePublishNotice,
  useRetention,
  useRunRetention,
  useSetRetention,
  type AuditAction,
} from '../../api/privacy';
import { BilingualFields } from '../../components/BilingualFields';
import { ConfirmDialog, ErrorBanner, Field, Loading, useConfirm } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';
import { ErasePanel } from '../shared/ErasePanel';

const ACTIONS: AuditAction[] = ['import', 'edit', 'erase', 'publish', 'export', 'retention', 'notice'];

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

/** The privacy notice: a new version in both languages, after a confirmation (every delegate accepts it again). */
function NoticePanel(): ReactNode {
  const { t } = useI18n();
  const notices = useNotices();
  if (notices.error) return <ErrorBanner error={notices.error} />;
  if (!notices.data) return <Loading />;
  const current = notices.data.current;
  return (
    <NoticeForm
      key={current?.version ?? 0}
      en={current?.text.en ?? ''}
      da={current?.text.da ?? ''}
      version={current?.version ?? null}
      title={t('privacy.noticeTitle')}
    />
  );
}

function NoticeForm(props: { en: string; da: string; version: number | null; title: string }): ReactNode {
  const { t } = useI18n();
  const publish = usePublishNotice();
  const [en, setEn] = useState(props.en);
  const [da, setDa] = useState(props.da);
  const dialog = useConfirm();
  const { setConfirming, openRef } = dialog;
  return (
    <section className="card" aria-labelledby="notice-edit-title">
      <h2 id="notice-edit-title">{props.title}</h2>
      <p className="muted">
        {props.version ? t('privacy.noticeVersion', { version: props.version }) : t('privacy.noticeNone')}
      </p>
      <BilingualFields
        rows={8}
        error={publish.error}
        en={{ label: t('privacy.noticeEn'), path: 'text.en', value: en, onChange: setEn }}
        da={{ label: t('privacy.noticeDa'), path: 'text.da', value: da, onChange: setDa }}
      />
      <div className="actions">
        <button
          ref={openRef}
          type="button"
          className="primary"
          aria-expanded={dialog.confirming}
          onClick={() => {
            publish.reset();
            setConfirming(true);
          }}
        >
          {t('privacy.noticePublish')}
        </button>
      </div>
      <ConfirmDialog
        confirm={dialog}
        text={t('privacy.noticeConfirm')}
        yes={t('privacy.noticePublishYes')}
        busy={publish.isPending}
        busyText={t('privacy.publishing')}
        onYes={() => publish.mutate({ en, da }, { onSettled: () => setConfirming(false) })}
      />
      {publish.isSuccess ? (
        <p role="status" className="banner banner-ok">
          {t('privacy.noticePublished', { version: publish.data.version })}
        </p>
      ) : null}
      <ErrorBanner error={publish.error} />
    </section>
  );
}

/** Retention: how long personal data and mail bodies are kept; the job's last report; run it now. */
function RetentionPanel(): ReactNode {
  const retention = useRetention();
  if (retention.error) return <ErrorBanner error={retention.error} />;
  if (!retention.data) return <Loading />;
  return (
    <RetentionForm
      key={retention.data.updatedAt ?? 'new'}
      months={retention.data.retentionMonths}
      days={retention.data.outboxBodyDays}
    />
  );
}

function RetentionForm(props: { months: number | null; days: number | null }): ReactNode {
  const { t } = useI18n();
  const retention = useRetention();
  const save = useSetRetention();
  const run = useRunRetention();
  const [months, setMonths] = useState(props.months === null ? '' : String(props.months));
  const [days, setDays] = useState(props.days === null ? '' : String(props.days));
  const report = run.data ?? retention.data?.lastRun ?? null;
  return (
    <section className="card" aria-labelledby="retention-title">
      <h2 id="retention-title">{t('privacy.retentionTitle')}</h2>
      <p>{t('privacy.retentionHint')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            retentionMonths: months === '' ? null : Number(months),
            outboxBodyDays: days === '' ? null : Number(days),
          });
        }}
      >
        <Field
          label={t('privacy.retentionMonths')}
          error={save.error}
          path="retentionMonths"
          hint={t('privacy.emptyOff')}
        >
          {(id, describedBy, invalid) => (
            <input
              id={id}
              type="number"
              min={1}
              max={120}
              value={months}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setMonths(e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('privacy.outboxBodyDays')}
          error={save.error}
          path="outboxBodyDays"
          hint={t('privacy.emptyOff')}
        >
          {(id, describedBy, invalid) => (
            <input
              id={id}
              type="number"
              min={1}
              max={3650}
              value={days}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setDays(e.target.value)}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('common.save')}
          </button>
          <button
            type="button"
            disabled={run.isPending || retention.data?.updatedAt === null}
            onClick={() => run.mutate()}
          >
            {run.isPending ? t('privacy.running') : t('privacy.runNow')}
          </button>
        </div>
      </form>
      {save.isSuccess ? (
        <p role="status" className="muted">
          {t('common.saved')}
        </p>
      ) : null}
      <ErrorBanner error={save.error ?? run.error} />
      {report ? (
        <p role="status">
          {t('privacy.lastRun', {
            at: new Date(report.ranAt).toLocaleString(),
            erased: report.erased,
            purged: report.outboxBodiesPurged,
          })}
        </p>
      ) : null}
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
      <NoticePanel />
      <RetentionPanel />
      <AuditPanel />
    </section>
  );
}
