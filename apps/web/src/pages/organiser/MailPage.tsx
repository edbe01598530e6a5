import { useState, type ReactNode } from 'react';
import { useOutbox, useQueueReminders, useRequeue, type OutboxStatus } from '../../api/mail';
import { outboxStatusValues } from '../../api/schema';
import { ErrorBanner, Field, Loading, Notice, TableWrap } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';

/** The mail outbox of the event (agendas, changes, reminders, login links): what was sent, what waits, what failed. */
export function MailPage({ eventId }: { eventId: string }): ReactNode {
  const { t } = useI18n();
  const [status, setStatus] = useState<OutboxStatus | ''>('');
  const list = useOutbox(status);
  const requeue = useRequeue();
  const reminders = useQueueReminders();
  const error = requeue.error ?? reminders.error ?? list.error;
  const rows = (list.data ?? []).filter((m) => m.eventId === null || m.eventId === eventId);
  return (
    <section aria-labelledby="mail-title">
      <h1 id="mail-title">{t('mail.title')}</h1>
      <p className="hint">{t('mail.hint')}</p>
      <div className="card filters">
        <Field label={t('requests.status')}>
          {(id) => (
            <select id={id} value={status} onChange={(e) => setStatus(e.target.value as OutboxStatus | '')}>
              <option value="">{t('common.any')}</option>
              {outboxStatusValues.map((s) => (
                <option key={s} value={s}>
                  {t(`mail.status.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="actions">
          <button type="button" onClick={() => void list.refetch()}>
            {t('mail.refresh')}
          </button>
          <button type="button" disabled={reminders.isPending} onClick={() => reminders.mutate()}>
            {t('mail.reminders')}
          </button>
        </div>
      </div>
      <ErrorBanner error={error} />
      {reminders.data ? <Notice>{t('mail.remindersQueued', { n: reminders.data.queued })}</Notice> : null}
      {!list.data ? (
        list.error ? null : (
          <Loading />
        )
      ) : (
        <TableWrap>
          <table>
            <caption className="sr-only">{t('mail.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mail.to')}</th>
                <th scope="col">{t('mail.subject')}</th>
                <th scope="col">{t('requests.status')}</th>
                <th scope="col">{t('mail.attempts')}</th>
                <th scope="col">{t('mail.lastError')}</th>
                <th scope="col">
                  <span className="sr-only">{t('mail.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id}>
                  <td>{m.to}</td>
                  <td>{m.subject}</td>
                  <td>
                    <span className={`badge mail-${m.status}`}>{t(`mail.status.${m.status}` as MessageKey)}</span>
                  </td>
                  <td>{m.attempts}</td>
                  <td>{m.lastError ?? ''}</td>
                  <td>
                    {m.status === 'failed' ? (
                      <button
                        type="button"
                        disabled={requeue.isPending}
                        onClick={() => requeue.mutate(m.id)}
                        aria-label={t('mail.requeueTo', { to: m.to })}
                      >
                        {t('mail.requeue')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 ? <p className="muted">{t('inbox.none')}</p> : null}
        </TableWrap>
      )}
    </section>
  );
}
