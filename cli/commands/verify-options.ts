// Command-line parsing for `generate-flags verify`: its own options, then (after `--`, or from
// the first word that is not one of them) the command to run and its arguments.

import { parseArgs } from 'node:util';
import { PolicyError, type UnresolvedMode } from '../../lib/index.js';
import { envPairs, splitOwnOptions } from '../command.js';

export type VerifyFormat = 'text' | 'json';

export interface VerifyOptions {
  /** The committed policy to check; default: the one found in the package root, else one generated now. */
  policy?: string;
  /** The Node binary that runs the command; default: the one running generate-flags. */
  node?: string;
  format: VerifyFormat;
  /** Write the report there instead of stderr. */
  output?: string;
  /** Record what was observed in package.json "permissionPolicy.observed". */
  write: boolean;
  env: Record<string, string>;
  unresolved?: UnresolvedMode;
  debug: boolean;
  help: boolean;
  /** The command and its arguments. */
  command: string[];
}

export const usage = `Usage: generate-flags verify [options] -- COMMAND [ARGS...]

Runs COMMAND (node server.js --smoke, npm test, a script) once in the Permission Model's
audit mode, which reports what a policy would deny without denying it, and says what the
policy misses: the committed policy (--policy FILE, else permission.flags or node.config.json
in the package root), else the one generate-flags makes now. Children and workers are
audited too; commands that start node use this Node (its folder comes first on PATH).
It runs your code, which generate-flags itself never does, and sees only what this run does.

Options:
  --node PATH            run COMMAND with this Node (24 or 26: the lines with a usable audit mode)
  --policy FILE          the committed policy to check
  --format FORMAT        text (default) or json (schema/verify-report.schema.json)
  -o, --output FILE      write the report to FILE instead of stderr
  --write                record what was observed in package.json "permissionPolicy.observed",
                         so the policy includes it from then on (replaces earlier observations)
  --env NAME=VALUE       value of process.env.NAME for the analysis (repeatable)
  --unresolved MODE      warn, project or error, for a policy generated now
  --debug                show stack traces of internal errors
  -h, --help             show this help

The app's stdout and stderr are its own; the report goes to stderr (or -o FILE).
Exit code: the app's when it fails; else 1 when the policy misses an access, 0 when not;
2 when this Node has no usable audit mode or the command cannot start.`;

const valueOptions = new Set(['--policy', '--node', '--format', '-o', '--output', '--env', '--unresolved']);

function usageError(message: string, hint = 'run generate-flags verify --help'): PolicyError {
  return new PolicyError('OPTION_INVALID', message, hint);
}

export function parseVerify(argv: string[]): VerifyOptions {
  const { own, rest: command } = splitOwnOptions(argv, valueOptions);
  let v;
  try {
    v = parseArgs({
      args: own,
      strict: true,
      options: {
        policy: { type: 'string' },
        node: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        write: { type: 'boolean' },
        env: { type: 'string', multiple: true },
        unresolved: { type: 'string' },
        debug: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    throw usageError((e as Error).message.split('\n')[0]!.replace(/\. To specify.*$/, ''));
  }
  const format = (v.format ?? 'text') as VerifyFormat;
  if (format !== 'text' && format !== 'json') throw usageError(`unknown --format '${v.format}' (text or json)`);
  const unresolved = v.unresolved as UnresolvedMode | undefined;
  if (unresolved !== undefined && !['warn', 'project', 'error'].includes(unresolved)) throw usageError(`unknown --unresolved mode '${unresolved}'`);
  if (!v.help && command.length === 0) throw usageError('no command to run', 'generate-flags verify -- node server.js');
  return {
    ...(v.policy !== undefined ? { policy: v.policy } : {}),
    ...(v.node !== undefined ? { node: v.node } : {}),
    format,
    ...(v.output !== undefined ? { output: v.output } : {}),
    write: v.write ?? false,
    env: envPairs(v.env ?? [], (message) => usageError(message)),
    ...(unresolved ? { unresolved } : {}),
    debug: v.debug ?? false,
    help: v.help ?? false,
    command,
  };
}
