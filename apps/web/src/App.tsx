import { useEffect, type ReactNode } from 'react';
import { mailLinkTarget, match, navigate, useLocation } from './lib/router';
import { SessionProvider, useSession } from './lib/session';
import { Loading } from './components/ui';
import { LANGUAGES, useI18n, type Lang, type MessageKey } from './i18n';
import { LoginPage } from './pages/LoginPage';
import { AgendaPage } from './pages/delegate/AgendaPage';
import { AvailabilityPage } from './pages/delegate/AvailabilityPage';
import { ClusterPage, DirectoryPage } from './pages/delegate/DirectoryPage';
import { InboxPage } from './pages/delegate/InboxPage';
import { ProfilePage } from './pages/delegate/ProfilePage';
import { ImportPage } from './pages/organiser/ImportPage';
import { MailPage } from './pages/organiser/MailPage';
import { PrintAgendas, PrintTablePlan } from './pages/organiser/PrintPages';
import { RequestsPage } from './pages/organiser/RequestsPage';
import { ReviewPage } from './pages/organiser/ReviewPage';
import { SetupPage } from './pages/organiser/SetupPage';
import { SolvePage } from './pages/organiser/SolvePage';

/** Where a mail link opened while signed out is kept until the sign-in. */
const NEXT_KEY = 'clustermatch.next';

const DELEGATE_NAV: [string, MessageKey][] = [
  ['/directory', 'nav.directory'],
  ['/inbox', 'nav.inbox'],
  ['/agenda', 'nav.agenda'],
  ['/availability', 'nav.availability'],
  ['/profile', 'nav.profile'],
];
const ORGANISER_NAV: [string, MessageKey][] = [
  ['/setup', 'nav.setup'],
  ['/import', 'nav.import'],
  ['/requests', 'nav.requests'],
  ['/solve', 'nav.solve'],
  ['/review', 'nav.review'],
  ['/mail', 'nav.mail'],
];

export function LanguagePicker(): ReactNode {
  const { t, lang, setLang } = useI18n();
  return (
    <label className="lang">
      <span>{t('common.language')}</span>{' '}
      <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} aria-label={t('common.language')}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Links that keep the SPA in the page (and still work with a modifier key or without JavaScript). */
function useLinkInterception(): void {
  useEffect(() => {
    const on = (e: MouseEvent): void => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a');
      if (!a || a.target || a.hasAttribute('download')) return;
      const href = a.getAttribute('href');
      if (!href || !href.startsWith('/') || href.startsWith('/api') || href.startsWith('/calendars')) return;
      e.preventDefault();
      navigate(href);
    };
    document.addEventListener('click', on);
    return () => document.removeEventListener('click', on);
  }, []);
}

function Shell(): ReactNode {
  const { t } = useI18n();
  const { me, loading, events, eventId, setEventId, signOut } = useSession();
  const { path, search } = useLocation();
  useLinkInterception();

  useEffect(() => {
    if (loading) return;
    if (!me && path !== '/login') {
      // A link from a mail opened while signed out: go there once signed in (kept across tabs, as the
      // magic link opens a new one).
      if (mailLinkTarget(path)) window.localStorage.setItem(NEXT_KEY, path);
      navigate('/login');
    } else if (me && (path === '/' || path === '/login')) {
      const next = window.localStorage.getItem(NEXT_KEY);
      window.localStorage.removeItem(NEXT_KEY);
      navigate(next && mailLinkTarget(next) ? next : me.kind === 'organiser' ? '/setup' : '/directory', {
        replace: next !== null,
      });
    } else if (me) {
      // A link from a mail: choose its event, then show the page for it.
      const target = mailLinkTarget(path);
      if (!target) return;
      if (events.some((e) => e.id === target.eventId)) setEventId(target.eventId);
      navigate(target.to, { replace: true });
    }
  }, [me, loading, path, events, setEventId]);

  useEffect(() => {
    const title = document.querySelector('h1')?.textContent;
    document.title = title ? `${title} · clustermatch` : 'clustermatch';
  });

  const nav = me?.kind === 'organiser' ? ORGANISER_NAV : me ? DELEGATE_NAV : [];
  const event = events.find((e) => e.id === eventId);
  return (
    <>
      <a className="skip" href="#main">
        {t('common.skip')}
      </a>
      <header className="top no-print">
        <a className="brand" href="/">
          clustermatch
        </a>
        {nav.length ? (
          <nav aria-label={t('nav.main')}>
            <ul>
              {nav.map(([href, key]) => (
                <li key={href}>
                  <a href={href} aria-current={path === href ? 'page' : undefined}>
                    {t(key)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <div className="top-right">
          {me && events.length > 1 ? (
            <label>
              <span className="sr-only">{t('common.event')}</span>
              <select value={eventId ?? ''} onChange={(e) => setEventId(e.target.value)} aria-label={t('common.event')}>
                {events.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.name}
                  </option>
                ))}
              </select>
            </label>
          ) : event ? (
            <span className="muted">{event.name}</span>
          ) : null}
          <LanguagePicker />
          {me ? (
            <button
              type="button"
              onClick={() => {
                signOut();
                navigate('/login');
              }}
            >
              {t('common.signOut')}
            </button>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {loading ? <Loading /> : <Routes path={path} search={search} />}
      </main>
    </>
  );
}

function Routes({ path, search }: { path: string; search: URLSearchParams }): ReactNode {
  const { t } = useI18n();
  const { me, eventId, events } = useSession();
  if (path === '/login' || !me) return <LoginPage token={search.get('token')} />;
  const cluster = match('/clusters/:id', path);
  if (cluster?.['id']) return <ClusterPage clusterId={cluster['id']} />;
  if (me.kind === 'organiser' && path === '/setup') return <SetupPage eventId={eventId} />;
  if (!eventId) return <p>{me.kind === 'organiser' ? t('common.noEventOrganiser') : t('common.noEvent')}</p>;
  const tz = events.find((e) => e.id === eventId)?.timezone ?? 'UTC';
  if (me.kind === 'delegate') {
    switch (path) {
      case '/directory':
        return <DirectoryPage eventId={eventId} ownClusterId={me.clusterId} />;
      case '/inbox':
        return <InboxPage eventId={eventId} clusterId={me.clusterId} />;
      case '/agenda':
        return <AgendaPage eventId={eventId} />;
      case '/availability':
        return <AvailabilityPage eventId={eventId} delegateId={me.id} timezone={tz} />;
      case '/profile':
        return <ProfilePage clusterId={me.clusterId} />;
    }
  } else {
    const version = search.get('version');
    switch (path) {
      case '/import':
        return <ImportPage eventId={eventId} />;
      case '/requests':
        return <RequestsPage eventId={eventId} />;
      case '/solve':
        return <SolvePage eventId={eventId} />;
      case '/review':
        return <ReviewPage eventId={eventId} versionId={version} />;
      case '/mail':
        return <MailPage eventId={eventId} />;
      case '/print/tables':
        return <PrintTablePlan eventId={eventId} versionId={version} />;
      case '/print/agendas':
        return <PrintAgendas eventId={eventId} versionId={version} />;
    }
  }
  return <p>{t('common.notFound')}</p>;
}

export function App(): ReactNode {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}
