// Runs the app as a child that shares our terminal, for `generate-flags exec`: stdio is
// inherited, and SIGINT, SIGTERM and SIGHUP sent to us are passed on, so a process manager or
// container runtime that signals the start script reaches the app. (From a terminal, Ctrl-C
// reaches both processes already; the app then sees SIGINT twice, which Node's default handler
// and ordinary shutdown handlers treat like once.)

import { spawn } from 'node:child_process';

export const forwardedSignals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function runForwardingSignals(bin: string, args: string[], options: { cwd: string; env: Record<string, string | undefined> }): Promise<ChildExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: options.cwd, env: options.env, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => {
      child.kill(signal);
    };
    for (const s of forwardedSignals) process.on(s, forward);
    const stop = () => {
      for (const s of forwardedSignals) process.off(s, forward);
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
