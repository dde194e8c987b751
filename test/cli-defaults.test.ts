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

const repo = path.join(import.meta.dirname, '..');
const cli = path.join(repo, 'cli', 'main.ts');
const tsx = path.join(repo, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function generateFlags(args: string[], cwd = repo) {
  const r = spawnSync(process.execPath, [tsx, cli, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A shell with `generate-flags` on PATH, running this checkout's CLI. */
function shell(script: string, cwd: string) {
  const bin = mkdtempSync(path.join(tmpdir(), 'npp-bin-'));
  writeFileSync(path.join(bin, 'generate-flags'), `#!/bin/sh\nexec "${process.execPath}" "${tsx}" "${cli}" "$@"\n`, { mode: 0o755 });
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
