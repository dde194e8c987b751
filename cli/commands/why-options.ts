// Command-line parsing for the views `generate-flags why` and `generate-flags packages`: the
// analysis options of generate-flags (parsed by the same parser, so an option added there works
// here too), without the ones that only shape generate-flags' output.

import { PolicyError } from '../../lib/index.js';
import { parseCli, type CliOptions } from './generate-options.js';

/** The analysis options the views share with generate-flags, as their help shows them. */
export const analysisOptionsHelp = `Options (the analysis options of generate-flags; see generate-flags --help):
  --cwd DIR              project folder (default: current folder)
  --target VERSION       Node version (default: engines.node, else this Node)
  --read PATH            also grant read on PATH (repeatable)
  --write PATH           also grant write on PATH (repeatable)
  --env NAME=VALUE       value of process.env.NAME for the analysis (repeatable)
  --unresolved MODE      warn, project or error
  --no-cache             do not reuse or store the analysis
  --debug                also print warnings and info diagnostics
  -h, --help             show this help`;

export const usage = `Usage: generate-flags why <capability|path> [options] [entry...]

Answers one question about the policy: which packages and code sites need a
capability, or which grant covers a path and why (or that none does).

  capability             fs.read, fs.write, child-process, worker, addons, wasi,
                         net, inspector (or the flag: --allow-child-process)
  path                   a file or folder; a relative path is taken from the project
                         root, as --read takes it

${analysisOptionsHelp}

Exit codes: 0 answered, 2 bad usage or input.`;

function usageError(message: string, command: string): PolicyError {
  return new PolicyError('OPTION_INVALID', message, `run generate-flags ${command} --help`);
}

/** generate-flags options that shape its output, which a view does not produce. */
function refuseOutputOptions(options: CliOptions, argv: string[], command: string): void {
  const refused = [
    ['--format', argv.some((a) => a === '--format' || a.startsWith('--format='))],
    ['-o/--output', options.output !== undefined],
    ['--explain', options.explain],
    ['--script', options.script !== undefined],
    ['--check', options.check],
    ['--policy', options.policy !== undefined],
    ['--version', options.version],
  ] as const;
  for (const [name, given] of refused) if (given) throw usageError(`${name} does not apply to generate-flags ${command}`, command);
}

/** The options of a view; `entries` are the positional arguments. */
export function parseViewCli(argv: string[], cwd: string, command: string): CliOptions {
  const options = parseCli(argv, cwd);
  if (!options.help) refuseOutputOptions(options, argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length), command);
  return options;
}

/** `why` takes its question first, so a flag spelling (`--allow-net`) is not read as an option. */
export function splitQuestion(argv: string[]): { question?: string; rest: string[] } {
  const first = argv[0];
  if (first === undefined || first === '-h' || first === '--help') return { rest: argv };
  if (first.startsWith('-') && !first.startsWith('--allow-')) {
    throw usageError(`generate-flags why takes the question first, got '${first}'`, 'why');
  }
  return { question: first, rest: argv.slice(1) };
}
