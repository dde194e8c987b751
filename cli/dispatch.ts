// generate-flags: dispatch to a subcommand (the default one analyses and prints the policy),
// and set the exit code in one place: 0 ok, 1 error findings or a failed check, 2 usage or
// input error. Known errors print one line and a hint; anything else is a bug. Loaded by
// main.ts once the compile cache is on.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { PolicyError } from '../lib/index.js';
import { escapeControl } from './escape.js';
import type { Command, CommandIO } from './command.js';
import { failedWord, printsShellFlags } from './fail-closed.js';
import { closest } from './suggest.js';
import { doctor } from './commands/doctor.js';
import { exec } from './commands/exec.js';
import { generate } from './commands/generate.js';
import { packages } from './commands/packages.js';
import { verify } from './commands/verify.js';
import { why } from './commands/why.js';

/** Subcommands by name; anything else is the default command's arguments. */
const commands: Record<string, Command> = { doctor, exec, why, packages, verify };

const isCommand = (word: string | undefined): word is string => word !== undefined && Object.hasOwn(commands, word);

/** `generate-flags help [command]`: the help of one command, or of the default one. */
const help: Command = async (argv, io) => {
  const name = argv[0];
  if (name === undefined) return generate(['--help'], io);
  const command = isCommand(name) ? commands[name] : undefined;
  if (!command) throw unknownCommand(name, 'generate-flags help lists the commands');
  return command(['--help'], io);
};

function unknownCommand(word: string, otherwise: string): PolicyError {
  const guess = closest(word, [...Object.keys(commands), 'help']);
  return new PolicyError('OPTION_INVALID', `unknown command '${word}'`, guess ? `did you mean generate-flags ${guess}?` : otherwise);
}

/**
 * A first word that is neither a command nor an existing file, but close to a command's name
 * (`doctr`), is a mistyped command rather than an entry: say so before analysing anything.
 */
function mistypedCommand(argv: string[], cwd: string): PolicyError | undefined {
  const first = argv[0];
  if (first === undefined || first.startsWith('-') || /[./\\]/.test(first)) return undefined;
  if (fs.existsSync(path.resolve(cwd, first))) return undefined;
  return closest(first, [...Object.keys(commands), 'help']) ? unknownCommand(first, '') : undefined;
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const sub = isCommand(argv[0]) ? commands[argv[0]] : undefined;
  if (sub) return sub(argv.slice(1), io);
  if (argv[0] === 'help') return help(argv.slice(1), io);
  const mistyped = mistypedCommand(argv, io.cwd);
  if (mistyped) throw mistyped;
  try {
    return await generate(argv, io);
  } catch (e) {
    throw commandAsEntry(e, argv);
  }
}

/** An entry that does not exist but is named like a command (`--target 22 doctor`): commands come first. */
function commandAsEntry(e: unknown, argv: string[]): unknown {
  if (!(e instanceof PolicyError) || e.code !== 'ENTRY_NOT_FOUND') return e;
  const word = argv.find((a) => !a.startsWith('-') && closest(a, Object.keys(commands)) !== undefined);
  if (word === undefined) return e;
  const command = closest(word, Object.keys(commands))!;
  const rest = argv.filter((a) => a !== word);
  return new PolicyError(e.code, e.message, `did you mean generate-flags ${[command, ...rest].join(' ')}? (a command comes first)`);
}

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
  let code: number;
  try {
    code = await run(argv, io);
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
  // Fail closed: a shell that evaluates our output after a failure must not start the app unrestricted.
  if (code === 2 && !isCommand(argv[0]) && argv[0] !== 'help' && printsShellFlags(argv)) io.stdout(`${failedWord}\n`);
  process.exitCode = code;
}

await main();
