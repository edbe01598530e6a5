/**
 * Security headers on every response (helmet): a strict Content-Security-Policy that the web app passes
 * (scripts, styles, fonts and connections from this origin only; no inline script or style, no plugins, no
 * framing), `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer` (login links carry a token in the URL),
 * `X-Content-Type-Options: nosniff`, HSTS, and no `X-Powered-By`. The API docs page (Swagger UI, whose page
 * has inline styles) gets the same policy with inline styles allowed, and nothing else relaxed.
 */
import helmet from 'helmet';

type Directives = Record<string, string[]>;

/** The policy of the web app and the API. */
export const CSP_DIRECTIVES: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

interface Req {
  path: string;
}
/** What helmet does to a response: the headers it sets, in order, and those it removes. */
export interface HeaderWrites {
  readonly set: readonly (readonly [string, string])[];
  readonly removed: readonly string[];
}
interface Res {
  setHeader(name: string, value: string): unknown;
  removeHeader(name: string): unknown;
}
type Middleware = (req: Req, res: Res, next: (err?: unknown) => void) => void;

/** helmet's middleware for a policy (the headers it sets depend on nothing in the request). */
export function helmetFor(directives: Directives): Middleware {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  }) as unknown as Middleware;
}

/**
 * Runs a header middleware once on a recording response and returns what it wrote. helmet's headers are fixed
 * strings for a fixed configuration (no directive here is a function of the request), so they are computed once at
 * start rather than by helmet's fourteen middlewares on every request; `security-headers.spec.ts` checks that the
 * replay writes exactly what helmet writes.
 */
export function recordHeaderWrites(mw: Middleware): HeaderWrites {
  const set: [string, string][] = [];
  const removed: string[] = [];
  let called = false;
  let failure: unknown;
  mw(
    { path: '/' },
    {
      setHeader: (name, value) => set.push([name, String(value)]),
      removeHeader: (name) => removed.push(name),
    },
    (err) => {
      called = true;
      failure = err;
    },
  );
  if (!called || failure !== undefined) throw new Error('the header middleware did not finish synchronously');
  return { set, removed };
}

function replay(w: HeaderWrites): (res: Res) => void {
  return (res) => {
    for (const name of w.removed) res.removeHeader(name);
    for (const [name, value] of w.set) res.setHeader(name, value);
  };
}

export const DOCS_CSP_DIRECTIVES: Directives = { ...CSP_DIRECTIVES, 'style-src': ["'self'", "'unsafe-inline'"] };

/** What `securityHeaders()` writes on every response but the API docs page. */
export function strictHeaderWrites(): HeaderWrites {
  return recordHeaderWrites(helmetFor(CSP_DIRECTIVES));
}

export function securityHeaders(): Middleware {
  const strict = replay(strictHeaderWrites());
  const docs = replay(recordHeaderWrites(helmetFor(DOCS_CSP_DIRECTIVES)));
  return (req, res, next) => {
    (req.path === '/api/docs' || req.path.startsWith('/api/docs/') ? docs : strict)(res);
    next();
  };
}

/** A URL as it may be logged: tokens in the query (`?token=`) and in calendar feed paths are not written. */
export function loggableUrl(url: string): string {
  return url
    .replace(/([?&](?:token|access_token)=)[^&#]*/gi, '$1[redacted]')
    .replace(/^(\/calendars\/)[^/?#]+/, '$1[redacted]');
}
