/**
 * Writes docs/problem.schema.json and docs/schedule.schema.json from the domain's JSON Schema
 * (`npm run schemas`); test/schemas.spec.ts fails when they are stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { problemJsonSchema, scheduleJsonSchema } from '@clustermatch/domain';
import { format, resolveConfig } from 'prettier';

async function main(): Promise<void> {
  const docs = join(__dirname, '..', 'docs');
  for (const [file, schema] of [
    ['problem.schema.json', problemJsonSchema],
    ['schedule.schema.json', scheduleJsonSchema],
  ] as const) {
    const path = join(docs, file);
    const options = (await resolveConfig(path)) ?? {};
    writeFileSync(path, await format(JSON.stringify(schema), { ...options, filepath: path }));
    process.stdout.write(`wrote docs/${file}\n`);
  }
}

void main();
