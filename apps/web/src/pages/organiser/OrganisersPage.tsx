import { useState, type FormEvent, type ReactNode } from 'react';
import { useSetOrganiserLanguage, type Me } from '../../api/auth';
import {
  useInvitations,
  useInviteOrganiser,
  useOrganisers,
  useRemoveOrganiser,
  useResendInvitation,
  useRevokeInvitation,
  useSetOrganiserRole,
  type Organiser,
  type OrganiserInvitation,
  type OrganiserRole,
} from '../../api/organisers';
import { ConfirmDialog, ErrorBanner, Field, Loading, Notice, useConfirm } from '../../components/ui';
import { LanguageForm } from '../../components/LanguageForm';
import { useI18n, type Lang, type MessageKey } from '../../i18n';

type OrganiserMe = Extract<Me, { kind: 'organiser' }>;

const ROLES: readonly OrganiserRole[] = ['owner', 'organiser', 'viewer'];
const roleKey = (r: OrganiserRole): MessageKey => `organisers.role.${r}` as MessageKey;

/**
 * Issue 9, item 1: the organisation's organisers. Owners invite by mail (the invitee sets a password through the
 * link), change roles, remove organisers (after a confirmation) and resend or revoke pending invitations; the other
 * roles see who organises with them, read-only (the service refuses them the changes too).
 */
export function OrganisersPage({ me }: { me: OrganiserMe }): ReactNode {
  const { t } = useI18n();
  const owner = me.role === 'owner';
  const organisers = useOrganisers();
  return (
    <section aria-labelledby="organisers-title">
      <h1 id="organisers-title">{t('organisers.title')}</h1>
      <p className="muted">{t('organisers.intro', { organisation: me.organisationName })}</p>
      <OrganiserLanguage current={me.language} />
      {owner ? <InviteForm /> : <p className="muted">{t('organisers.readOnly')}</p>}
      <ErrorBanner error={organisers.error} />
      {!organisers.data ? (
        organisers.error ? null : (
          <Loading />
        )
      ) : (
        <div className="card">
          <h2>{t('organisers.members')}</h2>
          <ul className="plain-list organiser-list">
            {organisers.data.map((o) => (
              <OrganiserItem key={o.id} o={o} self={o.id === me.id} owner={owner} />
            ))}
          </ul>
        </div>
      )}
      {owner ? <PendingInvitations /> : null}
    </section>
  );
}

/**
 * The signed-in organiser's own language (issue 16): their mails, the service's error messages and, from the next
 * sign-in on, this app. Empty: none chosen (the browser's). Saving switches the app at once.
 */
export function OrganiserLanguage({ current }: { current: Lang | null }): ReactNode {
  const { t } = useI18n();
  return (
    <LanguageForm
      titleId="organiser-language-title"
      current={current}
      save={useSetOrganiserLanguage()}
      title={t('organisers.myLanguageTitle')}
      label={t('organisers.myLanguageLabel')}
      hint={t('organisers.myLanguageHint')}
      noneLabel={t('organisers.myLanguageNone')}
    />
  );
}

function InviteForm(): ReactNode {
  const { t, lang } = useI18n();
  const invite = useInviteOrganiser();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<OrganiserRole>('organiser');
  // The mail's language: the owner's own by default.
  const [language, setLanguage] = useState<Lang>(lang);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    invite.mutate(
      { email, name, role, language },
      {
        onSuccess: () => {
          setEmail('');
          setName('');
        },
      },
    );
  };
  return (
    <form className="card form-grid" onSubmit={submit} noValidate aria-labelledby="invite-title">
      <h2 id="invite-title">{t('organisers.invite')}</h2>
      <p className="hint">{t('organisers.inviteHint')}</p>
      <Field label={t('organisers.email')} error={invite.error} path="email">
        {(id, d, inv) => (
          <input
            id={id}
            type="email"
            autoComplete="off"
            value={email}
            aria-describedby={d}
            aria-invalid={inv || undefined}
            onChange={(e) => {
              invite.reset();
              setEmail(e.target.value);
            }}
          />
        )}
      </Field>
      <Field label={t('organisers.name')} error={invite.error} path="name">
        {(id, d, inv) => (
          <input
            id={id}
            autoComplete="off"
            value={name}
            aria-describedby={d}
            aria-invalid={inv || undefined}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('organisers.role')} error={invite.error} path="role">
        {(id) => (
          <select id={id} value={role} onChange={(e) => setRole(e.target.value as OrganiserRole)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(roleKey(r))}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('organisers.language')} error={invite.error} path="language">
        {(id) => (
          <select id={id} value={language} onChange={(e) => setLanguage(e.target.value as Lang)}>
            <option value="en">English</option>
            <option value="da">Dansk</option>
          </select>
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={invite.isPending || !email.trim() || !name.trim()}>
          {invite.isPending ? t('organisers.sending') : t('organisers.sendInvitation')}
        </button>
      </div>
      {invite.isSuccess ? <Notice>{t('organisers.invited', { email: invite.data.email })}</Notice> : null}
      <ErrorBanner error={invite.error} />
    </form>
  );
}

function OrganiserItem({ o, self, owner }: { o: Organiser; self: boolean; owner: boolean }): ReactNode {
  const { t, lang } = useI18n();
  const setRole = useSetOrganiserRole();
  const remove = useRemoveOrganiser();
  const dialog = useConfirm();
  const { setConfirming, openRef } = dialog;
  return (
    <li className="organiser">
      <div>
        <strong>{o.name}</strong> {self ? <span className="muted">{t('organisers.you')}</span> : null}
        <div className="muted">{o.email}</div>
        <small className="muted">
          {t('organisers.since')} {new Date(o.createdAt).toLocaleDateString(lang)}
        </small>
      </div>
      {owner ? (
        <div className="row-actions">
          <label>
            <span className="sr-only">{t('organisers.roleOf', { name: o.name })}</span>
            <select
              aria-label={t('organisers.roleOf', { name: o.name })}
              value={o.role}
              disabled={setRole.isPending}
              onChange={(e) => {
                remove.reset();
                setRole.mutate({ organiserId: o.id, role: e.target.value as OrganiserRole });
              }}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(roleKey(r))}
                </option>
              ))}
            </select>
          </label>
          <button
            ref={openRef}
            type="button"
            aria-label={`${t('organisers.remove')} ${o.name}`}
            onClick={() => {
              setRole.reset();
              setConfirming(true);
            }}
          >
            {t('organisers.remove')}
          </button>
        </div>
      ) : (
        <span>{t(roleKey(o.role))}</span>
      )}
      <ConfirmDialog
        confirm={dialog}
        text={t('organisers.removeConfirm', { name: o.name, email: o.email })}
        yes={t('organisers.removeYes')}
        busy={remove.isPending}
        busyText={t('organisers.removing')}
        onYes={() => remove.mutate(o.id, { onSettled: () => setConfirming(false) })}
      />
      {setRole.isSuccess ? (
        <Notice>{t('organisers.roleSaved', { name: o.name, role: t(roleKey(setRole.data.role)) })}</Notice>
      ) : null}
      <ErrorBanner error={setRole.error ?? remove.error} />
    </li>
  );
}

function PendingInvitations(): ReactNode {
  const { t } = useI18n();
  const invitations = useInvitations(true);
  const [done, setDone] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="pending-title">
      <h2 id="pending-title">{t('organisers.pending')}</h2>
      <ErrorBanner error={invitations.error} />
      {done ? <Notice>{done}</Notice> : null}
      {!invitations.data ? (
        invitations.error ? null : (
          <Loading />
        )
      ) : invitations.data.length === 0 ? (
        <p className="muted">{t('organisers.noPending')}</p>
      ) : (
        <ul className="plain-list organiser-list">
          {invitations.data.map((i) => (
            <InvitationItem key={i.id} i={i} onDone={setDone} />
          ))}
        </ul>
      )}
    </section>
  );
}

function InvitationItem({ i, onDone }: { i: OrganiserInvitation; onDone: (text: string) => void }): ReactNode {
  const { t, lang } = useI18n();
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  const dialog = useConfirm();
  const { setConfirming, openRef } = dialog;
  return (
    <li className="organiser">
      <div>
        <strong>{i.name}</strong> <span className="muted">{i.email}</span>
        <div>{t(roleKey(i.role))}</div>
        <small className="muted">
          {t('organisers.sent')} {new Date(i.createdAt).toLocaleString(lang)} ·{' '}
          {i.expired ? (
            <strong className="badge">{t('organisers.expired')}</strong>
          ) : (
            <>
              {t('organisers.expires')} {new Date(i.expiresAt).toLocaleString(lang)}
            </>
          )}
        </small>
      </div>
      <div className="row-actions">
        <button
          type="button"
          aria-label={`${t('organisers.resend')} ${i.email}`}
          disabled={resend.isPending}
          onClick={() => resend.mutate(i.id, { onSuccess: () => onDone(t('organisers.resent', { email: i.email })) })}
        >
          {resend.isPending ? t('organisers.sending') : t('organisers.resend')}
        </button>
        <button
          ref={openRef}
          type="button"
          aria-label={`${t('organisers.revoke')} ${i.email}`}
          onClick={() => setConfirming(true)}
        >
          {t('organisers.revoke')}
        </button>
      </div>
      <ConfirmDialog
        confirm={dialog}
        text={t('organisers.revokeConfirm', { email: i.email })}
        yes={t('organisers.revokeYes')}
        busy={revoke.isPending}
        busyText={t('organisers.revoking')}
        onYes={() =>
          revoke.mutate(i.id, {
            onSuccess: () => onDone(t('organisers.revoked', { email: i.email })),
            onSettled: () => setConfirming(false),
          })
        }
      />
      <ErrorBanner error={resend.error ?? revoke.error} />
    </li>
  );
}
