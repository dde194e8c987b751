// `generate-flags verify` as a user meets it: the CLI spawned with a minimal environment runs a
// small app in audit mode on a real Node with a usable audit mode (--node, 24 and 26) and reports
// silent misses, known unknowns, stale and unused grants, while the app keeps its stdout and
// exit code. On Node 20 and 22 it exits 2 and names the lines that can verify.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { draft07Validator } from './support/json-schema.js';
import { nodeBinary } from './support/node-binaries.js';
import { tempProject } from './support/temp-dirs.js';
import { cliPath as cli } from './support/cli.js';

const repo = path.join(import.meta.dirname, '..');
const validate = draft07Validator(JSON.parse(fs.readFileSync(path.join(repo, 'schema', 'verify-report.schema.json'), 'utf8')));

function verify(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cli, 'verify', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Line 3 is a known unknown (FS_PATH_UNKNOWN); line 4 is a read the analysis does not see and
// does not report (a member an object literal has, written by another module's function through
// `Object.assign(o, { file })`: the literal's value is granted, the written one is not; a Map was
// reported since holes-13, the exports handed on since escape-14, another module's export or
// whole exports kept in an object since silent-16, a getter returning one since silent-17, which
// also follows a callee's `o.file = …`; if the analysis learns this one, pick another silent form
// here); line 5 is granted.
const appFiles = {
  'package.json': '{"name":"v","main":"index.js"}',
  'index.js': [
    "const fs = require('fs');",
    "const name = ['ext', 'ra.txt'].join(String.fromCharCode());",
    'fs.readFileSync(name);',
    "const d = { file: __dirname + '/data.txt' }; require('./lib').fill(d); fs.readFileSync(d.file);",
    "fs.readFileSync(__dirname + '/data.txt');",
    "console.log('ok');",
    'process.exitCode = Number(process.env.APP_EXIT || 0);',
  ].join('\n'),
  'extra.txt': 'e',
  'hidden.txt': 'h',
  'lib.js': "exports.fill = function (o) { Object.assign(o, { file: __dirname + '/hidden.txt' }); };",
  'data.txt': 'd',
};

for (const major of ['24', '26']) {
  describe(`verify on Node ${major}`, { concurrency: true }, () => {
    const node = nodeBinary(major);

    it('reports the silent miss and the known unknown, keeps the app stdout, exits 1', () => {
      const dir = fs.realpathSync(tempProject('npp-verify-', appFiles));
      const r = verify(['--node', node, '--unresolved', 'warn', '--', 'node', 'index.js'], dir);
      assert.equal(r.stdout, 'ok\n');
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /--allow-fs-read=\.\/hidden\.txt\n\s+fs\.readFileSync at index\.js:4:\d+\n\s+SILENT MISS/);
      assert.match(r.stderr, /--allow-fs-read=\.\/extra\.txt\n\s+fs\.readFileSync at index\.js:3:\d+\n\s+known unknown: FS_PATH_UNKNOWN at index\.js:3:1/);
      assert.doesNotMatch(r.stderr, /data\.txt/);
    });

    it('writes a JSON report that matches its schema, and keeps the app exit code', () => {
      const dir = fs.realpathSync(tempProject('npp-verify-', appFiles));
      const r = verify(['--node', node, '--unresolved', 'warn', '--format', 'json', '-o', 'verify.json', '--', 'node', 'index.js'], dir, { APP_EXIT: '3' });
      assert.equal(r.code, 3, r.stderr);
      assert.equal(r.stderr, '');
      const report = JSON.parse(fs.readFileSync(path.join(dir, 'verify.json'), 'utf8'));
      assert.deepEqual(validate(report), []);
      assert.deepEqual(report.exit, { code: 3, signal: null });
      assert.equal(report.node.version.split('.')[0], major);
      const byPath = Object.fromEntries(report.missing.map((a: { path: string; status: string }) => [path.basename(a.path), a.status]));
      assert.deepEqual(byPath, { 'extra.txt': 'reported', 'hidden.txt': 'silent' });
      assert.equal(report.counts.silent, 1);
    });

    it('ties an access made after an await to a report at the module\'s top-level await that called it', () => {
      // The model stands in for lib and reports its unknown read at the app's call, line 2; the
      // read runs after lib's own await, where the app's frame is an async one with no name.
      const model = { package: 'lib', versions: '*', description: 'later(p) reads p', calls: { later: [{ read: '{arg0}' }] } };
      const dir = fs.realpathSync(tempProject('npp-verify-', {
        'package.json': '{"name":"v","type":"module","main":"index.js"}',
        'index.js': "import { later } from 'lib';\nawait later(process.env.DATA_FILE);\nconsole.log('ok');\n",
        'node_modules/lib/package.json': '{"name":"lib","version":"1.0.0","type":"module","main":"index.js"}',
        'node_modules/lib/index.js': "import { readFile } from 'node:fs/promises';\nexport async function later(p) {\n  await null;\n  return readFile(p);\n}\n",
        'permission-models/lib.json': JSON.stringify(model),
        'data.txt': 'd',
      }));
      const r = verify(['--node', node, '--unresolved', 'warn', '--format', 'json', '-o', 'verify.json', '--', 'node', 'index.js'], dir, { DATA_FILE: path.join(dir, 'data.txt') });
      assert.equal(r.code, 1, r.stderr);
      const report = JSON.parse(fs.readFileSync(path.join(dir, 'verify.json'), 'utf8'));
      const byPath = Object.fromEntries(report.missing.map((a: { path: string; status: string }) => [path.basename(a.path), a.status]));
      assert.deepEqual(byPath, { 'data.txt': 'reported' });
    });

    it('leaves the app its working folder when a module caches process.cwd (graceful-fs)', () => {
      // graceful-fs replaces process.cwd with a cached copy and process.chdir with one that clears
      // the cache and then changes folder. The recorder asked process.cwd() inside chdir's own
      // check, before the change, so the cache kept the old folder: the app ran elsewhere than it
      // asked (seen measuring @pnpm/npm-conf, whose project .npmrc was then never read).
      const dir = fs.realpathSync(tempProject('npp-verify-', {
        'package.json': '{"name":"v","main":"index.js"}',
        'index.js': "require('cwdcache');\nprocess.chdir(__dirname + '/sub');\nconsole.log(require('path').basename(process.cwd()));\n",
        'node_modules/cwdcache/package.json': '{"name":"cwdcache","version":"1.0.0","main":"index.js"}',
        'node_modules/cwdcache/index.js': [
          'const origCwd = process.cwd;',
          'let cwd = null;',
          'process.cwd = function () { if (!cwd) cwd = origCwd.call(process); return cwd; };',
          'const chdir = process.chdir;',
          'process.chdir = function (d) { cwd = null; chdir.call(process, d); };',
        ].join('\n'),
        'sub/.keep': '',
      }));
      const r = verify(['--node', node, '--unresolved', 'warn', '--', 'node', 'index.js'], dir);
      assert.equal(r.stdout, 'sub\n', r.stderr);
    });

    it('reads the stack as Node writes it when the app replaces Error.prepareStackTrace (source-map-support)', () => {
      // @babel/register installs source-map-support, which rewrites every stack through the
      // .map files beside compiled modules (its own cache.cjs became src/worker/cache.cts): the
      // recorder then named a file the analysis never read, and a reported access counted silent.
      const dir = fs.realpathSync(tempProject('npp-verify-', {
        'package.json': '{"name":"v","main":"index.js"}',
        'index.js': "require('./mapper');\nconst name = ['ext', 'ra.txt'].join(String.fromCharCode());\nrequire('fs').readFileSync(name);\nconsole.log('ok');\n",
        'mapper.js': "Error.prepareStackTrace = () => 'Error\\n    at original (/src/elsewhere.ts:1:1)';\n",
        'extra.txt': 'e',
      }));
      const r = verify(['--node', node, '--unresolved', 'warn', '--', 'node', 'index.js'], dir);
      assert.equal(r.stdout, 'ok\n');
      assert.match(r.stderr, /--allow-fs-read=\.\/extra\.txt\n\s+fs\.readFileSync at index\.js:3:\d+\n\s+known unknown: FS_PATH_UNKNOWN at index\.js:3:1/);
    });

    it('checks a committed policy: a grant it lacks is stale, a grant never used is listed, exit 0 when nothing is missing', () => {
      const dir = fs.realpathSync(tempProject('npp-verify-', {
        'package.json': '{"name":"v","main":"index.js"}',
        'index.js': "require('fs').readFileSync(__dirname + '/data.txt'); require('fs').readFileSync(__dirname + '/more.txt'); console.log('ok');",
        'data.txt': 'd',
        'more.txt': 'm',
        'permission.flags': '--permission --allow-fs-read=./index.js --allow-fs-read=./data.txt --allow-fs-read=./old.txt\n',
      }));
      const stale = verify(['--node', node, '--', 'node', 'index.js'], dir);
      assert.equal(stale.code, 1, stale.stderr);
      assert.match(stale.stderr, /policy: permission\.flags/);
      assert.match(stale.stderr, /--allow-fs-read=\.\/more\.txt\n.*\n\s+the analysis grants it now: regenerate the policy/);
      assert.match(stale.stderr, /never used[^\n]*\n(\s+--allow-fs-read=[^\n]*\n)*\s+--allow-fs-read=\.\/old\.txt/);
      fs.writeFileSync(path.join(dir, 'permission.flags'), '--permission --allow-fs-read=./index.js --allow-fs-read=./data.txt --allow-fs-read=./more.txt\n');
      const ok = verify(['--node', node, '--', 'node', 'index.js'], dir);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stderr, /nothing missing/);
    });
  });
}

describe('verify through npm and a child process', () => {
  it('audits the node that an npm script starts, and its children', () => {
    const dir = fs.realpathSync(tempProject('npp-verify-', {
      'package.json': JSON.stringify({ name: 'v', main: 'index.js', scripts: { smoke: 'node index.js' } }),
      'index.js': "require('child_process').execFileSync(process.execPath, [__dirname + '/child.js'], { stdio: 'inherit' });",
      'child.js': "const d = { file: __dirname + '/shown.txt' }; require('./lib').fill(d); require('fs').readFileSync(d.file); console.log('child ok');",
      'hidden.txt': 'h',
      'lib.js': "exports.fill = function (o) { Object.assign(o, { file: __dirname + '/hidden.txt' }); };",
    }));
    const r = verify(['--node', nodeBinary('26'), '--', 'npm', 'run', '--silent', 'smoke'], dir);
    assert.equal(r.stdout, 'child ok\n');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /on Node 26\./);
    assert.match(r.stderr, /--allow-fs-read=\.\/hidden\.txt\n\s+fs\.readFileSync at child\.js:1:\d+\n\s+SILENT MISS/);
  });
});

describe('verify on a Node without a usable audit mode', () => {
  for (const major of ['20', '22']) {
    it(`Node ${major}: exits 2 and names the lines that can verify, without running the app`, () => {
      const dir = tempProject('npp-verify-', { 'package.json': '{"name":"v"}', 'index.js': "require('fs').writeFileSync(__dirname + '/ran', '')" });
      const r = verify(['--node', nodeBinary(major), '--', 'node', 'index.js'], dir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, new RegExp(`Node ${major}\\.\\d+\\.\\d+ has no --permission-audit`));
      assert.match(r.stderr, /Node 24 and 26/);
      assert.equal(fs.existsSync(path.join(dir, 'ran')), false);
    });
  }

  it('usage errors exit 2 with a hint', () => {
    const r = verify([], repo);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no command to run\nhint: /);
  });
});
