/**
 * Typed errors of the service. Modules throw these; one exception filter maps them to HTTP
 * (`{ statusCode, error, message, fields? }`).
 */
export enum ErrorCode {
  /** The body, query or a parameter is malformed (400). */
  Validation = 'validation',
  /** Well-formed but breaks a rule (e.g. a CSV row, an unknown slot in a list) (422). */
  Unprocessable = 'unprocessable',
  NotFound = 'not_found',
  Conflict = 'conflict',
  Forbidden = 'forbidden',
  Unauthorised = 'unauthorised',
  /** A rate limit (sign-in attempts, login links): 429 with Retry-After. */
  TooManyRequests = 'too_many_requests',
}

export interface FieldError {
  /** Where the problem is, e.g. `days[0].startTime` or `row 4, column email`. */
  readonly path: string;
  readonly message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: readonly FieldError[],
    /** Sent as the `Retry-After` header (seconds). */
    readonly retryAfterSeconds?: number,
    /** More members of the error body, e.g. the rule a hand edit of a schedule broke and the meeting it clashes with. */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: string): AppError =>
  new AppError(ErrorCode.NotFound, `${what} ${id} not found`);
export const conflict = (message: string): AppError => new AppError(ErrorCode.Conflict, message);
export const forbidden = (message = 'You may not do this'): AppError => new AppError(ErrorCode.Forbidden, message);
export const unprocessable = (message: string, fields?: readonly FieldError[]): AppError =>
  new AppError(ErrorCode.Unprocessable, message, fields);
/** A 422 naming one field. */
export const badField = (path: string, message: string): AppError =>
  new AppError(ErrorCode.Unprocessable, `${path}: ${message}`, [{ path, message }]);
