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
