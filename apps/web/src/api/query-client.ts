import { QueryClient } from '@tanstack/react-query';

/**
 * The cache of server state. Errors show at once (no retries: a 4xx will not change, and the user can
 * try again); data is refetched when a page mounts again or the window regains focus.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false },
      mutations: { retry: false },
    },
  });
}
