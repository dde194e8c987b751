// `generate-flags exec` and signals (issue #14, item 10): every signal a process manager sends
// reaches the app, and the app is never left running when exec itself is killed. Run on Node 20
// (the app is a child: signals are passed on, a watchdog ends it when exec dies) and on the
// newest installed Node with process.execve (exec becomes the app: same pid, nothing to orphan).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { forwardedSignals } from '../cli/run-child.js';
import { readNodeManifest } from './support/node-binaries.js';
import { tempProject } from './support/temp-dirs.js';
import { cliPath as cli } from './support/cli.js';

const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1' };

const appCode = `
for (const s of ${JSON.stringify(forwardedSignals)}) process.on(s, () => { console.log('got ' + s); if (s === 'SIGTERM') process.exit(3); });
console.log('ready ' + process.pid);
setInterval(() => {}, 1000);
`;

/** Starts exec on `bin` and resolves with the process and the app's pid once the app is ready. */
function startExec(bin: string, dir: string): Promise<{ exec: ChildProcessWithoutNullStreams; appPid: number; lines: string[]; waitFor: (line: string) => Promise<void> }> {
  const exec = spawn(bin, [cli, 'exec', 'server.js'], { cwd: dir, env, stdio: 'pipe' });
  const lines: string[] = [];
  const waiters: { line: string; done: () => void }[] = [];
  let stderr = '';
  exec.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  exec.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n').filter(Boolean)) {
      lines.push(line);
      for (const w of waiters.filter((w) => w.line === line)) w.done();
    }
  });
  const waitFor = (line: string) =>
    new Promise<void>((resolve, reject) => {
      if (lines.includes(line)) return resolve();
      const timer = setTimeout(() => reject(new Error(`no '${line}' within 20 s; stdout: ${lines.join(' | ')}; stderr: ${stderr}`)), 20_000);
      waiters.push({ line, done: () => (clearTimeout(timer), resolve()) });
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start within 30 s: ${stderr}`)), 30_000);
    exec.stdout.on('data', () => {
      const ready = lines.find((l) => l.startsWith('ready '));
      if (ready) {
        clearTimeout(timer);
        resolve({ exec, appPid: Number(ready.slice(6)), lines, waitFor });
      }
    });
  });
}

/** Running: it exists and is not a zombie (an orphan's new parent, pid 1 in a container, may not reap it). */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

async function gone(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (!alive(pid)) return true;
  return !alive(pid);
}

const manifest = readNodeManifest();
const withExecve = ['26', '24', '22'].find((m) => manifest[m]);
const runs: [string, string, boolean][] = [
  ...(manifest['20'] ? [['20', manifest['20'].bin, false] as [string, string, boolean]] : []),
  ...(withExecve ? [[withExecve, manifest[withExecve]!.bin, true] as [string, string, boolean]] : []),
];

for (const [major, bin, replaces] of runs) {
  test(`Node ${major}: every forwarded signal sent to exec reaches the app, SIGTERM last`, async () => {
    const { exec, appPid, lines, waitFor } = await startExec(bin, tempProject('npp-signals-', { 'package.json': '{"name":"app"}', 'server.js': appCode }));
    assert.equal(appPid === exec.pid, replaces, replaces ? 'exec should have become the app' : 'the app should be a child of exec');
    const closed = new Promise<number | null>((resolve) => exec.on('close', (code) => resolve(code)));
    // Under --permission Node never calls a SIGUSR1 listener (measured on 20–26: the signal is
    // swallowed), so the app cannot report it; it must neither end exec nor the app.
    exec.kill('SIGUSR1');
    const observable = forwardedSignals.filter((s) => s !== 'SIGTERM' && s !== 'SIGUSR1');
    for (const s of observable) {
      exec.kill(s);
      await waitFor(`got ${s}`);
    }
    exec.kill('SIGTERM');
    assert.equal(await closed, 3);
    assert.deepEqual(lines.slice(1), [...observable, 'SIGTERM'].map((s) => `got ${s}`));
    assert.ok(await gone(appPid, 5000), 'the app is still running');
  });

  test(`Node ${major}: killing exec with SIGKILL leaves no app running`, async () => {
    const { exec, appPid } = await startExec(bin, tempProject('npp-signals-', { 'package.json': '{"name":"app"}', 'server.js': appCode }));
    exec.kill('SIGKILL');
    const ended = await gone(appPid, 10_000);
    if (!ended) process.kill(appPid, 'SIGKILL');
    assert.ok(ended, `the app (pid ${appPid}) was left running after exec was killed`);
  });
}
