import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useDemoDelegates, useRequestMagicLink } from '../api/auth';
import { useDemoSignIn, useLogin, useMagicLinkSignIn } from '../lib/session';
import { ErrorBanner, Field, Notice, TextField } from '../components/ui';
import { useI18n } from '../i18n';

type Mode = 'delegate' | 'organiser';
const MODES: readonly Mode[] = ['delegate', 'organiser'];

/**
 * Delegates ask for a magic link (`?email=` fills in the address); organisers log in with e-mail and password; `?token=` completes a magic link.
 * Once signed in, the shell takes the user to their start page.
 */
export function LoginPage({ token, email: given = null }: { token: string | null; email?: string | null }): ReactNode {
  const { t } = useI18n();
  const [mode, setMode] = useState<Mode>('delegate');
  // `?email=` (the sign-in link of a mailing) fills in the address: one click sends a fresh login link.
  const [email, setEmail] = useState(given ?? '');
  const [password, setPassword] = useState('');
  const login = useLogin();
  const requestLink = useRequestMagicLink();
  const verify = useMagicLinkSignIn();
  const error = login.error ?? requestLink.error ?? verify.error;
  const verifying = useRef(false);
  const ids = useId();
  const tabRefs = useRef<Partial<Record<Mode, HTMLButtonElement | null>>>({});

  /** WAI-ARIA tabs: Left/Right move to the previous/next tab (wrapping), Home/End to the first/last; selection follows focus. */
  function onTabKey(e: KeyboardEvent): void {
    const i = MODES.indexOf(mode);
    const n = MODES.length;
    const to: Partial<Record<string, number>> = {
      ArrowRight: (i + 1) % n,
      ArrowLeft: (i - 1 + n) % n,
      Home: 0,
      End: n - 1,
    };
    const at = to[e.key];
    const next = at === undefined ? undefined : MODES[at];
    if (next === undefined) return;
    e.preventDefault();
    setMode(next);
    tabRefs.current[next]?.focus();
  }

  // The token of a magic link is single use: verify it once, also under StrictMode's second effect run.
  const { mutate: verifyToken } = verify;
  useEffect(() => {
    if (!token || verifying.current) return;
    verifying.current = true;
    verifyToken(token);
  }, [token, verifyToken]);

  function submit(e: FormEvent): void {
    e.preventDefault();
    // Only the answer to this submit shows.
    login.reset();
    requestLink.reset();
    verify.reset();
    if (mode === 'organiser') login.mutate({ email, password });
    else requestLink.mutate(email);
  }

  const busy = login.isPending || requestLink.isPending || verify.isPending;

  return (
    <section className="card narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      {token ? <p>{verify.isPending ? t('login.verifying') : null}</p> : null}
      <div role="tablist" aria-label={t('login.title')} className="tabs" onKeyDown={onTabKey}>
        {MODES.map((m) => (
          <button
            key={m}
            ref={(el) => {
              tabRefs.current[m] = el;
            }}
            type="button"
            role="tab"
            id={`${ids}-tab-${m}`}
            aria-selected={mode === m}
            aria-controls={`${ids}-panel`}
            tabIndex={mode === m ? 0 : -1}
            onClick={() => setMode(m)}
          >
            {t(m === 'delegate' ? 'login.delegate' : 'login.organiser')}
          </button>
        ))}
      </div>
      <ErrorBanner error={error} />
      {requestLink.isSuccess && mode === 'delegate' ? <Notice>{t('login.linkSent')}</Notice> : null}
      <form id={`${ids}-panel`} role="tabpanel" aria-labelledby={`${ids}-tab-${mode}`} onSubmit={submit} noValidate>
        <Field label={t('login.email')} error={error} path="email">
          {(id, d, inv) => (
            <input
              id={id}
              type="email"
              autoComplete="email"
              required
              value={email}
              aria-describedby={d}
              aria-invalid={inv || undefined}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        {mode === 'organiser' ? (
          <Field label={t('login.password')} error={error} path="password">
            {(id, d, inv) => (
              <input
                id={id}
                type="password"
                autoComplete="current-password"
                required
                value={password}
                aria-describedby={d}
                aria-invalid={inv || undefined}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
        ) : (
          <p className="hint">{t('login.magicHint')}</p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {mode === 'organiser' ? t('login.signIn') : t('login.sendLink')}
        </button>
      </form>
      {mode === 'delegate' ? <DemoDelegates /> : null}
    </section>
  );
}

/** How many demo delegates the list shows at once (the filter finds the others). */
const DEMO_SHOWN = 8;

/**
 * Development only (issue 16, item 9): the demo event's delegates, each with "Sign in as", so that trying the
 * delegate's side needs no login link out of the outbox. The service answers the list only with
 * NODE_ENV=development and a seeded demo event; otherwise nothing shows.
 */
function DemoDelegates(): ReactNode {
  const { t, tn } = useI18n();
  const list = useDemoDelegates();
  const signIn = useDemoSignIn();
  const [q, setQ] = useState('');
  const ids = useId();
  const all = list.data ?? [];
  if (all.length === 0) return null;
  const needle = q.trim().toLowerCase();
  const matches = needle
    ? all.filter((d) => `${d.name} ${d.clusterName} ${d.email}`.toLowerCase().includes(needle))
    : all;
  const shown = matches.slice(0, DEMO_SHOWN);
  return (
    <section className="demo-delegates" aria-labelledby={`${ids}-demo`}>
      <h2 id={`${ids}-demo`}>{t('login.demo.title')}</h2>
      <p className="hint">{t('login.demo.hint')}</p>
      <ErrorBanner error={signIn.error} />
      <TextField type="search" label={t('login.demo.filter')} value={q} onChange={setQ} autoComplete="off" />
      <ul className="demo-list">
        {shown.map((d) => (
          <li key={d.id}>
            <span>
              <strong>{d.name}</strong> · {d.clusterName}
            </span>
            <button
              type="button"
              disabled={signIn.isPending}
              aria-busy={signIn.isPending && signIn.variables === d.id}
              aria-label={t('login.demo.signInAs', { name: d.name, cluster: d.clusterName })}
              onClick={() => signIn.mutate(d.id)}
            >
              {t('login.demo.signIn')}
            </button>
          </li>
        ))}
      </ul>
      <p className="muted" role="status">
        {tn('login.demo.shown', matches.length, { shown: shown.length })}
      </p>
    </section>
  );
}
