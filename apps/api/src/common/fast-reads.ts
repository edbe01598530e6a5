import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { AccessService, Permission } from '../access/access.service';
import type { Principal } from '../auth/decorators';
import type { AuthGuard } from '../auth/auth.guard';
import { CLUSTER_VIEW_TABLES, DIRECTORY_ANSWER_TABLES, type ClustersService } from '../clusters/clusters.service';
import { DirectoryQueryDto } from '../clusters/dto/cluster.dto';
import { nowIso } from './clock';
import type { ReadCache } from '../database/read-cache';
import { AGENDA_TABLES, type ScheduleViews } from '../schedules/schedule-views';
import {
  endExchange,
  inFrontOf,
  plainRequest,
  renderJson,
  writeJson,
  type AheadOfExpressOptions,
  type Listener,
  type RenderedJson,
} from './ahead-of-express';
type DelegatePrincipal = Extract<Principal, { kind: 'delegate' }>;

export type { RenderedJson };

export interface FastReadsOptions extends AheadOfExpressOptions {
  /** The guard's checks for a delegate (`AuthGuard.admitDelegate`). */
  guard: Pick<AuthGuard, 'admitDelegate'>;
  access: Pick<AccessService, 'require'>;
  views: Pick<ScheduleViews, 'agenda'>;
  clusters: Pick<ClustersService, 'directory' | 'directoryAllowed' | 'deadlinePassed' | 'view'>;
  /** The service's read cache: the fast path is on only while it is (tests switch it off for the routed path). */
  cache: Pick<ReadCache, 'enabled'>;
  /** Where the rendered answers are kept (a `ReadCache` of their own, tied to the tables they come from). */
  rendered: Pick<ReadCache, 'get'>;
  /** The global validation pipe, for the directory's query (its result is kept per query string). */
  pipe: PipeTransform;
  /** Express's query parser (`app.get('query parser fn')`): `req.query` of the routed path. */
  parseQuery: (raw: string) => unknown;
}

/** An event id in a path as the fast path takes it (anything else goes to the routed path, which decodes it). */
const ID = '[A-Za-z0-9_-]{1,64}';
const AGENDA = new RegExp(`^/api/events/(${ID})/agenda$`);
const DIRECTORY = new RegExp(`^/api/events/(${ID})/clusters(?:\\?(.*))?$`);
const CLUSTER = new RegExp(`^/api/clusters/(${ID})$`);
/** How many distinct directory query strings keep their validated form. */
const MAX_QUERIES = 1000;

/**
 * The reads every delegate's phone makes at 9:00, `GET /api/events/:eventId/agenda`,
 * `GET /api/events/:eventId/clusters?...` (the directory) and `GET /api/clusters/:clusterId` (a profile), answered on the HTTP server's `request` event, before
 * Express builds its request and response and runs its middleware, router, guard and pipes (issue 18). The answer
 * is the JSON the routed path writes, rendered once and kept (with its ETag) until a table it comes from is written,
 * per event, asking delegate (agenda) or asking cluster, query string and deadline (directory), or per cluster and
 * whether the asker is one of its delegates (profile).
 *
 * Authorisation runs on every request, as on the routed path: the guard's own checks (`AuthGuard.admitDelegate`:
 * the token verified and unexpired, its delegate still in the same cluster, the event of the delegate's
 * organisation, and for a profile the cluster of it), then the route's: the cluster takes part in the event
 * (`AccessService.require`), and for the directory the event exists. Only successes are answered here. Any request it does not take exactly (another method
 * or spelling of the path, a body, a conditional header, an organiser, a query the validation pipe refuses or the
 * agenda's `?delegateId=`) and any refusal or failure goes to the routed path, which answers it as before
 * (`fast-reads.e2e.spec.ts` compares the two, headers and bytes).
 */
export class FastReads {
  /** Tests switch it off to compare with the routed path. */
  enabled = true;
  /** How many requests the fast path has answered (tests tell which path answered). */
  served = 0;
  private readonly queries = new Map<string, Promise<DirectoryQueryDto | undefined>>();

  constructor(private readonly o: FastReadsOptions) {}

  /** `routed` (the server's listener until now) behind the fast path. */
  listener(routed: Listener): Listener {
    return (req, res) => {
      const url = req.url ?? '';
      const h = req.headers;
      if (
        !this.enabled ||
        !this.o.cache.enabled ||
        req.method !== 'GET' ||
        !(url.startsWith('/api/events/') || url.startsWith('/api/clusters/')) ||
        !plainRequest(req)
      )
        return routed(req, res);
      const started = process.hrtime.bigint();
      this.answer(url, h['authorization'])
        .then(
          (r) => (r ? this.write(req, res, r, started) : routed(req, res)),
          () => routed(req, res),
        )
        .catch(() => endExchange(res));
    };
  }

  /** The rendered answer of this request, or undefined for the routed path to answer. */
  private async answer(url: string, authorization: string | string[] | undefined): Promise<RenderedJson | undefined> {
    const cluster = CLUSTER.exec(url);
    if (cluster?.[1]) return this.cluster(cluster[1], authorization);
    const agenda = AGENDA.exec(url);
    const directory = agenda ? null : DIRECTORY.exec(url);
    const eventId = agenda?.[1] ?? directory?.[1];
    if (eventId === undefined) return undefined;
    const who = await this.o.guard.admitDelegate(authorization, { eventId });
    if (!who) return undefined;
    if (agenda) return this.agenda(eventId, who);
    return this.directory(eventId, directory?.[2] ?? '', who);
  }

  /**
   * As `ClustersService.view` answers a delegate: a delegate of the cluster sees its delegates, any other delegate
   * the same public profile with the delegates who chose to be listed (the key says which of the two).
   */
  private async cluster(
    clusterId: string,
    authorization: string | string[] | undefined,
  ): Promise<RenderedJson | undefined> {
    const who = await this.o.guard.admitDelegate(authorization, { clusterId });
    if (!who) return undefined;
    const own = who.clusterId === clusterId ? 'own' : 'other';
    return this.o.rendered.get(`fast-cluster:${clusterId}:${own}`, CLUSTER_VIEW_TABLES, async () =>
      this.render(await this.o.clusters.view(clusterId, who)),
    );
  }

  /** As `ScheduleViews.agenda` answers the delegate, with the participation checked first. */
  private async agenda(eventId: string, who: DelegatePrincipal): Promise<RenderedJson> {
    await this.o.access.require(who, Permission.EventAgenda, [eventId]);
    const { delegateId, clusterId } = who;
    return this.o.rendered.get(`fast-agenda:${eventId}:${delegateId}:${clusterId}`, AGENDA_TABLES, async () =>
      this.render(await this.o.views.agenda(eventId, delegateId, clusterId)),
    );
  }

  /**
   * As `ClustersService.directory` answers the delegate. A delegate's page depends on their cluster (its own card
   * lists its delegates, every card its relation to that cluster), not on which of its delegates asks, and on
   * whether the request deadline has passed: all three are in the key, and the same instant decides the deadline
   * for the key and for the answer.
   */
  private async directory(eventId: string, raw: string, who: DelegatePrincipal): Promise<RenderedJson | undefined> {
    const q = await this.query(raw);
    if (!q) return undefined;
    await this.o.clusters.directoryAllowed(eventId, who);
    const at = nowIso();
    const passed = await this.o.clusters.deadlinePassed(eventId, at);
    return this.o.rendered.get(
      `fast-directory:${eventId}:${who.clusterId}:${passed}:${raw}`,
      DIRECTORY_ANSWER_TABLES,
      async () => this.render(await this.o.clusters.directory(eventId, q, who, at)),
    );
  }

  /** The directory's query as the validation pipe gives it to the controller, or undefined if the pipe refuses it. */
  private query(raw: string): Promise<DirectoryQueryDto | undefined> {
    const known = this.queries.get(raw);
    if (known) return known;
    const metadata: ArgumentMetadata = { type: 'query', metatype: DirectoryQueryDto, data: undefined };
    const validated = Promise.resolve()
      .then(() => this.o.pipe.transform(this.o.parseQuery(raw), metadata) as Promise<DirectoryQueryDto>)
      .catch(() => undefined);
    this.queries.set(raw, validated);
    if (this.queries.size > MAX_QUERIES) {
      const oldest = this.queries.keys().next().value;
      if (oldest !== undefined) this.queries.delete(oldest);
    }
    return validated;
  }

  private render(body: unknown): RenderedJson {
    return renderJson(JSON.stringify(body), this.o);
  }

  /** What the routed path writes for a 200 JSON answer: security headers, type, length, ETag, body, log line. */
  private write(req: IncomingMessage, res: ServerResponse, r: RenderedJson, started: bigint): void {
    this.served++;
    writeJson(req, res, 200, r, started, this.o);
  }
}

/**
 * Puts the fast path in front of the server's one `request` listener. Does nothing when the server has another
 * number of listeners (something else took over the server).
 */
export function answerFastReadsOnServer(server: Server, fast: FastReads): boolean {
  return inFrontOf(server, (routed) => fast.listener(routed));
}
