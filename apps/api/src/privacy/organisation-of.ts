import type { Principal } from '../auth/decorators';

/**
 * The organisation a privacy notice and a retention setting belong to (issue 9's organisations): an organiser's own
 * (a delegate's is their cluster's: `NoticeService` reads it through the delegates and clusters repositories).
 */
export function organisationOfPrincipal(p: Principal): string {
  return p.kind === 'organiser' ? p.organisationId : '';
}
