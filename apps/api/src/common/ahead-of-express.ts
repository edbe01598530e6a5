/**
 * What the answers given on the HTTP server's `request` event, ahead of Express, share (`health/raw-health.ts`,
 * `common/fast-reads.ts`): which requests they may take, how they write a JSON answer exactly as Express's
 * `res.json` and the middleware would, and how they go in front of the Express application.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { HeaderWrites } from './security-headers';

export type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** A JSON answer as Express's `res.json` writes it: the bytes and the ETag of Express's own function. */
export interface RenderedJson {
  readonly bytes: Buffer;
  readonly etag: string | undefined;
}

export interface AheadOfExpressOptions {
  /** The security headers every response gets (`security-headers.ts`), in the order the middleware sets them. */
  headers: HeaderWrites;
  /** Express's ETag function (`app.get('etag fn')`), so the tag is the one `res.json` would set. */
  etag: ((body: Buffer, encoding?: string) => string | undefined) | undefined;
  /** Writes the request log line, as the logging middleware does, when the response has finished. */
  logged(req: IncomingMessage, res: ServerResponse, started: bigint): void;
}

/**
 * A request without a body and without a conditional header (`If-None-Match`, `If-Modified-Since`: Express would
 * answer 304): the only kind answered ahead of Express.
 */
export function plainRequest(req: IncomingMessage): boolean {
  const h = req.headers;
  return (
    h['content-length'] === undefined &&
    h['transfer-encoding'] === undefined &&
    h['if-none-match'] === undefined &&
    h['if-modified-since'] === undefined
  );
}

/** The bytes and ETag `res.json` would write for this JSON text. */
export function renderJson(json: string, o: Pick<AheadOfExpressOptions, 'etag'>): RenderedJson {
  const bytes = Buffer.from(json, 'utf8');
  return { bytes, etag: o.etag ? o.etag(bytes) : undefined };
}

/**
 * What the routed path writes for a JSON answer: the security headers, then `Content-Type`, `Content-Length` and
 * the ETag, the log line, and the body (none for `HEAD`).
 */
export function writeJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  r: RenderedJson,
  started: bigint,
  o: AheadOfExpressOptions,
): void {
  for (const name of o.headers.removed) res.removeHeader(name);
  for (const [name, value] of o.headers.set) res.setHeader(name, value);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', r.bytes.length);
  if (r.etag) res.setHeader('ETag', r.etag);
  o.logged(req, res, started);
  if (req.method === 'HEAD') res.end();
  else res.end(r.bytes);
}

/**
 * Ends an exchange whose answer failed ahead of Express: a 500 without a body, or the connection closed when the answer
 * had begun. Nothing there may become an unhandled rejection (which would stop the process).
 */
export function endExchange(res: ServerResponse): void {
  if (res.headersSent) res.destroy();
  else {
    res.statusCode = 500;
    res.end();
  }
}

/**
 * Puts `ahead(routed)` in front of the server's one `request` listener (the Express application, or what an earlier
 * call put there). Does nothing when the server has another number of listeners (something else took over).
 */
export function inFrontOf(server: Server, ahead: (routed: Listener) => Listener): boolean {
  const listeners = server.listeners('request') as Listener[];
  const routed = listeners[0];
  if (listeners.length !== 1 || !routed) return false;
  server.removeListener('request', routed);
  server.on('request', ahead(routed));
  return true;
}
