/*
 * The web app's service worker (issue 16, item 2): after one visit the app opens without a network, with the
 * agenda, the table plan and whatever else the user last saw. Hand-written (no PWA library is installed; see the
 * README): the build (vite.config.mts, plugin `serviceWorker`) replaces SHELL_FILES with the built files and
 * SHELL_VERSION with a hash of their names, and writes the result to dist/sw.js.
 *
 * - The app shell (index.html, every built script and style, manifest and icons) is stored at install.
 * - Pages (navigations): the network first, else the stored index.html (the app routes in the browser).
 * - /assets and /icons: hashed or fixed files, from the store first.
 * - GET /api/...: the network first; each JSON answer is kept, keyed by the address, the signed-in user (a hash
 *   of the Authorization header, so one user's answers never serve another) and the language; without a network
 *   the kept answer is served. Signing out deletes them (DATA_CACHE).
 */
const SHELL_FILES = self.__SHELL_FILES__;
const SHELL_VERSION = self.__SHELL_VERSION__;
const SHELL_CACHE = `clustermatch-shell-${SHELL_VERSION}`;
const DATA_CACHE = 'clustermatch-data';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL_FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((n) => n.startsWith('clustermatch-shell-') && n !== SHELL_CACHE).map((n) => caches.delete(n)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

/** Hex SHA-256 of a text (the Authorization header: the token itself is never part of a stored key). */
async function digest(text) {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The key an API answer is kept under: its address with the user and the language. */
async function dataKey(request) {
  const url = new URL(request.url);
  url.searchParams.set('__user', await digest(request.headers.get('Authorization') ?? ''));
  url.searchParams.set('__lang', request.headers.get('Accept-Language') ?? '');
  return url.href;
}

async function apiNetworkFirst(request) {
  const key = await dataKey(request);
  try {
    const response = await fetch(request);
    const type = response.headers.get('Content-Type') ?? '';
    if (response.ok && type.includes('application/json')) {
      const cache = await caches.open(DATA_CACHE);
      await cache.put(key, response.clone());
    }
    return response;
  } catch (err) {
    const kept = await caches.match(key, { cacheName: DATA_CACHE });
    if (kept) return kept;
    throw err;
  }
}

async function pageNetworkFirst(request) {
  try {
    return await fetch(request);
  } catch (err) {
    const shell = await caches.match('/index.html', { cacheName: SHELL_CACHE });
    if (shell) return shell;
    throw err;
  }
}

async function storeFirst(request) {
  const kept = await caches.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(SHELL_CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // The service's own pages (API docs, calendar feeds) are not the app.
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/calendars/')) return;
    event.respondWith(pageNetworkFirst(request));
  } else if (url.pathname.startsWith('/api/')) {
    if (url.pathname.startsWith('/api/docs')) return;
    event.respondWith(apiNetworkFirst(request));
  } else if (
    url.pathname.startsWith('/assets/') ||
    url.pathname.startsWith('/icons/') ||
    SHELL_FILES.includes(url.pathname)
  ) {
    event.respondWith(storeFirst(request));
  }
});
