import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';

/** The built web front end (apps/web, `vite build apps/web`). */
export const WEB_DIST = resolve(__dirname, '..', '..', '..', 'web', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

interface Req {
  method: string;
  path: string;
}
interface Res {
  setHeader(name: string, value: string | number): void;
  statusCode: number;
  end(): void;
}
type Next = () => void;
type Handler = (req: Req, res: Res & NodeJS.WritableStream, next: Next) => void;
interface ExpressLike {
  use(handler: Handler): void;
}

export interface WebOptions {
  /** Serve `*.map` files (off in production unless SOURCE_MAPS=1: they give away the source). */
  readonly sourceMaps: boolean;
}

/**
 * The handler serving the built web app under `root` (`index.html` for the app's own routes); everything else
 * goes to `next` (the API, unknown files, and source maps unless `sourceMaps`).
 */
export function webHandler(root: string, options: WebOptions): Handler {
  const index = join(root, 'index.html');
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isServicePath(req.path)) return next();
    if (!options.sourceMaps && extname(req.path) === '.map') return next();
    const asset = fileFor(root, req.path);
    const looksLikeFile = extname(req.path) !== '';
    if (!asset && looksLikeFile) return next();
    const file = asset ?? index;
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    res.statusCode = 200;
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Length', statSync(file).size);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader(
      'Cache-Control',
      file.startsWith(join(root, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  };
}

/** Paths the service answers itself; everything else (GET/HEAD) is the single-page app. */
export function isServicePath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path.startsWith('/calendars/');
}

/** The file under `root` for a URL path, or null (never outside `root`). */
export function fileFor(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = normalize(join(root, decoded));
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/**
 * Serves apps/web/dist at `/` with a fallback to index.html for the app's own routes (e.g. the
 * magic link `/login?token=`). Registered after the API routes, so `/api/*` is never shadowed.
 */
@Module({})
export class WebModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(LOGGER) private readonly log: Logger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const root = WEB_DIST;
    const index = join(root, 'index.html');
    if (!existsSync(index)) {
      this.log.warn({ dist: root }, 'web front end not built (run: npx vite build apps/web); serving the API only');
      return;
    }
    const app = this.adapterHost.httpAdapter.getInstance<ExpressLike>();
    app.use(webHandler(root, { sourceMaps: this.config.publicSourceMaps }));
  }
}
