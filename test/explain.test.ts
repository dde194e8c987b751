// The human-readable views: generate-flags --explain, why and packages. Run in-process through
// the commands with a fake CommandIO (so terminal and NO_COLOR can be set), on small projects
// whose dependency, unresolved accesses and source lines are known.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { PolicyError } from '../lib/index.js';
import type { CommandIO } from '../cli/command.js';
import { generate } from '../cli/commands/generate.js';
import { packages } from '../cli/commands/packages.js';
import { why } from '../cli/commands/why.js';
import { tempProject } from './support/temp-dirs.js';
import { cliPath as cli } from './support/cli.js';

const project = (files: Record<string, string>): string => tempProject('npp-explain-', files);

/** An app that reads a config file, writes logs, reads an unbound env path, and a dependency that spawns. */
const app = () =>
  project({
    'package.json': '{"name":"app","main":"server.js"}',
    'server.js': [
      "const fs = require('fs');",
      "const build = require('builder');",
      "const config = fs.readFileSync(__dirname + '/config.json', 'utf8');",
      "fs.mkdirSync(__dirname + '/logs', { recursive: true });",
      "fs.appendFileSync(__dirname + '/logs/app.log', config);",
      'fs.writeFileSync(process.env.OUT_FILE, build());',
      '',
    ].join('\n'),
    'config.json': '{}',
    'node_modules/builder/package.json': '{"name":"builder","main":"index.js"}',
    'node_modules/builder/index.js': [
      "const cp = require('child_process');",
      "module.exports = () => { cp.spawnSync('make'); return require('fs').readFileSync(process.argv[2]); };",
      '',
    ].join('\n'),
  });

interface FakeIO extends CommandIO {
  out: string;
  err: string;
}

function fakeIO(cwd: string, tty: { stdout?: boolean; stderr?: boolean } = {}, env: Record<string, string> = {}): FakeIO {
  const io: FakeIO = {
    cwd,
    out: '',
    err: '',
    stdout: (text) => void (io.out += text),
    stderr: (text) => void (io.err += text),
    stdoutIsTTY: tty.stdout ?? false,
    stderrIsTTY: tty.stderr ?? false,
    env,
  };
  return io;
}

test('--explain=full shows each grant with its sites, source lines and packages, instead of the flags', async () => {
  const dir = app();
  const io = fakeIO(dir);
  // --unresolved warn: no project-root fallback to absorb the single read grants.
  assert.equal(await generate(['--target', '22', '--explain=full', '--unresolved', 'warn'], io), 0);
  assert.doesNotMatch(io.out, /^--permission/m, 'the flags are not printed');
  const section = (title: string) => io.out.slice(io.out.indexOf(`${title} (`)).split('\n\n')[0]!;
  const read = section('fs.read');
  assert.match(read, /^ {2}\.\/config\.json$/m);
  assert.match(read, /calls +server\.js:3:16 +fs\.readFileSync +\(app\)/);
  assert.match(read, /^ +const config = fs\.readFileSync\(__dirname \+ '\/config\.json', 'utf8'\);$/m, 'the source line is shown');
  assert.match(read, /^ {2}\.\/node_modules\/builder\/index\.js$/m);
  assert.match(read, /loads +server\.js:2:15 +require +\(app\)/);
  assert.match(read, /^ {2}\.\/server\.js\n {4}entry +the entry file +\(app\)$/m);
  assert.match(section('fs.write'), /^ {2}\.\/logs\/\* {2}folder and everything below$/m);
  const spawn = section('child-process');
  assert.match(spawn, /calls +node_modules\/builder\/index\.js:2:26 +child_process\.spawnSync +builder/);
  assert.match(spawn, /cp\.spawnSync\('make'\)/);
});

test('--explain leads with one summary line per grant, with counts, kinds and packages, and points to the full view', async () => {
  const io = fakeIO(app());
  assert.equal(await generate(['--target', '22', '--explain', '--unresolved', 'warn'], io), 0);
  assert.match(io.out, /^ {2}\.\/config\.json +1 site +calls +\(app\)$/m);
  assert.match(io.out, /^ {2}\.\/server\.js +0 sites +entry +\(app\)$/m);
  assert.match(io.out, /^child-process \(--allow-child-process\)\n {2}needed at +1 site +calls +builder$/m);
  assert.doesNotMatch(io.out, /const config = fs\.readFileSync/, 'no source lines in the summary');
  assert.match(io.out, /--explain=full/);
  await assert.rejects(generate(['--explain=all'], fakeIO(app())), (e: PolicyError) => e.code === 'OPTION_INVALID');
});

test('--explain says why each access is unresolved, what was done and what to do', async () => {
  const io = fakeIO(app());
  await generate(['--target', '22', '--explain'], io);
  const unresolved = io.out.slice(io.out.indexOf('Unresolved (2 accesses)'));
  const blocks = unresolved.split('\n\n');
  const own = blocks.find((b) => b.includes('fs.writeFileSync'));
  const dependency = blocks.find((b) => b.includes('builder  reads'));
  assert.match(own!, /server\.js:6:1 +fs\.writeFileSync +\(app\) +writes a path it cannot resolve/);
  assert.match(own!, /why +it reads process\.env\.OUT_FILE, which has no value/);
  assert.match(own!, /did +granted nothing: the app gets ERR_ACCESS_DENIED/);
  assert.match(own!, /fix +--env OUT_FILE=VALUE/);
  assert.match(own!, /or +--write PATH/);
  assert.doesNotMatch(own!, /package model/, 'the app itself needs no package model');
  assert.match(dependency!, /node_modules\/builder\/index\.js:2:\d+ +fs\.readFileSync +builder/);
  assert.match(dependency!, /did +granted the project root for reads \(--unresolved project\)/);
  assert.match(dependency!, /or +a package model for builder/);
});

test('--explain ends with what each package needs', async () => {
  const io = fakeIO(app());
  await generate(['--target', '22', '--explain'], io);
  const table = io.out.slice(io.out.indexOf('Packages\n'));
  assert.match(table, /^ {2}\(app\) +1 +1 +fs\.read \(1 path\), fs\.write \(2 paths\)$/m);
  assert.match(table, /^ {2}builder +1 +1 +child-process$/m);
});

test('--explain with -o writes the output to the file and the explanation to stdout', async () => {
  const dir = app();
  const io = fakeIO(dir);
  await generate(['--target', '22', '--explain', '--format', 'args', '-o', path.join(dir, 'flags.json')], io);
  assert.match(io.out, /^fs\.read \(--allow-fs-read/m);
  assert.match(io.err, /wrote .*flags\.json/);
});

test('--explain with --format but no -o is a usage error', async () => {
  await assert.rejects(generate(['--explain', '--format', 'json'], fakeIO(app())), (e: PolicyError) => e.code === 'OPTION_INVALID' && /-o FILE/.test(e.hint ?? ''));
});

test('colour only on a terminal without NO_COLOR; source text cannot send escape sequences', async () => {
  const dir = project({ 'package.json': '{"main":"i.js"}', 'i.js': "require('fs').readFileSync('/tmp/x'); // \x1b[31mred\x1b[0m\n" });
  const colour = fakeIO(dir, { stdout: true });
  await generate(['--target', '22', '--explain=full'], colour);
  assert.match(colour.out, /\x1b\[1mfs\.read\x1b\[22m/);
  for (const io of [fakeIO(dir, { stdout: true }, { NO_COLOR: '1' }), fakeIO(dir, { stdout: false })]) {
    await generate(['--target', '22', '--explain=full'], io);
    assert.doesNotMatch(io.out, /\x1b/, 'no escape sequence at all: neither ours nor the file’s');
    assert.match(io.out, /\/\/ \?\[31mred\?\[0m/);
  }
});

test('why <capability> names the packages and sites that need it, or says nothing does', async () => {
  const dir = app();
  const io = fakeIO(dir);
  assert.equal(await why(['child-process', '--target', '22'], io), 0);
  assert.match(io.out, /^child-process {2}granted \(--allow-child-process\), needed by builder$/m);
  assert.match(io.out, /node_modules\/builder\/index\.js:2:26 +child_process\.spawnSync +builder/);
  const flag = fakeIO(dir);
  await why(['--allow-child-process', '--target', '22'], flag);
  assert.equal(flag.out, io.out, 'the flag spelling asks the same question');
  const none = fakeIO(dir);
  await why(['worker', '--target', '22'], none);
  assert.match(none.out, /^worker {2}not granted: no code the analysis reached needs it/);
});

test('why <path> names the grant that covers it in each scope, or says it is not granted', async () => {
  const dir = app();
  const log = fakeIO(dir);
  await why(['logs/app.log', '--target', '22'], log);
  assert.match(log.out, /^fs\.read +granted by a folder grant: --allow-fs-read=.*\/\*$/m, 'the unresolved read fell back to the project root');
  assert.match(log.out, new RegExp(`^fs\\.write {2}granted by a folder grant: --allow-fs-write=${dir}/logs/\\*$`, 'm'));
  assert.match(log.out, /calls +server\.js:5:1 +fs\.appendFileSync +\(app\)/);
  const secret = fakeIO(dir);
  await why(['/etc/passwd', '--target', '22', '--unresolved', 'warn'], secret);
  assert.match(secret.out, /^fs\.read +not granted; 1 unresolved access of this scope could reach it/m);
  assert.match(secret.out, /^fs\.write {2}not granted; 1 unresolved access of this scope could reach it/m);
});

test('why .env says the project-root fallback leaves it out because it holds secrets (#14 item 3)', async () => {
  const dir = project({
    'package.json': '{"name":"app","main":"server.js"}',
    'server.js': "require('fs').readFileSync(process.argv[2]);\n",
    '.env': 'TOKEN=x\n',
    'data.txt': 'd\n',
  });
  const env = fakeIO(dir);
  await why(['.env', '--target', '22'], env);
  assert.match(env.out, /^fs\.read +not granted: it holds secrets .*project-root fallback leaves it out/m);
  const data = fakeIO(dir);
  await why(['data.txt', '--target', '22'], data);
  assert.match(data.out, new RegExp(`^fs\\.read +granted: --allow-fs-read=${dir}/data\\.txt$`, 'm'));
});

test('why without a question, or with an option first, is a usage error', async () => {
  await assert.rejects(why([], fakeIO(app())), (e: PolicyError) => e.code === 'OPTION_INVALID');
  await assert.rejects(why(['--target', '22', 'net'], fakeIO(app())), (e: PolicyError) => /question first/.test(e.message));
  await assert.rejects(why(['net', '--format', 'json'], fakeIO(app())), (e: PolicyError) => /--format does not apply/.test(e.message));
});

test('packages lists every package with the paths and capabilities it needs, and their sites', async () => {
  const io = fakeIO(app());
  assert.equal(await packages(['--target', '22'], io), 0);
  const builder = io.out.slice(io.out.indexOf('builder (1 file, 1 unresolved access)'));
  assert.match(builder, /^ {2}child-process$/m);
  assert.match(builder, /^ {6}node_modules\/builder\/index\.js:2:26 +child_process\.spawnSync$/m);
  const own = io.out.slice(io.out.indexOf('(app) (1 file, 1 unresolved access)'));
  assert.match(own, /^ {2}fs\.write \.\/logs\/app\.log\n {6}server\.js:5:1 +fs\.appendFileSync$/m);
});

test('the views are reachable through generate-flags, with exit code 0', () => {
  const r = spawnSync(process.execPath, [cli, 'why', 'child-process', '--cwd', app(), '--target', '26'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^child-process {2}granted \(--allow-child-process\), needed by builder$/m);
  assert.equal(r.stderr, '', 'no progress line when stderr is not a terminal');
});
