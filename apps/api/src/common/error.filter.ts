import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, ValidationError } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppError, ErrorCode, FieldError } from './errors';
import { translateMessage } from './error-messages';
import { fromAcceptLanguage, type UserLanguage } from './language';
import { isUniqueViolation } from '../database/unique-violation';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: readonly FieldError[];
}

/** A field problem as answered: where, a stable code, and the message in the asker's language. */
export interface LocalisedFieldError extends FieldError {
  readonly code: string;
}

/**
 * The body every error answer has (issue 16): `code` says the kind of error (`validation`, `not_found`, ...),
 * `messageCode` which message it is (stable, e.g. `time_format`; `unknown` when the catalogue has none), `message` and
 * each field's `message` are in the asker's language; `messageEn` carries the English original when a Danish answer
 * could only name the kind of error.
 */
export interface LocalisedErrorBody {
  statusCode: number;
  error: string;
  code: string;
  messageCode: string;
  message: string;
  messageEn?: string;
  fields?: readonly LocalisedFieldError[];
  [more: string]: unknown;
}

interface RequestLike {
  /** The signed-in delegate's chosen language (set by the auth guard). */
  language?: UserLanguage;
  headers?: Record<string, string | string[] | undefined>;
}

/** The asker's language: the signed-in user's setting, else `Accept-Language`, else English. */
export function askerLanguage(req: RequestLike | undefined): UserLanguage {
  if (req?.language) return req.language;
  const header = req?.headers?.['accept-language'];
  return fromAcceptLanguage(Array.isArray(header) ? header.join(',') : header) ?? 'en';
}

const KIND_OF_STATUS: Record<number, string> = {
  400: ErrorCode.Validation,
  401: ErrorCode.Unauthorised,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: 'payload_too_large',
  415: ErrorCode.Validation,
  422: ErrorCode.Unprocessable,
  429: ErrorCode.TooManyRequests,
  500: 'internal',
};

/** `body` with a stable code on it and on each field, its messages in `lang`. */
export function localise(body: ErrorBody & Record<string, unknown>, lang: UserLanguage): LocalisedErrorBody {
  const code = KIND_OF_STATUS[body.statusCode] ?? (body.statusCode >= 500 ? 'internal' : ErrorCode.Validation);
  const kind = code as ErrorCode;
  const fields = body.fields?.map((f): LocalisedFieldError => {
    const t = translateMessage(lang, f.message, kind);
    return { path: f.path, code: t.code, message: t.message };
  });
  // A message made of the field messages ("path: message; ...") is made again from the translated ones.
  const joined = body.fields?.map((f) => `${f.path}: ${f.message}`).join('; ');
  const whole =
    fields && fields.length && joined === body.message
      ? {
          code: fields.length === 1 ? (fields[0]?.code ?? 'unknown') : 'fields',
          message: fields.map((f) => `${f.path}: ${f.message}`).join('; '),
          generic: false,
        }
      : translateMessage(lang, body.message, kind);
  const rest: Record<string, unknown> = { ...body };
  delete rest['fields'];
  return {
    ...rest,
    statusCode: body.statusCode,
    error: body.error,
    code,
    messageCode: whole.code,
    message: whole.message,
    ...(whole.generic ? { messageEn: body.message } : {}),
    ...(fields ? { fields } : {}),
  };
}

interface ResponseLike {
  status(code: number): { json(body: unknown): void };
  setHeader(name: string, value: string): unknown;
}

const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.Validation]: 400,
  [ErrorCode.Unprocessable]: 422,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.Unauthorised]: 401,
  [ErrorCode.TooManyRequests]: 429,
};

const NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** Flattens class-validator errors into `[{ path: 'days[0].startTime', message }]`. */
export function flattenValidationErrors(errors: readonly ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const path = /^\d+$/.test(e.property)
      ? `${prefix}[${e.property}]`
      : prefix
        ? `${prefix}.${e.property}`
        : e.property;
    for (const message of Object.values(e.constraints ?? {})) out.push({ path, message });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, path));
  }
  return out;
}

export function validationException(errors: ValidationError[]): AppError {
  const fields = flattenValidationErrors(errors);
  const message = fields.map((f) => `${f.path}: ${f.message}`).join('; ') || 'Invalid input';
  return new AppError(ErrorCode.Validation, message, fields);
}

/** The one place where errors become HTTP responses. */
@Catch()
export class AppErrorFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<ResponseLike>();
    const req = host.switchToHttp().getRequest<RequestLike | undefined>();
    const body = localise(this.toBody(exception), askerLanguage(req));
    if (exception instanceof AppError && exception.retryAfterSeconds !== undefined)
      res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    res.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ErrorBody & Record<string, unknown> {
    if (exception instanceof AppError) {
      const statusCode = STATUS[exception.code];
      return {
        statusCode,
        error: NAMES[statusCode] ?? 'Error',
        message: exception.message,
        ...(exception.fields ? { fields: exception.fields } : {}),
        ...(exception.details ?? {}),
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      let message = exception.message;
      if (typeof response === 'object' && response !== null && 'message' in response) {
        const m = (response as { message: unknown }).message;
        message = Array.isArray(m) ? m.join('; ') : String(m);
      }
      if (statusCode === 400 || statusCode === 413) {
        // Nest maps body-parser failures (malformed JSON, too large) to these.
        return {
          statusCode,
          error: NAMES[statusCode] ?? 'Error',
          message: `Malformed request body: ${message}`,
          fields: [{ path: 'body', message }],
        };
      }
      return { statusCode, error: NAMES[statusCode] ?? 'Error', message };
    }
    if (isUniqueViolation(exception)) {
      return { statusCode: 409, error: NAMES[409] ?? 'Conflict', message: 'This already exists' };
    }
    // body-parser errors (malformed JSON, too large) carry a status.
    if (
      exception instanceof Error &&
      'status' in exception &&
      typeof exception.status === 'number' &&
      exception.status < 500
    ) {
      const statusCode = exception.status;
      return {
        statusCode,
        error: NAMES[statusCode] ?? 'Error',
        message: `Malformed request body: ${exception.message}`,
        fields: [{ path: 'body', message: exception.message }],
      };
    }
    this.log.error({ err: exception }, 'unhandled error');
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: NAMES[500] ?? 'Error',
      message: 'Internal server error',
    };
  }
}
