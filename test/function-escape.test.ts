// A capability module's function used as a value where the calls made through it are not
// followed (lib/detect/function-escape.ts): what is reported, and what is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findings } from './support/snippet.js';
import { cliPath as cli } from './support/cli.js';

const repo = path.join(import.meta.dirname, '..');

/** The escapes a snippet reports, as `api how`, and its unresolved accesses of that reason. */
function escapes(source: string): string[] {
  const f = findings(source);
  return [
    ...f.diagnostics.filter((d) => d.code === 'CAPABILITY_FUNCTION_ESCAPED').map((d) => { const a = d.args as { api: string; how: string }; return `${a.api} ${a.how}`; }),
    ...f.unresolved.filter((u) => u.reason === 'function-escaped').map((u) => `? ${u.capability} ${u.api}`),
  ].sort();
}

const cases: [string, string, string[]][] = [
  ['kept in a defaults object (zx)', "const cp = require('child_process');\nconst defaults = { cmd: '', spawn: cp.spawn };\nmodule.exports = defaults;", ['child_process.spawn stored']],
  ['destructured and kept by shorthand', "const { execFile } = require('child_process');\nconst ctx = { execFile };\nuse(ctx);", ['child_process.execFile stored']],
  ['handed inside an object to another function (@quansync/fs)', "const fs = require('fs');\nconst q = require('quansync');\nexports.readFile = q({ sync: fs.readFileSync, async: fs.promises.readFile });", ['? fs.read fs.promises.readFile', '? fs.read fs.readFileSync', 'fs.promises.readFile stored', 'fs.readFileSync stored']],
  ['handed to a wrapper of the file (csv-writer)', "const fs = require('fs');\nfunction wrap(fn) { return (a, b) => fn(a, b); }\nconst w = wrap(fs.writeFileSync);\nw('out.txt', 'x');", ['? fs.write fs.writeFileSync', 'fs.writeFileSync argument']],
  ['handed to a function of the file that returns a function calling it', "const fs = require('fs');\nconst wrap = (fn) => (p) => fn(p);\nwrap(fs.readFileSync)('a.txt');", ['? fs.read fs.readFileSync', 'fs.readFileSync argument']],
  ['handed to a function of the file that calls it in its own body: followed through its callers', "const fs = require('fs');\nfunction r(read, f) { return read(f); }\nr(fs.readFileSync, '/a');", []],
  ['handed to a setter of the file that keeps it for later callers', "const fs = require('fs');\nvar u;\nfunction set(f) { u = f; }\nset(fs.writeFileSync);", ['? fs.write fs.writeFileSync', 'fs.writeFileSync argument']],
  ['handed to a function of the file that writes it back to itself and calls it: followed', "const fs = require('fs');\nfunction r(read, f) { read = read || other; return read(f); }\nr(fs.readFileSync, '/a');", []],
  ['a read-write function has both scopes', "const fs = require('fs');\nkeep({ rm: fs.rmSync });", ['? fs.read fs.rmSync', '? fs.write fs.rmSync', 'fs.rmSync stored']],
  ['the exports object itself: the export table follows it (fs-extra path-exists)', "const fs = require('fs');\nmodule.exports = { pathExistsSync: fs.existsSync };", []],
  ['a member of the exports', "const fs = require('fs');\nexports.adapter = { stat: fs.statSync };", []],
  ['handed to a built-in whose result the evaluator knows', "const fs = require('fs');\nconst util = require('util');\nconst read = util.promisify(fs.readFile);", []],
  ['a same-named member of something else', "const obj = make();\nconst o = { spawn: obj.spawn, readFile: obj.readFile };\nuse(o);", []],
  ['an fs function that takes no path', "const fs = require('fs');\nkeep({ close: fs.close });", []],
  // fs.exists answers false for a path it may not read (trials-15): kept, it is a read.
  ['fs.exists kept in an object', "const fs = require('fs');\nkeep({ exists: fs.exists });", ['? fs.read fs.exists', 'fs.exists stored']],
  // holes-13: kept beside an object literal's member.
  ['a class field and a static one', "const fs = require('fs');\nclass A { w = fs.writeFileSync; static r = fs.readFileSync; }\nuse(A);", ['? fs.read fs.readFileSync', '? fs.write fs.writeFileSync', 'fs.readFileSync stored', 'fs.writeFileSync stored']],
  ['a member written on another object', "const fs = require('fs');\nconst o = {};\no.w = fs.writeFileSync;\nuse(o);", ['? fs.write fs.writeFileSync', 'fs.writeFileSync stored']],
  ['a member written on the exports: the export table follows it', "const fs = require('fs');\nexports.w = fs.writeFileSync;\nmodule.exports.r = fs.readFileSync;", []],
  ['an array, a Map made from one', "const fs = require('fs');\nuse(new Map([['w', fs.writeFileSync]]));", ['? fs.write fs.writeFileSync', 'fs.writeFileSync stored']],
  ['bound, in an object', "const fs = require('fs');\nuse({ r: fs.readFileSync.bind(fs) });", ['? fs.read fs.readFileSync', 'fs.readFileSync stored']],
  ['under a name of its own, kept by shorthand', "const fs = require('fs');\nconst w = fs.writeFileSync;\nuse({ w });", ['? fs.write fs.writeFileSync', 'fs.writeFileSync stored']],
  ['a parameter default kept in an object', "const fs = require('fs');\nfunction h(write = fs.writeFileSync) { return { w: write }; }\nuse(h());", ['? fs.write fs.writeFileSync', 'fs.writeFileSync stored']],
  ['renamed by destructuring, kept by shorthand', "const fs = require('fs');\nconst { writeFileSync: w } = fs;\nuse({ w });", ['? fs.write fs.writeFileSync', 'fs.writeFileSync stored']],
  ['a name of its own that is not one', "const w = make();\nuse({ w });", []],
  // lead's merge (mkdirp 1's opts-arg.js): a default kept beside the caller's own.
  ['a default beside the caller\'s own, in a member write', "const fs = require('fs');\nfunction opts(o) { o.mkdir = o.mkdir || fs.mkdirSync; return o; }\nuse(opts({}));", ['? fs.write fs.mkdirSync', 'fs.mkdirSync stored']],
  ['one branch of a conditional in an object', "const fs = require('fs');\nuse({ w: flag ? fs.writeFileSync : other });", ['? fs.write fs.writeFileSync', 'fs.writeFileSync stored']],
  // A forwarding wrapper (lib/detect/followed-escape.ts): reported unless every call of its result is followed.
  ['a forwarding wrapper handed a spread before the function', "const fs = require('fs');\nconst wrap = (a, fn) => (...x) => fn(...x);\nwrap(...list, fs.readFileSync)('a.txt');", ['? fs.read fs.readFileSync', 'fs.readFileSync argument']],
  ['a forwarding wrapper called where it is made', "const fs = require('fs');\nconst wrap = (fn) => (...a) => fn(...a);\nwrap(fs.readFileSync)('a.txt');", []],
  ['a forwarding wrapper in steps, called through them', "const fs = require('fs');\nconst r = (fn) => (t) => (...a) => fn(...a);\nr(fs.readFileSync)(5)('a.txt');\nconst s = r(fs.writeFileSync);\ns(1)('b.txt', 'x');", []],
  ['a forwarding wrapper kept in a name only called', "const fs = require('fs');\nfunction wrap(fn) { return function () { return fn.apply(this, arguments); }; }\nconst w = wrap(fs.writeFileSync);\nfunction save(p) { w(p, 'x'); }\nsave('a.txt');", []],
  ['a step left uncalled', "const fs = require('fs');\nconst r = (fn) => (t) => (...a) => fn(...a);\nr(fs.readFileSync)(5);", ['? fs.read fs.readFileSync', 'fs.readFileSync argument']],
  ['a forwarding wrapper kept in a name handed on', "const fs = require('fs');\nconst wrap = (fn) => (...a) => fn(...a);\nconst w = wrap(fs.writeFileSync);\nw('a.txt', 'x');\nsetImmediate(w, 'b.txt', 'y');", ['? fs.write fs.writeFileSync', 'fs.writeFileSync argument']],
  ['a forwarding wrapper kept in a name written again', "const fs = require('fs');\nconst wrap = (fn) => (...a) => fn(...a);\nlet w = wrap(fs.writeFileSync);\nw = other;\nw('a.txt', 'x');", ['? fs.write fs.writeFileSync', 'fs.writeFileSync argument']],
  ['a forwarding wrapper exported (an importer may hand it on)', "const fs = require('fs');\nconst wrap = (fn) => (...a) => fn(...a);\nexports.save = wrap(fs.writeFileSync);", ['? fs.write fs.writeFileSync', 'fs.writeFileSync argument']],
  ['a forwarding wrapper kept in an object', "const fs = require('fs');\nconst wrap = (fn) => (...a) => fn(...a);\nconst api = { save: wrap(fs.writeFileSync) };\napi.save('a.txt', 'x');", ['? fs.write fs.writeFileSync', 'fs.writeFileSync argument']],
  ['a factory that also keeps the function', "const fs = require('fs');\nconst all = [];\nfunction wrap(fn) { all.push(fn); return (...a) => fn(...a); }\nwrap(fs.readFileSync)('a.txt');", ['? fs.read fs.readFileSync', 'fs.readFileSync argument']],
];

for (const [name, source, expected] of cases) {
  test(`function escape: ${name}`, () => assert.deepEqual(escapes(source), expected));
}

test('ESM: an exported object literal is followed, another one is reported', () => {
  const exported = "import fs from 'node:fs';\nexport default { read: fs.readFileSync };\nexport const more = { write: fs.writeFileSync };";
  assert.deepEqual(escapes(exported), []);
  assert.deepEqual(escapes("import fs from 'node:fs';\nconst table = { read: fs.readFileSync };\nexport default table;"), ['? fs.read fs.readFileSync', 'fs.readFileSync stored']);
});

for (const name of ['miss-capability-function-stored-in-options', 'precision-capability-function-wrapper-not-followed']) {
  test(`${name}: --unresolved error exits 1 with an error at the escape`, () => {
    const r = spawnSync(process.execPath, [cli, '--target', '26', '--unresolved', 'error', '--format', 'json'], { cwd: path.join(repo, 'fixtures', name, 'app'), encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { diagnostics: { code: string; severity: string }[] };
    assert.ok(report.diagnostics.some((d) => d.code === 'CAPABILITY_FUNCTION_ESCAPED' && d.severity === 'error'), r.stdout);
  });
}

// escape-14: an fs function another module exports, or the module's own exports object holding
// one, handed on as a value (lib/detect/handed-on-import.ts).
const ownExportsCases: [string, string, string[]][] = [
  ['the exports object handed to a function keeping it for later', "const fs = require('fs');\nexports.w = fs.writeFileSync;\nconst jobs = [];\nfunction run(m, p) { jobs.push(() => m.w(p, 'x')); }\nrun(exports, 'a.txt');", ['? fs.write fs.writeFileSync', 'fs.writeFileSync argument']],
  ['module.exports handed to another module', "const fs = require('fs');\nmodule.exports.w = fs.writeFileSync;\nrequire('./keeper')(module.exports);", ['? fs.write fs.writeFileSync', 'fs.writeFileSync argument']],
  ['an export of its own named otherwise, handed on', "const fs = require('fs');\nexports.plain = fs.writeFileSync;\nkeep(exports.plain);", ['? fs.write fs.writeFileSync', 'fs.writeFileSync argument']],
  ['the exports object copied by a built-in (the copy holds the function)', "const fs = require('fs');\nexports.w = fs.writeFileSync;\nconst copy = Object.assign({}, exports);", ['? fs.write fs.writeFileSync', 'fs.writeFileSync argument']],
  ['the exports object handed to a function of the file calling its member in place (a member of the exports through a parameter is not followed)', "const fs = require('fs');\nexports.w = fs.writeFileSync;\nfunction run(m, p) { m.w(p, 'x'); }\nrun(exports, 'a.txt');", ['? fs.write fs.writeFileSync', 'fs.writeFileSync argument']],
  ['the exports object given its flag by Object.defineProperty (tsc)', "const fs = require('fs');\nObject.defineProperty(exports, '__esModule', { value: true });\nexports.w = fs.writeFileSync;", []],
  ['the exports object holding no capability function', "exports.a = 1;\nexports.f = function () {};\nkeep(exports);", []],
];

for (const [name, source, expected] of ownExportsCases) {
  test(`function escape (own exports): ${name}`, () => assert.deepEqual(escapes(source), expected));
}

/** The CAPABILITY_FUNCTION_ESCAPED sites (`file:line api how`) and fs.write grants of a project of `files`, analysed by the CLI. */
function projectEscapes(files: Record<string, string>): { escapes: string[]; writes: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'npp-escape-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const r = spawnSync(process.execPath, [cli, '--target', '26', '--unresolved', 'warn', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    const report = JSON.parse(r.stdout) as { diagnostics: { code: string; args: { api: string; how: string }; site?: { file: string; line: number } }[]; policy: { fsWrite: { path: string }[] } };
    return {
      escapes: report.diagnostics.filter((d) => d.code === 'CAPABILITY_FUNCTION_ESCAPED').map((d) => `${d.site?.file}:${d.site?.line} ${d.args.api} ${d.args.how}`).sort(),
      writes: report.policy.fsWrite.map((w) => path.relative(dir, w.path)).sort(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const later = "function later(fn, p) { setTimeout(() => fn(p, 'x'), 1); }\n";
const importerCases: [string, Record<string, string>, { escapes: string[]; writes: string[] }][] = [
  ['ESM: a named import handed on', { 'package.json': '{"type":"module","main":"index.js"}', 'lib.js': "import fs from 'node:fs';\nexport const plain = fs.writeFileSync;\n", 'index.js': `import { plain } from './lib.js';\n${later}later(plain, 'a.txt');\n` }, { escapes: ['index.js:3 fs.writeFileSync argument'], writes: [] }],
  ['an object literal exported, a member read handed on', { 'package.json': '{"main":"index.js"}', 'lib.js': "const fs = require('fs');\nmodule.exports = { w: fs.writeFileSync };\n", 'index.js': `const lib = require('./lib');\n${later}later(lib.w, 'a.txt');\n` }, { escapes: ['index.js:3 fs.writeFileSync argument'], writes: [] }],
  ['destructured from require and handed on', { 'package.json': '{"main":"index.js"}', 'lib.js': "const fs = require('fs');\nexports.w = fs.writeFileSync;\n", 'index.js': `const { w } = require('./lib');\n${later}later(w, 'a.txt');\n` }, { escapes: ['index.js:3 fs.writeFileSync argument'], writes: [] }],
  ['called directly: granted, no warning', { 'package.json': '{"main":"index.js"}', 'lib.js': "const fs = require('fs');\nexports.plain = fs.writeFileSync;\n", 'index.js': "const lib = require('./lib');\nlib.plain('a.txt', 'x');\n" }, { escapes: [], writes: ['a.txt'] }],
  ['handed to a function of the file calling it in place: followed', { 'package.json': '{"main":"index.js"}', 'lib.js': "const fs = require('fs');\nexports.plain = fs.writeFileSync;\n", 'index.js': "const lib = require('./lib');\nfunction now(fn, p) { return fn(p, 'x'); }\nnow(lib.plain, 'a.txt');\n" }, { escapes: [], writes: ['a.txt'] }],  // silent-16: kept by the importer in an object, an array, a member or a class field, also through a name given it.
  ['kept in an object pushed on an array', { 'package.json': '{"main":"index.js"}', 'lib.js': "const fs = require('fs');\nexports.r = fs.readFileSync;\n", 'index.js': "const lib = require('./lib');\nconst keep = [];\nkeep.push({ f: lib.r });\n" }, { escapes: ['index.js:3 fs.readFileSync stored'], writes: [] }],
  ['kept in a class field, a Map, a member', { 'package.json': '{"main":"index.js"}', 'lib.js': "const fs = require('fs');\nexports.r = fs.readFileSync;\n", 'index.js': "const { r } = require('./lib');\nclass K { f = r; }\nconst m = new Map([['f', r]]);\nconst o = {};\no.f = require('./lib').r;\n" }, { escapes: ['index.js:2 fs.readFileSync stored', 'index.js:3 fs.readFileSync stored', 'index.js:5 fs.readFileSync stored'], writes: [] }],
  ['kept through names given it', { 'package.json': '{"main":"index.js"}', 'lib.js': "const fs = require('fs');\nexports.r = fs.readFileSync;\n", 'index.js': "const lib = require('./lib');\nconst f = lib.r;\nlet g;\ng = f;\nuse({ g });\n" }, { escapes: ['index.js:5 fs.readFileSync stored'], writes: [] }],
  ['an object literal that is the exports: the export table follows it', { 'package.json': '{"main":"index.js"}', 'lib.js': "const fs = require('fs');\nexports.r = fs.readFileSync;\n", 'index.js': "const lib = require('./lib');\nmodule.exports = { f: lib.r };\n" }, { escapes: [], writes: [] }],
  ['the whole module kept in an object', { 'package.json': '{"main":"index.js"}', 'lib.js': "const fs = require('fs');\nexports.r = fs.readFileSync;\n", 'index.js': "const keep = [];\nkeep.push({ m: require('./lib') });\n" }, { escapes: ['index.js:2 fs.readFileSync stored'], writes: [] }],
  ['the whole module handed to a function calling through it on a later tick', { 'package.json': '{"main":"index.js"}', 'lib.js': "const fs = require('fs');\nexports.r = fs.readFileSync;\n", 'index.js': "const lib = require('./lib');\nfunction later(m, p) { setImmediate(() => m.r(p)); }\nlater(lib, 'a.txt');\n" }, { escapes: ['index.js:3 fs.readFileSync argument'], writes: [] }],
  ['the whole module handed to a function calling through it in place (a member through a parameter is not followed)', { 'package.json': '{"main":"index.js"}', 'lib.js': "const fs = require('fs');\nexports.plain = fs.writeFileSync;\n", 'index.js': "const lib = require('./lib');\nfunction now(m, p) { return m.plain(p, 'x'); }\nnow(lib, 'a.txt');\n" }, { escapes: ['index.js:3 fs.writeFileSync argument'], writes: [] }],
  ['the whole module exporting fs functions under their own names: left to the fs-like rule', { 'package.json': '{"main":"index.js"}', 'lib.js': "const fs = require('fs');\nexports.readFileSync = fs.readFileSync;\n", 'index.js': "const keep = [];\nkeep.push({ m: require('./lib') });\n" }, { escapes: [], writes: [] }],
  ['a value of its own kept, not an import', { 'package.json': '{"main":"index.js"}', 'lib.js': "const fs = require('fs');\nexports.r = fs.readFileSync;\n", 'index.js': "const x = make();\nconst y = x.r;\nuse({ y, z: x.r });\n" }, { escapes: [], writes: [] }],
];

for (const [name, files, expected] of importerCases) {
  test(`function escape (imported): ${name}`, () => assert.deepEqual(projectEscapes(files), expected));
}
