import type { QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

/** Where the service worker keeps the API answers (apps/web/sw/service-worker.js); signing out deletes it. */
export const DATA_CACHE = 'clustermatch-data';

/**
 * Registers the service worker of the built app (issue 16, item 2: installable, the agenda offline after one visit).
 * When it takes control of the page, the queries on screen are read again through it, so this first visit is kept.
 */
export function useServiceWorker(client: QueryClient): void {
  useEffect(() => {
    // Not under Vite's dev server (no sw.js there; `import.meta.hot` is set only there), nor without the API.
    if (import.meta.hot || !('serviceWorker' in navigator)) return;
    const sw = navigator.serviceWorker;
    const onControl = (): void => void client.invalidateQueries();
    sw.addEventListener('controllerchange', onControl);
    sw.register('/sw.js').catch(() => undefined);
    return () => sw.removeEventListener('controllerchange', onControl);
  }, [client]);
}

/** Deletes the kept API answers (on sign-out: nothing of one user's data stays for the next). */
export function forgetOfflineData(): void {
  if (typeof caches === 'undefined') return;
  caches.delete(DATA_CACHE).catch(() => undefined);
}
