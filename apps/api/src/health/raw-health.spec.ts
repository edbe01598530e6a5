import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { strictHeaderWrites } from '../common/security-headers';
import { answerHealthOnServer } from './raw-health';

describe('health answered on the HTTP server', () => {
  let server: Server;
  let base: string;
  let routed: string[];
  let logged: string[];
  let failing: boolean;
  beforeAll(async () => {
    routed = [];
    logged = [];
    failing = false;
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      routed.push(`${req.method} ${req.url}`);
      res.statusCode = 299;
      res.end('routed');
    });
    const installed = answerHealthOnServer(
      server,
      {
        answer: async () => {
          if (failing) throw new Error('no answer');
          return { status: 200 as const, body: { status: 'ok' as const, database: 'better-sqlite3' } };
        },
      },
      {
        headers: strictHeaderWrites(),
        etag: (body) => `W/"${body.length}"`,
        logged: (req, res) => res.on('finish', () => logged.push(`${req.method} ${req.url} ${res.statusCode}`)),
      },
    );
    expect(installed).toBe(true);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((ok) => server.close(ok));
  });
  beforeEach(() => {
    routed.length = 0;
    logged.length = 0;
    failing = false;
  });

  it('answers the plain GET and HEAD itself, with the headers, the tag and a log line', async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"status":"ok","database":"better-sqlite3"}');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-length')).toBe('43');
    expect(res.headers.get('etag')).toBe('W/"43"');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const head = await fetch(`${base}/api/health`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('43');
    expect(await head.text()).toBe('');
    expect(routed).toEqual([]);
    expect(logged).toEqual(['GET /api/health 200', 'HEAD /api/health 200']);
  });

  it('leaves every other request to the application', async () => {
    await fetch(`${base}/api/health?x=1`);
    await fetch(`${base}/api/health/`);
    await fetch(`${base}/api/health`, { method: 'POST' });
    await fetch(`${base}/api/health`, { method: 'GET', headers: { 'If-None-Match': 'W/"43"' } });
    await fetch(`${base}/api/health`, { method: 'GET', headers: { 'If-Modified-Since': new Date().toUTCString() } });
    await fetch(`${base}/api/other`);
    expect(routed).toEqual([
      'GET /api/health?x=1',
      'GET /api/health/',
      'POST /api/health',
      'GET /api/health',
      'GET /api/health',
      'GET /api/other',
    ]);
    expect(logged).toEqual([]);
  });

  it('leaves the request to the application when the answer fails', async () => {
    failing = true;
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(299);
    expect(routed).toEqual(['GET /api/health']);
  });
});
