// Issue #13 items 5–9 beyond the fixtures: the CLI's exit code on what a fixture can only report
// (`--unresolved error` and error diagnostics exit 1), the command line bound from `-- ARGS`, a
// package.json script and `exec`, and --platform/--arch given on the command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { analyzeScript } from '../lib/script/analyze-script.js';
import { copyApp } from './support/app-copy.js';
import { cliPath as cli } from './support/cli.js';

const repo = path.join(import.meta.dirname, '..');
const fixture = (name: string) => path.join(repo, 'fixtures', name, 'app');

function generateFlags(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('an API the model always denies exits 1 where the app fails at the call, whatever --unresolved says', () => {
  const sync = generateFlags(['--target', '24', '--unresolved', 'project'], fixture('miss-denied-fsync-before-rename'));
  assert.equal(sync.code, 1, sync.stderr);
  assert.match(sync.stderr, /error API_ALWAYS_DENIED: fs\.fsyncSync .*the app fails with ERR_ACCESS_DENIED here/);
  // The callback form: Node hands the denial to the callback, which decides whether the app fails.
  const callback = generateFlags(['--target', '24', '--unresolved', 'project'], fixture('miss-denied-atomic-writer-dependency'));
  assert.equal(callback.code, 0, callback.stderr);
  assert.match(callback.stderr, /warning API_ALWAYS_DENIED: fs\.fsync .*its callback receives ERR_ACCESS_DENIED/);
  const onlyOn26 = generateFlags(['--target', '24'], fixture('miss-denied-filehandle-sync'));
  assert.equal(onlyOn26.code, 0, 'FileHandle.sync is allowed on 24');
  assert.equal(generateFlags(['--target', '26'], fixture('miss-denied-filehandle-sync')).code, 1);
  const ffi = generateFlags(['--target', '26'], fixture('miss-builtin-ffi-not-granted'));
  assert.equal(ffi.code, 1, ffi.stderr);
  assert.match(ffi.stderr, /index\.js:4:\d+: error CAPABILITY_NOT_GRANTED: ffi\.dlopen needs --allow-ffi/);
});

test('an always-denied call the app lives past is a warning, and exec starts the app', () => {
  const dir = fixture('fs-fsync-denied-where-not-fatal');
  const r = generateFlags(['--target', '24'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /index\.js:14:\d+: warning API_ALWAYS_DENIED: fs\.fsyncSync .*runs only when `this\._fsync` holds/);
  assert.match(r.stderr, /index\.js:19:\d+: warning API_ALWAYS_DENIED: fs\.fsyncSync .*the `try` around it catches that/);
  assert.match(r.stderr, /index\.js:26:\d+: warning API_ALWAYS_DENIED: fs\.fsync .*its callback receives ERR_ACCESS_DENIED/);
  assert.match(r.stderr, /index\.js:33:\d+: warning API_ALWAYS_DENIED: fs\.fsyncSync .*its function is called only when `!\(fd === 2\)` holds/);
  assert.doesNotMatch(r.stderr, /error API_ALWAYS_DENIED/);
  const copy = copyApp(dir, 'denied-not-fatal');
  try {
    const started = spawnSync(process.execPath, [cli, 'exec', '--no-cache', '--', 'index.js'], { cwd: copy.dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    assert.equal(started.status, 0, started.stderr);
    assert.equal(started.stdout.trim(), 'ok');
  } finally {
    copy.remove();
  }
});

test('fd-based calls patched in only where the platform has O_SYMLINK are not reported on Linux; exit 0', () => {
  const r = generateFlags(['--target', '24'], fixture('platform-constant-dead-polyfill'));
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /fchmodSync|futimesSync/);
  assert.match(r.stderr, /index\.js:44:\d+: warning API_ALWAYS_DENIED: fs\.futimes .*the `try` around it catches that/);
});

test('process.argv[2] without a known command line: --unresolved error exits 1; with -- ARGS it is granted', () => {
  const dir = fixture('fs-unresolved-write-denied');
  const unknown = generateFlags(['--target', '24', '--unresolved', 'error'], dir);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /FS_PATH_UNKNOWN/);
  const known = generateFlags(['--target', '24', '--unresolved', 'error', '--format', 'json', 'index.js', '--', 'out.txt'], dir);
  assert.equal(known.code, 0, known.stderr);
  const report = JSON.parse(known.stdout);
  assert.deepEqual(report.project.entries, [path.join(dir, 'index.js')], 'the words after -- are not entries');
  assert.ok(report.flags.includes(`--allow-fs-write=${path.join(dir, 'out.txt')}`), report.flags.join(' '));
  assert.ok(report.assumptions.some((a: { kind: string; value: string }) => a.kind === 'argv' && a.value === '["out.txt"]'));
});

test('a package.json script binds the words after its entry to process.argv', async (t) => {
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(path.join(tmpdir(), 'npp-argv-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'a', scripts: { build: 'node build.js --out dist/site/index.html', dyn: 'node build.js --out $OUT' } }));
  writeFileSync(path.join(dir, 'build.js'), "const { values } = require('util').parseArgs({ options: { out: { type: 'string' } } }); require('fs').writeFileSync(values.out, 'x');");
  const bound = await analyzeScript({ cwd: dir, script: 'build', target: '24' });
  assert.deepEqual(bound.commands[0]!.report.policy.fsWrite.map((g) => g.path), [path.join(dir, 'dist/site/index.html')]);
  const dynamic = await analyzeScript({ cwd: dir, script: 'dyn', target: '24' });
  assert.equal(dynamic.commands[0]!.report.unresolved[0]?.reason, 'cli-argument', 'a shell expansion leaves the command line unknown');
});

test('--platform and --arch replace the machine and are listed as assumptions', () => {
  const dir = fixture('miss-platform-override-arch');
  const r = generateFlags(['--target', '24', '--format', 'json', '--platform', 'linux', '--arch', 'arm64'], dir);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.ok(report.project.files.includes('lib/impl-arm64.js'));
  assert.ok(!report.project.files.includes('lib/impl-x64.js'));
  assert.deepEqual(
    report.assumptions.filter((a: { kind: string }) => a.kind === 'platform').map((a: { name: string; value: string }) => `${a.name}=${a.value}`),
    ['process.arch=arm64'],
  );
  assert.equal(generateFlags(['--arch', ''], dir).code, 2);
});

test('a bundle over --max-file-size that loads fs: --unresolved error exits 1 at the file', () => {
  const r = generateFlags(['--target', '24', '--max-file-size', '2K', '--unresolved', 'error'], fixture('miss-bundle-too-large-file'));
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /node_modules\/big-bundle\/bundle\.js:1:1: error FS_PATH_UNKNOWN/);
  assert.match(r.stderr, /FILE_TOO_LARGE.*\(its text loads modules that use: fs\)/);
});

test("a platform read in a function whose result cannot be folded is still the assumption's first site", async () => {
  // isLinuxMusl's shape (better-sqlite3): the test runs before the `try` that ends the fold, so
  // the read is evaluated and the report's platform assumption points at it, not at a later one.
  const { analyze } = await import('../lib/index.js');
  const { tempProject } = await import('./support/temp-dirs.js');
  const dir = tempProject('npp-musl-', {
    'package.json': JSON.stringify({ name: 'musl-probe', version: '1.0.0' }),
    'index.js': [
      "const fs = require('fs');",
      'function musl() {',
      "  if (process.platform !== 'linux') return false;",
      "  try { return fs.readFileSync('/proc/self/maps', 'latin1').includes('musl'); } catch { return false; }",
      '}',
      "fs.readFileSync(`/tmp/${musl() ? 'a' : 'b'}-${process.platform}.txt`);",
      '',
    ].join('\n'),
  });
  const report = await analyze({ cwd: dir, entries: ['index.js'], target: '24' });
  const platform = report.assumptions.filter((a) => a.kind === 'platform' && a.name === 'process.platform');
  assert.deepEqual(platform.map((a) => a.site?.line), [3]);
});
