import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useClusterDelegates, useInviteColleague } from '../../api/clusters';
import { ErrorBanner, Loading, Notice, TextField } from '../../components/ui';
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
        <TextField
          label={t('colleagues.name')}
          error={error}
          path="name"
          autoComplete="off"
          value={form.name}
          onChange={(v) => setForm({ ...form, name: v })}
        />
        <TextField
          label={t('colleagues.email')}
          error={error}
          path="email"
          type="email"
          autoComplete="off"
          value={form.email}
          onChange={(v) => setForm({ ...form, email: v })}
        />
        <TextField
          label={t('colleagues.role')}
          error={error}
          path="role"
          autoComplete="off"
          value={form.role}
          onChange={(v) => setForm({ ...form, role: v })}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={invite.isPending}>
            {t('colleagues.invite')}
          </button>
        </div>
      </form>
    </section>
  );
}
