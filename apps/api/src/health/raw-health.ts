import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { HeaderWrites } from '../common/security-headers';
import type { HealthController } from './health.controller';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** What Express's `res.json` writes for a body, computed once per distinct body. */
interface Rendered {
  json: string;
  bytes: Buffer;
  etag: string | undefined;
}

export interface RawHealthOptions {
  /** The security headers every response gets (`security-headers.ts`), in the order the middleware sets them. */
  headers: HeaderWrites;
  /** Express's ETag function (`app.get('etag fn')`), so the tag is the one `res.json` would set. */
  etag: ((body: Buffer, encoding?: string) => string | undefined) | undefined;
  /** Writes the request log line, as the logging middleware does, when the response has finished. */
  logged(req: IncomingMessage, res: ServerResponse, started: bigint): void;
}

/**
 * `GET`/`HEAD /api/health` answered on the HTTP server's `request` event, before Express builds its request and
 * response objects and runs its middleware stack (a load balancer or a crowd polls it). Only the plain request is
 * taken: the URL exactly `/api/health` (no query), no body, and no conditional header (`If-None-Match`,
 * `If-Modified-Since`: Express would answer 304). Everything else, and any failure to produce the answer, goes to
 * Express, where `answerHealthDirectly` and then the controller answer it.
 *
 * The response is what the Express path writes (`health.e2e.spec.ts` compares the two): the security headers, then
 * `Content-Type: application/json; charset=utf-8`, `Content-Length` and the weak ETag of Express's own function,
 * the JSON body (none for `HEAD`), and the request log line.
 */
export function rawHealthListener(
  controller: Pick<HealthController, 'answer'>,
  routed: Listener,
  o: RawHealthOptions,
): Listener {
  let last: Rendered | undefined;
  const render = (json: string): Rendered => {
    if (last?.json === json) return last;
    const bytes = Buffer.from(json, 'utf8');
    last = { json, bytes, etag: o.etag ? o.etag(bytes) : undefined };
    return last;
  };
  return (req, res) => {
    const h = req.headers;
    if (
      req.url !== '/api/health' ||
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      h['content-length'] !== undefined ||
      h['transfer-encoding'] !== undefined ||
      h['if-none-match'] !== undefined ||
      h['if-modified-since'] !== undefined
    )
      return routed(req, res);
    const started = process.hrtime.bigint();
    controller.answer().then(
      ({ status, body }) => {
        const r = render(JSON.stringify(body));
        for (const name of o.headers.removed) res.removeHeader(name);
        for (const [name, value] of o.headers.set) res.setHeader(name, value);
        res.statusCode = status;
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Content-Length', r.bytes.length);
        if (r.etag) res.setHeader('ETag', r.etag);
        o.logged(req, res, started);
        if (req.method === 'HEAD') res.end();
        else res.end(r.bytes);
      },
      () => routed(req, res),
    );
  };
}

/**
 * Puts `rawHealthListener` in front of the server's one `request` listener (the Express application). Does nothing
 * when the server has another number of listeners (something else took over the server).
 */
export function answerHealthOnServer(
  server: Server,
  controller: Pick<HealthController, 'answer'>,
  o: RawHealthOptions,
): boolean {
  const listeners = server.listeners('request') as Listener[];
  const routed = listeners[0];
  if (listeners.length !== 1 || !routed) return false;
  server.removeListener('request', routed);
  server.on('request', rawHealthListener(controller, routed, o));
  return true;
}
