import { parseArgs } from 'node:util';

export type OptionSpec = Record<string, { readonly type: 'string' | 'boolean' }>;

export type ParsedArgs =
  | { readonly ok: true; readonly positionals: string[]; readonly values: Record<string, string | boolean | undefined> }
  | { readonly ok: false; readonly message: string };

/** Strict command-line parsing: unknown options and missing option values are errors. */
export function parseCommandArgs(args: string[], options: OptionSpec): ParsedArgs {
  // Let a negative number be an option value (`--clusters -3`), so it is checked like any other number.
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') ? args[i].slice(2) : undefined;
    const next = args[i + 1];
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${args[i]}=${next}`);
      i++;
    } else joined.push(args[i]);
  }
  try {
    const r = parseArgs({ args: joined, options, allowPositionals: true, strict: true });
    return { ok: true, positionals: r.positionals, values: r.values as Record<string, string | boolean | undefined> };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/** A non-negative number option (e.g. `--time-limit 2.5`); undefined when absent. */
export function numberOption(
  values: Record<string, string | boolean | undefined>,
  name: string,
  kind: 'positive' | 'integer',
): number | string | undefined {
  const raw = values[name];
  if (raw === undefined || typeof raw === 'boolean') return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) return `--${name} must be a number (got "${raw}")`;
  if (kind === 'positive' && n <= 0) return `--${name} must be a positive number (got "${raw}")`;
  if (kind === 'integer' && !Number.isInteger(n)) return `--${name} must be an integer (got "${raw}")`;
  return n;
}
