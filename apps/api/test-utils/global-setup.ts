/** Jest globalSetup of the service's tests: the migrated templates of this run (see `templates.ts`). */
import { createTemplates, TEMPLATE_ENV, type Templates } from './templates';

declare global {
  var clustermatchTemplates: Templates | undefined;
}

export default async function globalSetup(): Promise<void> {
  const t = await createTemplates();
  globalThis.clustermatchTemplates = t;
  process.env[TEMPLATE_ENV.sqlite] = t.sqliteFile;
  process.env[TEMPLATE_ENV.postgres] = t.pgDatabase;
}
