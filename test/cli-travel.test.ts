// Issue #16: what generate-flags writes down travels. A committed permission.flags, a config file
// and a start script, written in one folder, are run from a checkout in another folder on real
// Node 20, 22, 24 and 26 (relative paths, resolved at start). The app must start, and a read it
// does not need must be denied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { mkdtempSync } from './support/temp-dirs.js';
import { nodeBinary } from './support/node-binaries.js';
import { cliPath as cli } from './support/cli.js';

const majors = ['20', '22', '24', '26'];

function run(node: string, args: string[], cwd: string) {
  const r = spawnSync(node, args, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const generateFlags = (args: string[], cwd: string, node = process.execPath) => run(node, [cli, ...args], cwd);

/** The app: reads its data, writes into out/, and probes a file it has no need for. */
function writtenApp(engines: string): string {
  const dir = path.join(realpathSync(mkdtempSync(path.join(tmpdir(), 'npp-wrote-'))), 'app');
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  mkdirSync(path.join(dir, 'out'));
  writeFileSync(path.join(dir, 'out', '.keep'), '');
  writeFileSync(path.join(dir, 'data', 'in.txt'), 'data/etc/hostname');
  writeFileSync(path.join(dir, 'secret.txt'), 'not needed');
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'travel', main: 'server.js', engines: { node: engines }, scripts: { start: 'node server.js' }, permissionPolicy: { unresolved: 'warn' } }),
  );
  writeFileSync(
    path.join(dir, 'server.js'),
    [
      "const fs = require('fs');",
      "const path = require('path');",
      "fs.writeFileSync(path.join(__dirname, 'out', 'copy.txt'), fs.readFileSync(path.join(__dirname, 'data', 'in.txt')));",
      "let probe = 'allowed';",
      // The probe's path comes from a file, so the analysis cannot see it and grants nothing for it.
      "try { fs.readFileSync(fs.readFileSync(path.join(__dirname, 'data', 'in.txt'), 'utf8').slice(4)); } catch (e) { probe = e.code; }",
      "console.log('APP STARTED probe=' + probe);",
    ].join('\n'),
  );
  return dir;
}

/** A checkout of the written project in another folder. */
function checkout(dir: string): string {
  const other = path.join(realpathSync(mkdtempSync(path.join(tmpdir(), 'npp-checkout-'))), 'elsewhere', 'app');
  cpSync(dir, other, { recursive: true });
  return other;
}

function assertRanGuarded(r: { code: number | null; stdout: string; stderr: string }, where: string) {
  assert.equal(r.code, 0, `${where}: ${r.stderr}`);
  assert.match(r.stdout, /APP STARTED probe=ERR_ACCESS_DENIED/, where);
}

test('a permission.flags written on this Node runs through exec on 20, 22, 24 and 26 from another checkout', () => {
  const dir = writtenApp('>=20');
  const wrote = generateFlags(['-o', 'permission.flags'], dir);
  assert.equal(wrote.code, 0, wrote.stderr);
  const flags = readFileSync(path.join(dir, 'permission.flags'), 'utf8');
  assert.doesNotMatch(flags, new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the file carries no absolute path of this checkout');
  const other = checkout(dir);
  for (const major of majors) {
    const r = run(nodeBinary(major), [cli, 'exec', '--', 'server.js'], other);
    assertRanGuarded({ ...r, stdout: r.stdout }, `Node ${major}`);
  }
  writeFileSync(path.join(other, 'data', 'in.txt'), 'data' + path.join(other, 'secret.txt'));
  assertRanGuarded(run(nodeBinary('24'), [cli, 'exec', '--', 'server.js'], other), 'a file of the project the app does not need');
});

test('a start script written for an engines range runs on each Node of it, from another checkout', () => {
  const dir = writtenApp('>=22.13.0 <23 || >=24');
  const wrote = generateFlags(['--script', 'start', '--write'], dir);
  assert.equal(wrote.code, 0, wrote.stderr);
  const script = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).scripts.start as string;
  assert.match(script, /^node --permission --allow-fs-read=\.\//);
  const check = generateFlags(['--check'], dir);
  assert.equal(check.code, 0, `--check reads the script for the same range: ${check.stdout}${check.stderr}`);
  const other = checkout(dir);
  for (const major of ['22', '24', '26']) {
    const words = script.split(' ').slice(1); // the script has no quoting: plain relative paths
    assertRanGuarded(run(nodeBinary(major), words, other), `Node ${major}`);
  }
});

test('a start script for a range no one spelling serves is refused with the launch that serves it', () => {
  const r = generateFlags(['--script', 'start'], writtenApp('>=20'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /a start script with flags cannot serve every Node engines\.node '>=20' allows/);
  assert.match(r.stderr, /hint: start the app with `generate-flags exec -- ENTRY`/);
});

test('a config file written for an engines range runs on each Node of it, from another checkout; on 20 it is refused with the alternative', () => {
  const dir = writtenApp('>=22.16.0 <23 || >=24');
  const wrote = generateFlags(['--format', 'config', '-o', 'node.config.json'], dir);
  assert.equal(wrote.code, 0, wrote.stderr);
  const other = checkout(dir);
  for (const major of ['22', '24', '26']) {
    assertRanGuarded(run(nodeBinary(major), ['--experimental-config-file=node.config.json', 'server.js'], other), `Node ${major}`);
  }
  const old = generateFlags(['--format', 'config'], writtenApp('>=20'));
  assert.equal(old.code, 2);
  assert.match(old.stderr, /a node\.config\.json cannot serve every Node engines\.node '>=20' allows: /);
  assert.match(old.stderr, /generate-flags exec/);
});
