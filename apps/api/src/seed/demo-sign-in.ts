import { CanActivate, ExecutionContext, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { AuthService, IssuedToken } from '../auth/auth.service';
import { notFound } from '../common/errors';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ClustersRepository } from '../clusters/clusters.repository';
import { DelegatesRepository } from '../delegates/delegates.repository';
import { EventsRepository } from '../events/events.repository';

/** A delegate of the demo event, as the development sign-in page lists them. */
export interface DemoDelegate {
  id: string;
  name: string;
  email: string;
  role: string;
  clusterName: string;
  eventName: string;
}

/**
 * Development only (issue 16, item 9): the routes answer exactly as a route that does not exist unless
 * NODE_ENV is `development` (in production the module is not even loaded, see AppModule).
 */
@Injectable()
export class DevelopmentOnly implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}
  canActivate(context: ExecutionContext): boolean {
    if (this.config.env === 'development') return true;
    const req = context.switchToHttp().getRequest<{ method: string; originalUrl: string }>();
    throw new NotFoundException(`Cannot ${req.method} ${req.originalUrl}`);
  }
}

/**
 * "Sign in as" a delegate of the seeded demo event, so that a developer tries the delegate's side without a mail
 * (the `.eml` files' quoted-printable links break when copied). Works on the demo event's delegates only: a
 * delegate of any other event is "not found", as is an erased one.
 */
@Injectable()
export class DemoSignIn {
  constructor(
    private readonly events: EventsRepository,
    private readonly clusters: ClustersRepository,
    private readonly delegates: DelegatesRepository,
    private readonly auth: AuthService,
  ) {}

  /** The demo event's delegates by cluster and name (empty when the database has no demo event). */
  async list(): Promise<DemoDelegate[]> {
    const out: DemoDelegate[] = [];
    const seen = new Set<string>();
    for (const event of await this.events.demoEvents()) {
      const clusterIds = await this.clusters.participantIds(event.id);
      const names = await this.clusters.names(clusterIds);
      for (const d of await this.delegates.ofClusters(clusterIds)) {
        if (d.erasedAt || seen.has(d.id)) continue;
        seen.add(d.id);
        out.push({
          id: d.id,
          name: d.name,
          email: d.email,
          role: d.role,
          clusterName: names.get(d.clusterId) ?? '',
          eventName: event.name,
        });
      }
    }
    return out.sort((a, b) => a.clusterName.localeCompare(b.clusterName) || a.name.localeCompare(b.name));
  }

  /** A delegate's access token, as their login link would give; 404 for anyone not of the demo event. */
  async signInAs(delegateId: string): Promise<IssuedToken> {
    if (!(await this.list()).some((d) => d.id === delegateId)) throw notFound('Demo delegate', delegateId);
    return this.auth.tokenForDelegate(delegateId);
  }
}
