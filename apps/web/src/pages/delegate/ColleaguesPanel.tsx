import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useClusterDelegates, useInviteColleague } from '../../api/clusters';
import { ErrorBanner, Field, Loading, Notice } from '../../components/ui';
import { useI18n } from '../../i18n';

const EMPTY = { name: '', email: '', role: '' };

/**
 * The delegates of the delegate's own cluster, and "invite a colleague" (issue 9, item 3): the service mails the
 * colleague a link, and they join the cluster when they open it (the same answer whether or not the address is
 * known, so the form reveals nothing about other clusters).
 */
export function ColleaguesPanel({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useI18n();
  const titleId = useId();
  const list = useClusterDelegates(clusterId);
  const invite = useInviteColleague(clusterId);
  const [form, setForm] = useState(EMPTY);
  const error = invite.error;

  function send(e: FormEvent): void {
    e.preventDefault();
    invite.mutate({ name: form.name, email: form.email, role: form.role }, { onSuccess: () => setForm(EMPTY) });
  }

  return (
    <section className="card colleagues" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('colleagues.title')}</h2>
      <ErrorBanner error={list.error} />
      {list.isPending ? <Loading /> : null}
      <ul>
        {(list.data ?? []).map((d) => (
          <li key={d.id}>
            {d.name} <span className="muted">{d.role}</span>
          </li>
        ))}
      </ul>
      <p className="muted">{t('colleagues.intro')}</p>
      {invite.isSuccess ? <Notice>{t('colleagues.invited', { email: invite.data.email })}</Notice> : null}
      <form className="form-grid" onSubmit={send} noValidate aria-label={t('colleagues.invite')}>
        <ErrorBanner error={error} />
        <Field label={t('colleagues.name')} error={error} path="name">
          {(id, d, inv) => (
            <input
              id={id}
              autoComplete="off"
              aria-describedby={d}
              aria-invalid={inv || undefined}
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('colleagues.email')} error={error} path="email">
          {(id, d, inv) => (
            <input
              id={id}
              type="email"
              autoComplete="off"
              aria-describedby={d}
              aria-invalid={inv || undefined}
              value={form.email}
              onChange={(e) => setForm({ ...form, email: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('colleagues.role')} error={error} path="role">
          {(id, d, inv) => (
            <input
              id={id}
              autoComplete="off"
              aria-describedby={d}
              aria-invalid={inv || undefined}
              value={form.role}
              onChange={(e) => setForm({ ...form, role: e.target.value })}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={invite.isPending}>
            {t('colleagues.invite')}
          </button>
        </div>
      </form>
    </section>
  );
}
