// Code made at run time and require reached indirectly (issue #13, items 1 and 2): each row is
// a snippet and what it yields, written like test/detect.test.ts (`? module reason` for an
// unresolved access, `! CODE` for a diagnostic). Then: every reported case among the fixtures
// makes `--unresolved error` exit 1, and hostile code strings stay cheap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import * as path from 'node:path';
import { findings } from './support/snippet.js';
import { cliPath as cli } from './support/cli.js';

function summary(source: string, file?: string): string[] {
  const f = findings(source, file);
  return [
    ...f.needs.map((n) => (n.path ? `${n.capability} ${n.path}` : n.capability)),
    ...f.unresolved.map((u) => `? ${u.capability} ${u.reason}`),
    ...f.modules.filter((m) => !isBuiltin(m.specifier)).map((m) => `load(${m.kind}) ${m.specifier}`),
    ...f.diagnostics.filter((d) => d.code !== 'FS_PATH_UNKNOWN').map((d) => `! ${d.code}`),
  ].sort();
}

const rows: [string, string[]][] = [
  // Folded code strings are analysed in place.
  [`eval("require('./a')")`, ['load(require) ./a']],
  [`const c = "require('./" + "a')"; eval(c)`, ['load(require) ./a']],
  [`eval(\`require('./a')\`)`, ['load(require) ./a']],
  [`(0, eval)("process.getBuiltinModule('fs').readFileSync('/d')")`, ['fs.read /d']],
  [`globalThis.eval("process.getBuiltinModule('fs').readFileSync('/d')")`, ['fs.read /d']],
  [`const load = new Function('m', 'return import(m)'); load('./p.mjs')`, ['load(import) ./p.mjs']],
  [`const load = Function('m', 'return import(m)'); load('./p.mjs'); load('./q.mjs')`, ['load(import) ./p.mjs', 'load(import) ./q.mjs']],
  [`const f = new Function('p', "process.getBuiltinModule('fs').writeFileSync(p, '')"); f('/out')`, ['fs.write /out']],
  [`require('vm').runInThisContext("process.getBuiltinModule('fs').readFileSync('/d')")`, ['fs.read /d']],
  [`const vm = require('vm'); new vm.Script("process.getBuiltinModule('fs').readFileSync('/d')").runInThisContext()`, ['fs.read /d']],
  [`const { compileFunction } = require('vm'); const f = compileFunction("process.getBuiltinModule('fs').readFileSync(p)", ['p']); f('/d')`, ['fs.read /d']],
  // Called where it is made, its parameter has no caller the analysis binds: reported.
  [`require('vm').compileFunction("process.getBuiltinModule('fs').readFileSync(p)", ['p'])('/d')`, ['? fs.read parameter']],
  [`const { Worker } = require('worker_threads'); new Worker("require('fs').readFileSync('/d')", { eval: true })`, ['fs.read /d', 'worker']],
  // A string that does not parse runs nothing (Node throws a SyntaxError).
  [`eval("let = ;")`, ['! CODE_GENERATED']],
  // A known string the parse stage does not fold is judged by what it names.
  [`const f = (n) => 'return process.getBuiltinModule(' + n + ')'; new Function(f('"fs"'))`, ['? module generated-code', '! CODE_GENERATED']],
  // Unfoldable code strings are reported.
  [`eval(process.argv[2])`, ['? module global', '! CODE_GENERATED']],
  [`new Function('a', process.env.BODY)`, ['? module env-unbound', '! CODE_GENERATED']],
  [`require('vm').runInNewContext(require('fs').readFileSync('/code', 'utf8'))`, ['fs.read /code', '? module call-result', '! CODE_GENERATED']],
  [`const { Worker } = require('worker_threads'); new Worker(process.argv[2], { eval: true })`, ['worker', '? module global', '! CODE_GENERATED']],
  // Code a package builds from its own strings (a code generator) is noted at its site, with no fallback.
  [`function build(n) { return 'return ' + n } new Function('a', build('a'))`, ['! CODE_GENERATED']],
  [`let src = 'return 1'; src = src + ';'; module.exports = new Function(src)`, ['! CODE_GENERATED']],
  // Text read from a file, even through variables, is input.
  [`const fs = require('fs'); const text = fs.readFileSync('/c', 'utf8'); const code = 'x;' + text; eval(code)`, ['fs.read /c', '? module call-result', '! CODE_GENERATED']],
  // webpack's interop getter around a built-in (jiti's bundle): the vm call is found.
  [`const Si = require('node:vm'); var Ii = __webpack_require__.n(Si); Ii().runInThisContext(process.argv[2])`, ['? module global', '! CODE_GENERATED']],
  // A function called eval that is not the global one runs no code string.
  [`function run(x) {} run(process.argv[2])`, []],
  // The other doors into the loader.
  [`module.require('./a')`, ['load(require) ./a']],
  [`require.main.require('./a')`, ['load(require) ./a']],
  [`require('module')._load('./a', module)`, ['load(require) ./a']],
  [`const Module = require('module'); Module.prototype.require.call(module, './a')`, ['load(require) ./a']],
  [`require.call(null, './a'); require.apply(null, ['./b'])`, ['load(require) ./a', 'load(require) ./b']],
  [`Reflect.apply(require, null, ['./a'])`, ['load(require) ./a']],
  [`process.getBuiltinModule(process.argv[2])`, ['? module global', '! IMPORT_DYNAMIC']],
  // Reported where a member of it is called too: that is where it acts (the audit's call path).
  [`const m = process.getBuiltinModule(process.argv[2]); m.readFileSync('/d')`, ['? module global', '? module global', '! IMPORT_DYNAMIC', '! IMPORT_DYNAMIC']],
  [`const vm = require('vm'); const s = new vm.Script(process.argv[2]); s.runInThisContext()`, ['? module global', '? module generated-code', '! CODE_GENERATED', '! CODE_GENERATED']],
  [`require('module').createRequire(process.argv[2])('./a')`, ['? module global', '! MODULE_LOADER_ESCAPED']],
  [`const r = require('module').createRequire(process.argv[2]); r.resolve('./a')`, []],
  // Rollup's base for a CommonJS bundle's require.
  [`const r = require('module').createRequire(require('url').pathToFileURL(__filename).toString()); r('./a')`, ['load(require) ./a']],
  [`require('cluster').fork()`, ['child-process']],
  [`process.mainModule.require('./a'); module.constructor._load('./b'); module.constructor.prototype.require.call(module, './c')`, ['load(require) ./a', 'load(require) ./b', 'load(require) ./c']],
  // A require.extensions handler: its file is a parameter, its _compile runs what it read.
  [`require.extensions['.txt'] = (m, file) => m._compile(require('fs').readFileSync(file, 'utf8'), file)`, ['? fs.read parameter', '? module call-result', '! CODE_GENERATED']],
  // A module made by hand (require-from-string): its compile is generated code. Its require
  // resolves from the file name the object has at run time (or the working folder without one),
  // not from this file: a relative or bare request is reported (trials-16, require-relative);
  // an absolute path or a built-in loads what it names.
  [`const Module = require('module'); const m = new Module('/x.js'); m._compile(process.argv[2], '/x.js'); m.require('./a')`, ['? module global', '! CODE_GENERATED', '? module module-instance', '! IMPORT_DYNAMIC']],
  [`const Module = require('module'); const m = new Module('/x.js'); m.filename = '/x.js'; m.require('lodash')`, ['? module module-instance', '! IMPORT_DYNAMIC']],
  [`const { Module } = require('module'); const m = new Module('/x.js'); m.require(__dirname + '/a'); m.require('node:fs')`, ['load(require) /app/a']],
  // require as a value: followed, reported, or not a load at all.
  [`function f(r, n) { return r(n) } f(require, './a')`, ['load(require) ./a']],
  [`const r = require; r('./a')`, ['load(require) ./a']],
  // Guarded aliases, as bundlers write them (esbuild's __require).
  [`var __require = ((x) => typeof require !== "undefined" ? require : x)(function (x) { return require.apply(this, arguments) }); __require('./a')`, ['load(require) ./a']],
  [`const req = typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : require; req('./a')`, ['load(require) ./a']],
  [`require('host').use(require)`, ['load(require) host', '? module loader-escaped', '! MODULE_LOADER_ESCAPED']],
  [`module.exports.load = require`, ['? module loader-escaped', '! MODULE_LOADER_ESCAPED']],
  [`exports.make = () => { return require }`, ['? module loader-escaped', '! MODULE_LOADER_ESCAPED']],
  // require.resolve is resolved (Node reads package.json files on the way) but loads nothing.
  [`if (typeof require === 'function' && require.cache && require.main === module) require.resolve('./a')`, ['load(resolve) ./a']],
  [`function f(require) { return g(require) } function g() {}`, []],
];

for (const [source, expected] of rows) {
  test(`runtime code: ${source}`, () => assert.deepEqual(summary(source), [...expected].sort()));
}

test('ESM bundle: esbuild\'s __require over a createRequire banner is a require', () => {
  const src = `import { createRequire } from 'module';
const require = createRequire(import.meta.url);
var __require = ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, { get: (a, b) => (typeof require !== "undefined" ? require : a)[b] }) : x)(function (x) { if (typeof require !== "undefined") return require.apply(this, arguments); throw Error('Dynamic require of "' + x + '" is not supported') });
__require('./a.js');`;
  assert.deepEqual(summary(src, '/app/index.mjs'), ['load(require) ./a.js']);
});

test('ESM: register() follows the hooks module from the parent URL and needs --allow-worker', () => {
  assert.deepEqual(summary(`import { register } from 'node:module'; register('./hooks.mjs', import.meta.url)`, '/app/index.mjs'), ['load(import) ./hooks.mjs', 'worker']);
});

test('a site inside generated code is the site of the call that runs it', () => {
  const f = findings(`const x = 1;\n  eval("\\n\\n process.getBuiltinModule('fs').readFileSync('/d')")`);
  assert.deepEqual(f.needs.map((n) => `${n.site.line}:${n.site.column}`), ['2:3']);
});

test('hostile code strings: deep nesting and huge strings stay cheap', () => {
  let code = `process.getBuiltinModule('fs').readFileSync('/d')`;
  // Each level escapes the one inside it, so the text doubles: ten levels is already 60 KiB.
  for (let i = 0; i < 10; i++) code = `eval(${JSON.stringify(code)})`;
  const start = Date.now();
  findings(code);
  const big = `eval("${'x;'.repeat(200_000)}")`;
  assert.deepEqual(summary(big), ['! CODE_GENERATED', '? module generated-code']);
  assert.ok(Date.now() - start < 5000, 'took too long');
});

// Every fixture of this class that can only report its case: --unresolved error exits 1.
const repo = path.join(import.meta.dirname, '..');
const reported = readdirSync(path.join(repo, 'fixtures')).filter((name) => {
  const file = path.join(repo, 'fixtures', name, 'case.json');
  return /^miss-(eval|function|vm|require|module|create-require|get-builtin|worker)-/.test(name) && existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).run?.expect === 'denied';
});

test('the reported runtime-code fixtures exist', () => assert.ok(reported.length >= 6, reported.join(', ')));

for (const name of reported) {
  test(`--unresolved error exits 1 on ${name}`, () => {
    const app = path.join(repo, 'fixtures', name, 'app');
    const r = spawnSync(process.execPath, [cli, '--cwd', app, '--target', '26', '--unresolved', 'error'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /^[\w./-]+:\d+:\d+: error (CODE_GENERATED|MODULE_LOADER_ESCAPED|IMPORT_DYNAMIC): /m);
  });
}
