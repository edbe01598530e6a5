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
type Middleware = (req: Req, res: unknown, next: (err?: unknown) => void) => void;

function withPolicy(directives: Directives): Middleware {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  }) as unknown as Middleware;
}

export function securityHeaders(): Middleware {
  const strict = withPolicy(CSP_DIRECTIVES);
  const docs = withPolicy({ ...CSP_DIRECTIVES, 'style-src': ["'self'", "'unsafe-inline'"] });
  return (req, res, next) =>
    (req.path === '/api/docs' || req.path.startsWith('/api/docs/') ? docs : strict)(req, res, next);
}

/** A URL as it may be logged: tokens in the query (`?token=`) and in calendar feed paths are not written. */
export function loggableUrl(url: string): string {
  return url
    .replace(/([?&](?:token|access_token)=)[^&#]*/gi, '$1[redacted]')
    .replace(/^(\/calendars\/)[^/?#]+/, '$1[redacted]');
}
