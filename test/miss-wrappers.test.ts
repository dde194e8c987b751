// Issue #13, items 3 and 4: every fixture whose access the analysis can only report (run.expect
// "denied") makes `generate-flags --unresolved error` exit 1, so no reported case can pass a CI
// gate unseen; and the evaluator's view of copies of capability modules, in unit cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findings } from './support/snippet.js';
import { cliPath as cli } from './support/cli.js';

const repo = path.join(import.meta.dirname, '..');

/** The issue #13 fixtures of this branch's classes whose run is expected to be denied. */
const reported = readdirSync(path.join(repo, 'fixtures')).filter((name) => {
  if (!/^miss-(fs|cp|path|flow)-/.test(name)) return false;
  const c = JSON.parse(readFileSync(path.join(repo, 'fixtures', name, 'case.json'), 'utf8')) as { run?: { expect?: string } };
  return c.run?.expect === 'denied';
});

test('there are reported cases to check', () => assert.ok(reported.length >= 4, reported.join()));

for (const name of reported) {
  test(`${name}: --unresolved error exits 1 with an error at a site`, () => {
    const r = spawnSync(process.execPath, [cli, '--target', '26', '--unresolved', 'error', '--format', 'json'], { cwd: path.join(repo, 'fixtures', name, 'app'), encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { diagnostics: { code: string; severity: string; site?: { file: string } }[] };
    assert.ok(report.diagnostics.some((d) => d.severity === 'error' && d.site), r.stdout);
  });
}

// Snippets, in one file: what a copy of a capability module is, and what is not an escape.
function summary(source: string): string[] {
  const f = findings(source);
  return [
    ...f.needs.map((n) => (n.path ? `${n.capability} ${n.path}${n.subtree ? '/…' : ''}` : n.capability)),
    ...f.unresolved.map((u) => `? ${u.capability} ${u.reason}`),
    ...f.diagnostics.filter((d) => d.code === 'CAPABILITY_ESCAPED').map((d) => `! ${d.code} ${(d.args as { module: string }).module}`),
  ].sort();
}

const rows: [string, string[]][] = [
  [`const fs = require('fs'); Object.assign({}, fs).readFileSync('/a')`, ['fs.read /a']],
  [`const fs = require('fs'); const c = { ...fs, x: 1 }; c.writeFileSync('/a', '')`, ['fs.write /a']],
  // Rebuilt from its keys or entries (lib/evaluate/key-copy.ts): a copy too; the key read inside a reducer is still an escape of its own.
  [`const fs = require('fs'); Object.fromEntries(Object.entries(fs)).writeFileSync('/a', '')`, ['fs.write /a']],
  [`const fs = require('fs'); Object.fromEntries(Object.keys(fs).map((k) => [k, fs[k]])).writeFileSync('/a', '')`, ['! CAPABILITY_ESCAPED fs', '? fs.read capability-escaped', '? fs.write capability-escaped', 'fs.write /a']],
  [`const fs = require('fs'); Object.keys(fs).reduce((acc, k) => { acc[k] = fs[k]; return acc; }, {}).writeFileSync('/a', '')`, ['! CAPABILITY_ESCAPED fs', '? fs.read capability-escaped', '? fs.write capability-escaped', 'fs.write /a']],
  [`const fs = require('fs'); Object.fromEntries(Object.entries(fs).map(([k, v]) => [k, v])).writeFileSync('/a', '')`, ['fs.write /a']],
  [`const fs = require('fs'); Object.entries(fs).reduce((acc, [k, v]) => { acc[k] = v; return acc; }, {}).writeFileSync('/a', '')`, ['fs.write /a']],
  [`const fs = require('fs'); function clone(o) { const c = {}; for (const k in o) c[k] = o[k]; return c; } clone(fs).statSync('/a')`, ['fs.read /a']],
  [`const fs = require('fs'); const w = process.argv[2] === 'w'; fs[w ? 'writeFileSync' : 'readFileSync']('/a')`, ['fs.read /a', 'fs.write /a']],
  [`const fs = require('fs'); fs[process.argv[2]]('/a')`, ['! CAPABILITY_ESCAPED fs', '? fs.read capability-escaped', '? fs.write capability-escaped']],
  [`const cp = require('child_process'); cp[process.argv[2]]('ls')`, ['! CAPABILITY_ESCAPED child_process']],
  // Copied member by member into a variable: the variable is a copy; handed to a function the analysis cannot see: an escape.
  [`const fs = require('fs'); const out = {}; for (const k of Object.keys(fs)) out[k] = require('util').promisify(fs[k]); out.readFile('/a');`, ['fs.read /a']],
  [`const fs = require('fs'); for (const k of Object.keys(fs)) globalThis.register(k, fs[k]);`, ['! CAPABILITY_ESCAPED fs', '? fs.read capability-escaped', '? fs.write capability-escaped']],
  // Only tested, or read by a symbol: not a copy of a function.
  [`const fs = require('fs'); for (const k of Object.keys(fs)) if (typeof fs[k] === 'function') {}`, []],
  [`const fs = require('fs'); let q; if (typeof Symbol === 'function') q = Symbol.for('queue'); else q = '__queue'; console.log(fs[q]);`, []],
  [`const fs = require('fs'); const copy = { ...fs }; copy.readFileAsync('/a')`, ['! CAPABILITY_ESCAPED fs', '? fs.read capability-escaped', '? fs.write capability-escaped']],
  [`const fs = require('fs'); function use(f) { f.readFileSync('/a'); } use(fs);`, ['fs.read /a']],
  // A parameter the body updates is followed statement by statement (env-paths: `name += '-' + suffix`).
  [`const fs = require('fs'); function dir(n, o) { o = Object.assign({ s: 'x' }, o); if (o.s) n += '-' + o.s; if (process.platform === 'darwin') return '/mac/' + n; return '/lin/' + n; } fs.readFileSync(dir('a')); fs.readFileSync(dir('b', { s: '' }))`, ['fs.read /lin/a-x', 'fs.read /lin/b']],
  [`const fs = require('fs'); function dir(n) { n++; return '/lin/' + n; } fs.readFileSync(dir('a'))`, ['? fs.read call-result']],
  [`const fs = require('fs'); function dir(n) { if (typeof n !== 'string') throw new Error(); if (process.platform === 'no-such') return '/other/' + n; return '/lin/' + n; } fs.readFileSync(dir('a'))`, ['fs.read /lin/a']],
  [`const fs = require('fs'); class S { #d = '/data'; static n = 'x.txt'; r() { return fs.readFileSync(this.#d + '/' + S.n); } }`, ['fs.read /data/x.txt']],
  // A file system handed in (lib/detect/fs-like.ts): an fs-only name on a receiver the analysis cannot tell.
  [`function mk(opts) { opts.mkdirSync('/out/a', { recursive: true }); } mk(globalThis.o);`, ['fs.write /out/a']],
  [`function walk(state, dir) { const { fs } = state; return fs.readdirSync(dir); } globalThis.w = walk;`, ['? fs.read parameter']],
  // Called as a bundler writes it, `(0, p.name)(…)`; and child_process's synchronous spawners, on a
  // module the analysis cannot bind (node-machine-id's UMD factory parameter, silent-18).
  [`function mk(p) { (0, p.mkdirSync)('/out/a'); } mk(globalThis.o);`, ['fs.write /out/a']],
  [`function id(p) { return (0, p.execSync)('echo id').toString(); } id(globalThis.cp);`, ['child-process']],
  [`function id(p) { return p.spawnSync('ls'); } id(globalThis.cp);`, ['child-process']],
  // A RegExp's exec and a library's own spawn share child_process's names: not taken for it.
  [`function m(re) { return re.exec('x'); } m(globalThis.re);`, []],
  // Names streams and servers share are not taken for fs; nor an object the analysis built.
  [`function w(stream) { stream.write('/out/a'); stream.close(); } w(globalThis.s);`, []],
  [`const store = { readFile: (k) => k }; store.readFile('/a');`, []],
  // Kept on an instance and handed to a cache that calls it with .call (enhanced-resolve); B stores
  // its parameter, so the function is also reported where it is handed to B (silent-16).
  [`class B { constructor(p) { this.p = p; } get(f) { return this.p.call(null, f); } } class C { constructor(fs) { this.fs = fs; this.b = new B(this.fs.statSync); } } globalThis.C = C;`, ['? fs.read function-escaped', '? fs.read parameter']],
  // Destructured from options the analysis cannot tell (rollup's writeOutputFile).
  [`async function out(file, { fs: { writeFile } }) { await writeFile('/dist/' + file, ''); } out('a.js', globalThis.opts);`, ['fs.write /dist/a.js']],
];

// A parent walk (lib/evaluate/parent-walk.ts): the folders above the first one are reported.
const walks: [string, boolean][] = [
  [`function up(dir) { try { return fs.statSync(dir); } catch { return up(path.dirname(dir)); } } up('/srv/app/x');`, true],
  [`function up(dir) { try { return fs.statSync(dir); } catch { return up(path.resolve(dir, '..')); } } up('/srv/app/x');`, true],
  [`const up = (dir, from) => { if (dir === from) return; try { return fs.statSync(dir); } catch { return (0, exports.up)(path.dirname(dir), dir); } }; exports.up = up; up('/srv/app/x');`, true],
  // Not a walk: a child folder.
  [`function down(dir, n) { fs.statSync(dir); if (n) down(path.join(dir, 'sub'), n - 1); } down('/srv/app', 1);`, false],
];
for (const [source, walk] of walks) {
  test(`parent walk ${walk ? 'reported' : 'absent'}: ${source}`, () => {
    const got = summary(`const fs = require('fs'); const path = require('path'); ${source}`);
    assert.equal(got.includes('? fs.read parent-walk'), walk, got.join(', '));
    assert.ok(got.some((g) => g.startsWith('fs.read /srv/app')), got.join(', '));
  });
}

for (const [source, expected] of rows) {
  test(`snippet: ${source}`, () => assert.deepEqual(summary(source), [...expected].sort()));
}

test('snippet: a parameter the wrapper assigns is the argument or the assigned value', () => {
  assert.deepEqual(summary(`const fs = require('fs'); function at(p) { p = p || 'x'; return '/d/' + p; } fs.readFileSync(at()); fs.readFileSync(at('y'))`), ['fs.read /d/x', 'fs.read /d/y']);
});

test('snippet: an unbound XDG variable with a || default is assumed unset and the default folded', () => {
  const src = `const fs = require('fs'); const os = require('os'); const path = require('path'); fs.readFileSync(path.join(process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'app', 'c.json'))`;
  const f = findings(src);
  assert.equal(f.unresolved.length, 0);
  assert.equal(f.needs.length, 1);
  assert.match(f.needs[0]!.path!, /\/\.config\/app\/c\.json$/);
  // Without the default, it is the usual env-unbound report.
  assert.deepEqual(summary(`require('fs').readFileSync(process.env.XDG_CONFIG_HOME + '/app/c.json')`), ['? fs.read env-unbound']);
});
