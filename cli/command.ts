// What a subcommand gets: its arguments and where to write. A command returns its exit code;
// main.ts alone sets it on the process.

export interface CommandIO {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (for colour and progress) and colour is not disabled. */
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
}

export type Command = (argv: string[], io: CommandIO) => Promise<number>;
