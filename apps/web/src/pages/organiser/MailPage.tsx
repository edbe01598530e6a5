import { useState, type ReactNode } from 'react';
import {
  useOutboxPage,
  useQueueReminders,
  useRequeue,
  type OutboxMessage,
  type OutboxSort,
  type OutboxStatus,
} from '../../api/mail';
import { outboxStatusValues } from '../../api/schema';
import { ConfirmDialog, ErrorBanner, Field, Notice, useConfirm } from '../../components/ui';
import { en } from '../../messages/en';
import { useI18n, type MessageKey } from '../../i18n';
import { PAGE, PagedTable, useListState } from './PagedTable';

const SORTS: [OutboxSort, MessageKey][] = [
  ['createdAt', 'mail.sort.createdAt'],
  ['sentAt', 'mail.sort.sentAt'],
  ['to', 'mail.sort.to'],
  ['subject', 'mail.sort.subject'],
  ['kind', 'mail.sort.kind'],
  ['status', 'mail.sort.status'],
];

const COLUMNS: MessageKey[] = [
  'mail.to',
  'mail.subject',
  'mail.kind',
  'requests.status',
  'mail.queuedAt',
  'mail.attempts',
  'mail.lastError',
  'mail.actions',
];

/** The plain name of a mail type; a type the web app does not know shows as it is stored. */
function useKindName(): (kind: string) => string {
  const { t } = useI18n();
  return (kind) => {
    const key = `mail.kind.${kind}`;
    return key in en ? t(key as MessageKey) : kind;
  };
}

/**
 * The mail outbox of the event (agendas, changes, reminders, login links) and the mails of no event: what was
 * sent, what waits, what failed. Searched, filtered by state and type, sorted and paged by the service with the
 * true total (issue 16, item 6); each mail shows its recipient's name (the address under it) and its times.
 */
export function MailPage({ eventId }: { eventId: string }): ReactNode {
  const { t, tn, lang } = useI18n();
  const kindName = useKindName();
  const list = useListState<OutboxSort>('createdAt', 'desc');
  const [status, setStatus] = useState<OutboxStatus | ''>('');
  const [kind, setKind] = useState('');
  const query = useOutboxPage({
    eventId,
    ...(list.q ? { q: list.q } : {}),
    ...(status ? { status } : {}),
    ...(kind ? { kind } : {}),
    sort: list.sort,
    dir: list.dir,
    offset: list.offset,
    limit: PAGE,
  });
  const requeue = useRequeue();
  const when = (iso: string): string =>
    new Date(iso).toLocaleString(lang, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  return (
    <section aria-labelledby="mail-title">
      <h1 id="mail-title">{t('mail.title')}</h1>
      <p className="hint">{t('mail.hint')}</p>
      <PagedTable<OutboxSort, OutboxMessage>
        caption={t('mail.title')}
        sorts={SORTS}
        list={list}
        query={query}
        columns={COLUMNS}
        filters={
          <>
            <Field label={t('requests.status')}>
              {(id) => (
                <select
                  id={id}
                  value={status}
                  onChange={(e) => {
                    setStatus(e.target.value as OutboxStatus | '');
                    list.setOffset(0);
                  }}
                >
                  <option value="">{t('common.any')}</option>
                  {outboxStatusValues.map((s) => (
                    <option key={s} value={s}>
                      {t(`mail.status.${s}` as MessageKey)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('mail.kind')}>
              {(id) => (
                <select
                  id={id}
                  value={kind}
                  onChange={(e) => {
                    setKind(e.target.value);
                    list.setOffset(0);
                  }}
                >
                  <option value="">{t('common.any')}</option>
                  {(query.data?.kinds ?? []).map((k) => (
                    <option key={k.kind} value={k.kind}>
                      {kindName(k.kind)} ({k.n})
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        }
        row={(m) => (
          <tr>
            <td className="wrap-anywhere recipient">
              {m.toName}
              {m.toName !== m.toAddress ? <div className="muted small">{m.toAddress}</div> : null}
            </td>
            <td>{m.subject}</td>
            <td>{kindName(m.kind)}</td>
            <td>
              <span className={`badge mail-${m.status}`}>{t(`mail.status.${m.status}` as MessageKey)}</span>
            </td>
            <td className="nowrap">
              <time dateTime={m.createdAt}>{when(m.createdAt)}</time>
              <div className="muted small">
                {t('mail.sentAt')}: {m.sentAt ? <time dateTime={m.sentAt}>{when(m.sentAt)}</time> : t('mail.notSent')}
              </div>
            </td>
            <td>{m.attempts}</td>
            <td>{m.lastError ?? ''}</td>
            <td>
              {m.status === 'failed' ? (
                <button
                  type="button"
                  disabled={requeue.isPending}
                  onClick={() => requeue.mutate(m.id)}
                  aria-label={t('mail.requeueTo', { to: m.toName })}
                >
                  {t('mail.requeue')}
                </button>
              ) : null}
            </td>
          </tr>
        )}
      >
        <div className="card">
          {query.data ? (
            <p className="muted" data-testid="mail-total">
              {tn('mail.total', query.data.total)}
            </p>
          ) : null}
          <ErrorBanner error={requeue.error} />
          <div className="actions">
            <button type="button" disabled={query.isFetching} onClick={() => void query.refetch()}>
              {t('mail.refresh')}
            </button>
            <RemindersButton />
          </div>
        </div>
      </PagedTable>
    </section>
  );
}

/** "Queue day-before reminders now": asks first, shows that it is working, then how many were queued. */
function RemindersButton(): ReactNode {
  const { t } = useI18n();
  const reminders = useQueueReminders();
  const dialog = useConfirm();
  const { setConfirming, openRef } = dialog;
  return (
    <>
      <button
        ref={openRef}
        type="button"
        aria-expanded={dialog.confirming}
        disabled={reminders.isPending}
        onClick={() => {
          reminders.reset();
          setConfirming(true);
        }}
      >
        {t('mail.reminders')}
      </button>
      <ConfirmDialog
        confirm={dialog}
        text={t('mail.remindersConfirm')}
        yes={t('mail.remindersYes')}
        busy={reminders.isPending}
        busyText={t('mail.remindersQueueing')}
        onYes={() =>
          reminders.mutate(undefined, {
            onSettled: () => {
              setConfirming(false);
              openRef.current?.focus();
            },
          })
        }
      />
      <ErrorBanner error={reminders.error} />
      {reminders.data ? <Notice>{t('mail.remindersQueued', { n: reminders.data.queued })}</Notice> : null}
    </>
  );
}
