// A child-process or net need in a dependency's function that runs only when one of its module's
// exported functions runs (lib/detect/liveness.ts) waits for calls to be matched
// (ConditionalFindings.needs, lib/graph/unmatched.ts): withheld when nothing can call the
// function, granted whenever anything may. Each row is an app using the same dependency; the
// rows that grant are the ways a call may reach the function that matching does not name (the
// fixtures run the main ones under their flags on the four Nodes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyze } from '../lib/index.js';
import { mkdtempSync } from './support/temp-dirs.js';

/** The dependency: `run` starts a process through a helper, `ping` opens a socket, `name` does neither. */
const runner = [
  `const cp = require('child_process');`,
  `const http = require('http');`,
  `function start(cmd) { return cp.execFileSync(cmd, ['-V']); }`,
  `function run() { return start('echo'); }`,
  `exports.run = run;`,
  `exports.ping = function ping() { return http.get('http://127.0.0.1:1'); };`,
  `exports.name = function name() { return 'runner'; };`,
  `exports.later = function later(em) { em.on('go', () => start('echo')); };`,
  `exports.runner = function runnerOf() { return run; };`,
  '',
].join('\n');

const esm = {
  'node_modules/magic/package.json': '{"name":"magic","type":"module","exports":"./index.js"}',
  'node_modules/magic/index.js': [
    // unicorn-magic's own names: the import renames what the module exports under the same name.
    `import { execFileSync as execFileSyncOriginal } from 'node:child_process';`,
    `export function toPath(p) { return p; }`,
    `export function execFile(file, args = []) { return execFileSyncOriginal(file, args); }`,
    `export function execFileSync(file, args = []) { return execFileSyncOriginal(file, args); }`,
    '',
  ].join('\n'),
  'package.json': '{"name":"a","type":"module","main":"index.js"}',
};

async function capabilities(app: string, files: Record<string, string> = {}): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'npp-held-'));
  const all: Record<string, string> = {
    'package.json': '{"name":"a","main":"index.js"}',
    'index.js': app,
    'node_modules/runner/package.json': '{"name":"runner","main":"index.js"}',
    'node_modules/runner/index.js': runner,
    ...files,
  };
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const report = await analyze({ cwd: dir, target: '26', unresolved: 'warn' });
  return [...new Set(report.needs.filter((n) => n.capability === 'child-process' || n.capability === 'net').map((n) => n.capability))].sort();
}

const rows: [string, string, Record<string, string>?, string[]?][] = [
  // Withheld: nothing calls run, ping or what they reach.
  ['only another export called', `require('runner').name();`],
  ['the module loaded, nothing called', `require('runner');`],
  // Granted: a call matching names.
  ['the export called', `require('runner').run();`, {}, ['child-process']],
  ['the net export called', `require('runner').ping();`, {}, ['net']],
  ['destructured and called', `const { run } = require('runner'); run();`, {}, ['child-process']],
  ['the handler registered by a called export', `const em = new (require('events'))(); require('runner').later(em); em.emit('go');`, {}, ['child-process']],
  ['returned by a called export', `require('runner').runner()();`, {}, ['child-process']],
  ['re-exported by another package and called there', `require('wrap').run();`, { 'node_modules/wrap/package.json': '{"name":"wrap","main":"index.js"}', 'node_modules/wrap/index.js': `module.exports = require('runner');\n` }, ['child-process']],
  ['called by another package', `require('wrap')();`, { 'node_modules/wrap/package.json': '{"name":"wrap","main":"index.js"}', 'node_modules/wrap/index.js': `const r = require('runner'); module.exports = () => r.run();\n` }, ['child-process']],
  // Granted: the export escapes where matching cannot follow it.
  ['a member named at run time', `require('runner')[process.argv[2]]();`, {}, ['child-process', 'net']],
  ['the export handed on', `setImmediate(require('runner').run);`, {}, ['child-process']],
  ['the module handed on', `const r = require('runner'); [r].forEach((m) => m.run());`, {}, ['child-process', 'net']],
  ['the module iterated', `const r = require('runner'); for (const k in r) r[k]();`, {}, ['child-process', 'net']],
  ['called through call()', `require('runner').run.call(null);`, {}, ['child-process']],
  ['a dynamic import', `import('runner').then((m) => m.run());`, {}, ['child-process', 'net']],
  ['handed on by another package', `require('wrap')(process.argv[2]);`, { 'node_modules/wrap/package.json': '{"name":"wrap","main":"index.js"}', 'node_modules/wrap/index.js': `const r = require('runner'); module.exports = (k) => setImmediate(r[k]);\n` }, ['child-process', 'net']],
  // Chosen by `||`: the evaluator takes run for truthy and matched the call to it alone.
  ['the export chosen by ||', `const r = require('runner'); const f = r.x || r.ping; f();`, {}, ['net']],
  ['the export chosen by || and called in place', `const r = require('runner'); (r.x || r.run)();`, {}, ['child-process']],
  // A method the app adds to the module: its `this` is the module.
  ['a method written onto the module', `const r = require('runner'); r.extra = function () { return this.run(); }; r.extra();`, {}, ['child-process', 'net']],
  // Matching follows the module kept on another's export: only what is called is reached.
  ['another package keeps the module on its export', `require('wrap').m.run();`, { 'node_modules/wrap/package.json': '{"name":"wrap","main":"index.js"}', 'node_modules/wrap/index.js': `const o = {}; o.m = require('runner'); module.exports = o;\n` }, ['child-process']],
  // An ES module (unicorn-magic's shape: `toPath` used, `execFile` exported beside it).
  ['ESM: another named export imported', `import { toPath } from 'magic'; toPath('.');`, esm, []],
  ['ESM: the namespace indexed at run time', `import * as m from 'magic'; m[process.argv[2]]('echo');`, esm, ['child-process']],
  ['ESM: the export imported and called', `import { execFile } from 'magic'; execFile('echo');`, esm, ['child-process']],
  ['ESM: the namespace handed on', `import * as m from 'magic'; globalThis.m = m;`, esm, ['child-process']],
];

for (const [what, app, files, expected] of rows) {
  test(`held child-process/net needs: ${what}`, async () => {
    assert.deepEqual(await capabilities(app, files), expected ?? []);
  });
}

test('held needs: a call at the top level of the dependency, or in a function the file calls itself, needs the grant at once', async () => {
  const files = { 'node_modules/runner/index.js': `const cp = require('child_process');\nfunction start() { cp.execFileSync('echo'); }\nstart();\nexports.name = () => 'x';\n` };
  assert.deepEqual(await capabilities(`require('runner').name();`, files), ['child-process']);
  const methods = { 'node_modules/runner/index.js': `const cp = require('child_process');\nclass R { run() { cp.execFileSync('echo'); } }\nexports.make = () => new R();\n` };
  // A method of a class: any holder of an instance may call it by any name.
  assert.deepEqual(await capabilities(`require('runner');`, methods), ['child-process']);
});

test('held needs: the app\'s own uncalled function keeps its grant (whoever runs the app may call its exports)', async () => {
  assert.deepEqual(await capabilities(`exports.go = () => require('child_process').execFileSync('echo');`), ['child-process']);
});

/** A dependency `r` whose `b` starts a process, `a` being what the app calls (liveness: what runs `b`). */
function viaOwn(dep: string, type = 'commonjs'): Record<string, string> {
  return {
    'package.json': `{"name":"a","main":"index.js","type":"${type}"}`,
    'node_modules/r/package.json': `{"name":"r","main":"index.js","type":"${type}"}`,
    'node_modules/r/index.js': dep,
  };
}
const cp = `const cp = require('child_process');\n`;
const spawnB = `function () { cp.execFileSync('echo'); }`;

// Ways the module's own code, or the language, calls an exported function that no call names.
const ownRows: [string, string, Record<string, string>][] = [
  ['this.b() in an exported function', `require('r').a();`, viaOwn(`${cp}exports.a = function () { this.b(); };\nexports.b = ${spawnB};\n`)],
  ['this[k]() in an exported function', `require('r').a('b');`, viaOwn(`${cp}exports.a = function (k) { this[k](); };\nexports.b = ${spawnB};\n`)],
  ['this.b() in a method of the object exported', `require('r').a();`, viaOwn(`${cp}module.exports = { a() { this.b(); }, b() { cp.execFileSync('echo'); } };\n`)],
  ['a helper called with the exports as this', `require('r').a();`, viaOwn(`${cp}function h() { this.b(); }\nexports.a = function () { h.call(this); };\nexports.b = ${spawnB};\n`)],
  ['the module object aliased', `require('r').a();`, viaOwn(`${cp}const m = module;\nexports.a = function () { m.exports.b(); };\nexports.b = ${spawnB};\n`)],
  ['ESM: this.b() through the namespace', `import * as r from 'r'; r.a();`, viaOwn(`import cp from 'child_process';\nexport function a() { this.b(); }\nexport function b() { cp.execFileSync('echo'); }\n`, 'module')],
  ['ESM: an arrow\'s this in a method of the default export', `import r from 'r'; r.a();`, viaOwn(`import cp from 'child_process';\nexport default { a() { [1].forEach(() => this.b()); }, b() { cp.execFileSync('echo'); } };\n`, 'module')],
  ['then, called by await', `(async () => { await require('r'); })();`, viaOwn(`${cp}exports.then = function (res) { cp.execFileSync('echo'); res(1); };\n`)],
  ['toString, called by a template literal', 'String(`${require(\'r\').a}`);', viaOwn(`${cp}function b() { cp.execFileSync('echo'); }\nexports.a = { toString: b };\n`)],
  // A class method's `this` is its instance: the exports object only when the module exports an instance or a method.
  ['a class instance exported whole, its method calling this.b()', `require('r').a();`, viaOwn(`${cp}class C { a() { this.b(); } }\nmodule.exports = new C();\nmodule.exports.b = ${spawnB};\n`)],
  ['an instance made by a factory exported whole', `require('r').a();`, viaOwn(`${cp}function C() {}\nC.prototype.a = function () { this.b(); };\nfunction make() { return new C(); }\nmodule.exports = make();\nmodule.exports.b = ${spawnB};\n`)],
  ['a class method exported, called on the exports', `require('r').a();`, viaOwn(`${cp}class C { a() { this.b(); } }\nexports.a = C.prototype.a;\nexports.b = ${spawnB};\n`)],
];

for (const [what, app, files] of ownRows) {
  test(`held child-process need granted: ${what}`, async () => {
    assert.deepEqual(await capabilities(app, files), ['child-process']);
  });
}

const awaiter = `var __awaiter = (this && this.__awaiter) || function (thisArg, _arguments, P, generator) { return new Promise((resolve) => resolve(generator.apply(thisArg, _arguments || []).next().value)); };\n`;

test('held needs: tsc\'s __awaiter(this, …) in a called export reads no this of its own; one read in the body it runs does', async () => {
  const dep = (body: string) => viaOwn(`${awaiter}import cp from 'child_process';\nexport function a() { return __awaiter(this, void 0, void 0, function* () { ${body} }); }\nexport function b() { cp.execFileSync('echo'); }\n`, 'module');
  assert.deepEqual(await capabilities(`import * as r from 'r'; r.a();`, dep('return 1;')), []);
  assert.deepEqual(await capabilities(`import * as r from 'r'; r.a();`, dep('this.b();')), ['child-process']);
});

// precision-16: node-gyp's install.js, a stream class beside the exported function: its
// methods' `this` is the stream, so `b`, which nothing calls, keeps its need held.
test('held needs: `this` in a class method or a prototype method is its instance, not the exports object', async () => {
  const app = `require('r').a();`;
  assert.deepEqual(await capabilities(app, viaOwn(`${cp}class S { constructor() { this.n = 0; } push() { this.n++; } }\nexports.a = function () { return new S().push(); };\nexports.b = ${spawnB};\n`)), []);
  assert.deepEqual(await capabilities(app, viaOwn(`${cp}function S() {}\nS.prototype.push = function () { this.n = (this.n || 0) + 1; };\nmodule.exports = { a() { return new S().push(); }, b: ${spawnB} };\n`)), []);
  assert.deepEqual(await capabilities(`import { a } from 'r'; a();`, viaOwn(`import cp from 'child_process';\nexport class S { push() { return this; } }\nexport function a() { return new S().push(); }\nexport function b() { cp.execFileSync('echo'); }\n`, 'module')), []);
});

test('held needs: a UMD wrapper\'s `typeof module` keeps the need held', async () => {
  assert.deepEqual(await capabilities(`require('r').a();`, viaOwn(`${cp}if (typeof module === 'object') {}\nexports.a = function () { return 1; };\nexports.b = ${spawnB};\n`)), []);
});
