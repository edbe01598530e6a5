import { useState, type ReactNode } from 'react';
import { api } from '../../lib/api';
import { ErrorBanner, Field, Loading, Notice, useLoad } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';

export interface OutboxMessage {
  id: string;
  kind: string;
  eventId: string | null;
  to: string;
  subject: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

const STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;

/** The mail outbox of the event (agendas, changes, reminders, login links): what was sent, what waits, what failed. */
export function MailPage({ eventId }: { eventId: string }): ReactNode {
  const { t } = useI18n();
  const [status, setStatus] = useState<(typeof STATUSES)[number] | ''>('');
  const list = useLoad(() => api<OutboxMessage[]>('/mail/outbox', { query: { status, limit: 200 } }), [status]);
  const [error, setError] = useState<unknown>(null);
  const [queued, setQueued] = useState<number | null>(null);
  const requeue = async (id: string): Promise<void> => {
    setError(null);
    try {
      await api(`/mail/outbox/${id}/requeue`, { body: {} });
      list.reload();
    } catch (e) {
      setError(e);
    }
  };
  const reminders = async (): Promise<void> => {
    setError(null);
    try {
      setQueued((await api<{ queued: number }>('/mail/reminders', { body: {} })).queued);
      list.reload();
    } catch (e) {
      setError(e);
    }
  };
  const rows = (list.data ?? []).filter((m) => m.eventId === null || m.eventId === eventId);
  return (
    <section aria-labelledby="mail-title">
      <h1 id="mail-title">{t('mail.title')}</h1>
      <p className="hint">{t('mail.hint')}</p>
      <div className="card filters">
        <Field label={t('requests.status')}>
          {(id) => (
            <select
              id={id}
              value={status}
              onChange={(e) => setStatus(e.target.value as (typeof STATUSES)[number] | '')}
            >
              <option value="">{t('common.any')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`mail.status.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="actions">
          <button type="button" onClick={() => list.reload()}>
            {t('mail.refresh')}
          </button>
          <button type="button" onClick={() => void reminders()}>
            {t('mail.reminders')}
          </button>
        </div>
      </div>
      <ErrorBanner error={error ?? list.error} />
      {queued !== null ? <Notice>{t('mail.remindersQueued', { n: queued })}</Notice> : null}
      {!list.data ? (
        list.error ? null : (
          <Loading />
        )
      ) : (
        <div className="table-wrap">
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
                        onClick={() => void requeue(m.id)}
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
        </div>
      )}
    </section>
  );
}
