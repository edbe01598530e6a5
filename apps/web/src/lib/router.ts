import { useEffect, useState } from 'react';

/** A tiny history router: the service serves index.html for every non-API path. */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/**
 * The links in the service's mails (`/events/<id>/agenda`, `/events/<id>/requests/<requestId>`): the event they
 * are about and the page that shows it.
 */
export function mailLinkTarget(path: string): { eventId: string; to: string } | null {
  const agenda = match('/events/:eventId/agenda', path);
  if (agenda?.['eventId']) return { eventId: agenda['eventId'], to: '/agenda' };
  const request = match('/events/:eventId/requests/:requestId', path);
  if (request?.['eventId']) return { eventId: request['eventId'], to: '/inbox' };
  return null;
}

export function useLocation(): { path: string; search: URLSearchParams } {
  const read = (): { path: string; search: URLSearchParams } => ({
    path: window.location.pathname,
    search: new URLSearchParams(window.location.search),
  });
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const on = (): void => setLoc(read());
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return loc;
}

/** Matches `/clusters/:id` style patterns; returns the parameters or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const part = p[i] ?? '';
    const seg = s[i] ?? '';
    if (part.startsWith(':')) out[part.slice(1)] = decodeURIComponent(seg);
    else if (part !== seg) return null;
  }
  return out;
}
