/**
 * Writes the service's OpenAPI document to apps/api/openapi.json (the first half of `npm run contract`;
 * the second generates the web client's types from this file). `test/contract.e2e.spec.ts` fails when
 * the committed file differs from what the running app documents.
 *
 *     node -r @swc-node/register apps/api/scripts/openapi.ts
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { format, resolveConfig } from 'prettier';
import { createApp } from '../src/app.factory';
import { buildOpenApiDocument } from '../src/openapi';

export const OPENAPI_FILE = resolve(__dirname, '../openapi.json');

/** Boots the real app on a throw-away SQLite file and returns its OpenAPI document. */
async function openApiOfFreshApp(): Promise<OpenAPIObject> {
  const dir = mkdtempSync(join(tmpdir(), 'clustermatch-openapi-'));
  const app = await createApp({
    env: 'test',
    dataDir: dir,
    database: { kind: 'sqlite', file: join(dir, 'openapi.sqlite') },
    jwtSecret: randomBytes(24).toString('hex'),
    seedDemo: false,
    logLevel: 'silent',
  });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const doc = await openApiOfFreshApp();
  const text = await format(JSON.stringify(doc), { ...(await resolveConfig(OPENAPI_FILE)), filepath: OPENAPI_FILE });
  writeFileSync(OPENAPI_FILE, text);
  process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
