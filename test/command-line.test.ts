// Flags too long for a command line (issue #14, item 9): the size the kernel counts, folding
// file grants into folders until they fit (never the project root, home or /), and what the
// CLI does with a small --arg-max: exec passes a config file (22.16+) or folds (20), and the
// shell/args/node-options formats and --script refuse with COMMAND_LINE_TOO_LONG.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { commandLineBytes, commandLineProblem, foldToFit, outputProblem } from '../lib/emit/command-line.js';
import { readNodeManifest } from './support/node-binaries.js';
import { tempProject } from './support/temp-dirs.js';
import { cliPath as cli } from './support/cli.js';
import { holdsSecret } from '../cli/exec-fit.js';

test('the kernel counts each string with its NUL and a pointer; one word has its own limit', () => {
  assert.equal(commandLineBytes(['ab', '']), 3 + 8 + 1 + 8);
  assert.equal(commandLineProblem(['node', 'x'], ['A=b'], { total: 100, perString: 50 }), undefined);
  assert.match(commandLineProblem(['node', 'x'.repeat(50)], [], { total: 1000, perString: 50 })!, /one word is 51 bytes, over the 50-byte limit/);
  assert.match(commandLineProblem(['node', 'x'], ['A='.padEnd(90, 'b')], { total: 100, perString: 200 })!, /takes 122 bytes, over the 100-byte limit/);
  // Measured on Linux x64 with 8 MiB of stack: 2 MiB in all, 128 KiB in one word.
  assert.equal(outputProblem('command', ['--permission', 'x'.repeat(131_000)]), undefined);
  assert.match(outputProblem('node-options', ['x'.repeat(131_100)])!, /over the 131072-byte limit of one argument/);
});

const files = (dir: string, n: number) => Array.from({ length: n }, (_, i) => `--allow-fs-read=${dir}/f${i}.js`);

test('folding grants the folder that saves most first, and only as far as needed', () => {
  const flags = ['--permission', ...files('/srv/app/lib', 20), ...files('/srv/app/node_modules/dep', 5), '--allow-fs-write=/srv/app/out.log', '--allow-worker'];
  const budget = commandLineBytes(flags) - 200;
  const folded = foldToFit(flags, budget, ['/srv/app'])!;
  assert.deepEqual(folded.folders, ['--allow-fs-read=/srv/app/lib/*']);
  assert.ok(commandLineBytes(folded.flags) <= budget);
  assert.deepEqual(folded.flags.filter((f) => !f.includes('/lib/')), flags.filter((f) => !f.includes('/lib/')));
});

test('folding never grants the project root, home or /, and says when it cannot fit', () => {
  const flags = ['--permission', ...files('/srv/app', 30)];
  assert.equal(foldToFit(flags, 100, ['/srv/app']), undefined);
  const deeper = ['--permission', ...files('/srv/app/a/b', 30)];
  assert.deepEqual(foldToFit(deeper, 120, ['/srv/app'])?.flags, ['--permission', '--allow-fs-read=/srv/app/a/b/*']);
  // Folders of folders: with a file in a/ too, a/ is granted whole once a/b/* and a/x.js are all that is left.
  const twoLevels = [...deeper, '--allow-fs-read=/srv/app/a/x.js', '--allow-fs-read=/srv/app/a/y.js'];
  assert.deepEqual(foldToFit(twoLevels, 60, ['/srv/app'])?.flags, ['--permission', '--allow-fs-read=/srv/app/a/*']);
});

const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1' };
const run = (bin: string, args: string[], cwd: string) => spawnSync(bin, [cli, ...args], { cwd, env, encoding: 'utf8' });

function bigApp(): string {
  const data: Record<string, string> = {};
  for (let i = 0; i < 40; i++) data[`data/file-number-${i}.txt`] = String(i);
  const reads = Object.keys(data).map((f) => `fs.readFileSync(path.join(__dirname, '${f}'));`);
  return tempProject('npp-argmax-', { 'package.json': '{"name":"app"}', 'server.js': `const fs = require('fs'); const path = require('path');\n${reads.join('\n')}\nconsole.log('ok');`, 'secret.txt': 's', ...data });
}

test('exec on Node 20: a policy over --arg-max is folded into folders, said in one line, and the app runs', () => {
  const dir = bigApp();
  const r = run('/usr/bin/node', ['exec', '--arg-max', '3000', '--', 'server.js'], dir);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'ok\n');
  assert.match(r.stderr, /^generate-flags exec: the policy's 42 flags do not fit on a command line \(the command line takes \d+ bytes, over the 3000-byte limit\); granted 1 folder\(s\) whole instead of their files: --allow-fs-read=.*\/data\/\*$/m);
  // 100 bytes: less than node and the enable flag alone, whatever PATH the test runs with (the
  // environment counts; 400 fitted the folded policy when tsx was started without npm's PATH).
  const tooSmall = run('/usr/bin/node', ['exec', '--arg-max', '100', '--', 'server.js'], dir);
  assert.equal(tooSmall.status, 2);
  assert.match(tooSmall.stderr, /^generate-flags: the policy's 42 flags do not fit .* folding file grants into folders below the project root does not make them fit\nhint: /m);
});

test('folding never grants a folder that holds a secret the policy left out: exec refuses rather than open it', () => {
  // data/sub/.env is withheld by the project fallback (the app reads a file named in name.txt),
  // which grants data/ entry by entry; folding those grants into data/* opened the .env again.
  const dir = bigApp();
  writeFileSync(path.join(dir, 'server.js'), "const fs = require('fs');\nconst name = fs.readFileSync(__dirname + '/name.txt', 'utf8').trim();\ntry { fs.readFileSync(__dirname + '/' + name); console.log('read'); } catch (e) { console.log(e.code); }\n");
  writeFileSync(path.join(dir, 'name.txt'), 'data/sub/.env');
  mkdirSync(path.join(dir, 'data', 'sub'));
  writeFileSync(path.join(dir, 'data', 'sub', '.env'), 'TOKEN=1');
  const r = run('/usr/bin/node', ['exec', '--arg-max', '3000', '--', 'server.js'], dir);
  assert.equal(r.stdout, '', r.stderr);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /COMMAND_LINE_TOO_LONG|does not make them fit/);
  assert.equal(holdsSecret(path.join(dir, 'data')), true);
  assert.equal(holdsSecret(path.join(dir, 'data', 'sub')), true);
  rmSync(path.join(dir, 'data', 'sub'), { recursive: true });
  assert.equal(holdsSecret(path.join(dir, 'data')), false);
});

test('foldToFit leaves a folder mayFold refuses, and says when the rest cannot fit', () => {
  const flags = ['--permission', ...files('/srv/app/a/b', 30)];
  assert.equal(foldToFit(flags, 120, ['/srv/app'], (dir) => dir !== '/srv/app/a/b'), undefined);
  const both = [...flags, ...files('/srv/app/c', 30)];
  const folded = foldToFit(both, commandLineBytes(both) - 1000, ['/srv/app'], (dir) => dir !== '/srv/app/a/b');
  assert.deepEqual(folded?.folders, ['--allow-fs-read=/srv/app/c/*']);
});

const manifest = readNodeManifest();
const withConfig = ['24', '26'].find((m) => manifest[m]);
test('exec on a Node that reads a config file: a policy over --arg-max goes into one, and the app runs', { skip: withConfig ? false : 'no Node 24 or 26 installed' }, () => {
  const dir = bigApp();
  const r = run(manifest[withConfig!]!.bin, ['exec', '--arg-max', '3000', '--', 'server.js'], dir);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'ok\n');
  assert.match(r.stderr, /the policy's 42 flags do not fit on a command line .*; passing them in the config file \/.*\/generate-flags-\d+\/policy-[0-9a-f]{16}\.json$/m);
});

test('--format shell, args, node-options and --script refuse output over --arg-max with COMMAND_LINE_TOO_LONG', () => {
  const dir = bigApp();
  for (const format of ['shell', 'args', 'node-options']) {
    const r = run('/usr/bin/node', ['--target', '24', '--format', format, '--arg-max', '66000', 'server.js'], dir);
    assert.equal(r.status, 2, `${format}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`^generate-flags: the --format ${format} output would not start: .*E2BIG\\)\\nhint: `, 'm'));
  }
  assert.equal(run('/usr/bin/node', ['--target', '24', '--format', 'config', '--arg-max', '66000', 'server.js'], dir).status, 0);
  assert.equal(run('/usr/bin/node', ['--target', '24', '--format', 'args', 'server.js'], dir).status, 0);
  writeFileSync(path.join(dir, 'package.json'), '{"name":"app","scripts":{"start":"node server.js"}}');
  const script = run('/usr/bin/node', ['--target', '24', '--script', 'start', '--arg-max', '66000'], dir);
  assert.equal(script.status, 2, script.stderr);
  assert.match(script.stderr, /^generate-flags: the rewritten script would not start: .*\nhint: start the app with "generate-flags exec -- ENTRY"/m);
});

test('exec grants each path of a committed policy once: Node 20.20.2 aborts on a repeated grant', () => {
  const dir = tempProject('npp-dup-', { 'package.json': '{"name":"app"}', 'server.js': "console.log('ok')" });
  writeFileSync(path.join(dir, 'permission.flags'), '--permission --allow-fs-read=./server.js --allow-fs-read=./server.js\n');
  const r = run('/usr/bin/node', ['exec', 'server.js'], dir);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'ok\n');
});
