// What a subcommand gets: its arguments and where to write. A command returns its exit code;
// main.ts alone sets it on the process.

export interface CommandIO {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal: progress is shown there. Colour also depends on NO_COLOR (cli/explain-style.ts). */
  stderrIsTTY: boolean;
  /** Whether stdout is a terminal: the views (--explain, why, packages) are coloured unless NO_COLOR is set. */
  stdoutIsTTY: boolean;
  env: Record<string, string | undefined>;
}

export type Command = (argv: string[], io: CommandIO) => Promise<number>;

/**
 * Splits the arguments of a command that runs another (`exec -- node …`, `verify -- npm test`):
 * its own options come first, then the other command, after `--` or from the first word that is
 * not one of its options. `valueOptions` take the next word as their value.
 */
export function splitOwnOptions(argv: string[], valueOptions: ReadonlySet<string>): { own: string[]; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return { own: argv.slice(0, i), rest: argv.slice(i + 1) };
    if (!a.startsWith('-')) return { own: argv.slice(0, i), rest: argv.slice(i) };
    if (valueOptions.has(a)) i++;
  }
  return { own: argv, rest: [] };
}

/** The `--env NAME=VALUE` options as a map; `fail` makes the command's own usage error for a malformed one. */
export function envPairs(pairs: readonly string[], fail: (message: string) => Error): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw fail(`--env expects NAME=VALUE, got '${pair}'`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}
