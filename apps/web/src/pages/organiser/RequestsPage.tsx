import { useState, type ReactNode } from 'react';
import { useRequestPage, type MeetingRequest, type RequestSort, type RequestStatus } from '../../api/requests';
import { requestStatusValues } from '../../api/schema';
import { Field } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';
import { StatusBadge } from '../delegate/InboxPage';
import { PAGE, PagedTable, useListState } from './PagedTable';

const SORTS: [RequestSort, MessageKey][] = [
  ['createdAt', 'requests.sort.createdAt'],
  ['updatedAt', 'requests.sort.updatedAt'],
  ['requester', 'requests.sort.requester'],
  ['receivers', 'requests.sort.receivers'],
  ['status', 'requests.sort.status'],
  ['weight', 'requests.sort.weight'],
];

const COLUMNS: MessageKey[] = [
  'requests.from',
  'requests.to',
  'requests.interests',
  'requests.weight',
  'requests.status',
  'requests.requested',
  'request.note',
];

/**
 * All requests of the event (585 on the demo event), searched, filtered by state, sorted and paged by the service
 * (issue 16, item 6): the true total and the number in each state, and when each was made and last changed.
 */
export function RequestsPage({ eventId }: { eventId: string }): ReactNode {
  const { t, tn, lang } = useI18n();
  const list = useListState<RequestSort>('createdAt', 'desc');
  const [status, setStatus] = useState<RequestStatus | ''>('');
  const query = useRequestPage(eventId, {
    ...(list.q ? { q: list.q } : {}),
    ...(status ? { status } : {}),
    sort: list.sort,
    dir: list.dir,
    offset: list.offset,
    limit: PAGE,
  });
  const when = (iso: string): string =>
    new Date(iso).toLocaleString(lang, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const counts = query.data?.counts ?? [];
  return (
    <section aria-labelledby="req-title">
      <h1 id="req-title">{t('requests.title')}</h1>
      <PagedTable<RequestSort, MeetingRequest>
        caption={t('requests.title')}
        sorts={SORTS}
        list={list}
        query={query}
        columns={COLUMNS}
        filters={
          <Field label={t('requests.status')}>
            {(id) => (
              <select
                id={id}
                value={status}
                onChange={(e) => {
                  setStatus(e.target.value as RequestStatus | '');
                  list.setOffset(0);
                }}
              >
                <option value="">{t('common.any')}</option>
                {requestStatusValues.map((s) => (
                  <option key={s} value={s}>
                    {t(`status.${s}` as MessageKey)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        }
        row={(r) => {
          const from = r.parties.find((p) => p.role === 'requester');
          const to = r.parties.filter((p) => p.role === 'receiver');
          return (
            <tr>
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
              <td className="nowrap">
                <time dateTime={r.createdAt}>{when(r.createdAt)}</time>
                {r.updatedAt !== r.createdAt ? (
                  <div className="muted small">
                    {t('requests.changed')} <time dateTime={r.updatedAt}>{when(r.updatedAt)}</time>
                  </div>
                ) : null}
              </td>
              <td>{r.note}</td>
            </tr>
          );
        }}
      >
        {query.data ? (
          <p className="muted" data-testid="request-counts">
            {tn(
              'requests.total',
              counts.reduce((a, c) => a + c.n, 0),
            )}{' '}
            {counts
              .map((c) => t('requests.byStatus', { status: t(`status.${c.status}` as MessageKey), n: c.n }))
              .join(' · ')}
          </p>
        ) : null}
      </PagedTable>
    </section>
  );
}
