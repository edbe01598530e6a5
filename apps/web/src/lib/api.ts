/** A small fetch client for the service's `/api`: bearer token, JSON, and errors that name their fields. */
export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The messages for one field path (exact, or nested below it, e.g. `members` covers `members.smes`). */
  forField(path: string): string[] {
    return this.fields
      .filter((f) => f.path === path || f.path.startsWith(`${path}.`) || f.path.startsWith(`${path}[`))
      .map((f) => (f.path === path ? f.message : `${f.path}: ${f.message}`));
  }
}

const TOKEN_KEY = 'clustermatch.token';

export function getToken(): string | null {
  return window.localStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token) window.localStorage.setItem(TOKEN_KEY, token);
  else window.localStorage.removeItem(TOKEN_KEY);
}

function isFieldList(v: unknown): v is FieldProblem[] {
  return (
    Array.isArray(v) &&
    v.every((f) => typeof f === 'object' && f !== null && typeof (f as FieldProblem).path === 'string')
  );
}

async function toError(res: Response): Promise<ApiError> {
  let message = res.statusText || `HTTP ${res.status}`;
  let fields: FieldProblem[] = [];
  try {
    const body: unknown = await res.json();
    if (typeof body === 'object' && body !== null) {
      const m = (body as { message?: unknown }).message;
      if (typeof m === 'string') message = m;
      else if (Array.isArray(m)) message = m.join('; ');
      const f = (body as { fields?: unknown }).fields;
      if (isFieldList(f)) fields = f;
    }
  } catch {
    // not JSON: keep the status text
  }
  return new ApiError(res.status, message, fields);
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** A raw body (a file) with its content type. */
  raw?: { data: Blob | ArrayBuffer | string; type: string };
  query?: Record<string, string | number | undefined | string[]>;
}

let apiBase = '';

/** The service origin; empty in the browser (same origin). Tests point it at a running service. */
export function setApiBase(origin: string): void {
  apiBase = origin.replace(/\/+$/, '');
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    params.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const qs = params.toString();
  return `${apiBase}/api${path}${qs ? `?${qs}` : ''}`;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = getToken();
  if (token) headers['Authorization'] = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.raw) {
    headers['Content-Type'] = opts.raw.type;
    body = opts.raw.data;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), { method: opts.method ?? (body ? 'POST' : 'GET'), headers, body });
  } catch (e) {
    throw new ApiError(0, e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('application/json')) return (await res.json()) as T;
  return (await res.text()) as T;
}

/** Downloads an authorised file (e.g. an export) and hands it to the browser as a file. */
export async function download(path: string, query: RequestOptions['query'], filename: string): Promise<void> {
  const headers: Record<string, string> = {};
  const token = getToken();
  if (token) headers['Authorization'] = `Bearer ${token}`;
  const res = await fetch(buildUrl(path, query), { headers });
  if (!res.ok) throw await toError(res);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
