// Runs the app for `generate-flags exec` so that it behaves as if started directly.
//
// Where Node has process.execve (22.15+, 23.11+, 24+ on Linux and macOS), generate-flags
// replaces itself with the app: there is no parent left to forward signals or to be killed, so
// every signal (SIGUSR1, SIGWINCH, ...) reaches the app and a SIGKILL sent to the pid a process
// manager started kills the app itself.
//
// Elsewhere (Node 20) the app runs as a child that shares our terminal: every catchable signal
// a process manager sends is passed on, and a small watchdog process (not under the policy; it
// runs only the code below) ends the app when generate-flags dies without being able to forward
// anything (SIGKILL, a crash): it holds a pipe from us, and the pipe closes when we die.

import { spawn, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';

/**
 * The signals passed on to the app. Not SIGTSTP, SIGTTIN and SIGTTOU: the terminal sends them to
 * the whole process group already, and handling them here would keep us running while the app
 * stops, which hangs the shell's job control. SIGKILL and SIGSTOP cannot be caught. A handler
 * for SIGUSR1 also stops Node from starting the inspector in generate-flags itself. (SIGPWR is
 * Linux-only; a signal this platform lacks is left out.)
 */
const candidates: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH', 'SIGCONT', 'SIGPWR', 'SIGALRM'];
export const forwardedSignals: readonly NodeJS.Signals[] = candidates.filter((s) => os.constants.signals[s] !== undefined);

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunOptions {
  cwd: string;
  env: Record<string, string | undefined>;
}

type Execve = (file: string, args: string[], env: Record<string, string>) => never;

/** process.execve where this Node has it (added in 22.15.0 and 23.11.0; not on Windows). */
export function execveOf(proc: NodeJS.Process = process): Execve | undefined {
  const fn = (proc as unknown as { execve?: Execve }).execve;
  return typeof fn === 'function' && proc.platform !== 'win32' ? fn.bind(proc) : undefined;
}

/**
 * Replaces this process with `bin args`, in `cwd` with `env`. Does not return. Output written
 * before it is not lost: on Linux, writes to a terminal, a file or a pipe are synchronous.
 */
export function replaceProcess(execve: Execve, bin: string, args: string[], options: RunOptions): never {
  if (process.cwd() !== options.cwd) process.chdir(options.cwd);
  const env = Object.fromEntries(Object.entries(options.env).filter((e): e is [string, string] => e[1] !== undefined));
  return execve(bin, [bin, ...args], env);
}

// The watchdog's whole program: it waits for its stdin to close (generate-flags died), then
// asks the app to stop and kills it after 5 seconds. It ignores the signals a terminal or a
// process manager sends to the group, since generate-flags passes those on itself.
const watchdogCode = `
const pid = Number(process.argv[1]);
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH', 'SIGCONT', 'SIGALRM']) process.on(s, () => {});
// An app that exited but was not reaped yet (its new parent may not reap) is a zombie: done.
const zombie = () => { try { const stat = require('fs').readFileSync('/proc/' + pid + '/stat', 'utf8'); return stat[stat.lastIndexOf(')') + 2] === 'Z'; } catch { return false; } };
const alive = () => { try { process.kill(pid, 0); return !zombie(); } catch { return false; } };
process.stdin.on('data', () => {});
process.stdin.on('close', () => {
  try { process.kill(pid, 'SIGTERM'); } catch {}
  const started = Date.now();
  const timer = setInterval(() => {
    if (!alive()) process.exit(0);
    if (Date.now() - started > 5000) { try { process.kill(pid, 'SIGKILL'); } catch {} process.exit(0); }
  }, 50);
});
`;

function startWatchdog(appPid: number, options: RunOptions): ChildProcess | undefined {
  try {
    const watchdog = spawn(process.execPath, ['-e', watchdogCode, String(appPid)], { cwd: options.cwd, env: { PATH: options.env.PATH ?? '' }, stdio: ['pipe', 'ignore', 'ignore'] });
    watchdog.on('error', () => {}); // without a watchdog the app still runs; only the SIGKILL case is uncovered
    watchdog.unref();
    (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return watchdog;
  } catch {
    return undefined;
  }
}

/** Runs `bin args` as a child with our stdio, passing on forwardedSignals, until it exits. */
export function runForwardingSignals(bin: string, args: string[], options: RunOptions): Promise<ChildExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: options.cwd, env: options.env, stdio: 'inherit' });
    const watchdog = child.pid !== undefined ? startWatchdog(child.pid, options) : undefined;
    const forward = (signal: NodeJS.Signals) => {
      child.kill(signal);
    };
    for (const s of forwardedSignals) process.on(s, forward);
    const stop = () => {
      for (const s of forwardedSignals) process.off(s, forward);
      watchdog?.kill('SIGKILL');
    };
    child.on('error', (e) => {
      stop();
      reject(e);
    });
    child.on('exit', (code, signal) => {
      stop();
      resolve({ code, signal });
    });
  });
}
