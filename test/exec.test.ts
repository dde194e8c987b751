// `generate-flags exec` as a start script: it runs the app under the policy (committed or
// generated now) with the Node that runs it, and passes on stdio, signals and the exit code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { copyApp } from './support/app-copy.js';
import { readNodeManifest } from './support/node-binaries.js';
import { tempProject } from './support/temp-dirs.js';
import { cliPath as cli } from './support/cli.js';

const repo = path.join(import.meta.dirname, '..');
const runCli = [cli];
const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1' };

function execCli(args: string[], cwd: string, input?: string) {
  const r = spawnSync(process.execPath, [...runCli, 'exec', ...args], { cwd, encoding: 'utf8', env, ...(input !== undefined ? { input } : {}) });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const project = (files: Record<string, string>): string => tempProject('npp-exec-', files);

const app = (code: string) => project({ 'package.json': '{"name":"app"}', 'server.js': code, 'data.txt': 'hello\n' });

test('with no committed policy, exec generates one for this Node and runs the app under it', () => {
  const dir = app("console.log(require('fs').readFileSync(__dirname + '/data.txt', 'utf8').trim(), process.argv.slice(2).join(','), typeof process.permission)");
  const r = execCli(['--debug', '--', 'server.js', 'a', 'b'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'hello a,b object\n');
  assert.match(r.stderr, /no committed policy found; generating one now/);
});

test('a committed permission.flags is used as it is: a grant it lacks is denied', () => {
  const dir = app("try { require('fs').readFileSync(__dirname + '/data.txt'); console.log('read') } catch (e) { console.log(e.code) }");
  // Relative paths in a policy file are resolved against its folder.
  writeFileSync(path.join(dir, 'permission.flags'), '--permission --allow-fs-read=./server.js\n');
  const r = execCli(['--debug', 'server.js'], dir);
  assert.equal(r.stdout, 'ERR_ACCESS_DENIED\n', r.stderr);
  assert.match(r.stderr, new RegExp(`policy from ${dir}/permission\\.flags`));
  writeFileSync(path.join(dir, 'permission.flags'), '--permission --allow-fs-read=./server.js --allow-fs-read=./data.txt\n');
  assert.equal(execCli(['server.js'], dir).stdout, 'read\n');
});

test('--policy FILE in any format; flags this Node does not have are left out with a warning', () => {
  const dir = app("console.log('ran')");
  mkdirSync(path.join(dir, 'policy'));
  writeFileSync(path.join(dir, 'policy', 'flags.json'), JSON.stringify(['--permission', '--allow-fs-read=../server.js', '--allow-net']));
  const r = execCli(['--policy', 'policy/flags.json', '--', 'server.js'], dir);
  assert.equal(r.stdout, 'ran\n', r.stderr);
  if (Number(process.versions.node.split('.')[0]) < 25) assert.match(r.stderr, /has no --allow-net; left out/);
  writeFileSync(path.join(dir, 'policy', 'off.json'), '{ "nodeOptions": { "allow-fs-read": ["../server.js"] } }');
  const off = execCli(['--policy', 'policy/off.json', '--', 'server.js'], dir);
  assert.equal(off.code, 2);
  assert.match(off.stderr, /does not switch the Permission Model on\nhint: /);
});

test('a committed policy that grants write on the project root or allows addons is run with one warning line each', () => {
  const dir = app("console.log('ran')");
  writeFileSync(path.join(dir, 'permission.flags'), '--permission --allow-fs-read=./server.js --allow-fs-write=./* --allow-addons\n');
  const r = execCli(['server.js'], dir);
  assert.equal(r.stdout, 'ran\n', r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('generate-flags exec: warning'));
  assert.equal(lines.length, 2, r.stderr);
  assert.match(lines[0]!, /POLICY_WRITE_TOO_BROAD: permission\.flags grants write on the project root/);
  assert.match(lines[1]!, /POLICY_VOIDS_MODEL: permission\.flags allows native addons/);
  writeFileSync(path.join(dir, 'permission.flags'), '--permission --allow-fs-read=./server.js\n');
  assert.doesNotMatch(execCli(['server.js'], dir).stderr, /generate-flags exec: warning/);
  // A policy generated now says the same: --write . grants the project root.
  const fresh = app("console.log('ran')");
  const generated = execCli(['--write', '.', '--', 'server.js'], fresh);
  assert.equal(generated.stdout, 'ran\n', generated.stderr);
  assert.match(generated.stderr, /^generate-flags exec: warning POLICY_WRITE_TOO_BROAD: the generated policy grants write on the project root/m);
});

// A committed policy that reads everything, the disk or the home folder opens the user's
// secrets (~/.ssh, ~/.npmrc) to the app: exec and --check say so, as for a broad write.
test('a committed policy that grants read on everything, the disk root or home is run with one warning line', () => {
  const dir = app("console.log('ran')");
  for (const [grant, opens] of [['*', 'every path'], ['/', 'the whole disk'], ['/tmp/../*', 'the whole disk']] as const) {
    writeFileSync(path.join(dir, 'permission.flags'), `--permission --allow-fs-read=${grant}\n`);
    const r = execCli(['server.js'], dir);
    assert.equal(r.stdout, 'ran\n', r.stderr);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('generate-flags exec: warning'));
    assert.equal(lines.length, 1, `${grant}: ${r.stderr}`);
    assert.ok(lines[0]!.includes(`POLICY_READ_TOO_BROAD: permission.flags grants read on ${opens}`), lines[0]);
  }
  // Node normalises a grant's `..` (measured on 22, 24 and 26): /tmp/.. is the disk root.
  writeFileSync(path.join(dir, 'permission.flags'), `--permission --allow-fs-read=./server.js --allow-fs-write=/tmp/..\n`);
  const write = execCli(['server.js'], dir);
  assert.match(write.stderr, /POLICY_WRITE_TOO_BROAD: permission\.flags grants write on the whole disk/);
});

test('exit code, stdin and a signal death pass through', () => {
  const dir = project({
    'package.json': '{"name":"app"}',
    'seven.js': 'process.exitCode = 7',
    'echo.js': "process.stdout.write(require('fs').readFileSync(0, 'utf8').toUpperCase())",
    'die.js': "process.kill(process.pid, 'SIGTERM')",
  });
  assert.equal(execCli(['seven.js'], dir).code, 7);
  assert.equal(execCli(['echo.js'], dir, 'piped in').stdout, 'PIPED IN');
  const died = execCli(['die.js'], dir);
  assert.equal(died.signal, 'SIGTERM', `exit ${died.code}\n${died.stderr}`);
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  test(`${signal} sent to exec reaches the app`, async () => {
    const dir = app(`process.on('${signal}', () => { console.log('got ${signal}'); process.exit(3); }); console.log('ready'); setInterval(() => {}, 1000);`);
    const child = spawn(process.execPath, [...runCli, 'exec', 'server.js'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 20_000);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (chunk.includes('ready')) child.kill(signal);
      });
      child.on('close', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    assert.equal(stdout, `ready\ngot ${signal}\n`);
    assert.equal(code, 3);
  });
}

test('usage errors exit 2 with a hint', () => {
  const dir = app('');
  assert.match(execCli([], dir).stderr, /^generate-flags: no entry file to run\nhint: /);
  writeFileSync(path.join(dir, 'permission.flags'), '--permission');
  const r = execCli(['--read', 'x', '--', 'server.js'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /shape a policy generated now, but the committed permission\.flags is used/);
});

// Node options before the entry that would change the policy exec applies: a grant or an allow
// flag of their own, audit mode (which allows everything on 24 and 26), or a config file (its
// permission namespace adds grants). The app ran with them, the policy silently widened.
test('node options that would widen the policy are refused, and the app is not started', () => {
  const dir = app("console.log('started')");
  for (const option of ['--allow-fs-read=*', '--allow_fs_write=/', '--allow-child-process', '--permission-audit', '--experimental-config-file=c.json', '--experimental-default-config-file']) {
    const r = execCli(['--', option, 'server.js'], dir);
    assert.equal(r.code, 2, `${option}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stdout, '', option);
    assert.match(r.stderr, /^generate-flags: .* would change the policy exec applies\nhint: /, option);
  }
  const fine = execCli(['--', '--env-file-if-exists=.env', '--stack-size=2000', 'server.js', '--allow-fs-read=*'], dir);
  assert.equal(fine.code, 0, fine.stderr);
  assert.equal(fine.stdout, 'started\n');
});

// The drop-in start script, with each installed Node first on PATH: npm, generate-flags and the
// app all run on that Node.
const manifest = readNodeManifest();
const npmMissing = spawnSync('npm', ['--version']).status === 0 ? false : 'npm is not on PATH';
for (const major of Object.keys(manifest)) {
  test(`"start": "generate-flags exec -- …" with npm run on Node ${major}`, { skip: npmMissing }, () => {
    const copy = copyApp(path.join(repo, 'fixtures', 'script-four-spaces-chain', 'app'), `exec-${major}`);
    try {
      const pkgPath = path.join(copy.dir, 'package.json');
      const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
      pkg.scripts.start = 'generate-flags exec -- --env-file=.env server.js --port 0';
      writeFileSync(pkgPath, JSON.stringify(pkg, null, 2));
      const bin = path.join(copy.dir, 'node_modules', '.bin', 'generate-flags');
      mkdirSync(path.dirname(bin), { recursive: true });
      writeFileSync(bin, `#!/bin/sh\nexec node ${JSON.stringify(cli)} "$@"\n`);
      chmodSync(bin, 0o755);
      const probe = "console.log(process.version, typeof process.permission)";
      writeFileSync(path.join(copy.dir, 'server.js'), `${readFileSync(path.join(copy.dir, 'server.js'), 'utf8')}\n${probe};\n`);
      const r = spawnSync('npm', ['run', 'start'], {
        cwd: copy.dir,
        encoding: 'utf8',
        env: { PATH: `${path.dirname(manifest[major]!.bin)}:${env.PATH}`, HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1' },
      });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^greeting=hello\nok\n/m);
      assert.match(r.stdout, new RegExp(`^v${manifest[major]!.version} object$`, 'm'));
    } finally {
      copy.remove();
    }
  });
}

test('exec -- ENTRY ARGS binds the arguments: an output path the app takes from argv is granted', () => {
  const dir = app("require('fs').mkdirSync(require('path').dirname(process.argv[2]), { recursive: true }); require('fs').writeFileSync(process.argv[2], 'x'); console.log('wrote')");
  const r = execCli(['--unresolved', 'error', '--', 'server.js', 'out/report.txt'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'wrote\n');
  assert.equal(readFileSync(path.join(dir, 'out', 'report.txt'), 'utf8'), 'x');
});
