import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/decorators';

/**
 * The organisation a privacy notice and a retention setting belong to. The service has one organisation until
 * organisations (issue 9) scope them; this is the one place that answers "whose?".
 */
export const DEFAULT_ORGANISATION = '';

export function organisationOfPrincipal(_p: Principal): string {
  return DEFAULT_ORGANISATION;
}

export function organisationOfDelegate(_m: EntityManager, _delegateId: string): Promise<string> {
  return Promise.resolve(DEFAULT_ORGANISATION);
}

/** Whether a cluster belongs to the organisation (its delegates fall under the organisation's retention). */
export function clusterInOrganisation(_cluster: { id: string }, _organisationId: string): boolean {
  return true;
}
