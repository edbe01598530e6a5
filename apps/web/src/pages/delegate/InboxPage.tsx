import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useClusterDelegates } from '../../api/clusters';
import type { Delegate } from '../../api/delegates';
import {
  useAnswerRequest,
  useCreateRequest,
  useRequests,
  useSetAttendees,
  type MeetingRequest,
} from '../../api/requests';
import { ErrorBanner, Field, InterestSelect, Loading, Notice } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';
import { DelegatePicker } from './DirectoryPage';

/** Requests to and from the delegate's cluster: accept (with own interest) or decline; withdraw own. */
export function InboxPage({ eventId, clusterId }: { eventId: string; clusterId: string }): ReactNode {
  const { t } = useI18n();
  const list = useRequests(eventId);
  const own = useClusterDelegates(clusterId);
  if (list.error) return <ErrorBanner error={list.error} />;
  if (!list.data) return <Loading />;
  const mine = (r: MeetingRequest) => r.parties.find((p) => p.clusterId === clusterId);
  const incoming = list.data.filter((r) => mine(r)?.role === 'receiver');
  const sent = list.data.filter((r) => r.requesterClusterId === clusterId);
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t('inbox.title')}</h1>
      <h2>{t('inbox.incoming')}</h2>
      {incoming.length === 0 ? <p className="muted">{t('inbox.none')}</p> : null}
      <ul className="cards">
        {incoming.map((r) => (
          <li key={r.id}>
            <IncomingRequest request={r} clusterId={clusterId} delegates={own.data ?? []} />
          </li>
        ))}
      </ul>
      <h2>{t('inbox.sent')}</h2>
      {sent.length === 0 ? <p className="muted">{t('inbox.none')}</p> : null}
      <ul className="cards">
        {sent.map((r) => (
          <li key={r.id}>
            <SentRequest request={r} clusterId={clusterId} delegates={own.data ?? []} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function requesterName(r: MeetingRequest): string {
  return r.parties.find((p) => p.role === 'requester')?.clusterName ?? r.requesterClusterId;
}

export function StatusBadge({ status }: { status: string }): ReactNode {
  const { t } = useI18n();
  return <span className={`badge status-${status}`}>{t(`status.${status}` as MessageKey)}</span>;
}

const receiversOf = (r: MeetingRequest) => r.parties.filter((p) => p.role === 'receiver');

/**
 * A group request's receivers, each with its answer (issue 9, item 6), and the rule: accepted when all have
 * accepted, and one decline ends it for all. Nothing for a request to one cluster.
 */
function GroupAnswers({ request: r, clusterId }: { request: MeetingRequest; clusterId: string }): ReactNode {
  const { t } = useI18n();
  const receivers = receiversOf(r);
  if (receivers.length < 2) return null;
  return (
    <div className="group-answers">
      <p>
        <span className="badge group">{t('inbox.group')}</span> <small className="hint">{t('inbox.groupRule')}</small>
      </p>
      <ul aria-label={t('inbox.answers')}>
        {receivers.map((p) => (
          <li key={p.clusterId}>
            {p.clusterId === clusterId ? <strong>{p.clusterName}</strong> : p.clusterName}{' '}
            <StatusBadge status={p.response} />
            {p.declineReason ? (
              <>
                {' '}
                <q>{p.declineReason}</q>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Which of the delegate's own cluster's delegates attend a pending or accepted request (issue 9, item 3): for the
 * requester always, for a receiver once it has accepted.
 */
function AttendeesEditor({
  request: r,
  clusterId,
  delegates,
}: {
  request: MeetingRequest;
  clusterId: string;
  delegates: readonly Delegate[];
}): ReactNode {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [ids, setIds] = useState<string[] | null>(null);
  const save = useSetAttendees(r.eventId, r.id);
  const me = r.parties.find((p) => p.clusterId === clusterId);
  if (!me || (r.status !== 'pending' && r.status !== 'accepted')) return null;
  if (me.role === 'receiver' && me.response !== 'accepted') return null;
  const current = me.delegates.map((d) => d.id);
  const chosen = ids ?? current;
  return (
    <div className="attendees">
      <p>
        {t('inbox.attendees')}: <strong>{me.delegates.map((d) => d.name).join(', ') || '—'}</strong>
      </p>
      {save.isSuccess && !editing ? (
        <Notice>{save.data.note ? t('inbox.attendeesPublished') : t('inbox.attendeesSaved')}</Notice>
      ) : null}
      {editing ? (
        <div className="answer">
          <ErrorBanner error={save.error} />
          <DelegatePicker delegates={delegates} value={chosen} onChange={setIds} error={save.error} />
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={save.isPending || chosen.length === 0}
              onClick={() =>
                save.mutate(chosen, {
                  onSuccess: () => {
                    setEditing(false);
                    setIds(null);
                  },
                })
              }
            >
              {t('inbox.saveAttendees')}
            </button>
            <button
              type="button"
              onClick={() => {
                setEditing(false);
                setIds(null);
                save.reset();
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => setEditing(true)}>
          {t('inbox.changeAttendees')}
        </button>
      )}
    </div>
  );
}

/** A request to the delegate's cluster: accept with own interest and delegates, or decline. */
export function IncomingRequest({
  request: r,
  clusterId,
  delegates,
}: {
  request: MeetingRequest;
  clusterId: string;
  delegates: readonly Delegate[];
}): ReactNode {
  const { t } = useI18n();
  const [interest, setInterest] = useState(3);
  const [reason, setReason] = useState('');
  const [ids, setIds] = useState<string[]>([]);
  const answer = useAnswerRequest(r.id);
  const error = answer.error;
  const busy = answer.isPending;
  const me = r.parties.find((p) => p.clusterId === clusterId);
  const chosen = ids.length ? ids : delegates.slice(0, 1).map((d) => d.id);
  const from = requesterName(r);
  return (
    <article className="card" aria-label={t('inbox.from', { name: from })}>
      <header>
        <h3>{t('inbox.from', { name: from })}</h3>
        <StatusBadge status={r.status} />
      </header>
      <OnBehalf request={r} />
      <p>
        <Link to={`/clusters/${r.requesterClusterId}`}>{t('inbox.requesterProfile', { name: from })}</Link>
      </p>
      <p>
        {t('inbox.theirInterest')}: <strong>{r.requesterInterest}</strong>
      </p>
      {r.note ? <blockquote>{r.note}</blockquote> : null}
      <GroupAnswers request={r} clusterId={clusterId} />
      {r.status === 'pending' && me?.response === 'pending' ? (
        <div className="answer">
          <ErrorBanner error={error} />
          <Field label={t('inbox.yourInterest')} error={error} path="interest">
            {(id, d, inv) => (
              <InterestSelect id={id} value={interest} onChange={setInterest} describedBy={d} invalid={inv} />
            )}
          </Field>
          <DelegatePicker delegates={delegates} value={chosen} onChange={setIds} error={error} />
          <Field label={t('inbox.declineReason')} error={error} path="reason">
            {(id, d, inv) => (
              <textarea
                id={id}
                rows={2}
                maxLength={1000}
                aria-describedby={d}
                aria-invalid={inv || undefined}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => answer.mutate({ kind: 'accept', interest, delegateIds: chosen })}
            >
              {t('inbox.accept')}
            </button>
            <button type="button" disabled={busy} onClick={() => answer.mutate({ kind: 'decline', reason })}>
              {t('inbox.decline')}
            </button>
          </div>
        </div>
      ) : me?.interest ? (
        <p>
          {t('inbox.yourInterest')}: <strong>{me.interest}</strong>
        </p>
      ) : null}
      <AttendeesEditor request={r} clusterId={clusterId} delegates={delegates} />
    </article>
  );
}

function SentRequest({
  request: r,
  clusterId,
  delegates,
}: {
  request: MeetingRequest;
  clusterId: string;
  delegates: readonly Delegate[];
}): ReactNode {
  const { t } = useI18n();
  const withdraw = useAnswerRequest(r.id);
  const receivers = receiversOf(r);
  const group = receivers.length > 1;
  const to = receivers.map((p) => p.clusterName).join(', ');
  return (
    <article className="card" aria-label={t('inbox.to', { name: to })}>
      <header>
        <h3>{t('inbox.to', { name: to })}</h3>
        <StatusBadge status={r.status} />
      </header>
      <OnBehalf request={r} />
      <p>
        {t('inbox.yourInterest')}: <strong>{r.requesterInterest}</strong>
      </p>
      {r.note ? <blockquote>{r.note}</blockquote> : null}
      <GroupAnswers request={r} clusterId={clusterId} />
      {group
        ? null
        : receivers
            .filter((p) => p.declineReason)
            .map((p) => (
              <p key={p.clusterId}>
                {t('inbox.theirReason', { name: p.clusterName })} <q>{p.declineReason}</q>
              </p>
            ))}
      <AttendeesEditor request={r} clusterId={clusterId} delegates={delegates} />
      {group && r.status === 'declined' ? <AskOthers request={r} clusterId={clusterId} /> : null}
      <ErrorBanner error={withdraw.error} />
      {r.status === 'pending' ? (
        <button type="button" disabled={withdraw.isPending} onClick={() => withdraw.mutate({ kind: 'withdraw' })}>
          {t('inbox.withdraw')}
        </button>
      ) : null}
    </article>
  );
}

/**
 * After one receiver declined a group request: a new request, with the same interest, note and attendees, to the
 * receivers who did not decline (the declined request itself stays as it was).
 */
function AskOthers({ request: r, clusterId }: { request: MeetingRequest; clusterId: string }): ReactNode {
  const { t } = useI18n();
  const create = useCreateRequest(r.eventId);
  const rest = receiversOf(r).filter((p) => p.response !== 'declined');
  const mine = r.parties.find((p) => p.clusterId === clusterId);
  if (!rest.length || !mine) return null;
  const names = rest.map((p) => p.clusterName).join(', ');
  if (create.isSuccess) return <Notice>{t('inbox.askedOthers', { name: names })}</Notice>;
  return (
    <>
      <ErrorBanner error={create.error} />
      <button
        type="button"
        disabled={create.isPending}
        aria-label={t('inbox.askOthersFor', { name: names })}
        onClick={() =>
          create.mutate({
            receiverClusterIds: rest.map((p) => p.clusterId),
            interest: r.requesterInterest,
            note: r.note,
            delegateIds: mine.delegates.map((d) => d.id),
          })
        }
      >
        {t('inbox.askOthers')}
      </button>
    </>
  );
}

/** Marks a request the organiser made or withdrew on a cluster's behalf. */
function OnBehalf({ request: r }: { request: MeetingRequest }): ReactNode {
  const { t } = useI18n();
  if (!r.createdByOrganiser && !r.cancelledByOrganiser) return null;
  return (
    <p className="muted">
      {[
        r.createdByOrganiser ? t('inbox.byOrganiser') : '',
        r.cancelledByOrganiser ? t('inbox.cancelledByOrganiser') : '',
      ]
        .filter(Boolean)
        .join(' ')}
    </p>
  );
}
