import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { fetchMe, loginWithPassword, signInAsDemoDelegate, verifyMagicLink, type Me } from '../api/auth';
import { ApiError, getToken, setToken } from '../api/client';
import { forgetOfflineData } from './offline';
import { fetchEvents, useEvents, type EventSummary } from '../api/events';
import { queryKeys } from '../api/keys';
import { useLangSetter } from '../i18n';

interface Session {
  /** Who is signed in; null when signed out or when the service no longer accepts the token. */
  me: Me | null;
  /** True while the saved token is being checked. */
  loading: boolean;
  /**
   * The saved token could not be checked: the service did not answer (offline with nothing kept by the service
   * worker) or failed. The token still holds; `retry` asks again (a reconnect does too).
   */
  unreachable: boolean;
  retry(): void;
  events: EventSummary[];
  /** The event the pages show: the one chosen last (remembered across reloads), else the newest current one. */
  eventId: string | null;
  setEventId(id: string): void;
  signIn(token: string): Promise<Me>;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);
const EVENT_KEY = 'clustermatch.event';

export function SessionProvider({ children }: { children: ReactNode }): ReactNode {
  const qc = useQueryClient();
  const setLang = useLangSetter();
  const [token, setTokenState] = useState<string | null>(getToken);
  const [chosen, setChosen] = useState<string | null>(() => window.localStorage.getItem(EVENT_KEY));
  const meQuery = useQuery({
    queryKey: queryKeys.me(),
    queryFn: () =>
      fetchMe().catch((e: unknown) => {
        // The service no longer takes the saved token (401: expired, account removed): forget it. Not when the
        // service cannot be reached or the request was cut off (status 0: offline with nothing kept by the service
        // worker, or the page left while asking), nor on a server error: the token still holds.
        if (e instanceof ApiError && e.status === 401) setToken(null);
        throw e;
      }),
    enabled: token !== null,
    staleTime: Infinity,
  });
  const me = token !== null && meQuery.status === 'success' ? meQuery.data : null;
  const eventsQuery = useEvents(me !== null);
  const events = useMemo(() => eventsQuery.data ?? [], [eventsQuery.data]);
  // The event chosen last (archived ones too, opened from the archive), else the newest current one.
  const eventId =
    chosen && events.some((e) => e.id === chosen)
      ? chosen
      : ((events.find((e) => !e.archivedAt) ?? events[0])?.id ?? null);

  const setEventId = useCallback((id: string) => {
    window.localStorage.setItem(EVENT_KEY, id);
    setChosen(id);
  }, []);

  /** Who is signed in and the events, fetched together so pages mount once with the right event. */
  const signIn = useCallback(
    async (next: string): Promise<Me> => {
      setToken(next);
      try {
        const who = await qc.fetchQuery({ queryKey: queryKeys.me(), queryFn: fetchMe });
        await qc.fetchQuery({ queryKey: queryKeys.events.list(), queryFn: fetchEvents });
        // The app speaks the delegate's or organiser's chosen language from the sign-in on; the language picker
        // still switches it.
        if (who.language && setLang) setLang(who.language);
        setTokenState(next);
        return who;
      } catch (e) {
        setToken(null);
        throw e;
      }
    },
    [qc, setLang],
  );

  const signOut = useCallback(() => {
    setToken(null);
    setTokenState(null);
    // Nothing of one user's data stays for the next (nor in the service worker's store).
    qc.clear();
    forgetOfflineData();
  }, [qc]);

  const loading = token !== null && (meQuery.isPending || (me !== null && eventsQuery.isPending));
  const unreachable =
    token !== null &&
    meQuery.status === 'error' &&
    !(meQuery.error instanceof ApiError && meQuery.error.status === 401);
  const { refetch } = meQuery;
  const retry = useCallback(() => void refetch(), [refetch]);
  const value = useMemo<Session>(
    () => ({ me, loading, unreachable, retry, events, eventId, setEventId, signIn, signOut }),
    [me, loading, unreachable, retry, events, eventId, setEventId, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Organiser sign-in with e-mail and password. */
export function useLogin() {
  const { signIn } = useSession();
  return useMutation({
    mutationFn: async (body: { email: string; password: string }) =>
      signIn((await loginWithPassword(body)).accessToken),
  });
}

/** Delegate sign-in with the token of a magic link (single use). */
export function useMagicLinkSignIn() {
  const { signIn } = useSession();
  return useMutation({ mutationFn: async (token: string) => signIn((await verifyMagicLink(token)).accessToken) });
}

/** Development only: sign in as a delegate of the demo event (the sign-in page's list). */
export function useDemoSignIn() {
  const { signIn } = useSession();
  return useMutation({
    mutationFn: async (delegateId: string) => signIn((await signInAsDemoDelegate(delegateId)).accessToken),
  });
}
