// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_FILE, renderClientSchema, SCHEMA_FILE } from '../../scripts/generate-client';

describe('the generated API client types', () => {
  it('src/api/schema.ts matches apps/api/openapi.json (else run `npm run contract`)', async () => {
    const fresh = await renderClientSchema(readFileSync(OPENAPI_FILE, 'utf8'));
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(fresh);
  });
});
