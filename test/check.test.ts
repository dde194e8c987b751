// `generate-flags --check` as a CI job runs it: a fixture copy gets a committed policy (the
// rewritten start script, permission.flags, or a merged node.config.json), the check passes,
// then the code changes and the check fails with exit 1, listing the grant that is missing
// with the code site that needs it, and the grant nothing needs any more.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { copyApp } from './support/app-copy.js';
import { mergeConfig } from '../lib/emit/config-merge.js';
import { grantCovers } from '../lib/policy-compare.js';
import { policyRisks } from '../lib/policy-risks.js';
import { cliPath as cli } from './support/cli.js';

const repo = path.join(import.meta.dirname, '..');

function generateFlags(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const copies: ReturnType<typeof copyApp>[] = [];
after(() => copies.forEach((c) => c.remove()));

function fixtureCopy(name: string): string {
  const copy = copyApp(path.join(repo, 'fixtures', name, 'app'), 'check');
  copies.push(copy);
  return copy.dir;
}

/** The new write the code gains: server.js appends to audit.log beside it. */
const newWrite = "\nrequire('fs').appendFileSync(require('path').join(__dirname, 'audit.log'), 'started\\n');\n";

test('--check on a rewritten start script: passes, then fails after the code gains a write', () => {
  const dir = fixtureCopy('script-four-spaces-chain');
  assert.equal(generateFlags(['--script', 'start', '--write', '--target', '22'], dir).code, 0);
  const ok = generateFlags(['--check', '--target', '22'], dir);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.equal(
    ok.stdout,
    'package.json script "start" (node … migrate.js): matches what the code needs for Node 22.23.3\n' +
      'package.json script "start" (node … server.js): matches what the code needs for Node 22.23.3\n',
  );

  appendFileSync(path.join(dir, 'server.js'), newWrite);
  const failed = generateFlags(['--check', '--target', '22'], dir);
  assert.equal(failed.code, 1, failed.stdout + failed.stderr);
  assert.match(failed.stdout, /^package\.json script "start" \(node … migrate\.js\): matches/m);
  assert.match(failed.stdout, /^package\.json script "start" \(node … server\.js\): does not match what the code needs for Node 22\.23\.3\n {2}missing:\n {4}--allow-fs-write=\.\/audit\.log\n {6}needed by fs\.appendFileSync at server\.js:14:1\n/m);
  assert.doesNotMatch(failed.stdout, /no longer needed/);
});

test('--check lists grants no longer needed, and a missing enable flag', () => {
  const dir = fixtureCopy('script-cd-subfolder');
  assert.equal(generateFlags(['--script', 'start', '--write', '--target', '24'], dir).code, 0);
  const pkgPath = path.join(dir, 'package.json');
  const pkg = readFileSync(pkgPath, 'utf8');
  // Someone adds a grant by hand and drops --permission.
  writeFileSync(pkgPath, pkg.replace('node --permission', 'node --allow-fs-read=./old-cache.json'));
  const r = generateFlags(['--check', '--target', '24'], dir);
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout,
    [
      'package.json script "start": does not match what the code needs for Node 24.21.0',
      '  the Permission Model is not switched on (needs --permission)',
      '  no longer needed:',
      '    --allow-fs-read=./services/api/old-cache.json',
      '',
    ].join('\n'),
  );
});

test('--check on permission.flags (found in the package root) and on --policy FILE', () => {
  const dir = fixtureCopy('script-tabs-crlf-cross-env');
  assert.equal(generateFlags(['--target', '26', '-o', 'permission.flags'], dir).code, 0);
  assert.equal(generateFlags(['--check', '--target', '26'], dir).code, 0);
  assert.equal(generateFlags(['--target', '26', '--format', 'args', '-o', 'policy.json'], dir).code, 0);
  assert.equal(generateFlags(['--check', '--target', '26', '--policy', 'policy.json'], dir).code, 0);
  appendFileSync(path.join(dir, 'server.js'), newWrite);
  for (const args of [[], ['--policy', 'policy.json']]) {
    const r = generateFlags(['--check', '--target', '26', ...args], dir);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /missing:\n {4}--allow-fs-write=\.\/audit\.log\n {6}needed by fs\.appendFileSync at server\.js:\d+:1\n/);
  }
});

test('--format config -o merges into node.config.json, and --check reads it as the target does', () => {
  const dir = fixtureCopy('script-four-spaces-chain');
  const configPath = path.join(dir, 'node.config.json');
  const existing = '{\r\n\t"$schema": "https://nodejs.org/dist/v24.0.0/docs/node-config-schema.json",\r\n\t"nodeOptions": {\r\n\t\t"enable-source-maps": true,\r\n\t\t"allow-worker": true\r\n\t},\r\n\t"testRunner": {\r\n\t\t"test-isolation": "none"\r\n\t}\r\n}\r\n';
  writeFileSync(configPath, existing);
  assert.equal(generateFlags(['server.js', '--target', '24', '--format', 'config', '-o', 'node.config.json'], dir).code, 0);
  const written = readFileSync(configPath, 'utf8');
  const config = JSON.parse(written);
  assert.deepEqual(Object.keys(config), ['$schema', 'nodeOptions', 'testRunner']);
  assert.equal(config.nodeOptions['enable-source-maps'], true);
  assert.equal(config.nodeOptions['allow-worker'], undefined, 'the old policy keys are replaced');
  assert.equal(config.nodeOptions.permission, true);
  assert.ok(written.includes('\r\n\t\t"enable-source-maps": true,'), 'tabs and CRLF kept');
  assert.ok(written.endsWith('}\r\n'));
  assert.equal(generateFlags(['server.js', '--check', '--target', '24'], dir).code, 0);
  // Node 22 ignores a 25+ style `permission` namespace: the check says the model is off.
  assert.equal(generateFlags(['server.js', '--target', '26', '--format', 'config', '-o', 'node.config.json'], dir).code, 0);
  const on22 = generateFlags(['server.js', '--check', '--target', '22'], dir);
  assert.equal(on22.code, 1);
  assert.match(on22.stdout, /^node\.config\.json: does not match .*\n {2}the Permission Model is not switched on \(needs --permission\)\n {2}missing:\n/);
  assert.equal(generateFlags(['server.js', '--check', '--target', '26'], dir).code, 0);
});

test('--check without a committed policy is a usage error', () => {
  const dir = fixtureCopy('script-cd-subfolder');
  const r = generateFlags(['--check'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^generate-flags: no committed policy found: .*\nhint: /);
});

test('mergeConfig keeps other keys and the file style, and drops a stale namespace', () => {
  const existing = '{\n    "nodeOptions": {\n        "max-http-header-size": 16384,\n        "permission": true,\n        "allow-fs-read": ["/old"]\n    }\n}';
  const merged = mergeConfig(existing, { permission: { 'allow-fs-read': ['/srv/app/server.js'] } });
  assert.equal(merged, '{\n    "nodeOptions": {\n        "max-http-header-size": 16384\n    },\n    "permission": {\n        "allow-fs-read": [\n            "/srv/app/server.js"\n        ]\n    }\n}');
  assert.throws(() => mergeConfig('{ nope', {}), { code: 'POLICY_INVALID' });
});

const covers: [string, string, boolean][] = [
  ['*', '/srv/app/x', true],
  ['/srv/app/logs/*', '/srv/app/logs/a.log', true],
  ['/srv/app/logs/*', '/srv/app/logs/*', true],
  ['/srv/app/logs/*', '/srv/app/logs', true],
  ['/srv/app/logs/*', '/srv/app/logsX/a', false],
  ['/srv/app/out-*', '/srv/app/out-1.txt', true],
  ['/srv/app/x.js', '/srv/app/x.js', true],
  ['/srv/app/x.js', '/srv/app/y.js', false],
  ['/srv/app/data', '/srv/app/data/a.txt', false], // not a folder on this machine
];

for (const [granted, needed, expected] of covers) {
  test(`grant ${granted} covers ${needed}: ${expected}`, () => assert.equal(grantCovers(granted, needed, () => false), expected));
}

test('--check says so when the committed absolute paths belong to another checkout', () => {
  const dir = fixtureCopy('script-cd-subfolder');
  const elsewhere = fixtureCopy('script-cd-subfolder');
  assert.equal(generateFlags(['--target', '22', '-o', path.join(dir, 'permission.flags')], elsewhere).code, 0);
  const r = generateFlags(['--check', '--target', '22'], dir);
  assert.equal(r.code, 1);
  assert.match(r.stdout, new RegExp(`\\n {2}note: the committed paths are absolute and none is in this project \\(${dir}\\); was the policy generated in another folder\\?\\n$`));
});

// Issue #14 item 5: a committed policy that grants write on the project root fails the check even
// when it matches what the analysis (given the same --write) produces; one that allows child
// processes passes, but says that they void the model.
test('--check fails on a policy that grants write on the project root, and names child processes', () => {
  const dir = fixtureCopy('child-process-spawn');
  assert.equal(generateFlags(['--target', '26', '--write', '.', '-o', 'permission.flags'], dir).code, 0);
  const r = generateFlags(['--check', '--target', '26', '--write', '.'], dir);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /permission\.flags: matches what the code needs/);
  assert.match(r.stdout, /^ {2}error POLICY_WRITE_TOO_BROAD: permission\.flags grants write on the project root/m);
  assert.match(r.stdout, /^ {2}warning POLICY_VOIDS_MODEL: permission\.flags allows child processes \(--allow-child-process\)/m);
  assert.equal(generateFlags(['--target', '26', '-o', 'permission.flags'], dir).code, 0);
  const spawnOnly = generateFlags(['--check', '--target', '26'], dir);
  assert.equal(spawnOnly.code, 0, spawnOnly.stdout);
  assert.match(spawnOnly.stdout, /POLICY_VOIDS_MODEL/);
  assert.doesNotMatch(spawnOnly.stdout, /POLICY_WRITE_TOO_BROAD/);
});

// The rule behind POLICY_WRITE_TOO_BROAD, for a project at /home/u/app: any write grant that
// covers everything, the disk root, the home folder or the project root, as Node matches grants.
const riskRows: [string, string][] = [
  ['*', 'everything'],
  ['/', 'disk-root'],
  ['/*', 'disk-root'],
  ['/ho*', 'home'],
  ['/home', 'home'],
  ['/home/u/*', 'home'],
  ['/home/u*', 'home'],
  ['/home/u/app', 'project-root'],
  ['/home/u/app/', 'project-root'],
  ['/home/u/app/*', 'project-root'],
  ['/home/u/ap*', 'project-root'],
  ['/home/u/app/logs/*', 'none'],
  ['/home/u/app/logs/app-*', 'none'],
  ['/tmp/*', 'none'],
  ['/home/u/.cache/app/*', 'none'],
  // Node resolves a grant's `..` before it matches (measured on 22, 24 and 26).
  ['/home/u/app/..', 'home'],
  ['/home/u/app/logs/../*', 'project-root'],
  ['/tmp/../', 'disk-root'],
  ['/tmp/..*', 'disk-root'],
  ['/home/u/app/logs/./*', 'none'],
  ['/proc/self/*', 'disk-root'],
];
for (const [grant, expected] of riskRows) {
  test(`committed write ${grant}: ${expected}`, () => {
    const risks = policyRisks({ source: 'p', read: [], write: [grant], allow: [], base: '/home/u/app' }, '/home/u/app', '/home/u');
    assert.equal(risks.map((d) => (d.code === 'POLICY_WRITE_TOO_BROAD' ? d.args.opens : d.code)).join(',') || 'none', expected);
  });
}

// POLICY_READ_TOO_BROAD: a read grant that covers everything, the disk root or the home folder
// (the user's secrets); the project root is not reported here.
const readRiskRows: [string, string][] = [
  ['*', 'everything'],
  ['/', 'disk-root'],
  ['/ho*', 'home'],
  ['/home/u/*', 'home'],
  ['/home/u/app/..', 'home'],
  ['/tmp/../*', 'disk-root'],
  ['/home/u/app/*', 'none'],
  ['/home/u/.config/app/*', 'none'],
  ['/etc/app.conf', 'none'],
  // /proc/<pid>/root links the disk root, and Node checks the path string (fixtures/hole-prefix-grant-proc-root-link).
  ['/proc/*', 'disk-root'],
  ['/proc', 'disk-root'],
  ['/proc/self/root/etc/*', 'disk-root'],
  ['/proc/1*', 'disk-root'],
  ['/proc*', 'disk-root'],
  ['/procfs/*', 'none'],
  ['/proc/12/ro*', 'disk-root'],
  ['/proc/12/exe', 'none'],
  ['/proc/self/cwd/*', 'disk-root'],
  ['/proc/cpuinfo', 'none'],
  ['/proc/sys/kernel/*', 'none'],
];
for (const [grant, expected] of readRiskRows) {
  test(`committed read ${grant}: ${expected}`, () => {
    const risks = policyRisks({ source: 'p', read: [grant], write: [], allow: [], base: '/home/u/app' }, '/home/u/app', '/home/u');
    assert.equal(risks.map((d) => (d.code === 'POLICY_READ_TOO_BROAD' ? d.args.opens : d.code)).join(',') || 'none', expected);
  });
}
