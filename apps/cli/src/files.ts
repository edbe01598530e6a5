import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FieldError } from '@clustermatch/domain';

export type ReadResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string };

/** Reads and parses a JSON file; the failure message names the file and what is wrong with it. */
export function readJsonFile(file: string): ReadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (e as Error).message;
    return { ok: false, message: `cannot read ${file}: ${why}` };
  }
  // Editors on Windows often start UTF-8 files with a byte order mark, which JSON.parse rejects.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: `${file} is not valid JSON: ${(e as Error).message}` };
  }
}

/**
 * JSON with one line per array element of the top-level arrays (slots, tables, people, meetings,
 * assignments, ...): compact enough for large files, still readable and diff-friendly.
 */
export function formatJson(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${JSON.stringify(value)}\n`;
  const lines = Object.entries(value as Record<string, unknown>).map(([k, v]) => {
    if (Array.isArray(v) && v.length > 0) {
      return `  ${JSON.stringify(k)}: [\n${v.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]`;
    }
    return `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

/** Writes `value` as JSON (see `formatJson`), creating the folder if needed. */
export function writeJsonFile(file: string, value: unknown): void {
  makeDirs(dirname(file));
  writeFileSync(file, formatJson(value));
}

/**
 * `mkdir -p`, one level at a time: Node's own `mkdirSync(dir, { recursive: true })` never returns
 * for a folder under /proc (it retries ENOENT forever); this one throws the error instead.
 */
function makeDirs(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) makeDirs(parent);
  mkdirSync(dir);
}

/** `<path>: <message>` lines for field errors. */
export function fieldErrorLines(errors: readonly FieldError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}\n`).join('');
}
