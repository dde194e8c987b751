// Command-line parsing for `generate-flags doctor`, strict like the default command's.

import { parseArgs } from 'node:util';
import { PolicyError } from '../../lib/index.js';
import { optionHint } from '../suggest.js';

export interface DoctorOptions {
  cwd: string;
  target?: string;
  refreshAdvisories: boolean;
  strict: boolean;
  json: boolean;
  help: boolean;
}

export const usage = `Usage: generate-flags doctor [options]

Prints, for the target Node, what the Permission Model restricts there, what it
cannot restrict, whether the release line still gets fixes, and the model's
published vulnerabilities that the target has not fixed. Reads no code.

Options:
  --cwd DIR              project folder whose engines.node, .nvmrc or .node-version
                         name the target (default: current folder)
  --target VERSION       Node version: 22, 22.13.0 or a range (default: as generate-flags)
  --refresh-advisories   read the live Node.js vulnerability index (5 s limit)
                         instead of the list bundled with this version
  --strict               exit 1 when the target has unfixed advisories or is end-of-life
  --json                 print the check as JSON
  -h, --help             show this help

Exit codes: 0 done (with --strict: nothing unfixed and no end-of-life line),
1 --strict found something, 2 bad usage or input.`;

export function parseDoctor(argv: string[], cwd: string): DoctorOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        cwd: { type: 'string' },
        target: { type: 'string' },
        'refresh-advisories': { type: 'boolean' },
        strict: { type: 'boolean' },
        json: { type: 'boolean' },
        debug: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    const message = (e as Error).message.split('\n')[0]!.replace(/\. To specify.*$/, '');
    throw new PolicyError('OPTION_INVALID', message, optionHint(message, ['cwd', 'target', 'refresh-advisories', 'strict', 'json', 'debug', 'help'], 'run generate-flags doctor --help'));
  }
  const v = parsed.values;
  return {
    cwd: v.cwd ?? cwd,
    ...(v.target !== undefined ? { target: v.target } : {}),
    refreshAdvisories: v['refresh-advisories'] ?? false,
    strict: v.strict ?? false,
    json: v.json ?? false,
    help: v.help ?? false,
  };
}
