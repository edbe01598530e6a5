/** Issue 14, items 5 and 10: the web app's source maps are served only when enabled (never by default in production). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webHandler } from './web.module';

describe('source maps of the web app', () => {
  let root: string;
  const servers: Server[] = [];

  beforeAll(() => {
    root = join(mkdtempSync(join(tmpdir(), 'cm-web-maps-')), 'dist');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)\n//# sourceMappingURL=index-abc.js.map');
    writeFileSync(join(root, 'assets', 'index-abc.js.map'), '{"version":3,"sources":["src/secret.tsx"]}');
  });
  afterAll(async () => {
    for (const s of servers) await new Promise((r) => s.close(r));
    rmSync(join(root, '..'), { recursive: true, force: true });
  });

  /** A plain HTTP server with the handler in front of a 404. */
  async function serve(sourceMaps: boolean): Promise<string> {
    const handler = webHandler(root, { sourceMaps });
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      handler(Object.assign(req, { path, method: req.method ?? 'GET' }), res, () => {
        res.statusCode = 404;
        res.end('not found');
      });
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('are not served when off (production), while the app and its scripts are', async () => {
    const url = await serve(false);
    expect((await fetch(`${url}/assets/index-abc.js.map`)).status).toBe(404);
    expect((await fetch(`${url}/assets/index-abc.js`)).status).toBe(200);
    expect(await (await fetch(`${url}/review`)).text()).toContain('<title>app</title>');
  });

  it('are served when enabled (development, or SOURCE_MAPS=1)', async () => {
    const url = await serve(true);
    const map = await fetch(`${url}/assets/index-abc.js.map`);
    expect(map.status).toBe(200);
    expect(await map.text()).toContain('src/secret.tsx');
  });
});
