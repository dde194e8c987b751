// Output that becomes a command line (--format shell, args, node-options, a rewritten script)
// must be able to start: past Linux's limits (about 2 MiB in all, 128 KiB in one word, E2BIG)
// nothing starts at all, so such output is refused with a way that works instead.

import { PolicyError } from '../lib/index.js';
import { linuxLimits, outputProblem } from '../lib/emit/command-line.js';
import type { Format } from './commands/generate-options.js';

const how = { shell: 'command', args: 'command', 'node-options': 'node-options', script: 'script' } as const;

/** Throws COMMAND_LINE_TOO_LONG when `words` in `format` would not start; other formats pass. */
export function refuseTooLong(words: readonly string[], format: Format | 'script', argMax?: number): void {
  if (!(format in how)) return;
  const limits = argMax !== undefined ? { total: argMax, perString: Math.min(argMax, linuxLimits.perString) } : linuxLimits;
  const problem = outputProblem(how[format as keyof typeof how], words, limits);
  if (!problem) return;
  const what = format === 'script' ? 'the rewritten script' : `the --format ${format} output`;
  throw new PolicyError(
    'COMMAND_LINE_TOO_LONG',
    `${what} would not start: ${problem} (the system refuses such a command with E2BIG)`,
    format === 'script'
      ? 'start the app with "generate-flags exec -- ENTRY" (it passes a long policy in a config file or folds it), or use node.config.json on Node 22.16+'
      : 'use --format config with --experimental-config-file (Node 22.16+), or start the app with generate-flags exec',
  );
}
