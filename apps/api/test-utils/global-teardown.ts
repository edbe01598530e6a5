/** Jest globalTeardown of the service's tests: drops this run's templates. */
import { dropTemplates } from './templates';

export default async function globalTeardown(): Promise<void> {
  const t = globalThis.clustermatchTemplates;
  if (t) await dropTemplates(t);
}
