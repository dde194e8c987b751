// The script rewrite proven the way users run it: for each fixtures/script-* project and each
// installed Node, `generate-flags --script start --write` rewrites a copy's package.json (and a
// second run changes nothing), `npm run start` then starts the app under the rewritten script
// with that Node first on PATH (so npm and the script's `node` are both that version), and a
// probe run with the same flags, from the same folder, is denied a file the app does not need.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isNodeInvocation, isPolicyOption, readScript } from '../lib/project/node-command.js';
import { findJsonValue } from '../lib/script/package-json-edit.js';
import { copyApp } from './support/app-copy.js';
import { readNodeManifest } from './support/node-binaries.js';
import { cliPath as cli } from './support/cli.js';

const repo = path.join(import.meta.dirname, '..');
const cases = ['script-tabs-crlf-cross-env', 'script-four-spaces-chain', 'script-cd-subfolder'];
const npmMissing = spawnSync('npm', ['--version'], { encoding: 'utf8' }).status === 0 ? false : 'npm is not on PATH';

function run(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function generateFlags(args: string[], cwd: string) {
  return run(process.execPath, [cli, ...args], cwd, { PATH: process.env.PATH ?? '', NO_COLOR: '1' });
}

/** The environment of `npm run`: the target Node's folder first on PATH, HOME for npm's cache, nothing else. */
function npmEnv(nodeBin: string): Record<string, string> {
  return { PATH: `${path.dirname(nodeBin)}:${process.env.PATH ?? ''}`, HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1' };
}

/** `cd DIR && node <the policy words of the script's last node command> -e <read secret.txt>`. */
function probeCommand(script: string, secret: string): string {
  const last = readScript(script).filter(isNodeInvocation).at(-1)!;
  const words = last.options.filter((o) => isPolicyOption(o.name)).flatMap((o) => o.words);
  const flags = words.map((w) => script.slice(w.start, w.end)).join(' ');
  const code = `try { require('fs').readFileSync(${JSON.stringify(secret)}); console.log('READ') } catch (e) { console.log(e.code) }`;
  return `cd ${JSON.stringify(last.command.cwd)} && node ${flags} -e ${JSON.stringify(code)}`;
}

const manifest = readNodeManifest();

describe('rewritten start scripts run with npm run', { concurrency: 4, ...(npmMissing ? { skip: npmMissing } : {}) }, () => {
  for (const name of cases) {
    for (const major of Object.keys(manifest)) {
      it(`${name} on Node ${major}`, async () => {
        const copy = copyApp(path.join(repo, 'fixtures', name, 'app'), `npm-${major}`);
        try {
          const pkgPath = path.join(copy.dir, 'package.json');
          const before = readFileSync(pkgPath, 'utf8');
          const write = await generateFlags(['--script', 'start', '--write', '--target', major], copy.dir);
          assert.equal(write.code, 0, write.stderr);
          const after = readFileSync(pkgPath, 'utf8');
          const span = findJsonValue(before, ['scripts', 'start'])!;
          const newSpan = findJsonValue(after, ['scripts', 'start'])!;
          assert.equal(after.slice(0, newSpan.start) + after.slice(newSpan.end), before.slice(0, span.start) + before.slice(span.end), 'only the start script changed');
          const again = await generateFlags(['--script', 'start', '--write', '--target', major], copy.dir);
          assert.equal(again.code, 0, again.stderr);
          assert.equal(readFileSync(pkgPath, 'utf8'), after, 'a second run leaves package.json as it is');

          const env = npmEnv(manifest[major]!.bin);
          const started = await run('npm', ['run', 'start'], copy.dir, env);
          const script = JSON.parse(after).scripts.start as string;
          const shown = `script: ${script}\n--- stdout ---\n${started.stdout}\n--- stderr ---\n${started.stderr}`;
          assert.equal(started.code, 0, shown);
          assert.match(started.stdout, /^ok$/m, shown);
          assert.doesNotMatch(started.stdout + started.stderr, /ERR_ACCESS_DENIED/, shown);
          if (name === 'script-four-spaces-chain') assert.match(started.stdout, /^greeting=hello$/m, 'the --env-file was read without a grant');

          const probe = await run('sh', ['-c', probeCommand(script, path.join(copy.dir, 'secret.txt'))], copy.dir, env);
          assert.match(probe.stdout, /^ERR_ACCESS_DENIED$/m, `probe: ${probeCommand(script, 'secret.txt')}\n${probe.stdout}\n${probe.stderr}`);
        } finally {
          copy.remove();
        }
      });
    }
  }
});

// The runs above mean something only if a script's `node` is the Node first on PATH.
it('npm runs commands with the Node first on PATH', { ...(npmMissing ? { skip: npmMissing } : {}) }, async () => {
  const copy = copyApp(path.join(repo, 'fixtures', 'script-cd-subfolder', 'app'), 'npm-version');
  try {
    for (const major of Object.keys(manifest)) {
      const r = await run('npm', ['exec', '--', 'node', '-p', 'process.version'], copy.dir, npmEnv(manifest[major]!.bin));
      assert.equal(r.stdout.trim(), `v${manifest[major]!.version}`, r.stderr);
    }
  } finally {
    copy.remove();
  }
});
