import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/decorators';
import { ClusterEntity } from '../clusters/cluster.entity';
import { DelegateEntity } from '../delegates/delegate.entity';

/**
 * The organisation a privacy notice and a retention setting belong to (issue 9's organisations): an organiser's own,
 * a delegate's through their cluster.
 */
export function organisationOfPrincipal(p: Principal): string {
  return p.kind === 'organiser' ? p.organisationId : '';
}

export async function organisationOfDelegate(m: EntityManager, delegateId: string): Promise<string> {
  const row = await m
    .createQueryBuilder(DelegateEntity, 'd')
    .innerJoin(ClusterEntity, 'c', 'c.id = d.clusterId')
    .select('c.organisationId', 'organisationId')
    .where('d.id = :delegateId', { delegateId })
    .getRawOne<{ organisationId: string }>();
  return row?.organisationId ?? '';
}

/** Whether a cluster belongs to the organisation (its delegates fall under the organisation's retention). */
export function clusterInOrganisation(cluster: { organisationId: string }, organisationId: string): boolean {
  return cluster.organisationId === organisationId;
}
