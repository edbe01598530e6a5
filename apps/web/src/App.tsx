import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  createBrowserRouter,
  Link,
  Navigate,
  Outlet,
  RouterProvider,
  useLocation,
  useNavigate,
  useParams,
  useSearchParams,
  type RouteObject,
} from 'react-router';
import type { Me } from './api/auth';
import { createQueryClient } from './api/query-client';
import { SessionProvider, useSession } from './lib/session';
import { useServiceWorker } from './lib/offline';
import { Loading } from './components/ui';
import { SiteMenu, type NavGroup } from './components/SiteMenu';
import { ArchivedNotice, EventSwitcher } from './components/EventSwitcher';
import { LANGUAGES, useI18n, type Lang } from './i18n';
import { LoginPage } from './pages/LoginPage';
import { OrganiserInvitationPage } from './pages/OrganiserInvitationPage';
import { OrganisersPage } from './pages/organiser/OrganisersPage';
import { AgendaPage } from './pages/delegate/AgendaPage';
import { AvailabilityPage } from './pages/delegate/AvailabilityPage';
import { ClusterPage, DirectoryPage } from './pages/delegate/DirectoryPage';
import { CollaborationsPage } from './pages/delegate/CollaborationsPage';
import { FeedbackPage } from './pages/delegate/FeedbackPage';
import { FollowUpPage } from './pages/delegate/FollowUpPage';
import { RelationshipsPage } from './pages/delegate/RelationshipsPage';
import { ReportsPage } from './pages/organiser/ReportsPage';
import { InboxPage } from './pages/delegate/InboxPage';
import { ProfilePage } from './pages/delegate/ProfilePage';
import { MyDataPage } from './pages/delegate/MyDataPage';
import { NoticeGate } from './pages/delegate/NoticeGate';
import { PrivacyPage } from './pages/organiser/PrivacyPage';
import { FeedbackSurveyPage } from './pages/organiser/FeedbackSurveyPage';
import { ImportPage } from './pages/organiser/ImportPage';
import { MailPage } from './pages/organiser/MailPage';
import { MailingsPage } from './pages/organiser/MailingsPage';
import { TemplatesPage } from './pages/organiser/TemplatesPage';
import { UnsubscribePage } from './pages/UnsubscribePage';
import { PrintAgendas, PrintTablePlan } from './pages/organiser/PrintPages';
import { RecommendationsPage } from './pages/organiser/RecommendationsPage';
import { ParticipantsPage } from './pages/organiser/ParticipantsPage';
import { RequestsPage } from './pages/organiser/RequestsPage';
import { TaxonomyPage } from './pages/organiser/TaxonomyPage';
import { ReviewPage } from './pages/organiser/ReviewPage';
import { SetupPage } from './pages/organiser/SetupPage';
import { NewEventPage } from './pages/organiser/NewEventPage';
import { ArchivePage } from './pages/organiser/ArchivePage';
import { SolvePage } from './pages/organiser/SolvePage';
import { BoardPage } from './pages/day/BoardPage';
import { CheckinPage } from './pages/day/CheckinPage';
import { DayPage } from './pages/day/DayPage';

/** Where a mail link opened while signed out is kept until the sign-in (across tabs: the magic link opens a new one). */
const NEXT_KEY = 'clustermatch.next';
const MAIL_LINK = /^\/events\/[^/]+\/(agenda|directory|feedback|follow-up|requests\/[^/]+)$/;

/** A delegate's pages, grouped for the menu (issue 16, item 2). */
export const DELEGATE_NAV: readonly NavGroup[] = [
  {
    title: 'menu.group.meetings',
    links: [
      ['/directory', 'nav.directory'],
      ['/inbox', 'nav.inbox'],
      ['/agenda', 'nav.agenda'],
      ['/availability', 'nav.availability'],
    ],
  },
  { title: 'menu.group.day', links: [['/day', 'nav.day']] },
  {
    title: 'menu.group.after',
    links: [
      ['/feedback', 'nav.feedback'],
      ['/collaborations', 'nav.collaborations'],
    ],
  },
  {
    title: 'menu.group.you',
    links: [
      ['/profile', 'nav.profile'],
      ['/my-data', 'nav.myData'],
    ],
  },
];
/** An organiser's pages in the order of the work, grouped for the menu. */
export const ORGANISER_NAV: readonly NavGroup[] = [
  {
    title: 'menu.group.setup',
    links: [
      ['/setup', 'nav.setup'],
      ['/taxonomy', 'nav.taxonomy'],
      ['/privacy', 'nav.privacy'],
      ['/organisers', 'nav.organisers'],
    ],
  },
  {
    title: 'menu.group.participants',
    links: [
      ['/import', 'nav.import'],
      ['/participants', 'nav.participants'],
      ['/requests', 'nav.requests'],
      ['/suggestions', 'nav.suggestions'],
    ],
  },
  {
    title: 'menu.group.schedule',
    links: [
      ['/solve', 'nav.solve'],
      ['/review', 'nav.review'],
    ],
  },
  {
    title: 'menu.group.day',
    links: [
      ['/checkin', 'nav.checkin'],
      ['/board', 'nav.board'],
    ],
  },
  {
    title: 'menu.group.after',
    links: [
      ['/feedback-survey', 'nav.feedback'],
      ['/reports', 'nav.reports'],
    ],
  },
  {
    title: 'menu.group.mail',
    links: [
      ['/mailings', 'nav.mailings'],
      ['/templates', 'nav.templates'],
      ['/mail', 'nav.mail'],
    ],
  },
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

/** Header (navigation, event, language, sign-out) and the page. */
function Shell(): ReactNode {
  const { t } = useI18n();
  const { me, loading, signOut } = useSession();
  const navigate = useNavigate();

  const { pathname } = useLocation();
  // The tab's title names the page: its h1, also when that appears or changes after the data arrives.
  useEffect(() => {
    const main = document.getElementById('main');
    const update = (): void => {
      const title = main?.querySelector('h1')?.textContent?.trim();
      const next = title ? `${title} · clustermatch` : 'clustermatch';
      if (document.title !== next) document.title = next;
    };
    update();
    if (!main) return undefined;
    const watch = new MutationObserver(update);
    watch.observe(main, { childList: true, subtree: true, characterData: true });
    return () => watch.disconnect();
  }, []);
  // After a navigation the focus goes to the page (not left on the link that was followed), so a keyboard or
  // screen-reader user starts at its top; the first page load keeps the browser's own start.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const active = document.activeElement;
    const main = document.getElementById('main');
    if (main && (!active || active === document.body || !main.contains(active))) main.focus({ preventScroll: false });
  }, [pathname]);

  const nav = me?.kind === 'organiser' ? ORGANISER_NAV : me ? DELEGATE_NAV : [];
  return (
    <>
      <a className="skip" href="#main">
        {t('common.skip')}
      </a>
      <header className="top no-print">
        <Link className="brand" to="/">
          clustermatch
        </Link>
        {nav.length ? <SiteMenu groups={nav} /> : null}
        <div className="top-right">
          <EventSwitcher />
          <LanguagePicker />
          {me ? (
            <button
              type="button"
              onClick={() => {
                signOut();
                void navigate('/login');
              }}
            >
              {t('common.signOut')}
            </button>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {loading ? (
          <Loading />
        ) : (
          <>
            <ArchivedNotice />
            <Outlet />
          </>
        )}
      </main>
    </>
  );
}

const startPage = (me: Me): string => (me.kind === 'organiser' ? '/setup' : '/directory');

/** The sign-in page; once signed in, on to the mail link that was opened, or the start page. */
function LoginRoute(): ReactNode {
  const { me } = useSession();
  const [search] = useSearchParams();
  // A sign-in link the service mails on its own (the feedback survey) names the page to open afterwards.
  const next = search.get('next');
  if (!me) return <LoginPage token={search.get('token')} email={search.get('email')} />;
  if (next && MAIL_LINK.test(next)) return <Navigate to={next} replace />;
  return <AfterSignIn me={me} />;
}

/** The unsubscribe link of a mailing or nudge: works signed in or not. */
function UnsubscribeRoute(): ReactNode {
  const [search] = useSearchParams();
  return <UnsubscribePage token={search.get('token')} />;
}

function AfterSignIn({ me }: { me: Me }): ReactNode {
  const next = window.localStorage.getItem(NEXT_KEY);
  useEffect(() => window.localStorage.removeItem(NEXT_KEY), []);
  return next && MAIL_LINK.test(next) ? <Navigate to={next} replace /> : <Navigate to={startPage(me)} />;
}

/**
 * The links in the service's mails (`/events/<id>/agenda`, `/events/<id>/requests/<requestId>`): choose
 * that event, then show the page for it. Signed out, the link waits for the sign-in.
 */
function MailLink({ to }: { to: string }): ReactNode {
  const { eventId } = useParams();
  const { pathname } = useLocation();
  const { me, events, setEventId } = useSession();
  const navigate = useNavigate();
  const known = events.some((e) => e.id === eventId);
  useEffect(() => {
    if (!me) {
      window.localStorage.setItem(NEXT_KEY, pathname);
      void navigate('/login', { replace: true });
      return;
    }
    if (known && eventId) setEventId(eventId);
    void navigate(to, { replace: true });
  }, [me, known, eventId, pathname, to, navigate, setEventId]);
  return <Loading />;
}

/**
 * Signed in, but the service cannot be reached to say who by (no network and nothing kept offline for this page):
 * say so and offer to try again, instead of a sign-in page the delegate does not need.
 */
function Unreachable(): ReactNode {
  const { t } = useI18n();
  const { retry } = useSession();
  return (
    <section aria-labelledby="unreachable-title">
      <h1 id="unreachable-title">{t('common.unreachable.title')}</h1>
      <p role="status">{t('common.unreachable.body')}</p>
      <button type="button" onClick={retry}>
        {t('common.tryAgain')}
      </button>
    </section>
  );
}

/** The pages behind the sign-in. */
function SignedIn(): ReactNode {
  const { me, unreachable } = useSession();
  if (!me && unreachable) return <Unreachable />;
  if (!me) return <Navigate to="/login" />;
  // A delegate first accepts the organisation's current privacy notice (issue 17).
  return me.kind === 'delegate' ? (
    <NoticeGate>
      <Outlet />
    </NoticeGate>
  ) : (
    <Outlet />
  );
}

function NotFound(): ReactNode {
  const { t } = useI18n();
  return <p>{t('common.notFound')}</p>;
}

interface EventContext {
  eventId: string;
  timezone: string;
}

/** A page of the chosen event, for one kind of user (others get "not found"). */
function EventPage<K extends Me['kind']>({
  kind,
  children,
}: {
  kind: K;
  children: (ctx: EventContext, me: Extract<Me, { kind: K }>) => ReactNode;
}): ReactNode {
  const { t } = useI18n();
  const { me, eventId, events } = useSession();
  if (!me || me.kind !== kind) return <NotFound />;
  if (!eventId) return <p>{me.kind === 'organiser' ? t('common.noEventOrganiser') : t('common.noEvent')}</p>;
  const timezone = events.find((e) => e.id === eventId)?.timezone ?? 'UTC';
  return children({ eventId, timezone }, me as Extract<Me, { kind: K }>);
}

/** A new event (issue 9, item 2): organisers who may change things. */
function NewEventRoute(): ReactNode {
  const { me } = useSession();
  return me?.kind === 'organiser' && me.role !== 'viewer' ? <NewEventPage /> : <NotFound />;
}

/** The organisation's archived events; viewers see them without the buttons that change them. */
function ArchiveRoute(): ReactNode {
  const { me } = useSession();
  return me?.kind === 'organiser' ? <ArchivePage canEdit={me.role !== 'viewer'} /> : <NotFound />;
}

function SetupRoute(): ReactNode {
  const { me, eventId } = useSession();
  return me?.kind === 'organiser' ? <SetupPage eventId={eventId} /> : <NotFound />;
}

/** The mail wording is the service's, not one event's. */
function TemplatesRoute(): ReactNode {
  const { me } = useSession();
  return me?.kind === 'organiser' ? <TemplatesPage /> : <NotFound />;
}

/** The taxonomy is shared by every event. */
function TaxonomyRoute(): ReactNode {
  const { me } = useSession();
  return me?.kind === 'organiser' ? <TaxonomyPage /> : <NotFound />;
}

/** The organisation's organisers are not one event's. */
function OrganisersRoute(): ReactNode {
  const { me } = useSession();
  return me?.kind === 'organiser' ? <OrganisersPage me={me} /> : <NotFound />;
}

/** The link of an organiser invitation: works signed out (the invitee has no account yet). */
function OrganiserInvitationRoute(): ReactNode {
  const [search] = useSearchParams();
  return <OrganiserInvitationPage token={search.get('token')} />;
}

/** Reports across events are not one event's. */
function ReportsRoute(): ReactNode {
  const { me } = useSession();
  return me?.kind === 'organiser' ? <ReportsPage /> : <NotFound />;
}

function ClusterRoute(): ReactNode {
  const { clusterId } = useParams();
  return clusterId ? <ClusterPage clusterId={clusterId} /> : <NotFound />;
}

/** A delegate's own data: theirs whatever the event. */
function MyDataRoute(): ReactNode {
  const { me } = useSession();
  return me?.kind === 'delegate' ? <MyDataPage delegateId={me.id} /> : <NotFound />;
}

/** Pages that take `?version=` (the review, the print-outs). */
function WithVersion({ children }: { children: (versionId: string | null) => ReactNode }): ReactNode {
  const [search] = useSearchParams();
  return children(search.get('version'));
}

export const routes: RouteObject[] = [
  {
    element: <Shell />,
    children: [
      { path: 'login', element: <LoginRoute /> },
      { path: 'unsubscribe', element: <UnsubscribeRoute /> },
      { path: 'organiser-invitation', element: <OrganiserInvitationRoute /> },
      { path: 'events/:eventId/agenda', element: <MailLink to="/agenda" /> },
      { path: 'events/:eventId/directory', element: <MailLink to="/directory" /> },
      { path: 'events/:eventId/requests/:requestId', element: <MailLink to="/inbox" /> },
      { path: 'events/:eventId/feedback', element: <MailLink to="/feedback" /> },
      { path: 'events/:eventId/follow-up', element: <MailLink to="/follow-up" /> },
      {
        element: <SignedIn />,
        children: [
          { index: true, element: <Start /> },
          { path: 'clusters/:clusterId', element: <ClusterRoute /> },
          // Delegates
          {
            path: 'directory',
            element: (
              <EventPage kind="delegate">
                {({ eventId }, me) => <DirectoryPage eventId={eventId} ownClusterId={me.clusterId} />}
              </EventPage>
            ),
          },
          {
            path: 'inbox',
            element: (
              <EventPage kind="delegate">
                {({ eventId }, me) => <InboxPage eventId={eventId} clusterId={me.clusterId} />}
              </EventPage>
            ),
          },
          {
            path: 'agenda',
            element: <EventPage kind="delegate">{({ eventId }) => <AgendaPage eventId={eventId} />}</EventPage>,
          },
          {
            path: 'day',
            element: (
              <EventPage kind="delegate">
                {({ eventId, timezone }) => <DayPage eventId={eventId} timezone={timezone} />}
              </EventPage>
            ),
          },
          {
            path: 'availability',
            element: (
              <EventPage kind="delegate">
                {({ eventId, timezone }, me) => (
                  <AvailabilityPage eventId={eventId} delegateId={me.id} timezone={timezone} />
                )}
              </EventPage>
            ),
          },
          {
            path: 'profile',
            element: (
              <EventPage kind="delegate">
                {(_, me) => <ProfilePage clusterId={me.clusterId} delegateId={me.id} language={me.language} />}
              </EventPage>
            ),
          },
          {
            path: 'feedback',
            element: (
              <EventPage kind="delegate">
                {({ eventId, timezone }) => <FeedbackPage eventId={eventId} timezone={timezone} />}
              </EventPage>
            ),
          },
          {
            path: 'follow-up',
            element: (
              <EventPage kind="delegate">
                {({ eventId }, me) => <FollowUpPage eventId={eventId} clusterId={me.clusterId} />}
              </EventPage>
            ),
          },
          {
            path: 'relationships',
            element: (
              <EventPage kind="delegate">
                {({ timezone }, me) => <RelationshipsPage clusterId={me.clusterId} timezone={timezone} />}
              </EventPage>
            ),
          },
          {
            path: 'collaborations',
            element: (
              <EventPage kind="delegate">
                {({ eventId }, me) => <CollaborationsPage eventId={eventId} clusterId={me.clusterId} />}
              </EventPage>
            ),
          },
          { path: 'my-data', element: <MyDataRoute /> },
          // Organisers
          { path: 'setup', element: <SetupRoute /> },
          { path: 'events/new', element: <NewEventRoute /> },
          { path: 'archive', element: <ArchiveRoute /> },
          {
            path: 'privacy',
            element: <EventPage kind="organiser">{({ eventId }) => <PrivacyPage eventId={eventId} />}</EventPage>,
          },
          {
            path: 'import',
            element: <EventPage kind="organiser">{({ eventId }) => <ImportPage eventId={eventId} />}</EventPage>,
          },
          {
            path: 'participants',
            element: <EventPage kind="organiser">{({ eventId }) => <ParticipantsPage eventId={eventId} />}</EventPage>,
          },
          { path: 'taxonomy', element: <TaxonomyRoute /> },
          {
            path: 'requests',
            element: <EventPage kind="organiser">{({ eventId }) => <RequestsPage eventId={eventId} />}</EventPage>,
          },
          {
            path: 'suggestions',
            element: (
              <EventPage kind="organiser">{({ eventId }) => <RecommendationsPage eventId={eventId} />}</EventPage>
            ),
          },
          {
            path: 'solve',
            element: <EventPage kind="organiser">{({ eventId }) => <SolvePage eventId={eventId} />}</EventPage>,
          },
          {
            path: 'review',
            element: (
              <EventPage kind="organiser">
                {({ eventId }) => (
                  <WithVersion>{(versionId) => <ReviewPage eventId={eventId} versionId={versionId} />}</WithVersion>
                )}
              </EventPage>
            ),
          },
          {
            path: 'checkin',
            element: (
              <EventPage kind="organiser">
                {({ eventId, timezone }) => <CheckinPage eventId={eventId} timezone={timezone} />}
              </EventPage>
            ),
          },
          {
            path: 'board',
            element: (
              <EventPage kind="organiser">
                {({ eventId, timezone }) => <BoardPage eventId={eventId} timezone={timezone} />}
              </EventPage>
            ),
          },
          {
            path: 'templates',
            element: <TemplatesRoute />,
          },
          { path: 'reports', element: <ReportsRoute /> },
          { path: 'organisers', element: <OrganisersRoute /> },
          {
            path: 'mailings',
            element: <EventPage kind="organiser">{({ eventId }) => <MailingsPage eventId={eventId} />}</EventPage>,
          },
          {
            path: 'mail',
            element: <EventPage kind="organiser">{({ eventId }) => <MailPage eventId={eventId} />}</EventPage>,
          },
          {
            path: 'feedback-survey',
            element: (
              <EventPage kind="organiser">
                {({ eventId, timezone }) => <FeedbackSurveyPage eventId={eventId} timezone={timezone} />}
              </EventPage>
            ),
          },
          {
            path: 'print/tables',
            element: (
              <EventPage kind="organiser">
                {({ eventId }) => (
                  <WithVersion>{(versionId) => <PrintTablePlan eventId={eventId} versionId={versionId} />}</WithVersion>
                )}
              </EventPage>
            ),
          },
          {
            path: 'print/agendas',
            element: (
              <EventPage kind="organiser">
                {({ eventId }) => (
                  <WithVersion>{(versionId) => <PrintAgendas eventId={eventId} versionId={versionId} />}</WithVersion>
                )}
              </EventPage>
            ),
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

/** `/`: the start page of whoever is signed in. */
function Start(): ReactNode {
  const { me } = useSession();
  return me ? <Navigate to={startPage(me)} replace /> : null;
}

/** The query cache and the session, around the router (tests pass their own client). */
export function AppProviders({ client, children }: { client: QueryClient; children: ReactNode }): ReactNode {
  return (
    <QueryClientProvider client={client}>
      <SessionProvider>{children}</SessionProvider>
    </QueryClientProvider>
  );
}

export function App(): ReactNode {
  const [client] = useState(createQueryClient);
  const [router] = useState(() => createBrowserRouter(routes));
  useServiceWorker(client);
  return (
    <AppProviders client={client}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
