/**
 * `npm run --silent cli -- organiser add ...` runs this (the CLI checks the options and reads the password, then
 * hands them over on standard input as JSON, so the password is never in a process list). It opens the service's
 * database (the same DATA_DIR / DATABASE_URL / DATABASE_SCHEMA as the service; migrations run first), creates the
 * organisation if no organisation has that name (ignoring case), and adds the organiser with the role.
 * Exit codes: 0 created, 2 invalid input (the field named on stderr), 1 anything else (e.g. no database).
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppError, ErrorCode } from '../common/errors';
import { ConfigError, loadConfig } from '../config/config';
import { dataSourceOptions } from '../database/database.module';
import { ORGANISER_ROLES, type OrganiserRole } from '../organisations/organisation.entity';
import { insertOrganiser } from '../auth/organisers.repository';
import { ensureOrganisation, organisationByName } from '../organisations/organisations';

export interface OrganiserAddInput {
  email: string;
  name: string;
  organisation: string;
  role: OrganiserRole;
  password: string;
}

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/** The first problem of the input, as `--field: message`; undefined when it is fine. */
export function organiserAddProblem(i: Partial<Record<keyof OrganiserAddInput, unknown>>): string | undefined {
  const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
  if (!EMAIL.test(text(i.email)) || text(i.email).length > 254) return '--email: must be an e-mail address';
  if (!text(i.name)) return '--name: must not be empty';
  if (text(i.name).length > 200) return '--name: must be at most 200 characters';
  if (!text(i.organisation)) return '--organisation: must not be empty';
  if (text(i.organisation).length > 200) return '--organisation: must be at most 200 characters';
  if (!(ORGANISER_ROLES as readonly unknown[]).includes(i.role))
    return `--role: must be one of ${ORGANISER_ROLES.join(', ')}`;
  if (typeof i.password !== 'string' || i.password.length < 10)
    return 'password (standard input): must be at least 10 characters';
  if (i.password.length > 72) return 'password (standard input): must be at most 72 characters';
  return undefined;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<number> {
  let input: OrganiserAddInput;
  try {
    input = JSON.parse(await readStdin()) as OrganiserAddInput;
  } catch {
    process.stderr.write('input: expected the organiser as JSON on standard input\n');
    return 2;
  }
  const problem = organiserAddProblem(input);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    return 2;
  }
  // This tool signs no tokens: the service's JWT_SECRET is not needed (nor written to the data folder).
  const config = loadConfig(process.env, { logLevel: 'silent', jwtSecret: 'organiser-add-signs-no-tokens' });
  const ds = new DataSource(dataSourceOptions(config));
  await ds.initialize();
  try {
    const { organiser, organisation, created } = await ds.transaction(async (m) => {
      const existed = (await organisationByName(m, input.organisation)) !== null;
      const org = await ensureOrganisation(m, input.organisation);
      const row = await insertOrganiser(m, {
        email: input.email,
        name: input.name,
        organisationId: org.id,
        role: input.role,
        password: input.password,
      });
      return { organiser: row, organisation: org, created: !existed };
    });
    process.stdout.write(
      `${created ? 'Created organisation' : 'Organisation'} "${organisation.name}"; added ${organiser.email} as ${organiser.role}.\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof AppError && e.code === ErrorCode.Conflict) {
      process.stderr.write(`--email: ${e.message}\n`);
      return 2;
    }
    throw e;
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      if (e instanceof ConfigError) process.stderr.write(`${e.message}\n`);
      else process.stderr.write(`organiser add failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
