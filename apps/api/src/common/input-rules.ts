/* eslint-disable no-control-regex -- matching control characters is what this file is for */
/**
 * Rules every request input follows before (and beside) the DTOs' own validators:
 *
 * - `OptionalNotNull()`: the field may be left out, but `null` is refused (class-validator's `IsOptional`
 *   lets `null` through to the service and the database). Use `IsOptional` only where null means "clear it".
 * - `SingleLine()`: names, roles, titles, venues and table names hold one line of text: no line breaks,
 *   tabs or other control characters, which would otherwise end up as real lines in iCalendar files and
 *   mail headers.
 * - `NoControlChars()`: multi-line text (notes, offers, seeks) may hold line breaks and tabs, nothing else.
 * - `checkInputShape()`: runs on every body, query and parameter before validation: nesting deeper than
 *   `MAX_INPUT_DEPTH`, NUL characters (which PostgreSQL refuses in text) and lone UTF-16 surrogates (not
 *   Unicode text: they cannot be stored as UTF-8, and some validators throw on them) are refused naming where.
 */
import { applyDecorators } from '@nestjs/common';
import { IsDefined, Matches, ValidateIf, type ValidationOptions } from 'class-validator';
import { AppError, ErrorCode } from './errors';

/** C0 controls (tab and line breaks included), DEL, C1 controls, and the Unicode line and paragraph separators. */
const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
/** The same without tab, line feed and carriage return. */
export const CONTROL_CHARS_BUT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/;

/** May be left out; `null` is refused with a message naming the field. */
export function OptionalNotNull(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_o: unknown, value: unknown) => value !== undefined),
    IsDefined({ message: 'must not be null (leave the field out to keep its value)' }),
  );
}

/** One line of text: no line breaks, tabs or other control characters. */
export function SingleLine(options: ValidationOptions = {}): PropertyDecorator {
  return Matches(new RegExp(`^[^${CONTROL_CHARS.source.slice(1, -1)}]*$`), {
    message: 'must be one line of text, without line breaks, tabs or other control characters',
    ...options,
  });
}

/** Text that may span lines: line breaks and tabs are fine, other control characters are not. */
export function NoControlChars(options: ValidationOptions = {}): PropertyDecorator {
  return Matches(new RegExp(`^[^${CONTROL_CHARS_BUT_LINES.source.slice(1, -1)}]*$`), {
    message: 'must not contain control characters other than line breaks and tabs',
    ...options,
  });
}

/** A UTF-16 surrogate that is not part of a pair (in `u` mode, pairs are one code point). */
const LONE_SURROGATE = /\p{Cs}/u;

/** Request bodies nest a few levels (a day plan's breaks: 4); anything deeper than this is refused. */
export const MAX_INPUT_DEPTH = 16;

/** `days[0].breaks`: a field of the root is named alone, an element of a root array after the root. */
const child = (root: string, path: string, key: string | number): string =>
  typeof key === 'number' ? `${path === '' ? root : path}[${key}]` : path === '' ? key : `${path}.${key}`;

const refuse = (path: string, message: string): AppError =>
  new AppError(ErrorCode.Validation, `${path}: ${message}`, [{ path, message }]);

/**
 * Walks `value` without recursion (so a body nested 100,000 levels deep cannot overflow the stack) and
 * throws a 400 naming the first place that is nested too deep or holds a NUL character. `root` names the
 * value itself (`body`, or the query or route parameter).
 */
export function checkInputShape(value: unknown, root: string): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const { value: v, path, depth } = item;
    const where = path === '' ? root : path;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) throw refuse(where, 'must not contain the NUL character (\\u0000)');
      if (LONE_SURROGATE.test(v)) throw refuse(where, 'must be valid Unicode text (it holds a lone surrogate)');
      continue;
    }
    if (typeof v !== 'object' || v === null || Buffer.isBuffer(v)) continue;
    if (depth >= MAX_INPUT_DEPTH)
      throw refuse(where, `is nested too deeply (more than ${MAX_INPUT_DEPTH} levels of objects and arrays)`);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: child(root, path, i), depth: depth + 1 });
    } else {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, inner] = entries[i] ?? ['', undefined];
        if (key.includes('\u0000') || LONE_SURROGATE.test(key))
          throw refuse(where, 'has a field name that is not valid text (NUL character or lone surrogate)');
        stack.push({ value: inner, path: child(root, path, key), depth: depth + 1 });
      }
    }
  }
}
