// generate-flags as a user meets it: spawned with NO_COLOR and a minimal environment, asserting
// stdout, stderr and the exit code of each documented outcome.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { mkdtempSync } from './support/temp-dirs.js';
import { cliPath as cli } from './support/cli.js';

const repo = path.join(import.meta.dirname, '..');

function generateFlags(args: string[], cwd = repo) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'npp-cli-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    writeFileSync(file, content);
  }
  return dir;
}

const app = () => project({ 'package.json': '{"name":"a","main":"index.js"}', 'index.js': "require('fs').readFileSync(__dirname + '/data.txt')", 'data.txt': 'x' });

test('shell format is the default: one line of quoted flags', () => {
  const dir = app();
  const r = generateFlags(['--cwd', dir, '--target', '22']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `--permission --allow-fs-read=${dir}/data.txt --allow-fs-read=${dir}/index.js\n`);
});

test('--workers 2 parses in worker threads: the same output as with none', () => {
  const dir = app();
  const plain = generateFlags(['--cwd', dir, '--target', '22', '--format', 'json', '--no-cache']);
  const pooled = generateFlags(['--cwd', dir, '--target', '22', '--format', 'json', '--no-cache', '--workers', '2']);
  assert.equal(pooled.code, 0, pooled.stderr);
  assert.equal(pooled.stdout, plain.stdout);
});

test('--workers 2 under the Permission Model without --allow-worker: no pool, files parsed inline, same output', () => {
  const dir = app();
  const permission = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
  const r = spawnSync(process.execPath, [permission, '--allow-fs-read=*', cli, '--cwd', dir, '--target', '22', '--no-cache', '--workers', '2'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, generateFlags(['--cwd', dir, '--target', '22', '--no-cache']).stdout);
});

test('args format is a JSON array of flags', () => {
  const dir = app();
  const r = generateFlags(['--cwd', dir, '--target', '20', '--format', 'args']);
  assert.deepEqual(JSON.parse(r.stdout), ['--experimental-permission', `--allow-fs-read=${dir}/data.txt`, `--allow-fs-read=${dir}/index.js`]);
});

test('json format is the versioned report with evidence', () => {
  const dir = app();
  const report = JSON.parse(generateFlags(['--cwd', dir, '--target', '24', '--format', 'json']).stdout);
  assert.equal(report.schemaVersion, 1);
  assert.equal(report.target.major, 24);
  const grant = report.policy.fsRead.find((g: { path: string }) => g.path.endsWith('data.txt'));
  assert.deepEqual(grant.evidence[0].site, { file: 'index.js', line: 1, column: 1 });
});

test('config format on Node 20 is a usage error with a hint', () => {
  const r = generateFlags(['--cwd', app(), '--target', '20', '--format', 'config']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^generate-flags: Node 20 does not read permissions from node\.config\.json\nhint: /);
});

test('-o writes the output file', () => {
  const dir = app();
  const out = path.join(dir, 'flags.txt');
  const r = generateFlags(['--cwd', dir, '--target', '26', '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(readFileSync(out, 'utf8'), /^--permission /);
});

test('--read, --write and --env reach the policy', () => {
  const dir = project({ 'package.json': '{"main":"i.js"}', 'i.js': "require('fs').writeFileSync(process.env.OUT, '')" });
  const r = generateFlags(['--cwd', dir, '--target', '26', '--format', 'args', '--env', 'OUT=/tmp/npp-out.txt', '--read', 'extra']);
  const flags = JSON.parse(r.stdout);
  assert.ok(flags.includes('--allow-fs-write=/tmp/npp-out.txt'), r.stdout);
  assert.ok(flags.includes(`--allow-fs-read=${dir}/extra`), r.stdout);
});

test('an unresolved path warns by default and exits 1 under --unresolved error', () => {
  const dir = project({ 'package.json': '{"main":"i.js"}', 'i.js': "require('fs').writeFileSync(process.argv[2], '')" });
  const warn = generateFlags(['--cwd', dir, '--target', '26']);
  assert.equal(warn.code, 0);
  assert.match(warn.stderr, /^i\.js:1:1: warning FS_PATH_UNKNOWN: /m);
  const error = generateFlags(['--cwd', dir, '--target', '26', '--unresolved', 'error']);
  assert.equal(error.code, 1);
  assert.match(error.stderr, /^i\.js:1:1: error FS_PATH_UNKNOWN: /m);
});

test('a syntax error is reported with file:line and the rest is still analysed', () => {
  const dir = project({ 'package.json': '{"main":"i.js"}', 'i.js': "require('./broken'); require('fs').readFileSync('/etc/hostname')", 'broken.js': 'let = ;' });
  const r = generateFlags(['--cwd', dir, '--target', '26', '--format', 'args']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^broken\.js:1:\d+: error PARSE_FAILED: /m);
  assert.ok(JSON.parse(r.stdout).includes('--allow-fs-read=/etc/hostname'));
});

for (const [args, message] of [
  [['--bogus'], /^generate-flags: Unknown option '--bogus'\nhint: /],
  [['--format', 'xml'], /^generate-flags: unknown --format 'xml'\nhint: use one of /],
  [['--target', 'banana'], /^generate-flags: target 'banana' is not a Node version or range\nhint: /],
  [['--target', '18'], /^generate-flags: Node 18 is not supported/],
  [['--env', 'NOEQUALS'], /^generate-flags: --env expects NAME=VALUE/],
  [['--unresolved', 'maybe'], /^generate-flags: unknown --unresolved mode 'maybe'/],
  [['missing.js'], /^generate-flags: entry missing\.js does not exist\nhint: /],
] as [string[], RegExp][]) {
  test(`usage error: ${args.join(' ')}`, () => {
    const r = generateFlags(['--cwd', app(), ...args]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });
}

test('no package.json is a clear error', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'npp-empty-'));
  const r = generateFlags([], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^generate-flags: no package\.json in .* or any folder above it\nhint: /);
});
