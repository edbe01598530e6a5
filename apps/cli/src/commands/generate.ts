import type { GenerateParams, Problem } from '@clustermatch/solver';
import { checkGenerateParams, generateProblem } from '@clustermatch/solver';
import { parseCommandArgs } from '../args';
import { formatJson, writeJsonFile } from '../files';
import type { CliIo } from '../io';

const usage =
  'usage: generate --clusters N --meetings N --slots N [--tables N] [--seed N] [--days 1-7] [--shape requests|forum]\n' +
  '                [--group-share F] [--popular-share F] [--host-share F] [--accessible-share F] [--cap-share F]\n' +
  '                [--unavailable-share F] [--dense] [--tight-tables]\n' +
  '                [--timezone Europe/Berlin] [--start-date 2027-05-11] [--name "..."] [--out problem.json]\n' +
  'Writes the problem to --out, or to stdout without it. --shape forum: a B2B forum (one delegate per cluster,\n' +
  'few tables, many meetings each, availability in blocks, every meeting placeable). --popular-share 0.1: a tenth\n' +
  'of the clusters receive half the requests. --host-share / --accessible-share: clusters that host at their own\n' +
  'stand and delegates who need an accessible table (the meetings get allowedTables).\n';

/** Flag name of a generator parameter: groupShare -> --group-share. */
const flagOf = (param: string) => `--${param.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, {
    clusters: { type: 'string' },
    meetings: { type: 'string' },
    slots: { type: 'string' },
    tables: { type: 'string' },
    seed: { type: 'string' },
    days: { type: 'string' },
    'group-share': { type: 'string' },
    'cap-share': { type: 'string' },
    'unavailable-share': { type: 'string' },
    'popular-share': { type: 'string' },
    'host-share': { type: 'string' },
    'accessible-share': { type: 'string' },
    shape: { type: 'string' },
    dense: { type: 'boolean' },
    'tight-tables': { type: 'boolean' },
    timezone: { type: 'string' },
    'start-date': { type: 'string' },
    name: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (!parsed.ok) {
    io.err(`${parsed.message}\n${usage}`);
    return 2;
  }
  const v = parsed.values;
  if (v['help']) {
    io.out(usage);
    return 0;
  }
  if (parsed.positionals.length > 0) {
    io.err(`unexpected argument "${parsed.positionals[0]}"\n${usage}`);
    return 2;
  }
  const missing = ['clusters', 'meetings', 'slots'].filter((k) => v[k] === undefined);
  if (missing.length > 0) {
    io.err(`${missing.map((k) => `--${k} is required`).join('\n')}\n${usage}`);
    return 2;
  }
  const num = (k: string): number | undefined => {
    const raw = v[k];
    return typeof raw === 'string' ? (raw.trim() === '' ? Number.NaN : Number(raw)) : undefined;
  };
  const str = (k: string): string | undefined => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const params = {
    clusters: num('clusters') ?? Number.NaN,
    meetings: num('meetings') ?? Number.NaN,
    slots: num('slots') ?? Number.NaN,
    tables: num('tables'),
    seed: num('seed') ?? 1,
    days: num('days'),
    groupShare: num('group-share'),
    capShare: num('cap-share'),
    unavailableShare: num('unavailable-share'),
    popularShare: num('popular-share'),
    hostShare: num('host-share'),
    accessibleShare: num('accessible-share'),
    shape: str('shape'),
    dense: v['dense'] === true,
    tightTables: v['tight-tables'] === true,
    timezone: str('timezone'),
    startDate: str('start-date'),
    name: str('name'),
  } as GenerateParams;
  const errors = checkGenerateParams(params);
  if (errors.length > 0) {
    io.err(errors.map((e) => e.replace(/^[a-zA-Z]+/, (w) => flagOf(w))).join('\n') + '\n');
    return 2;
  }
  let problem: Problem;
  try {
    problem = generateProblem(params);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    io.err(`${e.message.replace(/^meetings:/, '--meetings:')}\n`);
    return 2;
  }
  const out = str('out');
  if (out === undefined) {
    io.out(formatJson(problem));
    return 0;
  }
  try {
    writeJsonFile(out, problem);
  } catch (e) {
    io.err(`cannot write ${out}: ${(e as Error).message}\n`);
    return 2;
  }
  io.out(`wrote ${out}: ${describeProblem(problem)}\n`);
  return 0;
}

export function describeProblem(p: Problem): string {
  const parties = new Set(p.people.map((x) => x.party)).size;
  const groups = p.meetings.filter((m) => m.people.length > 2).length;
  const days = new Set(p.slots.map((s) => s.id.replace(/s\d+$/, ''))).size;
  return (
    `${parties} clusters, ${p.people.length} delegates, ${p.meetings.length} meetings (${groups} group), ` +
    `${p.slots.length} slots over ${days} ${days === 1 ? 'day' : 'days'}, ${p.tables.length} tables`
  );
}
