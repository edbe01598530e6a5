import { QueryClient } from '@tanstack/react-query';

/**
 * The cache of server state. Errors show at once (no retries: a 4xx will not change, and the user can
 * try again); data is refetched when a page mounts again or the window regains focus.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // offlineFirst: without a network the query still asks, and the service worker answers from what it kept
      // (the default would pause every query while the browser is offline: the agenda would never show).
      queries: { retry: false, networkMode: 'offlineFirst' },
      mutations: { retry: false },
    },
  });
}
