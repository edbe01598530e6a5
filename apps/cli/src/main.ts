#!/usr/bin/env node
/**
 * clustermatch's one command-line entry point: `npm run --silent cli -- <command> [args]`.
 * Each command lives in `commands/<name>.ts` and exports `run(args, io)` returning the exit code.
 */
import type { CliIo } from './io';
import { processIo } from './io';

type Command = { run(args: string[], io: CliIo): Promise<number>; summary: string };

const commands: Record<string, () => Promise<Command>> = {
  solve: () => import('./commands/solve'),
  validate: () => import('./commands/validate'),
  generate: () => import('./commands/generate'),
  calendars: () => import('./commands/calendars'),
};

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const lines = await Promise.all(
      Object.entries(commands).map(async ([n, load]) => `  ${n.padEnd(10)} ${(await load()).summary}`),
    );
    io.out(`usage: npm run --silent cli -- <command> [options]\n\ncommands:\n${lines.join('\n')}\n`);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    io.err(`unknown command "${name}"; try --help\n`);
    return 2;
  }
  return (await load()).run(rest, io);
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
