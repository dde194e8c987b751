// Runs a Node binary with generated flags and reports what happened, for the assertions and for
// a failure message a person can act on. Asynchronous on purpose: cases run concurrently, and a
// synchronous spawn would block every other case while one app runs.
import { spawn } from 'node:child_process';

export interface NodeRun {
  command: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  timeoutMs: number;
  stdout: string;
  stderr: string;
}

export const runTimeoutMs = 20_000;

/**
 * The environment of a run: PATH (apps may spawn `true`, `ls`, …), HOME and the case's own
 * variables, nothing else. In particular no NODE_OPTIONS, which would add flags the policy did
 * not generate (and which Node 22+ uses to pass the permission flags on to children).
 */
export function minimalEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  if (process.env.PATH) env.PATH = process.env.PATH;
  if (process.env.HOME) env.HOME = process.env.HOME;
  return { ...env, ...extra };
}

export function runNode(
  bin: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs?: number },
): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timeoutMs = options.timeoutMs ?? runTimeoutMs;
    // SIGKILL: a hung app may handle SIGTERM, and the test must end either way.
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ command: [bin, ...args], code, signal, timedOut, timeoutMs, stdout, stderr });
    });
  });
}

/** The whole run, for failure messages: command line, outcome and both streams. */
export function formatRun(run: NodeRun): string {
  const quote = (arg: string) => (/^[\w@%+=:,./<>-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
  const outcome = run.timedOut
    ? `killed after ${run.timeoutMs / 1000} s`
    : run.signal
      ? `killed by ${run.signal}`
      : `exit code ${run.code}`;
  return [
    `command: ${run.command.map(quote).join(' ')}`,
    `outcome: ${outcome}`,
    '--- stdout ---',
    run.stdout.trimEnd(),
    '--- stderr ---',
    run.stderr.trimEnd(),
    '--------------',
  ].join('\n');
}
