// `generate-flags verify --write`: what a run needed beyond the policy is recorded in
// package.json permissionPolicy.observed with its evidence, folded like the analysis folds (a
// file written in a folder the code created becomes the folder, unless that would take in a
// secret the run did not read), replaced on every run, and granted from then on with reason
// `observed`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../lib/index.js';
import { readObserved } from '../lib/project/observed.js';
import { observations, refuseBroad, setObserved, type RecordedAccess, type VerifyAccess } from '../lib/verify/index.js';
import { nodeBinary } from './support/node-binaries.js';
import { tempProject } from './support/temp-dirs.js';
import { cliPath as cli } from './support/cli.js';

const root = '/srv/app';
const entry = (p: string, site = 'index.js:1:1') => ({ capability: 'fs.read' as const, path: p, evidence: { command: 'npm test', date: '2026-12-06', site, package: '.' } });

function missing(capability: VerifyAccess['capability'], p: string | undefined, site: string): VerifyAccess {
  return { status: 'silent', flag: '', capability, ...(p ? { path: p } : {}), site, package: '.', stack: [] };
}

const mkdir = (p: string): RecordedAccess => ({
  pid: 1,
  tid: 0,
  permission: 'FileSystemWrite',
  resource: p,
  stack: [{ file: 'node:fs', line: 1, column: 1, fn: 'Object.mkdirSync' }, { file: `${root}/index.js`, line: 2, column: 1 }],
});

describe('observations', () => {
  const base = { root, command: 'node index.js', date: '2026-12-06', list: () => [] as string[] };

  it('folds files written in a folder the code created into the folder, and keeps reads as they are', () => {
    const got = observations({
      ...base,
      accesses: [mkdir(`${root}/cache`)],
      missing: [missing('fs.write', `${root}/cache/a.json`, 'index.js:3:1'), missing('fs.write', `${root}/cache/b/c.json`, 'index.js:4:1'), missing('fs.read', `${root}/cache/x`, 'index.js:5:1'), missing('child-process', undefined, 'index.js:6:1')],
    });
    assert.deepEqual(
      got.map((e) => `${e.capability} ${e.path ?? ''} ${e.evidence.site}`),
      ['fs.write cache/* index.js:3:1', 'fs.read cache/x index.js:5:1', 'child-process  index.js:6:1'],
    );
  });

  it('does not fold into a folder holding a secret the run did not read', () => {
    const got = observations({ ...base, list: () => ['.env', 'a.json'], accesses: [mkdir(`${root}/out`)], missing: [missing('fs.write', `${root}/out/a.json`, 'index.js:3:1')] });
    assert.deepEqual(got.map((e) => e.path), ['out/a.json']);
  });

  it('never folds into the project root, and keeps paths outside it absolute', () => {
    const got = observations({ ...base, accesses: [mkdir(root)], missing: [missing('fs.write', `${root}/a.log`, 'i.js:1:1'), missing('fs.read', '/etc/app.conf', 'i.js:2:1')] });
    assert.deepEqual(got.map((e) => e.path), ['a.log', '/etc/app.conf']);
  });
});

describe('refuseBroad', () => {
  // The record file is the app's to write to: a line it forges (or a real listing of `/`) must
  // not become a grant of everything in package.json.
  it('refuses *, the disk root and the home folder or above, as a path or a folder grant; keeps the rest', () => {
    const home = '/home/u';
    const paths = ['*', '/', '/*', '/home', home, `${home}/*`, `${home}/.ssh/id_rsa`, '/etc/app.conf', 'data/*', '.'];
    const { kept, refused } = refuseBroad(paths.map((p) => entry(p)), root, home);
    assert.deepEqual(refused.map((r) => `${r.entry.path} ${r.opens}`), ['* everything', '/ disk-root', '/* disk-root', '/home home', '/home/u home', '/home/u/* home']);
    assert.deepEqual(kept.map((e) => e.path), [`${home}/.ssh/id_rsa`, '/etc/app.conf', 'data/*', '.']);
  });
});

describe('setObserved', () => {
  const list = [entry('data/x.json')];

  it('adds permissionPolicy at the end, in the file\'s indentation and line endings', () => {
    const text = '{\r\n\t"name": "a",\r\n\t"version": "1.0.0"\r\n}\r\n';
    const out = setObserved(text, list);
    assert.deepEqual(JSON.parse(out), { name: 'a', version: '1.0.0', permissionPolicy: { observed: list } });
    assert.ok(out.startsWith('{\r\n\t"name": "a",\r\n\t"version": "1.0.0",\r\n\t"permissionPolicy": {\r\n\t\t"observed": [\r\n\t\t\t{'));
    assert.ok(out.endsWith('\r\n}\r\n'));
    assert.ok(!/[^\r]\n/.test(out));
  });

  it('adds observed to an existing permissionPolicy and keeps its other keys', () => {
    const text = '{\n  "name": "a",\n  "permissionPolicy": {\n    "read": ["./data"]\n  },\n  "x": 1\n}\n';
    const out = setObserved(text, list);
    assert.deepEqual(JSON.parse(out), { name: 'a', permissionPolicy: { read: ['./data'], observed: list }, x: 1 });
    assert.match(out, /\n {4}"read": \["\.\/data"\],\n {4}"observed": \[\n {6}\{/);
  });

  it('replaces earlier observations instead of adding to them, and handles an empty object', () => {
    const once = setObserved('{"name":"a","permissionPolicy":{}}', [entry('a')]);
    const twice = setObserved(once, [entry('b')]);
    assert.deepEqual(JSON.parse(twice).permissionPolicy, { observed: [entry('b')] });
    assert.equal(setObserved(twice, [entry('b')]), twice);
  });

  it('round-trips through readObserved', () => {
    const got = readObserved(JSON.parse(setObserved('{}', [entry('data/x.json'), { capability: 'fs.write', path: 'cache/*', evidence: { command: 'c', date: '2026-12-06' } }])), root);
    assert.deepEqual(got.map((g) => g.absolute), [`${root}/data/x.json`, `${root}/cache/*`]);
  });
});

describe('readObserved', () => {
  it('reads nothing when there is no permissionPolicy.observed', () => {
    assert.deepEqual(readObserved({ name: 'a' }, root), []);
    assert.deepEqual(readObserved({ permissionPolicy: { read: [] } }, root), []);
  });
  for (const [name, bad, where] of [
    ['an unknown capability', [{ capability: 'disk', evidence: { command: 'c', date: '2026-12-06' } }], 'observed[0].capability'],
    ['an fs entry without a path', [{ capability: 'fs.read', evidence: { command: 'c', date: '2026-12-06' } }], 'observed[0].path'],
    ['a bad date', [{ capability: 'worker', evidence: { command: 'c', date: 'today' } }], 'observed[0].evidence'],
    ['not an array', { a: 1 }, 'permissionPolicy.observed:'],
  ] as const) {
    it(`rejects ${name} with the place and a hint`, () => {
      assert.throws(() => readObserved({ permissionPolicy: { observed: bad } }, root), (e: Error & { code?: string; hint?: string }) => e.code === 'PACKAGE_JSON_INVALID' && e.message.includes(where) && Boolean(e.hint));
    });
  }

  it('the analysis grants observations with reason observed and their evidence', async () => {
    const dir = fs.realpathSync(tempProject('npp-observed-', {
      'package.json': JSON.stringify({ name: 'a', main: 'index.js', permissionPolicy: { observed: [entry('t.txt', 'index.js:2:3'), { capability: 'child-process', evidence: { command: 'npm test', date: '2026-12-06' } }] } }),
      'index.js': 'console.log(1)',
      't.txt': 't',
    }));
    const report = await analyze({ cwd: dir, target: '24' });
    assert.ok(report.flags.includes(`--allow-fs-read=${dir}/t.txt`));
    assert.ok(report.flags.includes('--allow-child-process'));
    const grant = report.policy.fsRead.find((g) => g.path === `${dir}/t.txt`)!;
    assert.deepEqual(grant.evidence, [{ reason: 'observed', package: '.', detail: 'observed by verify running npm test on 2026-12-06', site: { file: 'index.js', line: 2, column: 3 } }]);
    const without = await analyze({ cwd: dir, target: '24', observed: false });
    assert.ok(!without.flags.includes(`--allow-fs-read=${dir}/t.txt`));
  });
});

describe('verify --write on Node 26', () => {
  const run = (args: string[], cwd: string) =>
    spawnSync(process.execPath, [cli, ...args], {
      cwd,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' },
    });

  it('records the run, and from then on the policy includes it; a second run replaces the first', () => {
    const dir = fs.realpathSync(tempProject('npp-verify-write-', {
      'package.json': '{\n  "name": "w",\n  "main": "index.js"\n}\n',
      'index.js': [
        "const fs = require('fs'); const path = require('path');",
        "const dir = path.join(__dirname, ['ca', 'che'].join(String.fromCharCode()));",
        'fs.mkdirSync(dir, { recursive: true });',
        "fs.writeFileSync(path.join(dir, 'a.json'), '{}');",
        "const d = { file: path.join(__dirname, 'shown.txt') }; require('./lib').fill(d); fs.readFileSync(d.file);",
      ].join('\n'),
      'templates.txt': 't',
      'lib.js': "exports.fill = function (o) { Object.assign(o, { file: require('path').join(__dirname, 'templates.txt') }); };",
      '.env': 'SECRET=1',
    }));
    const first = run(['verify', '--node', nodeBinary('26'), '--write', '--', 'node', 'index.js'], dir);
    assert.equal(first.status, 1, first.stderr);
    assert.match(first.stderr, /recorded 2 observations in package\.json/);
    const observed = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).permissionPolicy.observed;
    assert.deepEqual(observed.map((o: { capability: string; path: string }) => `${o.capability} ${o.path}`), ['fs.write cache/*', 'fs.read templates.txt']);
    assert.deepEqual(observed[1].evidence, { command: 'node index.js', date: new Date().toISOString().slice(0, 10), site: 'index.js:5:85', package: '.' });
    assert.ok(!JSON.stringify(observed).includes('.env'));

    const flags = run(['--target', '26'], dir);
    assert.equal(flags.stdout.trim(), `--permission --allow-fs-read=${dir}/index.js --allow-fs-read=${dir}/lib.js --allow-fs-read=${dir}/shown.txt --allow-fs-read=${dir}/templates.txt '--allow-fs-write=${dir}/cache/*'`);

    const second = run(['verify', '--node', nodeBinary('26'), '--write', '--', 'node', 'index.js'], dir);
    assert.equal(second.status, 0, second.stderr);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).permissionPolicy.observed, observed);
  });

  it('does not record what the app writes into the record file that would open everything, the disk or home', () => {
    const dir = fs.realpathSync(tempProject('npp-verify-forged-', {
      'package.json': '{\n  "name": "f",\n  "main": "index.js"\n}\n',
      'index.js': [
        "const fs = require('fs');",
        "const line = (permission, resource) => JSON.stringify({ pid: process.pid, tid: 0, channel: 'node:permission-model:fs', permission, resource, stack: [{ file: __filename, line: 9, column: 1 }] }) + '\\n';",
        "fs.appendFileSync(process.env.NPP_VERIFY_RECORD, line('FileSystemRead', '*') + line('FileSystemWrite', '/') + line('FileSystemRead', require('os').homedir()) + line('FileSystemRead', __dirname + '/data.txt'));",
      ].join('\n'),
      'data.txt': 'd',
    }));
    const out = run(['verify', '--node', nodeBinary('26'), '--write', '--', 'node', 'index.js'], dir);
    assert.match(out.stderr, /not recorded: fs\.read \* \(asked at index\.js:9:1\) would open everything/);
    assert.match(out.stderr, /not recorded: fs\.write \/ .*would open the whole disk/);
    assert.match(out.stderr, /recorded 1 observation in package\.json/);
    const observed = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).permissionPolicy.observed;
    assert.deepEqual(observed.map((o: { capability: string; path: string }) => `${o.capability} ${o.path}`), ['fs.read data.txt']);
  });
});
