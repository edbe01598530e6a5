#!/usr/bin/env node
/**
 * clustermatch's one command-line entry point: `npm run --silent cli -- <command> [args]`.
 * Each command lives in `commands/<name>.ts` and exports `run(args, io)` returning the exit code.
 */
import * as calendars from './commands/calendars';
import * as generate from './commands/generate';
import * as solve from './commands/solve';
import * as validate from './commands/validate';
import type { CliIo } from './io';
import { processIo } from './io';

type Command = { run(args: string[], io: CliIo): Promise<number>; summary: string };

const commands: Record<string, Command> = { solve, validate, generate, calendars };

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
  return command.run(rest, io);
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
