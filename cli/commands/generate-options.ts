// Command-line parsing for generate-flags: node:util.parseArgs in strict mode, so an unknown
// or malformed option is a usage error (exit 2) with a hint, never a stack trace.

import { parseArgs } from 'node:util';
import { PolicyError } from '../../lib/index.js';
import type { UnresolvedMode } from '../../lib/index.js';

export const formats = ['shell', 'args', 'json', 'config', 'node-options', 'sarif'] as const;
export type Format = (typeof formats)[number];

export interface CliOptions {
  entries: string[];
  cwd: string;
  target?: string;
  format: Format;
  read: string[];
  write: string[];
  env: Record<string, string>;
  unresolved?: UnresolvedMode;
  output?: string;
  debug: boolean;
  help: boolean;
  version: boolean;
}

export const usage = `Usage: generate-flags [options] [entry...]

Reads a Node.js project without running it and prints the least-privilege
Permission Model flags that let it run.

Options:
  --cwd DIR              project folder (default: current folder)
  --target VERSION       Node version: 22, 22.13.0 or a range (default: engines.node, else this Node)
  --format FORMAT        shell (default), args, json, config, node-options, sarif
  --read PATH            also grant read on PATH (repeatable)
  --write PATH           also grant write on PATH (repeatable)
  --env NAME=VALUE       value of process.env.NAME for the analysis (repeatable)
  --unresolved MODE      what to do with paths that cannot be resolved: warn, project, error
                         (default: project root for reads, warn for writes)
  -o, --output FILE      write the output to FILE (atomically) instead of stdout
  --debug                show stack traces of internal errors
  -h, --help             show this help
  --version              show the version

Exit codes: 0 ok, 1 unresolved accesses under --unresolved error (or other error findings),
2 bad usage or input.`;

function usageError(message: string, hint = 'run generate-flags --help'): PolicyError {
  return new PolicyError('OPTION_INVALID', message, hint);
}

export function parseCli(argv: string[], cwd: string): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        cwd: { type: 'string' },
        target: { type: 'string' },
        format: { type: 'string' },
        read: { type: 'string', multiple: true },
        write: { type: 'string', multiple: true },
        env: { type: 'string', multiple: true },
        unresolved: { type: 'string' },
        output: { type: 'string', short: 'o' },
        debug: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (e) {
    throw usageError((e as Error).message.split('\n')[0]!.replace(/\. To specify.*$/, ''));
  }
  const v = parsed.values;
  const format = (v.format ?? 'shell') as Format;
  if (!formats.includes(format)) throw usageError(`unknown --format '${v.format}'`, `use one of ${formats.join(', ')}`);
  const unresolved = v.unresolved as UnresolvedMode | undefined;
  if (unresolved !== undefined && !['warn', 'project', 'error'].includes(unresolved)) {
    throw usageError(`unknown --unresolved mode '${unresolved}'`, 'use warn, project or error');
  }
  const env: Record<string, string> = {};
  for (const pair of v.env ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usageError(`--env expects NAME=VALUE, got '${pair}'`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  for (const [name, list] of [['--read', v.read], ['--write', v.write]] as const) {
    if ((list ?? []).some((p) => p === '')) throw usageError(`${name} expects a path`);
  }
  return {
    entries: parsed.positionals,
    cwd: v.cwd ?? cwd,
    ...(v.target !== undefined ? { target: v.target } : {}),
    format,
    read: v.read ?? [],
    write: v.write ?? [],
    env,
    ...(unresolved ? { unresolved } : {}),
    ...(v.output !== undefined ? { output: v.output } : {}),
    debug: v.debug ?? false,
    help: v.help ?? false,
    version: v.version ?? false,
  };
}
