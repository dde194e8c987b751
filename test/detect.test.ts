// The detectors' specification: each row is a snippet and the needs it yields, written
// `capability path` (a trailing `/…` marks a folder subtree) or `? capability reason` for an
// unresolved access.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBuiltin } from 'node:module';
import { findings } from './support/snippet.js';
import { broadFolders } from '../lib/detect/prefix.js';

function summary(source: string, file?: string): string[] {
  const f = findings(source, file);
  return [
    ...f.needs.map((n) => (n.path ? `${n.capability} ${n.path}${n.subtree ? '/…' : ''}${n.wildcard ? '*' : ''}${n.linksOnTheWay ? ' (links on the way)' : ''}` : n.capability)),
    ...f.unresolved.map((u) => `? ${u.capability} ${u.reason}`),
    ...f.modules.filter((m) => !isBuiltin(m.specifier)).map((m) => `load(${m.kind}) ${m.specifier}`),
    ...f.diagnostics.filter((d) => d.code !== 'FS_PATH_UNKNOWN' && d.code !== 'IMPORT_DYNAMIC').map((d) => `! ${d.code}`),
  ].sort();
}

const rows: [string, string[]][] = [
  [`require('fs').readFileSync('/etc/x')`, ['fs.read /etc/x']],
  [`const fs = require('node:fs'); fs.writeFileSync('out.txt', '')`, ['fs.write /app/out.txt']],
  [`require('fs').readFile('a', () => {})`, ['fs.read /app/a']],
  [`require('fs').promises.appendFile('/l', 'x')`, ['fs.write /l']],
  [`require('fs/promises').rm('/t')`, ['fs.read /t', 'fs.write /t']],
  [`require('fs').truncateSync('/t')`, ['fs.read /t', 'fs.write /t']],
  [`require('fs').renameSync('/a', '/b')`, ['fs.read /a', 'fs.write /a', 'fs.write /b']],
  [`require('fs').copyFileSync('/a', '/b')`, ['fs.read /a', 'fs.write /b']],
  [`require('fs').cpSync('/a', '/b')`, ['fs.read /a', 'fs.read /b', 'fs.write /b']],
  [`require('fs').openSync('/a')`, ['fs.read /a']],
  [`require('fs').openSync('/a', 'w')`, ['fs.write /a']],
  [`require('fs').openSync('/a', 'r+')`, ['fs.read /a', 'fs.write /a']],
  // Numeric open(2) flags on Linux: the read-only access mode without O_CREAT/O_TRUNC/O_APPEND reads alone (strtok3).
  [`const { O_RDONLY, O_NONBLOCK } = require('fs').constants; require('fs').openSync('/a', O_RDONLY | O_NONBLOCK)`, ['fs.read /a']],
  [`const c = require('constants'); require('fs').openSync('/a', c.O_RDONLY | c.O_SYNC | c.O_NOATIME)`, ['fs.read /a']],
  [`require('fs').openSync('/a', 0)`, ['fs.read /a']],
  [`const fs = require('fs'); fs.openSync('/a', fs.constants.O_WRONLY)`, ['fs.write /a']],
  [`const fs = require('fs'); fs.openSync('/a', fs.constants.O_WRONLY | fs.constants.O_CREAT)`, ['fs.read /a', 'fs.write /a']],
  [`const fs = require('fs'); fs.openSync('/a', fs.constants.O_RDONLY | fs.constants.O_CREAT)`, ['fs.read /a', 'fs.write /a']],
  [`const fs = require('fs'); fs.openSync('/a', fs.constants.O_RDONLY | fs.constants.O_TRUNC)`, ['fs.read /a', 'fs.write /a']],
  [`const fs = require('fs'); fs.openSync('/a', fs.constants.O_RDONLY | fs.constants.O_APPEND)`, ['fs.read /a', 'fs.write /a']],
  [`const fs = require('fs'); fs.openSync('/a', fs.constants.O_RDWR | fs.constants.O_NONBLOCK)`, ['fs.read /a', 'fs.write /a']],
  // A flag whose bits differ between Linux on x64 and arm64 does not fold: it may write.
  [`const fs = require('fs'); fs.openSync('/a', fs.constants.O_RDONLY | fs.constants.O_DIRECTORY)`, ['fs.read /a', 'fs.write /a']],
  [`const fs = require('fs'); fs.openSync('/a', fs.constants.O_RDONLY | process.x)`, ['fs.read /a', 'fs.write /a']],
  [`require('fs').createReadStream('/a')`, ['fs.read /a']],
  [`require('fs').createWriteStream('/a')`, ['fs.write /a']],
  [`require('fs').existsSync('/a')`, ['fs.read /a']],
  // Never throws, but answers false for a path it may not read (trials-15): a read.
  [`require('fs').exists('/a', () => {})`, ['fs.read /a']],
  // A known path is taken to be plain (not checked); one that does not fold may be a link, which is read.
  // Only the links on the way of a known path (the graph finds them on the disk, lib/graph/realpath-links.ts).
  [`require('fs').realpathSync('/a')`, ['fs.read /a (links on the way)']],
  [`require('fs').realpathSync(process.env.X)`, ['? fs.read env-unbound']],
  [`require('fs').realpath('/a', () => {})`, ['! FS_NEEDS_ANCESTOR_READ', 'fs.read /a']],
  [`require('fs').symlinkSync('/a', '/b')`, ['! FS_SYMLINK_NEEDS_FULL']],
  [`require('fs').fchmodSync(3, 0o644)`, ['! API_ALWAYS_DENIED']],
  [`require('fs').fsyncSync(3)`, ['! API_ALWAYS_DENIED']],
  [`if (process.platform === 'win32') require('fs').readFileSync('/w')`, []],
  [`var t={147:e=>{"use strict";e.exports=require("fs")},17:e=>{e.exports=require("path")}};function n(r){var i={exports:{}};return t[r](i,i.exports,n),i.exports} n(147).readFileSync('/m')`, ['fs.read /m']],
  [`var __require = ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {}) : x)(function (x) { throw Error('no ' + x); }); __require("fs").readFileSync('/q')`, ['fs.read /q']],
  [`var __toESM = (mod) => mod; var import_fs = __toESM(require("fs")); (0, import_fs.writeFileSync)('/e', '')`, ['fs.write /e']],
  [`var __toESM = (mod) => mod; var import_promises = __toESM(require("fs/promises")); import_promises.default.readFile('/p')`, ['fs.read /p']],
  [`var __importDefault = (this && this.__importDefault) || function (mod) { return mod; }; const fs_1 = __importDefault(require("fs")); fs_1.default.readFileSync('/t')`, ['fs.read /t']],
  [`switch (process.platform) { case 'darwin': require('fs').readFileSync('/d'); break; case 'linux': require('fs').readFileSync('/l'); }`, ['fs.read /l']],
  [`switch (require('os').arch()) { case 'arm64': case 'x64': require('fs').readFileSync('/a'); break; default: require('fs').readFileSync('/o'); }`, ['fs.read /a']],
  [`const { DatabaseSync } = require('node:sqlite'); new DatabaseSync('/db/app.db', { readOnly: true })`, ['! FS_NOT_CHECKED', 'fs.read /db/app.db', 'load(require) node:sqlite']],
  [`require('fs').fdatasync(3, () => {})`, ['! API_ALWAYS_DENIED']],
  [`process.binding('fs')`, ['! API_ALWAYS_DENIED']],
  [`require('fs').readFileSync(0)`, []],
  [`require('fs').mkdirSync(__dirname + '/up/' + n)`, ['fs.write /app/up/…']],
  [`require('fs').readFileSync(__dirname + '/' + n)`, ['? fs.read global']],
  [`require('fs').readFileSync(process.env.X)`, ['? fs.read env-unbound']],
  // chdir needs read on the folder it enters, which Node grants whole: a subtree, and reported when that opens the project.
  [`process.chdir('/srv')`, ['fs.read /srv/…']],
  [`process.chdir('..')`, ['? fs.read chdir-folder']],
  // A recursive listing reads every folder below its own: a subtree too, reported when that opens the project.
  [`require('fs').readdirSync('/srv/cache', { recursive: true })`, ['fs.read /srv/cache', 'fs.read /srv/cache/…']],
  [`require('fs').readdirSync('/srv/cache', { recursive: false, withFileTypes: true })`, ['fs.read /srv/cache']],
  [`require('fs').promises.readdir('..', { recursive: true })`, ['? fs.read broad-folder', '? fs.read recursive-folder']],
  [`const fs = require('fs'); const d = fs.mkdtempSync('/tmp/app-'); fs.writeFileSync(d + '/x', '')`, ['fs.write /tmp/app-*', 'fs.write /tmp/app-*']],
  [`require('fs').writeFileSync(\`/var/log/app-\${process.pid}.log\`, '')`, ['fs.write /var/log/app-*']],
  [`require('fs').writeFileSync('/' + name, '')`, ['? fs.write global']],
  // Nothing known before the unknown: not the prefix '.' that path.normalize('') gives (#14).
  [`require('fs').existsSync(require('path').join(\`\${n}\`, 'x'))`, ['? fs.read global']],
  [`const read = require('util').promisify(require('fs').readFile); read('/p')`, ['fs.read /p']],
  [`const fs = process.getBuiltinModule('node:fs'); fs.statSync('/g')`, ['fs.read /g']],
  [`const fs = require('fs'); fs.readFileSync.call(fs, '/c')`, ['fs.read /c']],
  [`const fs = require('fs'); const r = fs.readFileSync.bind(fs); r('/b')`, ['fs.read /b']],
  [`process.loadEnvFile()`, ['fs.read /app/.env']],
  [`function r(n) { return require('fs').readFileSync(__dirname + '/d/' + n) } r('a'); r('b')`, ['fs.read /app/d/a', 'fs.read /app/d/b']],
  [`function r(n) { return require('fs').readFileSync(n) }`, ['? fs.read parameter']],
  [`function outer(x) { inner(x) } function inner(y) { require('fs').readFileSync(y) } outer('/deep')`, ['fs.read /deep']],
  [`require('child_process').execSync('ls')`, ['child-process']],
  [`const { spawn } = require('child_process'); spawn('ls')`, ['child-process']],
  [`require('child_process').fork('./child.js')`, ['child-process', 'load(fork) /app/child.js']],
  [`const fs = require('fs'); const st = x ? fs.statSync : fs.lstatSync; st('/a')`, ['fs.read /a', 'fs.read /a']],
  [`const fs = require('fs'); const f = x ? fs.readFileSync : JSON.parse; f('/a')`, ['fs.read /a']],
  // Destructured parameters are bound from the caller's argument, defaults included.
  [`function f({ cwd }) { require('fs').statSync(cwd + '/a') } f({ cwd: '/x' })`, ['fs.read /x/a']],
  [`function f(n, { cwd = '/d' } = {}) { require('fs').statSync(cwd + n) } f('/a')`, ['fs.read /d/a']],
  [`function f([dir, name]) { require('fs').statSync(dir + name) } f(['/x', '/n'])`, ['fs.read /x/n']],
  [`require.resolve('./a'); require.resolve('b', { paths: [x] })`, ['load(resolve) ./a', '? module global']],
  [`require.resolve('b', { paths: ['/p'] })`, ['load(resolve) b']],
  [`require('module')._resolveFilename('b', { filename: '/p/x.js' })`, ['load(resolve) b']],
  [`require('module')._resolveFilename(x, { filename: '/p/x.js' })`, ['? module global']],
  [`require('module')._resolveFilename('b', parent)`, ['? module global']],
  // A parameter the body assigns is the argument or what is assigned.
  [`function f(p, ex) { if (ex === void 0) { ex = require('fs').existsSync; } ex(p) } f('/a')`, ['fs.read /a']],
  // The caller's value stays beside the written one (a read before the write sees it): miss-flow-param-reassigned-known-caller.
  [`function f(p) { p = require('path').join(p, 'x'); require('fs').readFileSync(p) } f('/a')`, ['fs.read /a', 'fs.read /a/x']],
  [`function r(read, f) { read(f) } r(require('fs').readFileSync, '/a')`, ['fs.read /a']],
  // A module object the caller may replace (`opts.fs || fs`, mkdirp's): the fs call is still the
  // fs call, and its unbound path is reported rather than left silent.
  [`function m(p, opts) { const xfs = opts.fs || require('fs'); xfs.statSync(p) }`, ['? fs.read parameter']],
  // A Node child run without fork: its script (and preloads) are followed like fork's.
  [`require('child_process').execFileSync(process.execPath, ['c.js', 'x'])`, ['child-process', 'load(fork) /app/c.js']],
  [`require('child_process').spawn('node', ['--title', 'demo', '-r', './p.js', '--', 'c.js'])`, ['child-process', 'load(fork) /app/c.js', 'load(fork) /app/p.js']],
  [`require('child_process').spawnSync(process.argv0, ['--import', 'tsx', 'c.mjs'])`, ['child-process', 'load(fork) /app/c.mjs', 'load(import) tsx']],
  [`require('child_process').execSync('node c.js --flag')`, ['child-process', 'load(fork) /app/c.js']],
  [`require('child_process').execSync('ls c.js')`, ['child-process']],
  [`require('child_process').execFile('/usr/bin/node', ['--env-file=.env', 'c.js'])`, ['child-process', 'fs.read /app/.env', 'load(fork) /app/c.js']],
  [`require('child_process').execFileSync(process.execPath, ['--version'])`, ['child-process']],
  [`require('child_process').execFileSync(process.execPath, ['-e', 'x'])`, ['? module child-inline-code', 'child-process']],
  [`require('child_process').spawn(process.execPath, { stdio: 'pipe' })`, ['? module child-inline-code', 'child-process']],
  [`require('child_process').spawn(process.execPath, [process.argv[2]])`, ['? module global', 'child-process']],
  [`require('child_process').exec('node ' + process.argv[2])`, ['? module global', 'child-process']],
  [`require('child_process').exec('node "c.js"')`, ['? module unsupported-expression', 'child-process']],
  // A stream on a descriptor opened before opens no path; one whose fd may be undefined opens it.
  [`require('fs').createWriteStream('', { fd: require('fs').openSync('/a', 'w') })`, ['fs.write /a']],
  [`require('fs').createReadStream('/b', { fd: 3 })`, []],
  [`function f(o) { require('fs').createReadStream('/b', { fd: o.fd }) } f(process.x)`, ['fs.read /b']],
  // A program known only at run time may be Node ($EDITOR = `node edit.js`): reported; one known not to be Node is not.
  [`require('child_process').spawnSync(process.env.EDITOR, ['a.txt'])`, ['? module child-program', 'child-process']],
  [`require('child_process').exec(process.env.CMD)`, ['? module child-program', 'child-process']],
  [`require('child_process').spawnSync(process.env.CI ? 'git' : 'hg', ['status'])`, ['child-process']],
  // An exported function's command waits for its callers in other modules (none here).
  [`exports.run = function (cmd) { require('child_process').spawn(cmd) }`, ['child-process']],
  [`const { Worker } = require('worker_threads'); new Worker(__dirname + '/w.js')`, ['load(worker) /app/w.js', 'worker']],
  [`const { Worker } = require('worker_threads'); new Worker('x', { eval: true })`, ['worker']],
  [`process.dlopen({}, '/a.node')`, ['addons']],
  [`require('bindings')('x')`, ['addons', 'load(require) bindings']],
  [`const { WASI } = require('wasi'); new WASI({ version: 'preview1' })`, ['wasi']],
  [`require('http').createServer()`, ['net']],
  [`fetch('http://127.0.0.1')`, ['net']],
  [`globalThis.fetch('x')`, ['net']],
  [`require('dns').promises.lookup('x')`, ['net']],
  [`new (require('inspector').Session)()`, ['inspector']],
  [`require('./a'); require(\`./\${'b'}\`)`, ['load(require) ./a', 'load(require) ./b']],
  [`require(name)`, ['? module global']],
  [`const r = require('module').createRequire(__filename); r('./x')`, ['load(require) ./x']],
];

const esmRows: [string, string[]][] = [
  [`import { readFile } from 'node:fs/promises'; await readFile(new URL('./d.txt', import.meta.url))`, ['fs.read /app/d.txt']],
  [`import * as fs from 'fs'; fs.statSync('/x')`, ['fs.read /x']],
  [`await import('./lazy.mjs')`, ['load(import) ./lazy.mjs']],
  [`export * from './re.mjs'`, ['load(import) ./re.mjs']],
  [`import { createRequire } from 'module'; const require = createRequire(import.meta.url); var __require = ((x) => typeof require !== "undefined" ? require : x)(function (x) { throw Error(x); }); __require("fs").statSync('/b')`, ['fs.read /b']],
];

for (const [source, expected] of rows) test(`cjs: ${source}`, () => assert.deepEqual(summary(source), [...expected].sort()));
for (const [source, expected] of esmRows) test(`esm: ${source}`, () => assert.deepEqual(summary(source, '/app/index.mjs'), [...expected].sort()));

// Issue #14 item 1: a known start is granted as a folder or a string prefix only when the grant
// cannot open the disk root, the home folder (/home/u here), the project root (/app) or a folder
// above them, or a dot-name space. Each row: snippet, then the grant or `? broad prefix`.
const prefixRows: [string, string][] = [
  [`require('fs').writeFileSync(require('os').homedir() + name, '')`, '? home /home/u'],
  [`require('fs').writeFileSync(require('os').homedir() + '/.' + name, '')`, '? dot-names /home/u/.'],
  [`require('fs').writeFileSync(require('os').homedir() + '/app-' + name, '')`, 'fs.write /home/u/app-*'],
  [`require('fs').writeFileSync('/home/' + name, '')`, '? home /home/'],
  [`require('fs').writeFileSync(__dirname + name, '')`, '? disk-root /app'],
  [`require('fs').writeFileSync(__dirname + '/' + name, '')`, '? project-root /app/'],
  [`require('fs').writeFileSync(__dirname + '/.' + name, '')`, '? dot-names /app/.'],
  [`require('fs').writeFileSync(__dirname + '/server' + name, '')`, 'fs.write /app/server*'],
  [`require('fs').writeFileSync('.' + name, '')`, '? dot-names /app/.'],
  [`require('fs').writeFileSync('data/.' + name, '')`, '? dot-names /app/data/.'],
  [`require('fs').writeFileSync('/' + 'srv' + name, '')`, '? disk-root /srv'],
  [`require('fs').writeFileSync('/tmp/.' + name, '')`, '? dot-names /tmp/.'],
  [`require('fs').writeFileSync(require('path').join(__dirname, 'logs', 'app-' + name), '')`, 'fs.write /app/logs/app-*'],
  [`require('fs').writeFileSync(__dirname + '/logs/' + name, '')`, 'fs.write /app/logs/…'],
  [`require('fs').writeFileSync(require('os').tmpdir() + '/' + name, '')`, 'fs.write /tmp/…'],
  [`require('fs').writeFileSync(require('os').tmpdir() + '/app-' + name, '')`, 'fs.write /tmp/app-*'],
];
for (const [source, expected] of prefixRows) {
  test(`prefix: ${source}`, () => {
    const f = findings(source);
    const got = [
      ...f.needs.map((n) => `${n.capability} ${n.path}${n.subtree ? '/…' : ''}${n.wildcard ? '*' : ''}`),
      ...f.unresolved.map((u) => `? ${u.broad ?? u.reason} ${u.prefix ?? ''}`),
    ];
    assert.deepEqual(got, [expected]);
    const d = f.diagnostics.find((x) => x.code === 'FS_PATH_UNKNOWN');
    if (expected.startsWith('?')) assert.equal(d?.code === 'FS_PATH_UNKNOWN' && d.args.broad, expected.split(' ')[1]);
  });
}

test('a folder that is the project root or home through a symlink is too broad as well', () => {
  const real: Record<string, string> = { '/srv/link-to-app': '/app', '/srv/me': '/home/u', '/app': '/app', '/home/u': '/home/u' };
  const broad = broadFolders('/app', '/home/u', (p) => real[p] ?? p);
  assert.equal(broad('/srv/link-to-app'), 'project-root');
  assert.equal(broad('/srv/me'), 'home');
  assert.equal(broad('/srv/other'), undefined);
  assert.equal(broad('/app/logs'), undefined);
});

test('a folder granted whole is too broad when it is the disk root, home or a folder holding the project, not the project root itself', () => {
  const real: Record<string, string> = { '/srv/link-to-parent': '/srv/code' };
  const broad = broadFolders('/srv/code/app', '/home/u', (p) => real[p] ?? p);
  assert.equal(broad('/srv/code', '', true), 'project-root', 'the folder above the project: its siblings');
  assert.equal(broad('/srv/link-to-parent', '', true), 'project-root', 'through a link');
  assert.equal(broad('/srv/code/app', '', true), undefined, 'the project root itself is granted (FS_READ_COVERS_SECRETS says its secrets)');
  assert.equal(broad('/srv/code/app/data', '', true), undefined);
  assert.equal(broad('/srv/code/other', '', true), undefined, 'a sibling folder holds no part of the project');
  assert.equal(broad('/home', '', true), 'home');
  assert.equal(broad('/', '', true), 'disk-root');
});

test('a partial name opens the project or home only when the name on the way down starts with it', () => {
  const broad = broadFolders('/tmp/tsxc', '/home/u', (p) => p);
  assert.equal(broad('/tmp', 'tsx-'), undefined, '/tmp/tsx-* leaves /tmp/tsxc closed');
  assert.equal(broad('/tmp', 'ts'), 'project-root');
  assert.equal(broad('/tmp', 'tsxc-'), 'project-root', 'Node\'s X* also opens X less its last character');
  assert.equal(broad('/tmp'), 'project-root', 'the folder above, whole');
  assert.equal(broad('/tmp/tsxc', 'logs'), undefined, 'a partial name in the project root opens only the entries named so');
  assert.equal(broad('/tmp/tsxc'), 'project-root');
  assert.equal(broad('/home/u', 'app-'), undefined);
  assert.equal(broad('/home/u'), 'home');
  assert.equal(broad('/home', 'v'), undefined);
  assert.equal(broad('/', 'srv'), 'disk-root');
});

test('a prefix that may reach a process root link in /proc opens the disk root (fixtures/hole-prefix-grant-proc-root-link)', () => {
  const broad = broadFolders('/srv/app', '/home/u', (p) => p);
  const rows: [string, string, string | undefined][] = [
    ['/proc', '', 'disk-root'], // ps-list's `/proc/${pid}/exe`
    ['/proc', '12', 'disk-root'],
    ['/proc', 'se', 'disk-root'],
    ['/proc', 'cpu', undefined],
    ['/proc/12', '', 'disk-root'],
    ['/proc/self', 'ro', 'disk-root'],
    ['/proc/self', 'ta', 'disk-root'],
    ['/proc/12', 'ex', undefined],
    ['/proc/12', 'c', 'disk-root'], // cwd: the process's working folder, which may be any
    ['/proc/self/cwd/lib', '', 'disk-root'],
    ['/proc/12', 'cm', undefined],
    ['/proc/12/task', '', 'disk-root'],
    ['/proc/12/task/13', 'r', 'disk-root'],
    ['/proc/12/task/13', 'stat', undefined],
    ['/proc/thread-self/root/etc', '', 'disk-root'],
    ['/proc/sys/kernel', '', undefined],
    ['/proc/12/fd', '', undefined],
  ];
  for (const [folder, partial, want] of rows) assert.equal(broad(folder, partial), want, `${folder} + ${partial}`);
});

test('under --unresolved error a too-broad prefix is an error at its site', () => {
  const f = findings(`require('fs').writeFileSync(__dirname + '/.' + name, '')`, undefined, { read: 'error', write: 'error' });
  assert.deepEqual(
    f.diagnostics.map((d) => `${d.severity} ${d.code} ${d.site?.line}`),
    ['error FS_PATH_UNKNOWN 1'],
  );
  assert.equal(f.needs.length, 0);
});
