import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap, type Schema } from './client';
import { queryKeys } from './keys';

/** Who is signed in (`kind` tells an organiser from a delegate). */
export type Me = Schema<'OrganiserMeResponse'> | Schema<'DelegateMeResponse'>;

export const fetchMe = (): Promise<Me> => unwrap(api().GET('/api/auth/me'));

/** Organiser login: e-mail and password give a token (`useLogin` in lib/session signs in with it). */
export const loginWithPassword = (body: Schema<'LoginDto'>): Promise<Schema<'TokenResponse'>> =>
  unwrap(api().POST('/api/auth/login', { body }));

/** The token of a magic link gives an access token (`useMagicLinkSignIn` in lib/session signs in with it). */
export const verifyMagicLink = (token: string): Promise<Schema<'TokenResponse'>> =>
  unwrap(api().POST('/api/auth/magic-link/verify', { body: { token } }));

/** A delegate asks for a login link by mail. */
export function useRequestMagicLink() {
  return useMutation({
    mutationFn: (email: string) => unwrap(api().POST('/api/auth/magic-link', { body: { email } })),
  });
}

/**
 * A delegate chooses their own language (mails and the web app; null: the event's default). The session's "me"
 * is read again so the choice holds at the next sign-in too.
 */
export function useSetMyLanguage(delegateId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (language: 'en' | 'da' | null) =>
      unwrap(api().PATCH('/api/delegates/{delegateId}', { params: { path: { delegateId } }, body: { language } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.me() }),
  });
}

/**
 * The signed-in organiser chooses their own language (their mails, the service's error messages and this app from
 * the next sign-in on; null: none chosen). The session's "me" is read again.
 */
export function useSetOrganiserLanguage() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (language: 'en' | 'da' | null) => unwrap(api().PATCH('/api/auth/me', { body: { language } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.me() }),
  });
}

export type DemoDelegate = Schema<'DemoDelegateResponse'>;

/**
 * Development only: the demo event's delegates, to sign in as with one click (issue 16). Null when the service does
 * not offer it (404: not NODE_ENV=development), so the sign-in page shows nothing then.
 */
export function useDemoDelegates() {
  return useQuery({
    queryKey: queryKeys.demoDelegates(),
    queryFn: async (): Promise<DemoDelegate[] | null> => {
      try {
        return await unwrap(api().GET('/api/auth/demo-delegates'));
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    retry: false,
    staleTime: Infinity,
  });
}

/** Development only: an access token for a delegate of the demo event. */
export const signInAsDemoDelegate = (delegateId: string): Promise<Schema<'TokenResponse'>> =>
  unwrap(api().POST('/api/auth/demo-delegates/{delegateId}/sign-in', { params: { path: { delegateId } } }));
