import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAcceptInvitation, useInvitationPreview } from '../api/organisers';
import { ErrorBanner, Field, Loading } from '../components/ui';
import { useI18n, type MessageKey } from '../i18n';

/**
 * Issue 9, item 1: the page an organiser invitation's link opens (`/organiser-invitation?token=`). The invitee
 * sees who invites them and as what, chooses a password (and may correct their name); that creates their account
 * and signs them in. A used, revoked or expired link says so and points to the sign-in page.
 */
export function OrganiserInvitationPage({ token }: { token: string | null }): ReactNode {
  const { t } = useI18n();
  if (!token) return <BadLink />;
  return (
    <section className="card narrow" aria-labelledby="invitation-title">
      <h1 id="invitation-title">{t('invitation.title')}</h1>
      <InvitationForm token={token} />
    </section>
  );
}

function BadLink(): ReactNode {
  const { t } = useI18n();
  return (
    <section className="card narrow" aria-labelledby="invitation-title">
      <h1 id="invitation-title">{t('invitation.title')}</h1>
      <div className="banner banner-error" role="alert">
        {t('invitation.badLink')}
      </div>
      <p>
        <Link to="/login">{t('invitation.toSignIn')}</Link>
      </p>
    </section>
  );
}

function InvitationForm({ token }: { token: string }): ReactNode {
  const { t } = useI18n();
  const preview = useInvitationPreview(token);
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  const [name, setName] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  if (preview.isPending) return <Loading />;
  if (preview.error) {
    return (
      <>
        <ErrorBanner error={preview.error} />
        <p>
          <Link to="/login">{t('invitation.toSignIn')}</Link>
        </p>
      </>
    );
  }
  const inv = preview.data;
  const shownName = name ?? inv.name;
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (password !== repeat) {
      setMismatch(true);
      return;
    }
    // Signed in as the new organiser: on to their start page.
    accept.mutate(
      { token, name: shownName.trim() || inv.name, password },
      { onSuccess: () => void navigate('/', { replace: true }) },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <p>
        {t('invitation.intro', {
          organisation: inv.organisationName,
          role: t(`organisers.role.${inv.role}` as MessageKey),
        })}
      </p>
      <Field label={t('invitation.email')}>
        {(id) => <input id={id} type="email" value={inv.email} readOnly autoComplete="username" />}
      </Field>
      <Field label={t('invitation.name')} error={accept.error} path="name">
        {(id, d, invalid) => (
          <input
            id={id}
            autoComplete="name"
            value={shownName}
            aria-describedby={d}
            aria-invalid={invalid || undefined}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('invitation.password')} error={accept.error} path="password" hint={t('invitation.passwordHint')}>
        {(id, d, invalid) => (
          <input
            id={id}
            type="password"
            autoComplete="new-password"
            minLength={10}
            maxLength={72}
            required
            value={password}
            aria-describedby={d}
            aria-invalid={invalid || undefined}
            onChange={(e) => {
              setMismatch(false);
              setPassword(e.target.value);
            }}
          />
        )}
      </Field>
      <Field label={t('invitation.repeat')}>
        {(id) => (
          <input
            id={id}
            type="password"
            autoComplete="new-password"
            required
            value={repeat}
            aria-invalid={mismatch || undefined}
            onChange={(e) => {
              setMismatch(false);
              setRepeat(e.target.value);
            }}
          />
        )}
      </Field>
      {mismatch ? (
        <div className="field-error" role="alert">
          {t('invitation.mismatch')}
        </div>
      ) : null}
      <ErrorBanner error={accept.error} />
      <button type="submit" className="primary" disabled={accept.isPending || !password || !repeat}>
        {accept.isPending ? t('invitation.saving') : t('invitation.submit')}
      </button>
    </form>
  );
}
