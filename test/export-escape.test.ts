// Where another module's exports escape what matching follows (lib/detect/export-escape.ts), and
// on what a dependency's function runs (lib/detect/liveness.ts): each row a snippet and what it
// gives. A use matching follows is no escape; anything else is one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'acorn';
import { model, testEnv } from './support/snippet.js';
import { exportEscapes } from '../lib/detect/export-escape.js';
import { bindsParameters, thisExportMemberReads, thisIsOwnExportsIn } from '../lib/detect/callers.js';
import { conditionOf } from '../lib/detect/liveness.js';
import { exportedFunctions, exportTable } from '../lib/detect/flow.js';
import { namedPairs, namedValue, type Named } from '../lib/detect/named.js';

function escapes(source: string): string[] {
  return exportEscapes(model(source), testEnv(), '.').map((e) => `${e.how} ${[e.specifier, ...e.path].join('.')} :${e.site.line}`);
}

const rows: [string, string[]][] = [
  // Followed: calls written on the value, destructured names, aliases, exports, tests.
  [`const dep = require('dep'); dep.read('a')`, []],
  [`const { read } = require('dep'); read('a')`, []],
  [`const dep = require('dep'); const r = dep.read; r('a')`, []],
  [`require('dep').read('a')`, []],
  [`module.exports = require('dep')`, []],
  [`exports.read = require('dep').read`, []],
  [`module.exports = { ...require('dep') }`, []],
  [`Object.assign(module.exports, require('dep'))`, []],
  [`const dep = require('dep'); if (dep && typeof dep.read === 'function') {}`, []],
  [`import { read } from 'dep'; read('a')`, []],
  [`var core; if (x) core = require('a'); else core = require('b'); core('p')`, []],
  // Below an export the table holds (flow.ts addNestedMembers): cacache's shapes.
  [`const tmp = require('dep'); module.exports.tmp = {}; module.exports.tmp.withTmp = tmp.withTmp`, []],
  [`const get = require('dep'); module.exports.get = get; module.exports.get.byDigest = get.byDigest`, []],
  [`exports.util.write = require('dep').write`, []],
  // Escapes.
  [`const dep = require('dep'); ['a'].map(dep.read)`, ['argument dep.read :1']],
  [`const { read } = require('dep'); setTimeout(read, 1, 'a')`, ['argument dep.read :1']],
  [`const dep = require('dep'); dep[process.argv[2]]('a')`, ['computed-member dep :1']],
  [`const dep = require('dep'); for (const k in dep) {}`, ['iterated dep :1']],
  [`const dep = require('dep'); const o = {}; o.d = dep`, ['stored dep :1']],
  [`const dep = require('dep'); function get() { return dep }`, ['returned dep :1']],
  [`const dep = require('dep'); dep.read.call(null, 'a')`, ['indirect-call dep.read :1']],
  [`import('dep').then((m) => m.read('a'))`, ['dynamic-import dep :1']],
  [`register(require('dep'))`, ['argument dep :1']],
  // A method written onto the module has it for `this`; data and arrows do not.
  [`const dep = require('dep'); dep.extra = function () { return this.read('a') }`, ['stored dep :1']],
  [`const dep = require('dep'); dep.level = 2; dep.log = () => 0`, []],
  // Below an export that is another module's value, naming a member of the same module: the table keeps it on the export.
  [`const rm = require('dep'); module.exports.rm = rm.entry; module.exports.rm.all = rm.all`, []],
  // Naming another module's member, or deeper: the table does not hold it.
  [`const rm = require('dep'); const x = require('x'); module.exports.rm = rm.entry; module.exports.rm.all = x.all`, ['stored x.all :1']],
  [`let rm = require('dep'); rm = require('x'); module.exports.rm = rm.entry; module.exports.rm.all = rm.all`, ['stored dep.all :1', 'stored x.all :1']],
  [`exports.a = {}; exports.a.b.c = require('dep').read`, ['stored dep.read :1']],
];

for (const [source, expected] of rows) {
  test(`escapes: ${source}`, () => {
    assert.deepEqual(escapes(source), expected);
  });
}

/** The escapes of the file's own exported function `html` (an OwnExport, as detectFile hands it when its parameters wait for callers). */
function ownEscapes(source: string): string[] {
  const m = model(source);
  const b = [...new Set(m.bindingOf.values())].find((x) => x.name === 'html' && x.kind === 'function')!;
  return exportEscapes(m, testEnv(), '.', undefined, [{ binding: b, fn: b.fn!, path: ['html'], binds: (call) => bindsParameters(m, b.fn!, call) }])
    .filter((e) => e.own)
    .map((e) => `${e.how} ${e.path.join('.')} :${e.site.line}`);
}

const html = `const fs = require('fs'); function html(f) { fs.writeFileSync(f, 'x') }\n`;

const ownRows: [string, string[]][] = [
  // Followed: exports, the calls of the file that bind its parameters (lib/detect/callers.ts), tests, members of the function.
  [`module.exports = { html }`, []],
  [`exports.html = html; html('a')`, []],
  [`exports.html = html; const pick = opts.pick || html; pick('a')`, []],
  [`exports.html = html; const t = { html }; exports.go = (k) => t[k]('a')`, []],
  [`exports.html = html; const t = {}; t.html = html; t.html('a')`, []],
  [`exports.html = html; if (typeof html === 'function') html.displayName = 'html'`, []],
  // Escapes: a use the file's calls do not bind the parameters through.
  [`exports.html = html; const t = new Map([['html', html]]); t.get('html')('a')`, ['stored html :2']],
  [`exports.html = html; setImmediate(html.bind(null, 'a'))`, ['indirect-call html :2']],
  [`exports.html = html; const steps = [html]; steps[0]('a')`, ['stored html :2']],
  [`exports.html = html; ['a'].map(html)`, ['argument html :2']],
  [`exports.html = html; function get() { return html }`, ['returned html :2']],
  // An alias callers.ts follows (open-callers.ts): its calls bind the parameters.
  [`exports.html = html; const h = html; h('a')`, []],
  [`exports.html = html; let h = html; h = other; h('a')`, ['stored html :2']],
  // The module object handed on (silent-12): the whole exports escape, path [], unless the callee only defines members.
  [`exports.html = html; require('./register')(module)`, ['argument  :2']],
  [`exports.html = html; registry.add(exports)`, ['argument  :2']],
  [`exports.html = html; install(module.exports)`, ['argument  :2']],
  [`exports.html = html; keep(this)`, ['argument  :2']],
  [`exports.html = html; function f() { keep(this) }`, []],
  [`exports.html = html; Object.defineProperty(exports, '__esModule', { value: true })`, []],
  [`exports.html = html; __exportStar(require('./a'), exports)`, []],
  [`exports.html = html; function fill(m, into) { for (const k in m) into[k] = m[k] } fill(require('./a'), exports)`, []],
  [`exports.html = html; function fill(m, into) { into.run() } fill(require('./a'), exports)`, ['argument  :2']],
  [`exports.html = html; registry.mod = module`, ['stored  :2']],
  [`exports.html = html; module.exports.self = exports`, []],
  // Inside a literal, or as `this` of an arrow at the top level (silent-14): the same hand-off.
  [`exports.html = html; register({ name: 'a', mod: module })`, ['argument  :2']],
  [`exports.html = html; register({ list: [exports] })`, ['argument  :2']],
  [`exports.html = html; const owners = [exports]; each(owners)`, ['stored  :2']],
  [`exports.html = html; registry.all = [module]`, ['stored  :2']],
  [`exports.html = html; const start = () => keep(this); start()`, ['argument  :2']],
  [`exports.html = html; const start = () => () => keep(this); start()()`, ['argument  :2']],
  [`exports.html = html; function f() { const g = () => keep(this); g() }`, []],
  [`exports.html = html; class C { run = () => keep(this) }`, []],
  [`exports.html = html; function fill(into) { into.x = 1 } fill({ m: exports })`, ['argument  :2']],
];

for (const [source, expected] of ownRows) {
  test(`own escapes: ${source}`, () => {
    assert.deepEqual(ownEscapes(html + source), expected);
  });
}

/** As ownEscapes, with the reads of the exports through `this` in their functions (./callers.ts thisExportMemberReads), as detectFile hands them. */
function ownThisEscapes(source: string): string[] {
  const m = model(source);
  const b = [...new Set(m.bindingOf.values())].find((x) => x.name === 'html' && x.kind === 'function')!;
  return exportEscapes(m, testEnv(), '.', undefined, [{ binding: b, fn: b.fn!, path: ['html'], binds: (call) => bindsParameters(m, b.fn!, call) }], true, { reads: thisExportMemberReads(m), isExportsIn: (fn) => thisIsOwnExportsIn(m, fn) })
    .filter((e) => e.own)
    .map((e) => `${e.how} ${e.path.join('.')} :${e.site.line}`);
}

// `this` in a function of the exports object is that object (file-stream-rotator 0.6): a call
// through it binds the parameters, any other use of the member read is a use of the export.
const thisRows: [string, string[]][] = [
  [`exports.html = html; exports.go = function () { this.html('a') }`, []],
  [`exports.html = html; exports.go = function () { var self = this; setImmediate(function () { self.html('a') }) }`, []],
  [`var R = {}; module.exports = R; R.html = html; R.go = function () { this.html('a') }`, []],
  [`exports.html = html; exports.go = function () { var h = this.html; h('a') }`, ['unfolded-call html :2']],
  [`exports.html = html; exports.go = function () { this.html.call(this, 'a') }`, ['argument  :2', 'indirect-call html :2']],
  [`module.exports = { html, go() { ['a'].forEach(this.html) } }`, ['argument html :2']],
  // The whole object handed on from one of its functions.
  [`exports.html = html; exports.go = function () { keep(this) }`, ['argument  :2']],
  [`exports.html = html; exports.go = function () { setImmediate(() => keep(this)) }`, ['argument  :2']],
  // Another function's `this` is not the exports object.
  [`exports.html = html; function other() { var h = this.html; h('a') }`, []],
  [`exports.html = html; exports.go = function () { [1].forEach(function () { keep(this) }) }`, []],
];

for (const [source, expected] of thisRows) {
  test(`own escapes through this: ${source}`, () => {
    assert.deepEqual(ownThisEscapes(html + source), expected);
  });
}

/** The condition of the function declared as `name`: `live`, or how many exported functions one of which must run first. */
function condition(source: string, name: string): string {
  const m = model(source);
  const exported = exportedFunctions(exportTable(m, testEnv(), false));
  const fn = [...m.params.keys()].find((f) => (f as Node & { id?: { name: string } }).id?.name === name)!;
  const c = conditionOf(m, fn, exported);
  return c === 'live' ? 'live' : `when ${c.size}`;
}

test('liveness: a helper only exported functions reach runs when one of them does', () => {
  const src = `function rm(p) { require('fs').rmSync(p) }\nfunction dir(d) { return () => rm(d) }\nexports.dir = dir;`;
  assert.equal(condition(src, 'rm'), 'when 1');
  assert.equal(condition(src, 'dir'), 'when 1');
});

const live: [string, string][] = [
  [`function rm(p) {}\nrm('x')`, 'called at the top level'],
  [`function rm(p) {}\nprocess.on('exit', rm)`, 'handed on at the top level'],
  [`function rm(p) {}\nexports.dir = () => rm('x');\nexports.dir()`, 'the exports object read back'],
  [`function rm(p) {}\nexports.dir = () => rm('x');\neval('')`, 'eval'],
  [`function rm(p) {}\nmodule.exports.x = rm;\nconsole.log(module.exports)`, 'module.exports read'],
];
for (const [src, why] of live) {
  test(`liveness: live when ${why}`, () => {
    assert.equal(condition(src, 'rm'), 'live');
  });
}

test('liveness: never when nothing refers to it, and a function expression’s own name is no reference', () => {
  assert.equal(condition(`function rm(p) {}\nexports.x = 1`, 'rm'), 'when 0');
  assert.equal(condition(`exports.x = function () { return (function again(n) { return n && again(n - 1) })(3) }\nexports.x()`, 'again'), 'live');
});

test('export table: a member written below an export is a member of it (cacache: module.exports.tmp.withTmp = tmp.withTmp)', () => {
  type Entry = { kind: string; members?: Named<Entry> };
  const entry = (source: string, ...path: string[]): Entry | undefined => {
    let e: Entry | undefined = { kind: 'object', members: exportTable(model(source), testEnv(), false).entries as Named<Entry> };
    for (const name of path) e = e?.members ? namedValue(e.members, name) : undefined;
    return e;
  };
  const names = (e: Entry | undefined) => (e?.members ? [...namedPairs(e.members)].map(([n]) => n) : []);
  const src = `const tmp = require('dep'); module.exports.tmp = {}; module.exports.tmp.withTmp = tmp.withTmp; exports.util = function util() {}; exports.util.sync = function sync(p) {}`;
  assert.deepEqual(names(entry(src, 'tmp')), ['withTmp']);
  assert.deepEqual(names(entry(src, 'util')), ['sync']);
  // Into the object module.exports was made, not a new export that would hide its other members.
  assert.deepEqual(names(entry(`module.exports = { util: { read(p) {} } }; module.exports.util.write = function write(p) {}`, '', 'util')), ['read', 'write']);
  // Another module's value stays a forward: calling it still reaches that module.
  assert.equal(entry(`const get = require('dep'); module.exports.get = get; module.exports.get.byDigest = get.byDigest`, 'get')?.kind, 'forward');
});
