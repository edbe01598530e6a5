import { useState, type ReactNode } from 'react';
import { useRequests, type RequestStatus } from '../../api/requests';
import { requestStatusValues } from '../../api/schema';
import { ErrorBanner, Field, Loading, TableWrap } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';
import { StatusBadge } from '../delegate/InboxPage';

/** All requests of the event with their state, filterable by state. */
export function RequestsPage({ eventId }: { eventId: string }): ReactNode {
  const { t } = useI18n();
  const [status, setStatus] = useState<RequestStatus | ''>('');
  const list = useRequests(eventId, status);
  const counts = new Map<string, number>();
  for (const r of list.data ?? []) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return (
    <section aria-labelledby="req-title">
      <h1 id="req-title">{t('requests.title')}</h1>
      <div className="card filters">
        <Field label={t('requests.status')}>
          {(id) => (
            <select id={id} value={status} onChange={(e) => setStatus(e.target.value as RequestStatus | '')}>
              <option value="">{t('common.any')}</option>
              {requestStatusValues.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ErrorBanner error={list.error} />
      {!list.data ? (
        <Loading />
      ) : (
        <>
          <p className="muted" role="status">
            {t('requests.count', { n: list.data.length })}{' '}
            {[...counts.entries()].map(([s, n]) => `${t(`status.${s}` as MessageKey)}: ${n}`).join(' · ')}
          </p>
          <TableWrap>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('requests.from')}</th>
                  <th scope="col">{t('requests.to')}</th>
                  <th scope="col">{t('requests.interests')}</th>
                  <th scope="col">{t('requests.weight')}</th>
                  <th scope="col">{t('requests.status')}</th>
                  <th scope="col">{t('request.note')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((r) => {
                  const from = r.parties.find((p) => p.role === 'requester');
                  const to = r.parties.filter((p) => p.role === 'receiver');
                  return (
                    <tr key={r.id}>
                      <td>{from?.clusterName}</td>
                      <td>{to.map((p) => p.clusterName).join(', ')}</td>
                      <td>
                        {r.requesterInterest}
                        {to.map((p) => ` / ${p.interest ?? '–'}`).join('')}
                      </td>
                      <td>{r.weight ?? '–'}</td>
                      <td>
                        <StatusBadge status={r.status} />
                      </td>
                      <td>{r.note}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </section>
  );
}
