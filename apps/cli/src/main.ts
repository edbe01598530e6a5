#!/usr/bin/env node
/**
 * clustermatch's one command-line entry point: `npm run --silent cli -- <command> [args]`.
 * Each command lives in `commands/<name>.ts` and exports `run(args, io)` returning the exit code.
 * A command's module is loaded only when it runs, so `solve` never loads the calendar libraries.
 */
import type * as calendarsCommand from './commands/calendars';
import type * as generateCommand from './commands/generate';
import type * as organiserCommand from './commands/organiser';
import type * as solveCommand from './commands/solve';
import type * as validateCommand from './commands/validate';
import type { CliIo } from './io';
import { processIo } from './io';

/** Commands load their module (CommonJS require) on first use. */

type Command = {
  readonly summary: string;
  load(): Promise<{ run(args: string[], io: CliIo): Promise<number> }>;
};

const commands: Record<string, Command> = {
  solve: {
    summary:
      'schedule a problem: solve <problem.json> --out <schedule.json> [--time-limit S] [--seed N] [--keep <previous.json>]',
    load: async () => require('./commands/solve') as typeof solveCommand,
  },
  validate: {
    summary: 'check a schedule against every rule: validate <problem.json> <schedule.json>',
    load: async () => require('./commands/validate') as typeof validateCommand,
  },
  generate: {
    summary:
      'synthetic event: generate --clusters 150 --meetings 550 --slots 16 [--tables 45] [--seed 7] [--days 2] [--shape forum] [--group-share 0.1] [--dense] --out <problem.json>',
    load: async () => require('./commands/generate') as typeof generateCommand,
  },
  organiser: {
    summary:
      'add an organiser (creating the organisation if new): organiser add --email E --name N --organisation O --role owner|organiser|viewer --password-stdin',
    load: async () => require('./commands/organiser') as typeof organiserCommand,
  },
  calendars: {
    summary: 'write <personId>.ics for every person with a meeting (iCalendar agendas)',
    load: async () => require('./commands/calendars') as typeof calendarsCommand,
  },
};

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const lines = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(10)} ${c.summary}`);
    io.out(`usage: npm run --silent cli -- <command> [options]\n\ncommands:\n${lines.join('\n')}\n`);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`unknown command "${name}"; try --help\n`);
    return 2;
  }
  return (await command.load()).run(rest, io);
}

if (require.main === module) {
  main(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
