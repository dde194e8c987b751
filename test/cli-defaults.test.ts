// Issue #16, the defaults a new user meets: launches that fail closed, the running Node as the
// target, the project's permissionPolicy settings, help and suggestions, and what --write DIR
// grants. Spawned as a user runs it, with NO_COLOR and a minimal environment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { mkdtempSync } from './support/temp-dirs.js';
import { cliPath as cli } from './support/cli.js';

const repo = path.join(import.meta.dirname, '..');

function generateFlags(args: string[], cwd = repo) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A shell with `generate-flags` on PATH, running this checkout's CLI. */
function shell(script: string, cwd: string) {
  const bin = mkdtempSync(path.join(tmpdir(), 'npp-bin-'));
  writeFileSync(path.join(bin, 'generate-flags'), `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`, { mode: 0o755 });
  const r = spawnSync('sh', ['-c', script], { cwd, encoding: 'utf8', env: { PATH: `${bin}:${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'npp-defaults-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const marker = "console.log('APP STARTED')";

test('fail closed: eval of the shell output after a failure stops node instead of starting the app unrestricted', () => {
  const dir = project({ 'package.json': '{"main":"server.js"}', 'server.js': marker });
  const r = shell('eval "node $(generate-flags --target 18) server.js"', dir);
  assert.notEqual(r.code, 0);
  assert.doesNotMatch(r.stdout, /APP STARTED/);
  assert.match(r.stderr, /bad option: --generate-flags-failed/);
  const nodeOptions = shell('NODE_OPTIONS="$(generate-flags --format node-options --target banana)" node server.js', dir);
  assert.notEqual(nodeOptions.code, 0);
  assert.doesNotMatch(nodeOptions.stdout, /APP STARTED/);
});

test('fail closed: only the shell-bound formats print the failure word, and only on stdout of a failed run', () => {
  const dir = project({ 'package.json': '{"main":"server.js"}', 'server.js': marker });
  assert.equal(generateFlags(['--target', '18'], dir).stdout, '--generate-flags-failed=see-the-error-above\n');
  assert.equal(generateFlags(['--target', '18', '--format', 'json'], dir).stdout, '');
  assert.equal(generateFlags(['--target', '18', '-o', 'x.flags'], dir).stdout, '');
  assert.match(generateFlags([], dir).stdout, /^--(experimental-)?permission /);
});

test('the running Node is the target when engines.node allows it, whatever spellings the range spans', () => {
  const dir = project({ 'package.json': '{"main":"server.js","engines":{"node":">=20"}}', 'server.js': marker });
  const r = generateFlags(['--format', 'json'], dir);
  assert.equal(r.code, 0, r.stderr);
  const target = JSON.parse(r.stdout).target;
  assert.deepEqual([target.version, target.source, target.engines], [process.versions.node, 'running', '>=20']);
  const launched = shell('flags=$(generate-flags) && eval "node $flags server.js"', dir);
  assert.equal(launched.code, 0, launched.stderr);
  assert.match(launched.stdout, /APP STARTED/);
});

const settingsApp = (policy: unknown) =>
  project({
    'package.json': JSON.stringify({ name: 's', main: 'server.js', permissionPolicy: policy }),
    'server.js': "const fs = require('fs'); fs.writeFileSync(process.env.OUT_DIR + '/x.txt', fs.readFileSync(process.argv[2] || __filename)); console.log('APP STARTED')",
    'out/.keep': '',
    'data/in.txt': 'x',
  });

test('permissionPolicy: the default command, why and doctor take its options; the command line adds to and overrides them', () => {
  const dir = settingsApp({ read: ['data/'], env: { OUT_DIR: 'out' }, target: '22', unresolved: 'warn' });
  const r = generateFlags(['--format', 'args'], dir);
  assert.equal(r.code, 0, r.stderr);
  const flags = JSON.parse(r.stdout) as string[];
  assert.equal(flags[0], '--permission');
  assert.ok(flags.includes(`--allow-fs-read=${dir}/data/*`) && flags.includes(`--allow-fs-write=${dir}/out/x.txt`), r.stdout);
  const more = JSON.parse(generateFlags(['--format', 'args', '--read', 'extra', '--target', '20', '--env', 'OUT_DIR=/tmp'], dir).stdout) as string[];
  assert.equal(more[0], '--experimental-permission');
  assert.ok(more.includes(`--allow-fs-read=${dir}/data/*`) && more.includes(`--allow-fs-read=${dir}/extra`) && more.includes('--allow-fs-write=/tmp/x.txt'), more.join(' '));
  assert.match(generateFlags(['why', 'data/in.txt'], dir).stdout, /fs\.read\s+granted/);
  assert.match(generateFlags(['doctor'], dir).stdout, /^Node 22\.\d+\.\d+ /);
});

test('permissionPolicy: --check counts its grants as needed, and exec generates with it', () => {
  const dir = settingsApp({ read: ['data'], env: { OUT_DIR: 'out' } });
  assert.equal(generateFlags(['-o', 'permission.flags'], dir).code, 0);
  const check = generateFlags(['--check'], dir);
  assert.equal(check.code, 0, check.stdout + check.stderr);
  const fresh = project({
    'package.json': JSON.stringify({ main: 'server.js', permissionPolicy: { write: ['out/'] } }),
    'server.js': "require('fs').writeFileSync(process.argv[2], 'x'); console.log('APP STARTED')",
    'out/.keep': '',
  });
  const run = generateFlags(['exec', '--', 'server.js', 'out/x.txt'], fresh);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /APP STARTED/);
});

for (const [policy, message] of [
  [['data'], /"permissionPolicy" must be an object/],
  [{ read: 'data' }, /"permissionPolicy"\.read must be an array of non-empty strings/],
  [{ writes: ['out'] }, /"permissionPolicy" has an unknown key "writes"/],
  [{ unresolved: 'ignore' }, /\.unresolved must be "warn", "project" or "error"/],
  [{ env: { OUT_DIR: 1 } }, /\.env has "OUT_DIR"/],
] as const) {
  test(`permissionPolicy ${JSON.stringify(policy)} is refused with one line`, () => {
    const r = generateFlags([], settingsApp(policy));
    assert.equal(r.code, 2);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /^generate-flags: .*package\.json: "permissionPolicy".*\nhint: /);
  });
}

test('permissionPolicy: observed entries as generate-flags verify --write writes them are used; a malformed one is a clear error', () => {
  const observed = [{ capability: 'fs.read', path: '/srv/shared/seed.txt', evidence: { command: 'npm test', date: '2026-12-06', site: 'index.js:1:1' } }];
  const r = generateFlags([], settingsApp({ env: { OUT_DIR: 'out' }, observed }));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /--allow-fs-read=\/srv\/shared\/seed\.txt/);
  const bad = generateFlags([], settingsApp({ env: { OUT_DIR: 'out' }, observed: [{ kind: 'fs.read', path: 'x' }] }));
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /permissionPolicy\.observed\[0\]\.capability: expected one of .*\nhint: /);
});

test('schema/permission-policy.schema.json names exactly the keys the reader accepts', async () => {
  const { readFileSync } = await import('node:fs');
  const { parsePermissionPolicy } = await import('../lib/project/permission-policy.js');
  const schema = JSON.parse(readFileSync(path.join(repo, 'schema', 'permission-policy.schema.json'), 'utf8'));
  const keys = Object.keys(schema.properties);
  assert.deepEqual(keys.sort(), ['arch', 'entries', 'env', 'models', 'observed', 'platform', 'read', 'target', 'unresolved', 'write']);
  const sample = { read: ['a'], write: ['b/'], env: { A: '1' }, unresolved: 'warn', target: '>=22', entries: ['s.js'], models: ['m'], platform: 'linux', arch: 'x64', observed: [{}] };
  assert.deepEqual(parsePermissionPolicy(sample, 'package.json'), sample);
  assert.equal(schema.additionalProperties, false);
});

test('an unresolvable require inside a try with a catch, or of an optional dependency, is info; any other is a warning', async () => {
  const { analyze } = await import('../lib/index.js');
  const dir = project({
    'package.json': JSON.stringify({ main: 'index.js', optionalDependencies: { fsevents: '^2' } }),
    'index.js': [
      "let opt; try { opt = require('missing-opt'); } catch { opt = null; }",
      "async function later() { try { return await import('missing-esm'); } catch { return null; } }",
      "try { require('fsevents'); } finally { }", // a finally without a catch handles nothing
      "require('@esbuild/darwin-arm64');",
      "require('./gone');",
      'module.exports = later;',
    ].join('\n'),
    'node_modules/.keep': '',
  });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ main: 'index.js', optionalDependencies: { fsevents: '^2', '@esbuild/darwin-arm64': '0.20.0' } }));
  const report = await analyze({ cwd: dir, target: '22' });
  const found = report.diagnostics.filter((d) => d.code === 'IMPORT_UNRESOLVED').map((d) => [d.args.specifier, d.severity, (d.args as { optional?: string }).optional]);
  assert.deepEqual(found.sort(), [
    ['./gone', 'warning', undefined],
    ['@esbuild/darwin-arm64', 'info', 'optional-dependency'],
    ['fsevents', 'info', 'optional-dependency'],
    ['missing-esm', 'info', 'try'],
    ['missing-opt', 'info', 'try'],
  ]);
  const cli = generateFlags(['--target', '22'], dir);
  assert.equal(cli.stderr.match(/IMPORT_UNRESOLVED/g)?.length, 1, cli.stderr);
});

test('--quiet prints errors only; each diagnostic line appears once per run', () => {
  const dir = project({
    'package.json': JSON.stringify({ main: 'a.js', scripts: { start: 'node a.js && node b.js' } }),
    'a.js': "require('./gone-a')",
    'b.js': "require('./gone-b')",
  });
  const quiet = generateFlags(['--target', '20', '-q'], dir);
  assert.equal(quiet.code, 0);
  assert.equal(quiet.stderr, '');
  const script = generateFlags(['--script', 'start', '--target', '20'], dir);
  assert.equal(script.stderr.match(/TARGET_EOL/g)?.length, 1, script.stderr);
  const errors = generateFlags(['--target', '20', '-q', '--unresolved', 'error'], project({ 'package.json': '{"main":"i.js"}', 'i.js': "require('fs').readFileSync(process.argv[2])" }));
  assert.equal(errors.code, 1);
  assert.match(errors.stderr, /^i\.js:1:1: error FS_PATH_UNKNOWN/);
  assert.doesNotMatch(errors.stderr, /warning/);
});

test('help: --help lists every command, help COMMAND shows one, -v prints the version, did you mean', () => {
  const dir = project({ 'package.json': '{"main":"i.js"}', 'i.js': '' });
  const help = generateFlags(['--help'], dir).stdout;
  for (const command of ['exec', 'why', 'packages', 'doctor', 'help']) assert.match(help, new RegExp(`^  ${command}\\b.* {2,}\\S`, 'm'), command);
  assert.match(generateFlags(['help', 'doctor'], dir).stdout, /^Usage: generate-flags doctor/);
  assert.match(generateFlags(['help'], dir).stdout, /^Usage: generate-flags \[options\]/);
  assert.match(generateFlags(['-v'], dir).stdout, /^\d+\.\d+\.\d+/);
  const cases: [string[], RegExp][] = [
    [['--fromat', 'json'], /hint: did you mean --format\?/],
    [['doctr'], /unknown command 'doctr'\nhint: did you mean generate-flags doctor\?/],
    [['--target', '22', 'doctor'], /hint: did you mean generate-flags doctor --target 22\? \(a command comes first\)/],
    [['help', 'doctr'], /hint: did you mean generate-flags doctor\?/],
    [['exec', '--plicy', 'p', '--', 'i.js'], /hint: did you mean --policy\?/],
    [['doctor', '--tagret', '22'], /hint: did you mean --target\?/],
  ];
  for (const [args, hint] of cases) {
    const r = generateFlags(args, dir);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, hint, args.join(' '));
  }
});

test('--write DIR means the same whatever is on disk: DIR/ the folder and below, DIR that path only; the run says which', () => {
  const app = () => project({ 'package.json': '{"main":"s.js"}', 's.js': "const fs = require('fs'); const d = process.argv[2]; fs.mkdirSync(d + '/a', { recursive: true }); fs.writeFileSync(d + '/a/x', 'x'); console.log('APP STARTED')" });
  const absent = app();
  const present = app();
  mkdirSync(path.join(present, 'sessions'));
  const grants = (dir: string, option: string) => JSON.parse(generateFlags(['--format', 'args', '--unresolved', 'warn', '--write', option], dir).stdout).filter((f: string) => f.includes('sessions'));
  assert.deepEqual(grants(absent, 'sessions/'), [`--allow-fs-write=${absent}/sessions/*`]);
  assert.deepEqual(grants(present, 'sessions/'), [`--allow-fs-write=${present}/sessions/*`]);
  assert.deepEqual(grants(absent, 'sessions'), [`--allow-fs-write=${absent}/sessions`]);
  assert.deepEqual(grants(present, 'sessions'), [`--allow-fs-write=${present}/sessions`]);
  assert.match(generateFlags(['--write', 'sessions/'], absent).stderr, /^--write sessions\/: granted the folder .*\/sessions and everything below it$/m);
  assert.match(generateFlags(['--write', 'sessions'], present).stderr, /^--write sessions: granted .*\/sessions itself; it is a folder here.*write sessions\/ for the folder/m);
  // The folder form works on a machine where the folder does not exist yet when the app starts.
  const run = shell('flags=$(generate-flags --write sessions/) && eval "node $flags s.js sessions"', absent);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /APP STARTED/);
});

test('-o into the project root: a policy file gets relative paths, the JSON report keeps absolute ones', async () => {
  const { readFileSync } = await import('node:fs');
  const dir = project({ 'package.json': '{"main":"s.js"}', 's.js': "require('fs').readFileSync(__dirname + '/d.txt')", 'd.txt': '' });
  assert.equal(generateFlags(['--target', '22', '-o', 'permission.flags'], dir).code, 0);
  assert.equal(readFileSync(path.join(dir, 'permission.flags'), 'utf8'), '--permission --allow-fs-read=./d.txt --allow-fs-read=./s.js\n');
  assert.equal(generateFlags(['--target', '22', '--format', 'json', '-o', 'report.json'], dir).code, 0);
  const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
  assert.ok(report.flags.includes(`--allow-fs-read=${dir}/d.txt`), report.flags.join(' '));
  const elsewhere = path.join(mkdtempSync(path.join(tmpdir(), 'npp-out-')), 'flags');
  assert.equal(generateFlags(['--target', '22', '-o', elsewhere], dir).code, 0);
  assert.match(readFileSync(elsewhere, 'utf8'), new RegExp(`--allow-fs-read=${dir}/d\\.txt`), 'outside the project root, paths stay absolute');
});
