#!/usr/bin/env node
// generate-flags: dispatch to a subcommand (the default one analyses and prints the policy),
// and set the exit code in one place: 0 ok, 1 error findings or a failed check, 2 usage or
// input error. Known errors print one line and a hint; anything else is a bug.

import { PolicyError } from '../lib/index.js';
import { escapeControl } from './escape.js';
import type { Command, CommandIO } from './command.js';
import { doctor } from './commands/doctor.js';
import { exec } from './commands/exec.js';
import { generate } from './commands/generate.js';
import { packages } from './commands/packages.js';
import { why } from './commands/why.js';

/** Subcommands by name; anything else is the default command's arguments. */
const commands: Record<string, Command> = { doctor, exec, why, packages };

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const debug = argv.includes('--debug');
  const io: CommandIO = {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    env: process.env,
  };
  const sub = argv[0] !== undefined ? commands[argv[0]] : undefined;
  let code: number;
  try {
    code = sub ? await sub(argv.slice(1), io) : await generate(argv, io);
  } catch (e) {
    if (e instanceof PolicyError) {
      // A message may name a path or option from the project or the command line (cli/escape.ts).
      io.stderr(`generate-flags: ${escapeControl(e.message)}\n${e.hint ? `hint: ${escapeControl(e.hint)}\n` : ''}`);
      if (debug) io.stderr(`${e.stack}\n`);
    } else {
      io.stderr(`generate-flags: internal error: ${escapeControl(String((e as Error)?.message ?? e))}\nThis is a bug, please report it (run with --debug for the stack).\n`);
      if (debug) io.stderr(`${(e as Error)?.stack}\n`);
    }
    code = 2;
  }
  process.exitCode = code;
}

await main();
