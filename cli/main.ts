#!/usr/bin/env node
// generate-flags: dispatch to a subcommand (the default one analyses and prints the policy),
// and set the exit code in one place: 0 ok, 1 error findings or a failed check, 2 usage or
// input error. Known errors print one line and a hint; anything else is a bug.

import { PolicyError } from '../lib/index.js';
import type { Command, CommandIO } from './command.js';
import { failedWord, printsShellFlags } from './fail-closed.js';
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
      io.stderr(`generate-flags: ${e.message}\n${e.hint ? `hint: ${e.hint}\n` : ''}`);
      if (debug) io.stderr(`${e.stack}\n`);
    } else {
      io.stderr(`generate-flags: internal error: ${(e as Error)?.message ?? e}\nThis is a bug, please report it (run with --debug for the stack).\n`);
      if (debug) io.stderr(`${(e as Error)?.stack}\n`);
    }
    code = 2;
  }
  // Fail closed: a shell that evaluates our output after a failure must not start the app unrestricted.
  if (code === 2 && !sub && printsShellFlags(argv)) io.stdout(`${failedWord}\n`);
  process.exitCode = code;
}

await main();
