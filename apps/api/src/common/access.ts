import type { Principal } from '../auth/decorators';
import { forbidden } from './errors';

/** Organisers may act on every cluster; a delegate only on its own. */
export function canActForCluster(p: Principal, clusterId: string): boolean {
  return p.kind === 'organiser' || p.clusterId === clusterId;
}

export function assertClusterAccess(p: Principal, clusterId: string): void {
  if (!canActForCluster(p, clusterId))
    throw forbidden("A delegate may only read or change their own cluster's private data");
}

/** Escapes a user string for a LIKE pattern with ESCAPE '\\'. */
export function likePattern(s: string): string {
  return `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export const nowIso = (): string => new Date().toISOString();
