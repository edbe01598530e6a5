/**
 * The one small wrapper around the generated client: the bearer token, errors that name their fields,
 * and file downloads. Paths, parameters, bodies and answers are typed by `schema.ts` (generated from the
 * service's OpenAPI document by `npm run contract`): call `api().GET('/api/...', { params })` and hand
 * the promise to `unwrap`, which gives the data or throws an `ApiError`.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

/** A DTO of the service by its schema name, e.g. `Schema<'ClusterResponse'>`. */
export type Schema<K extends keyof components['schemas']> = components['schemas'][K];

export type FieldProblem = Schema<'FieldErrorResponse'>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: readonly FieldProblem[] = [],
    /** The whole error body (e.g. a refused hand edit's `rule` and `conflictingMeeting`). */
    readonly body: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The stable code of the message (e.g. `wrong_password`), if the service gave one. */
  get messageCode(): string | undefined {
    const c = this.body['messageCode'];
    return typeof c === 'string' ? c : undefined;
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

let language: string | null = null;

/**
 * The language the app speaks, sent as `Accept-Language` so the service's error messages come in it (a signed-in
 * delegate's own setting still comes first at the service). The language provider keeps it current.
 */
export function setApiLanguage(lang: string | null): void {
  language = lang;
}

const bearer: Middleware = {
  onRequest({ request }) {
    const token = getToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    if (language) request.headers.set('Accept-Language', language);
    return request;
  },
};

function makeClient(baseUrl: string): Client<paths> {
  // Looked up on each call, so tests can watch the requests (vi.spyOn(globalThis, 'fetch')).
  const client = createClient<paths>({
    baseUrl,
    fetch: (request) => globalThis.fetch(request),
    // Lists as the service reads them: `sector=Food,Energy`.
    querySerializer: { array: { style: 'form', explode: false } },
  });
  client.use(bearer);
  return client;
}

let client = makeClient('');

/** The service origin; empty in the browser (same origin). Tests point it at a running service. */
export function setApiBase(origin: string): void {
  client = makeClient(origin.replace(/\/+$/, ''));
}

/** The typed client of the service's `/api`. */
export function api(): Client<paths> {
  return client;
}

function isFieldList(v: unknown): v is FieldProblem[] {
  return (
    Array.isArray(v) &&
    v.every((f) => typeof f === 'object' && f !== null && typeof (f as FieldProblem).path === 'string')
  );
}

function toError(response: Response, body: unknown): ApiError {
  let message = response.statusText || `HTTP ${response.status}`;
  let fields: FieldProblem[] = [];
  if (typeof body === 'object' && body !== null) {
    const m = (body as { message?: unknown }).message;
    if (typeof m === 'string') message = m;
    else if (Array.isArray(m)) message = m.join('; ');
    const f = (body as { fields?: unknown }).fields;
    if (isFieldList(f)) fields = f;
  }
  const all = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return new ApiError(response.status, message, fields, all);
}

/** What every call of the generated client resolves to. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful call; otherwise an ApiError (status 0 when the service could not be reached). */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (e) {
    throw new ApiError(0, e instanceof Error ? e.message : String(e));
  }
  if (!answer.response.ok) throw toError(answer.response, answer.error);
  return answer.data as T;
}

/** Hands a file the service sent (an export, an .ics) to the browser as a download. */
export async function download(call: Promise<Answer<Blob>>, filename: string): Promise<void> {
  const blob = await unwrap(call);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
