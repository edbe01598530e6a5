import { IncomingMessage, type Server } from 'node:http';
import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import type { AuthGuard } from '../auth/auth.guard';
import type { TurnBudget } from '../common/turn-budget';
import {
  endExchange,
  inFrontOf,
  renderJson,
  writeJson,
  type AheadOfExpressOptions,
  type Listener,
} from '../common/ahead-of-express';
import { plainCreateRequest } from './dto/create-request.check';
import { CreateRequestDto } from './dto/request.dto';
import type { RequestsService } from './requests.service';

export interface FastCreateOptions extends AheadOfExpressOptions {
  /** The guard's checks for a delegate (`AuthGuard.admitDelegate`). */
  guard: Pick<AuthGuard, 'admitDelegate'>;
  requests: Pick<RequestsService, 'create'>;
  /** The global validation pipe, as the routed path runs it on the body. */
  pipe: PipeTransform;
  /** Spreads the creations over turns of the event loop (`TurnBudget`); none: each is made as soon as it is read. */
  turns?: TurnBudget;
}

/** An event id in the path as this path takes it (anything else goes to the routed path, which decodes it). */
const CREATE = /^\/api\/events\/([A-Za-z0-9_-]{1,64})\/requests$/;
/** Bodies above this size go to the routed path (a meeting request is a few hundred bytes; the routed limit is 2 MB). */
const MAX_BODY = 64 * 1024;
const JSON_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
/**
 * Creations made in one turn of the event loop take at most about this long; later ones wait for the next turn
 * (`TurnBudget`). Measured with 200 clients creating requests (bench:api, two runs each way on one build): 1,389-1,408
 * against 1,055-1,089 creations per service CPU-second without it, 1,676 against 1,298-1,584 per second.
 */
export const CREATION_TURN_BUDGET_MS = 5;
/**
 * The budget while the server is accepting connections (one accepted within `ACCEPT_WINDOW_MS`): it accepts one a
 * turn, so short turns let the connections waiting in the kernel's queue in sooner. Measured with 5,000 creations
 * from 200 connections opened at once, five runs each way (two of them paired): the slowest first answer 316-646 ms
 * against 2,236-2,518 ms, the p99 280-496 against 1,491-1,875 ms, at the same rate (1,749-1,913 against 1,716-1,939
 * creations a second).
 */
export const CREATION_TURN_BUDGET_ACCEPTING_MS = 0.5;
export const ACCEPT_WINDOW_MS = 50;
const BODY: ArgumentMetadata = { type: 'body', metatype: CreateRequestDto, data: undefined };

/**
 * A delegate's `POST /api/events/:eventId/requests` (creating a meeting request, the write of the 9:00 rush),
 * answered on the HTTP server's `request` event before Express and Nest (issue 18): Express's body parsers, router
 * and response, and Nest's guard, pipes and handler cost about three times what creating the request costs
 * (measured: 0.35-0.4 ms a request in `RequestsService.create`, 1.6-1.8 ms over HTTP).
 *
 * It does what the routed path does, with the same code: the guard's checks for a delegate (`admitDelegate`) before
 * the body is read, the body parsed as JSON, the global validation pipe on `CreateRequestDto` (the input rules,
 * `checkInputShape`, first, then class-validator; a plainly valid body is taken by `plainCreateRequest`, which is
 * never less strict and gives an equal DTO), `RequestsService.create` (which checks the rest: the deadline,
 * participation, the receivers and delegates, the pair), and the 201 answer as Express writes it (security headers,
 * type, length, ETag, log line).
 *
 * Only successes are answered here. A request it does not take as it is (another path or method, an organiser or
 * no delegate token, a body that is not plain JSON of at most 64 KB) goes to the routed path unread. Once the body
 * is read, any failure (malformed JSON, validation, a refusal from the service, an unexpected error: none of them has
 * written anything) is replayed to the routed path with the same body, which answers it as it always has, so error
 * answers stay those of the one error filter. `fast-create.e2e.spec.ts` compares both paths.
 */
export class FastCreate {
  /** Tests switch it off to compare with the routed path. */
  enabled = true;
  /** Requests answered here, and requests read here and then replayed to the routed path (tests). */
  served = 0;
  replayed = 0;

  constructor(private readonly o: FastCreateOptions) {}

  get turns(): TurnBudget | undefined {
    return this.o.turns;
  }

  /** `routed` (the server's listener until now) behind this path. */
  listener(routed: Listener): Listener {
    return (req, res) => {
      const h = req.headers;
      const eventId = req.method === 'POST' && this.enabled ? CREATE.exec(req.url ?? '')?.[1] : undefined;
      const length = Number(h['content-length']);
      if (
        eventId === undefined ||
        !(Number.isInteger(length) && length > 0 && length <= MAX_BODY) ||
        h['transfer-encoding'] !== undefined ||
        (h['content-encoding'] !== undefined && h['content-encoding'] !== 'identity') ||
        !JSON_TYPE.test(h['content-type'] ?? '')
      )
        return routed(req, res);
      const started = process.hrtime.bigint();
      this.o.guard
        .admitDelegate(h['authorization'], { eventId })
        .then(
          (who) => {
            if (!who) return routed(req, res);
            return readBody(req, length).then((body) => {
              if (body === undefined) return; // the client went away
              return (this.o.turns ? this.o.turns.wait() : Promise.resolve())
                .then(() => this.create(eventId, body, who))
                .then(
                  (json) => {
                    this.served++;
                    writeJson(req, res, 201, renderJson(json, this.o), started, this.o);
                  },
                  () => {
                    this.replayed++;
                    routed(replay(req, body), res);
                  },
                );
            });
          },
          () => routed(req, res),
        )
        .catch(() => endExchange(res));
    };
  }

  /** The JSON text of the created request, or a rejection for the routed path to answer. */
  private async create(
    eventId: string,
    body: Buffer,
    who: NonNullable<Awaited<ReturnType<AuthGuard['admitDelegate']>>>,
  ): Promise<string> {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    // A plainly valid body is taken as it is (`plainCreateRequest`, never less strict than the pipe); any other goes
    // through the pipe, which checks the input rules first (`checkInputShape`, as the routed path's body middleware does).
    const dto = plainCreateRequest(parsed) ?? ((await this.o.pipe.transform(parsed, BODY)) as CreateRequestDto);
    return JSON.stringify(await this.o.requests.create(eventId, dto, who));
  }
}

/** The body (exactly `length` bytes, as Content-Length says), or undefined when the client aborted or sent more or less. */
function readBody(req: IncomingMessage, length: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= length) chunks.push(c);
    });
    req.once('end', () => resolve(size === length ? Buffer.concat(chunks, size) : undefined));
    req.once('error', () => resolve(undefined));
    req.once('aborted', () => resolve(undefined));
    // Closed before the end (the server's request timeout, a reset): resolves nothing if the body came whole.
    req.once('close', () => resolve(undefined));
  }).then((b) => {
    if (b === undefined && !req.socket.destroyed) req.socket.destroy();
    return b as Buffer | undefined;
  });
}

/** A request like `req`, on the same connection, whose body is `body` again (for the routed path to read). */
function replay(req: IncomingMessage, body: Buffer): IncomingMessage {
  const again = new IncomingMessage(req.socket);
  again.httpVersion = req.httpVersion;
  again.httpVersionMajor = req.httpVersionMajor;
  again.httpVersionMinor = req.httpVersionMinor;
  again.method = req.method;
  again.url = req.url;
  again.headers = req.headers;
  again.rawHeaders = req.rawHeaders;
  again.complete = true;
  again.push(body);
  again.push(null);
  return again;
}

/** Puts the fast path in front of the server's one `request` listener (nothing when something else took it over). */
export function answerFastCreateOnServer(server: Server, fast: FastCreate): boolean {
  const turns = fast.turns;
  if (turns) server.on('connection', () => turns.accepted());
  return inFrontOf(server, (routed) => fast.listener(routed));
}
