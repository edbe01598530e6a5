import type { Server } from 'node:http';
import {
  inFrontOf,
  plainRequest,
  renderJson,
  writeJson,
  type AheadOfExpressOptions,
  type Listener,
  type RenderedJson,
} from '../common/ahead-of-express';
import type { HealthController } from './health.controller';

export type RawHealthOptions = AheadOfExpressOptions;

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
  // What `res.json` writes, computed once per distinct body.
  let last: { json: string; r: RenderedJson } | undefined;
  const render = (json: string): RenderedJson => {
    if (last?.json !== json) last = { json, r: renderJson(json, o) };
    return last.r;
  };
  return (req, res) => {
    if (req.url !== '/api/health' || (req.method !== 'GET' && req.method !== 'HEAD') || !plainRequest(req))
      return routed(req, res);
    const started = process.hrtime.bigint();
    controller.answer().then(
      ({ status, body }) => writeJson(req, res, status, render(JSON.stringify(body)), started, o),
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
  return inFrontOf(server, (routed) => rawHealthListener(controller, routed, o));
}
