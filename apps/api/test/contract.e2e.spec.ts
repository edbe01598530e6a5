import { readFileSync } from 'node:fs';
import type { OpenAPIObject } from '@nestjs/swagger';
import { join } from 'node:path';
import { buildOpenApiDocument } from '../src/openapi';
import { startTestApp, TestApp } from '../test-utils';

const OPENAPI_FILE = join(__dirname, '../openapi.json');

type Schema = Record<string, unknown>;
interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

const isRef = (s: unknown): boolean => typeof s === 'object' && s !== null && '$ref' in s;
const isFile = (s: Schema): boolean => s['type'] === 'string' && s['format'] === 'binary';

/** Why a success response does not name its type, or null when it does. */
function untypedSuccess(responses: Record<string, { content?: Record<string, { schema?: Schema }> }>): string | null {
  const codes = Object.keys(responses).filter((c) => /^2\d\d$/.test(c));
  if (codes.length === 0) return 'no 2xx response';
  for (const code of codes) {
    const content = responses[code]?.content;
    if (code === '204') {
      if (content) return '204 with a body';
      continue;
    }
    if (!content || Object.keys(content).length === 0) return `${code} without a body type`;
    for (const [type, media] of Object.entries(content)) {
      const s = media.schema ?? {};
      const items = s['items'];
      const oneOf = s['oneOf'];
      const typed =
        isRef(s) ||
        (s['type'] === 'array' && isRef(items)) ||
        (Array.isArray(oneOf) && oneOf.every(isRef)) ||
        (type !== 'application/json' && isFile(s));
      if (!typed) return `${code} ${type} is not a named DTO (${JSON.stringify(s)})`;
    }
  }
  return null;
}

/** Schemas (and their properties) that say "some object" without saying which fields or value type it has. */
function looseObjects(doc: OpenAPIObject): string[] {
  const out: string[] = [];
  const visit = (s: Schema, where: string): void => {
    const props = s['properties'] as Record<string, Schema> | undefined;
    const extra = s['additionalProperties'];
    const composed = ['$ref', 'allOf', 'oneOf', 'anyOf'].some((k) => k in s);
    const typedExtra = typeof extra === 'object' && Object.keys(extra ?? {}).length > 0;
    if (s['type'] === 'object' && !props && !composed && !typedExtra) out.push(where);
    for (const [k, v] of Object.entries(props ?? {})) visit(v, `${where}.${k}`);
    if (typeof s['items'] === 'object') visit(s['items'] as Schema, `${where}[]`);
  };
  for (const [name, s] of Object.entries(doc.components?.schemas ?? {})) visit(s as Schema, name);
  return out;
}

describe('the API contract (OpenAPI document and the web client generated from it)', () => {
  let t: TestApp;
  let doc: OpenAPIObject;

  beforeAll(async () => {
    t = await startTestApp();
    doc = buildOpenApiDocument(t.app);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('apps/api/openapi.json is the document of the running app (else run `npm run contract`)', () => {
    // The web client's types are generated from this file; apps/web/src/api/schema.test.ts checks them.
    expect(JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'))).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('documents every route of the running app with a typed success response', () => {
    const express = t.app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
    const problems: string[] = [];
    let routes = 0;
    for (const layer of express.router.stack) {
      const path = layer.route?.path;
      if (!path || path.startsWith('/api/docs') || !/^\/(api|calendars)\//.test(path)) continue;
      const docPath = path.replace(/:(\w+)/g, '{$1}');
      for (const method of Object.keys(layer.route?.methods ?? {})) {
        routes++;
        const op = (doc.paths[docPath] as Record<string, OpenAPIObject['paths'][string]['get']> | undefined)?.[method];
        if (!op) {
          problems.push(`${method.toUpperCase()} ${path}: not in the document`);
          continue;
        }
        const why = untypedSuccess(op.responses as Parameters<typeof untypedSuccess>[0]);
        if (why) problems.push(`${method.toUpperCase()} ${path}: ${why}`);
        if (!op.responses['default']) problems.push(`${method.toUpperCase()} ${path}: no error response`);
      }
    }
    expect(problems).toEqual([]);
    expect(routes).toBeGreaterThan(50);
  });

  it('has no untyped objects (a Record<string, unknown> in a DTO shows up here)', () => {
    expect(looseObjects(doc)).toEqual([]);
  });
});
