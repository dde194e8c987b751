// Command-line parsing for `generate-flags exec`: its own options, then (after `--`, or from the
// first word that is not one of them) the node command line to run: node options, the entry
// file and the app's arguments.

import { parseArgs } from 'node:util';
import { PolicyError, type UnresolvedMode } from '../../lib/index.js';
import { optionHint } from '../suggest.js';
import { envPairs, splitOwnOptions } from '../command.js';

export interface ExecOptions {
  policy?: string;
  read: string[];
  write: string[];
  env: Record<string, string>;
  unresolved?: UnresolvedMode;
  debug: boolean;
  help: boolean;
  /** What follows: node options, the entry, the app's arguments. */
  node: string[];
  /** --arg-max: bytes the app's command line and environment may take (ARG_MAX). Default 2 MiB, Linux's usual limit. */
  argMax?: number;
  /** --no-cache: analyse now even when nothing changed since the last start (docs/cache.md). */
  noCache: boolean;
}

export const usage = `Usage: generate-flags exec [options] -- [node options] ENTRY [args...]

Starts ENTRY with this Node and the Permission Model policy: the committed policy file
(--policy FILE, else permission.flags or node.config.json in the package root),
else a policy generated now. Forwards stdio, signals and the exit code, so
"start": "generate-flags exec -- server.js" is a drop-in start script.

Options:
  --policy FILE          the committed policy to run with (any format generate-flags writes)
  --read PATH            with no policy file: also grant read on PATH (repeatable)
  --write PATH           with no policy file: also grant write on PATH (repeatable)
  --env NAME=VALUE       with no policy file: value of process.env.NAME for the analysis
  --unresolved MODE      with no policy file: warn, project or error (see generate-flags --help)
  --no-cache             with no policy file: analyse again even when nothing changed
                         (default: reuse the last analysis; $NPP_CACHE, else ~/.cache/…)
  --arg-max BYTES        command-line limit to fit the policy in (default 2097152,
                         Linux's ARG_MAX); beyond it the policy goes into a config
                         file (Node 22.16+) or file grants are folded into folders
  --debug                say which policy is used, and show stack traces of internal errors
  -h, --help             show this help

Exit code: the app's (a signal that ends the app ends generate-flags the same way);
2 when the policy cannot be made.`;

const valueOptions = new Set(['--policy', '--read', '--write', '--env', '--unresolved', '--arg-max']);

function usageError(message: string, hint = 'run generate-flags exec --help'): PolicyError {
  return new PolicyError('OPTION_INVALID', message, hint);
}

export function parseExec(argv: string[]): ExecOptions {
  const { own, rest: node } = splitOwnOptions(argv, valueOptions);
  let v;
  try {
    v = parseArgs({
      args: own,
      strict: true,
      options: {
        policy: { type: 'string' },
        read: { type: 'string', multiple: true },
        write: { type: 'string', multiple: true },
        env: { type: 'string', multiple: true },
        unresolved: { type: 'string' },
        'arg-max': { type: 'string' },
        'no-cache': { type: 'boolean' },
        debug: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    const message = (e as Error).message.split('\n')[0]!.replace(/\. To specify.*$/, '');
    throw usageError(message, optionHint(message, ['policy', 'read', 'write', 'env', 'unresolved', 'arg-max', 'no-cache', 'debug', 'help'], 'run generate-flags exec --help'));
  }
  const unresolved = v.unresolved as UnresolvedMode | undefined;
  if (unresolved !== undefined && !['warn', 'project', 'error'].includes(unresolved)) throw usageError(`unknown --unresolved mode '${unresolved}'`);
  const env = envPairs(v.env ?? [], (message) => usageError(message));
  if (!v.help && node.length === 0) throw usageError('no entry file to run', 'generate-flags exec -- server.js');
  const argMax = v['arg-max'] !== undefined ? Number(v['arg-max']) : undefined;
  if (argMax !== undefined && !(Number.isInteger(argMax) && argMax > 0)) throw usageError(`--arg-max expects a number of bytes, got '${v['arg-max']}'`);
  return {
    ...(v.policy !== undefined ? { policy: v.policy } : {}),
    read: v.read ?? [],
    write: v.write ?? [],
    env,
    ...(unresolved ? { unresolved } : {}),
    debug: v.debug ?? false,
    help: v.help ?? false,
    noCache: v['no-cache'] ?? false,
    node,
    ...(argMax !== undefined ? { argMax } : {}),
  };
}
