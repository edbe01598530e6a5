import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, getToken, setToken } from './api';
import type { EventSummary, Me } from './types';

interface Session {
  me: Me | null;
  loading: boolean;
  events: EventSummary[];
  eventId: string | null;
  setEventId(id: string): void;
  signIn(token: string): Promise<Me>;
  signOut(): void;
  reloadEvents(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);
const EVENT_KEY = 'clustermatch.event';

export function SessionProvider({ children }: { children: ReactNode }): ReactNode {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState<boolean>(() => getToken() !== null);
  const [events, setEvents] = useState<EventSummary[]>([]);
  const [eventId, setEventIdState] = useState<string | null>(() => window.localStorage.getItem(EVENT_KEY));

  const setEventId = useCallback((id: string) => {
    window.localStorage.setItem(EVENT_KEY, id);
    setEventIdState(id);
  }, []);

  const applyEvents = useCallback((list: EventSummary[]) => {
    setEvents(list);
    setEventIdState((cur) => {
      if (cur && list.some((e) => e.id === cur)) return cur;
      const last = list[list.length - 1];
      return last ? last.id : null;
    });
  }, []);

  const reloadEvents = useCallback(async () => {
    applyEvents(await api<EventSummary[]>('/events'));
  }, [applyEvents]);

  /** Who is signed in and the events, set together so pages mount once with the right event. */
  const load = useCallback(async (): Promise<Me> => {
    const who = await api<Me>('/auth/me');
    const list = await api<EventSummary[]>('/events');
    applyEvents(list);
    setMe(who);
    return who;
  }, [applyEvents]);

  useEffect(() => {
    if (!getToken()) return;
    load()
      .catch(() => {
        setToken(null);
        setMe(null);
      })
      .finally(() => setLoading(false));
  }, [load]);

  const signIn = useCallback(
    async (token: string) => {
      setToken(token);
      try {
        return await load();
      } catch (e) {
        setToken(null);
        throw e;
      }
    },
    [load],
  );

  const signOut = useCallback(() => {
    setToken(null);
    setMe(null);
    setEvents([]);
  }, []);

  const value = useMemo<Session>(
    () => ({ me, loading, events, eventId, setEventId, signIn, signOut, reloadEvents }),
    [me, loading, events, eventId, setEventId, signIn, signOut, reloadEvents],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Form state kept in sessionStorage until a save succeeds, so nothing typed is lost. */
export function useDraft<T>(key: string, initial: T): [T, (v: T) => void, () => void] {
  const [value, setValue] = useState<T>(() => {
    const raw = window.sessionStorage.getItem(`draft.${key}`);
    if (raw) {
      try {
        return JSON.parse(raw) as T;
      } catch {
        return initial;
      }
    }
    return initial;
  });
  const set = useCallback(
    (v: T) => {
      setValue(v);
      window.sessionStorage.setItem(`draft.${key}`, JSON.stringify(v));
    },
    [key],
  );
  const clear = useCallback(() => window.sessionStorage.removeItem(`draft.${key}`), [key]);
  return [value, set, clear];
}
