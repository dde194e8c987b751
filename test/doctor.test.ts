// `generate-flags doctor` and the advisory output of the default command, as a user meets them:
// spawned with a minimal environment, asserting stdout, stderr and the exit code.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mkdtempSync } from './support/temp-dirs.js';
import { cliPath as cli } from './support/cli.js';

/** Runs generate-flags; asynchronous so that the tests below run side by side. */
function generateFlags(args: string[], env: Record<string, string> = {}, cwd = tmpdir()): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('generate-flags doctor and the advisory warnings', { concurrency: true }, () => {
  test('doctor on an end-of-life line: limits, end-of-life and the advisories it will never get fixed', async () => {
    const r = await generateFlags(['doctor', '--target', '23']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Node 23\.11\.1 \(--target: 23\)\nEnable with --permission\n/);
    assert.match(r.stdout, /^ {2}inspector +always denied, cannot be allowed$/m);
    assert.match(r.stdout, /^ {2}net +not restricted$/m);
    assert.match(r.stdout, /^ {2}- a child process started under --allow-child-process runs without the model$/m);
    // fs.exists never throws, but its answer is gated (true only inside the read grants): not "unchecked".
    assert.match(r.stdout, /^ {2}- fs\.exists answers false for a path outside the read grants \(it never throws\); a true answer needs the grant$/m);
    assert.doesNotMatch(r.stdout, /not checked at all: [^\n]*fs\.exists/);
    assert.match(r.stdout, /^ {2}Node 23: end-of-life since 2025-06-01/m);
    assert.match(r.stdout, /^ {2}CVE-2025-55130 on 23\.11\.1 \(high; inferred: /m);
    assert.equal(r.stderr, '');
  });

  test('doctor --strict exits 1 when something is unfixed, 0 when nothing is', async () => {
    assert.equal((await generateFlags(['doctor', '--target', '23', '--strict'])).code, 1);
    const newest = await generateFlags(['doctor', '--target', '26', '--strict']);
    assert.equal(newest.code, 0, newest.stdout);
    assert.match(newest.stdout, /advisories not fixed .*:\n {2}none\n$/);
  });

  test('doctor for a range says where each flag exists', async () => {
    const r = await generateFlags(['doctor', '--target', '>=24']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Node >=24 \(--target\): 24, 25, 26$/m);
    assert.match(r.stdout, /^ {2}net +--allow-net on 25, 26; not restricted on 24$/m);
    assert.match(r.stdout, /^ {2}inspector +--allow-inspector on 24\.12\+, 25, 26; always denied, cannot be allowed on 24\.0–24\.11$/m);
  });

  test('doctor reads the target from the project, and prints JSON on request', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'npp-doctor-'));
    writeFileSync(path.join(dir, 'package.json'), '{}');
    writeFileSync(path.join(dir, '.node-version'), '22.5.0\n');
    const r = await generateFlags(['doctor', '--json', '--cwd', dir]);
    assert.equal(r.code, 0, r.stderr);
    const check = JSON.parse(r.stdout);
    assert.deepEqual(check.target, { version: '22.5.0', major: 22, source: 'node-version', from: '22.5.0' });
    assert.equal(check.enableFlag, '--experimental-permission');
    assert.ok(check.advisories.unfixed.some((a: { id: string }) => a.id === 'CVE-2025-23083'));
  });

  test('doctor refuses a range no single flag covers, with the reason and a narrower range', async () => {
    const r = await generateFlags(['doctor', '--target', '>=20']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^generate-flags: no one flag enables the Permission Model on all of '>=20': .*\nhint: narrow the range \(e\.g\. '>=22\.13\.0 <23\.0\.0 \|\| >=23\.5\.0'\)/);
  });

  test('--refresh-advisories offline: one line, exit 2, no stack', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.json`;
    await new Promise((resolve) => server.close(resolve));
    const r = await generateFlags(['doctor', '--target', '24', '--refresh-advisories'], { NPP_ADVISORIES_URL: url });
    assert.equal(r.code, 2);
    assert.equal(r.stderr.split('\n')[0], `generate-flags: cannot read the advisory index at ${url}: connection refused`);
    assert.match(r.stderr.split('\n')[1]!, /^hint: leave out --refresh-advisories/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  test('--refresh-advisories uses the index it was pointed at', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'npp-live-')), 'index.json');
    writeFileSync(file, JSON.stringify({ 1: { cve: ['CVE-2099-0001'], vulnerable: '26.x', patched: '^26.11.0', description: 'A new permission model bypass' } }));
    const r = await generateFlags(['doctor', '--target', '26', '--refresh-advisories'], { NPP_ADVISORIES_URL: pathToFileURL(file).href });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`advisories not fixed \\(${pathToFileURL(file).href.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')};`));
    assert.match(r.stdout, /^ {2}CVE-2099-0001 on 26\.10\.0 \(summary not reviewed\)\n {6}A new permission model bypass\n {6}fixed in 26\.11\.0; upgrade to 26\.11\.0 or later$/m);
  });

  test('the default command warns about an end-of-life target and still exits 0', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'npp-eol-cli-'));
    writeFileSync(path.join(dir, 'package.json'), '{"main":"index.js"}');
    writeFileSync(path.join(dir, 'index.js'), '');
    const r = await generateFlags(['--cwd', dir, '--target', '23']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^warning TARGET_EOL: Node 23 reached end-of-life on 2025-06-01/m);
    assert.match(r.stderr, /^warning ADVISORY_UNFIXED: CVE-2025-55130 affects Node 23\.11\.1 /m);
  });

  test('the default command checks against the live index with --refresh-advisories', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'npp-refresh-cli-'));
    writeFileSync(path.join(dir, 'package.json'), '{"main":"index.js"}');
    writeFileSync(path.join(dir, 'index.js'), '');
    const file = path.join(dir, 'index.json');
    writeFileSync(file, JSON.stringify({ 1: { cve: ['CVE-2099-0001'], vulnerable: '26.x', patched: '^26.11.0', description: 'A new permission model bypass' } }));
    const env = { NPP_ADVISORIES_URL: pathToFileURL(file).href };
    const bundled = await generateFlags(['--cwd', dir, '--target', '26'], env);
    assert.doesNotMatch(bundled.stderr, /CVE-2099-0001/);
    const live = await generateFlags(['--cwd', dir, '--target', '26', '--refresh-advisories', '--format', 'json'], env);
    assert.equal(live.code, 0, live.stderr);
    assert.match(live.stderr, /^warning ADVISORY_UNFIXED: CVE-2099-0001 affects Node 26\.10\.0: A new permission model bypass; fixed in 26\.11\.0 /m);
    assert.equal(JSON.parse(live.stdout).advisories.source, env.NPP_ADVISORIES_URL);
  });
});
