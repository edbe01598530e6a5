/**
 * `organiser add --email E --name N --organisation O --role owner|organiser|viewer --password-stdin`: the first
 * organiser of a fresh installation (or any later one) from the command line, so production needs no demo login.
 * The password is read from standard input (one line; a trailing newline is dropped). The options are checked here
 * (exit 2 naming the field); the service's own program then writes the database the service uses (DATA_DIR /
 * DATABASE_URL), run as a child process: the CLI imports nothing of the service.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandArgs } from '../args';
import type { CliIo } from '../io';

const USAGE =
  'usage: organiser add --email E --name N --organisation O --role owner|organiser|viewer --password-stdin\n';
const ROLES = ['owner', 'organiser', 'viewer'];

/** The service's compiled program (dist/apps/api/src/admin/organiser-add.js next to dist/apps/cli). */
export const PROGRAM = join(__dirname, '..', '..', '..', 'api', 'src', 'admin', 'organiser-add.js');

/**
 * The environment of the service's program. `npm run cli` starts the command line without NODE_EXTRA_CA_CERTS, whose
 * file Node reads at every start (about 90 ms; no other command connects anywhere), and keeps its value in
 * CLUSTERMATCH_CA_CERTS (package.json): this program may connect to PostgreSQL over TLS, so it gets it back.
 */
export function programEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { CLUSTERMATCH_CA_CERTS: kept, ...rest } = env;
  return kept ? { ...rest, NODE_EXTRA_CA_CERTS: kept } : rest;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export async function run(args: string[], io: CliIo, stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'add') {
    io.err(sub ? `unknown sub-command "organiser ${sub}"\n${USAGE}` : USAGE);
    return 2;
  }
  const parsed = parseCommandArgs(rest, {
    email: { type: 'string' },
    name: { type: 'string' },
    organisation: { type: 'string' },
    role: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  });
  if (!parsed.ok) {
    io.err(`${parsed.message}\n${USAGE}`);
    return 2;
  }
  const v = parsed.values;
  for (const field of ['email', 'name', 'organisation', 'role'] as const) {
    const value = v[field];
    if (typeof value !== 'string' || value.trim() === '') {
      io.err(`--${field}: is required\n${USAGE}`);
      return 2;
    }
  }
  if (!ROLES.includes(String(v['role']))) {
    io.err(`--role: must be one of ${ROLES.join(', ')} (got "${String(v['role'])}")\n`);
    return 2;
  }
  if (v['password-stdin'] !== true) {
    io.err('--password-stdin: is required (the password is read from standard input, never from an option)\n');
    return 2;
  }
  const password = (await readAll(stdin)).replace(/\r?\n$/, '');
  if (!existsSync(PROGRAM)) {
    io.err(`the service is not built (${PROGRAM} is missing): run npm run build\n`);
    return 1;
  }
  const input = JSON.stringify({
    email: v['email'],
    name: v['name'],
    organisation: v['organisation'],
    role: v['role'],
    password,
  });
  return new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [PROGRAM], { stdio: ['pipe', 'pipe', 'pipe'], env: programEnv(process.env) });
    child.stdout.on('data', (d: Buffer) => io.out(d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => io.err(d.toString('utf8')));
    child.on('error', (e) => {
      io.err(`could not run ${PROGRAM}: ${e.message}\n`);
      resolve(1);
    });
    child.on('close', (code) => resolve(code ?? 1));
    child.stdin.end(input);
  });
}
