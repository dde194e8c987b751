// Every bound of the analysis reports when it is hit (docs/limits.md, "Every bound, and what is
// said when it is reached"). Each case below goes one step past a bound session 14 left without
// a test of its own, with a real file access behind it, and asserts the access is reported at
// its site with its reason; the case one step inside the bound shows what the bound costs (the
// access granted there). The last test keeps the table honest: a MAX_ constant in lib/ or cli/
// with no row of its own fails it, so a bound cannot be added silently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type Report } from '../lib/index.js';
import { memoryHost } from './support/memory-host.js';
import { model, testEnv } from './support/snippet.js';
import { detectFile, type Findings } from '../lib/detect/index.js';
import { broadFolders } from '../lib/detect/prefix.js';
import { newEvalState } from '../lib/evaluate/index.js';
import { packageOf } from '../lib/graph/index.js';
import { copyApp } from './support/app-copy.js';
import { cacheKey } from '../lib/cache/key.js';

const root = '/bounds';
const pkg = (name: string) => JSON.stringify({ name, main: 'index.js' });

function run(files: Record<string, string>): Promise<Report> {
  const all = { 'package.json': pkg('app'), ...files };
  return analyze({ cwd: root, host: memoryHost(root, all), target: '22', unresolved: 'warn', env: {}, homedir: '/home/h', tmpdir: '/tmp' });
}

/** `CODE file:line reason` of each diagnostic the case is about (not the target's). */
const reports = (r: Report) =>
  r.diagnostics
    .filter((d) => !d.code.startsWith('TARGET') && d.code !== 'ADVISORY_UNFIXED')
    .map((d) => {
      const a = d.args as { reason?: string; bound?: string; how?: string };
      return `${d.code} ${d.site?.file}:${d.site?.line} ${a.bound ?? a.reason ?? a.how ?? ''}`.trim();
    })
    .sort();
const grants = (r: Report, flag: string) => r.flags.includes(flag);

// callers.ts MAX_CALLER_DEPTH (3): a parameter is followed through three callers in its file.
function callerChain(levels: number): Record<string, string> {
  const fns = ['function f0(p) { return fs.readFileSync(p); }'];
  for (let i = 1; i < levels; i++) fns.push(`function f${i}(p) { return f${i - 1}(p); }`);
  return { 'index.js': `const fs = require('fs');\n${fns.join('\n')}\nf${levels - 1}(__dirname + '/data.txt');\n` };
}

test('callers.ts MAX_CALLER_DEPTH: a path handed through four functions is FS_PATH_UNKNOWN (parameter) at the read', async () => {
  const inside = await run(callerChain(3));
  assert.ok(grants(inside, `--allow-fs-read=${root}/data.txt`), inside.flags.join(' '));
  assert.deepEqual(reports(inside), []);
  const past = await run(callerChain(4));
  assert.ok(!grants(past, `--allow-fs-read=${root}/data.txt`));
  assert.deepEqual(reports(past), ['FS_PATH_UNKNOWN index.js:2 parameter']);
});

// export-escape.ts MAX_PASSES (3): a module handed from variable to variable is followed three
// assignments on; what is still assigned on after them escapes there (`stored`).
function reassigned(times: number, use: string): Record<string, string> {
  const names = Array.from({ length: times + 1 }, (_, i) => `m${i}`);
  const steps = names.slice(1).map((n, i) => `${n} = ${names[i]};`);
  return {
    'node_modules/lib/package.json': pkg('lib'),
    'node_modules/lib/index.js': "const fs = require('fs');\nexports.read = function (p) { return fs.readFileSync(p); };\n",
    'index.js': `let ${names.join(', ')};\nm0 = require('lib');\n${steps.join('\n')}\n${use.replaceAll('LAST', names.at(-1)!)}\n`,
  };
}

test('export-escape.ts MAX_PASSES: a module reassigned past the passes escapes where it is assigned on (EXPORTS_ESCAPED stored), its read reported', async () => {
  // Handed to setTimeout, which matching does not follow: only the escape says the read may run.
  const use = "setTimeout(LAST.read, 0, __dirname + '/data.txt');";
  // Two reassignments: the third pass finds the module handed to setTimeout.
  const inside = await run(reassigned(2, use));
  assert.deepEqual(reports(inside), ['EXPORTS_ESCAPED index.js:5 argument', 'FS_PATH_UNKNOWN node_modules/lib/index.js:2 parameter']);
  // Three: `m3 = m2` is the assignment a fourth pass would have followed; it escapes there.
  const past = await run(reassigned(3, use));
  assert.deepEqual(reports(past), ['EXPORTS_ESCAPED index.js:5 stored', 'FS_PATH_UNKNOWN node_modules/lib/index.js:2 parameter']);
  assert.ok(!grants(past, `--allow-fs-read=${root}/data.txt`));
});

// made-objects.ts MAX_STEPS (8): the receiver of a method call is followed back eight steps to
// the `new` of another module's class that made it.
function aliasedInstance(aliases: number): Record<string, string> {
  const lines = ["const Lib = require('lib');", 'const s0 = new Lib();'];
  for (let i = 1; i <= aliases; i++) lines.push(`const s${i} = s${i - 1};`);
  lines.push(`s${aliases}.save(__dirname + '/out.txt');`);
  return {
    'node_modules/lib/package.json': pkg('lib'),
    'node_modules/lib/index.js': "const fs = require('fs');\nfunction Store() {}\nStore.prototype.save = function (p) { fs.writeFileSync(p, 'x'); };\nmodule.exports = Store;\n",
    'index.js': lines.join('\n') + '\n',
  };
}

test("made-objects.ts MAX_STEPS: a method called on an instance aliased past the steps is FS_PATH_UNKNOWN (parameter) at the method's write", async () => {
  const inside = await run(aliasedInstance(6));
  assert.ok(grants(inside, `--allow-fs-write=${root}/out.txt`), inside.flags.join(' '));
  const past = await run(aliasedInstance(7));
  assert.ok(!grants(past, `--allow-fs-write=${root}/out.txt`));
  assert.deepEqual(reports(past), ['FS_PATH_UNKNOWN node_modules/lib/index.js:3 parameter']);
});

// own-exports.ts MAX_DEPTH (4): an exported function's export path is looked for four objects
// deep; deeper, the function still escapes where the file stores it, and its write is reported.
function nestedExport(levels: number): Record<string, string> {
  let exp = 'html';
  for (let i = levels - 1; i >= 0; i--) exp = `${String.fromCharCode(97 + i)}: { ${exp} }`;
  const lib = [
    "const fs = require('fs');",
    'function html(file, body) { fs.writeFileSync(file, body); }',
    'function log(file) { console.error(file); }',
    'const steps = [log, html];',
    'function saveAll(file, body) { for (const step of steps) step(file, body); }',
    `module.exports = { saveAll, ${exp} };`,
  ];
  return {
    'node_modules/lib/package.json': pkg('lib'),
    'node_modules/lib/index.js': lib.join('\n') + '\n',
    'index.js': "const lib = require('lib');\nlib.saveAll(__dirname + '/out.txt', 'x');\n",
  };
}

test("own-exports.ts MAX_DEPTH: a function exported five objects deep and called through an array of its file is FS_PATH_UNKNOWN (parameter) at its write", async () => {
  for (const levels of [4, 5, 6]) {
    const r = await run(nestedExport(levels));
    assert.ok(!grants(r, `--allow-fs-write=${root}/out.txt`));
    assert.ok(reports(r).includes('FS_PATH_UNKNOWN node_modules/lib/index.js:2 parameter'), `${levels}: ${reports(r).join(', ')}`);
  }
});

// flow.ts MAX_MADE_DEPTH (2): what an exported factory's result makes is on the export table two
// results deep (`make()()`), not three.
function factory(levels: number): Record<string, string> {
  let made = 'new Store()';
  for (let i = 0; i < levels; i++) made = `function f${i}() { return ${made}; }`;
  return {
    'node_modules/lib/package.json': pkg('lib'),
    'node_modules/lib/index.js': `const fs = require('fs');\nfunction Store() {}\nStore.prototype.save = function (p) { fs.writeFileSync(p, 'x'); };\nmodule.exports = ${made};\n`,
    'index.js': `const make = require('lib');\nconst s = make${'()'.repeat(levels)};\ns.save(__dirname + '/out.txt');\n`,
  };
}

test("flow.ts MAX_MADE_DEPTH: a method of what a factory's factory's factory makes is FS_PATH_UNKNOWN (parameter) at the method's write", async () => {
  const inside = await run(factory(2));
  assert.ok(grants(inside, `--allow-fs-write=${root}/out.txt`), inside.flags.join(' '));
  const past = await run(factory(3));
  assert.ok(!grants(past, `--allow-fs-write=${root}/out.txt`));
  assert.deepEqual(reports(past), ['FS_PATH_UNKNOWN node_modules/lib/index.js:3 parameter']);
});

// detect/index.ts MAX_HELD_DEPTH (3): an options object handed to another module's class is
// searched three levels down for a parameter waiting for its function's callers.
function heldOptions(levels: number): Record<string, string> {
  const keys = ['a', 'b', 'c', 'd', 'e'].slice(0, levels);
  let opts = '{ file }';
  for (const k of [...keys].reverse()) opts = `{ ${k}: ${opts} }`;
  return {
    'node_modules/lib/package.json': pkg('lib'),
    'node_modules/lib/index.js': `const Store = require('store');\nexports.open = function (file) { return new Store(${opts}); };\n`,
    'node_modules/store/package.json': pkg('store'),
    'node_modules/store/index.js': `const fs = require('fs');\nmodule.exports = class Store { constructor(opts) { this.text = fs.readFileSync(opts.${[...keys, 'file'].join('.')}, 'utf8'); } };\n`,
    'index.js': "const lib = require('lib');\nlib.open(__dirname + '/db.txt');\n",
  };
}

test('detect MAX_HELD_DEPTH: a parameter held four objects deep in options handed to a class is FS_PATH_UNKNOWN (parameter) at the read', async () => {
  const inside = await run(heldOptions(2));
  assert.ok(grants(inside, `--allow-fs-read=${root}/db.txt`), inside.flags.join(' '));
  const past = await run(heldOptions(3));
  assert.ok(!grants(past, `--allow-fs-read=${root}/db.txt`));
  assert.deepEqual(reports(past), ['FS_PATH_UNKNOWN node_modules/store/index.js:2 parameter']);
});

// returns.ts MAX_BRANCHING_STATEMENTS (8) and MAX_BRANCHING_NESTING (3): a small function's
// branches are folded up to eight statements, and such calls three inside one another.
function branching(statements: number): Record<string, string> {
  const guards = Array.from({ length: statements - 1 }, (_, i) => `  if (name === 'x${i}') return '/nowhere${i}';`);
  return { 'index.js': `const fs = require('fs');\nfunction where(dir, name) {\n${guards.join('\n')}\n  return dir + '/' + name;\n}\nfs.readFileSync(where(__dirname, 'data.txt'));\n` };
}

function nestedBranching(levels: number): Record<string, string> {
  const fns = Array.from({ length: levels }, (_, i) => `function f${i}(dir) {\n  if (dir === '/x') return '/nowhere';\n  return ${i < levels - 1 ? `f${i + 1}(dir)` : "dir + '/data.txt'"};\n}`);
  return { 'index.js': `const fs = require('fs');\n${fns.join('\n')}\nfs.readFileSync(f0(__dirname));\n` };
}

test('returns.ts MAX_BRANCHING_STATEMENTS: a branching function of nine statements is FS_PATH_UNKNOWN (call-result) at the read', async () => {
  const inside = await run(branching(8));
  assert.ok(grants(inside, `--allow-fs-read=${root}/data.txt`), inside.flags.join(' '));
  const past = await run(branching(9));
  assert.ok(!grants(past, `--allow-fs-read=${root}/data.txt`));
  assert.deepEqual(reports(past), ['FS_PATH_UNKNOWN index.js:13 call-result']);
});

test('returns.ts MAX_BRANCHING_NESTING: branching functions four inside one another are FS_PATH_UNKNOWN (call-result) at the read', async () => {
  const inside = await run(nestedBranching(3));
  assert.ok(grants(inside, `--allow-fs-read=${root}/data.txt`), inside.flags.join(' '));
  const past = await run(nestedBranching(4));
  assert.ok(!grants(past, `--allow-fs-read=${root}/data.txt`));
  assert.deepEqual(reports(past), ['FS_PATH_UNKNOWN index.js:18 call-result']);
});

// match-calls.ts MAX_MEMBERS (4,096): a module handed on whole has its export names read for the
// fs functions it holds under names of its own; one past the names read is not named, so the
// hand-on is reported as cut (silent-17: it was silent).
function manyExports(names: number): Record<string, string> {
  const lines = Array.from({ length: names - 1 }, (_, i) => `exports.n${i} = ${i};`);
  return {
    'lib.js': `const fs = require('fs');\n${lines.join('\n')}\nexports.last = fs.readFileSync;\n`,
    'index.js': "const lib = require('./lib');\nfunction later(m, p) { setImmediate(() => m.last(p)); }\nlater(lib, __dirname + '/data.txt');\n",
  };
}

test('match-calls.ts MAX_MEMBERS: a module handed on whole with an fs function past 4,096 names is CALL_NOT_FOLLOWED (members) at the hand-on', async () => {
  const inside = await run(manyExports(4096));
  assert.deepEqual(reports(inside), ['CAPABILITY_FUNCTION_ESCAPED index.js:3 argument']);
  const past = await run(manyExports(4097));
  assert.deepEqual(reports(past), ['CALL_NOT_FOLLOWED index.js:3 members']);
  assert.deepEqual(past.unresolved.filter((u) => u.reason === 'flow-bound').map((u) => `${u.capability} ${u.site?.line}`), ['fs.read 3', 'fs.write 3']);
});

// The table of docs/limits.md names every MAX_ constant with its file: one row each.
test('docs/limits.md has a row for every MAX_ constant in lib/ and cli/', () => {
  const repo = path.join(import.meta.dirname, '..');
  const doc = fs.readFileSync(path.join(repo, 'docs', 'limits.md'), 'utf8');
  const rows = doc.split('\n').filter((l) => l.startsWith('| `'));
  const missing: string[] = [];
  for (const dir of ['lib', 'cli']) {
    for (const rel of fs.readdirSync(path.join(repo, dir), { recursive: true }) as string[]) {
      if (!rel.endsWith('.ts')) continue;
      const file = `${dir}/${rel.split(path.sep).join('/')}`;
      const text = fs.readFileSync(path.join(repo, file), 'utf8');
      for (const m of text.matchAll(/^\s*(?:export\s+)?const\s+(MAX_[A-Z0-9_]+)\s*=/gm)) {
        const row = rows.find((l) => l.includes(`\`${m[1]}\``) && l.includes(`\`${file}\``));
        if (!row) missing.push(`${m[1]} (${file})`);
      }
    }
  }
  assert.deepEqual(missing, [], 'each needs a row in docs/limits.md: what it bounds, what is reported at it, the test');
});

// EVALUATION_FUEL: once a file has spent its fuel every later value is cut (`depth-limit`), and
// each call of a name after that was CALL_NOT_FOLLOWED (fold-depth): 520 in this repository's
// own lib/evaluate/index.ts, calls of its own functions and imports. A cut callee is folded again
// with fuel of its own (refold.ts refoldedCallee); the call is then examined as any call is.
// Its arguments stay cut: a capability it reaches is reported at its own site.
function findingsWithFuel(source: string, fuel: number): Findings {
  const env = { ...testEnv(), state: newEvalState() };
  env.state.fuel.left = fuel;
  return detectFile(model(source), { env, packageOf, unresolved: { read: 'warn', write: 'warn' }, tooBroad: broadFolders('/app', '/home/u', (p) => p) });
}

// The first call's argument spends the fuel: an array of 300 strings, one evaluation step each.
const burn = `fs.existsSync([${Array.from({ length: 300 }, (_, i) => `'p${i}'`).join(', ')}]);\n`;
const atLine = (f: Findings, line: number) => [
  ...f.diagnostics.filter((d) => d.site?.line === line).map((d) => `${d.code} ${(d.args as { bound?: string }).bound ?? ''}`.trim()),
  ...f.unresolved.filter((u) => u.site.line === line).map((u) => `unresolved ${u.api} ${u.reason}`),
];

test('EVALUATION_FUEL: an fs call after the file spent its fuel is reported at the call as that fs API (depth-limit), not a call of nothing known', () => {
  const source = `const fs = require('fs');\nconst path = require('path');\n${burn}fs.writeFileSync(path.join(__dirname, 'out.txt'), 'x');\n`;
  const f = findingsWithFuel(source, 100);
  assert.deepEqual(atLine(f, 4), ['FS_PATH_UNKNOWN', 'unresolved fs.writeFileSync depth-limit']);
  assert.ok(!f.needs.some((n) => n.path?.endsWith('out.txt')), 'the cut path is not granted');
});

test("EVALUATION_FUEL: a call of the file's own function after the fuel ran out is examined as a call of it, not CALL_NOT_FOLLOWED", () => {
  const source = `const fs = require('fs');\nfunction helper(x) { return x.length; }\n${burn}helper('abc');\n`;
  const f = findingsWithFuel(source, 100);
  assert.deepEqual(atLine(f, 4), []);
});

test('EVALUATION_FUEL: a call into another module after the fuel ran out is a call of that module (matched), its path argument cut', () => {
  const source = `const fs = require('fs');\nconst { save } = require('./store');\n${burn}save(__dirname + '/out.txt');\n`;
  const f = findingsWithFuel(source, 100);
  assert.deepEqual(atLine(f, 4), []);
  const call = f.pendingCalls.find((c) => c.site.line === 4);
  assert.ok(call, 'the call into ./store is matched');
  assert.deepEqual(call.args.map((a) => (a.k === 'unknown' ? a.reason : a.k)), ['depth-limit']);
});

// apply.ts MAX_SCRIPT_BYTES (4 MiB): an extensionless file a model's search finds is read for its
// `#!… node` line only up to this size. A larger one could not be told from a binary, and was
// taken for one: commander's subcommand `bin/tool-serve`, a Node script of 5 MiB (a bundled bin),
// was run by a Node child that inherits the policy, neither analysed nor reported. (On da283aa the
// caching host dropped maxBytes, so it was read whole instead: a binary of any size too.) It is now
// taken for code: loaded, so over --max-file-size it is FILE_TOO_LARGE with its cheap pass.
test('apply.ts MAX_SCRIPT_BYTES: an extensionless subcommand over 4 MiB is taken for code, FILE_TOO_LARGE at it, not a binary left unsaid', async () => {
  const copy = copyApp(path.join(import.meta.dirname, '..', 'fixtures', 'miss-commander-subcommand-extensionless', 'app'), 'script-bytes');
  try {
    const script = path.join(copy.dir, 'bin', 'tool-serve');
    fs.appendFileSync(script, `// ${'x'.repeat(5 * 1024 * 1024)}\n`);
    const r = await analyze({ cwd: copy.dir, target: '22', unresolved: 'warn', env: {}, homedir: '/home/h', tmpdir: '/tmp' });
    assert.deepEqual(reports(r).filter((x) => !x.startsWith('MODEL_APPLIED')), ['FILE_TOO_LARGE bin/tool-serve:1', 'FS_PATH_UNKNOWN bin/tool-serve:1 file-too-large', 'FS_PATH_UNKNOWN bin/tool-serve:1 file-too-large']);
  } finally {
    copy.remove();
  }
});

// limits-17: the bounds limits-16 left unaudited. Each goes one step past its bound with a real
// access behind it; those below were already reported there, and these pin it.

// instance.ts MAX_FIELD_WRITES (4): a field its constructor writes in up to four branches is one
// of their values where the instance is handed on (`{ db: this }`, nedb); in five it is not folded.
function fieldBranches(n: number): Record<string, string> {
  const writes = Array.from({ length: n }, (_, i) => `${i ? 'else ' : ''}if (k === ${i}) this.filename = options.dir + '/f${i}.db';`).join('\n    ');
  return {
    'node_modules/store/package.json': pkg('store'),
    'node_modules/store/persistence.js': "const fs = require('fs');\nclass P {\n  constructor(o) { this.db = o.db; }\n  save(doc) { fs.writeFileSync(this.db.filename, doc); }\n}\nmodule.exports = P;\n",
    'node_modules/store/index.js': `const P = require('./persistence');\nclass D {\n  constructor(options, k) {\n    ${writes}\n    this.p = new P({ db: this });\n  }\n  insert(doc) { return this.p.save(doc); }\n}\nmodule.exports = D;\n`,
    'index.js': "const D = require('store');\nconst db = new D({ dir: __dirname }, Number(process.argv[2]));\ndb.insert('x');\n",
  };
}

test('instance.ts MAX_FIELD_WRITES: a field written in five constructor branches is FS_PATH_UNKNOWN at the write that uses it', async () => {
  const inside = await run(fieldBranches(4));
  assert.ok(grants(inside, `--allow-fs-write=${root}/f3.db`), inside.flags.join(' '));
  const past = await run(fieldBranches(5));
  assert.ok(!past.flags.some((f) => f.endsWith('.db')));
  assert.deepEqual(reports(past), ['FS_PATH_UNKNOWN node_modules/store/persistence.js:4 unsupported-expression']);
});

// forwarding.ts MAX_WRAPPER_NODES (400): a factory's returned function is looked through 400
// nodes for the call that forwards its arguments; a longer one is no wrapper, and the wrapped
// function's parameter is then unbound.
function wrapped(statements: number): Record<string, string> {
  const names = Array.from({ length: statements }, (_, i) => `n${i}`);
  return {
    'node_modules/lib/package.json': pkg('lib'),
    'node_modules/lib/index.js': `const fs = require('fs');\nlet ${names.map((n) => `${n} = 0`).join(', ') || 'z'};\nfunction u(fn) {\n  return function (...args) {\n    ${names.map((n) => `${n}++;`).join(' ')}\n    return fn(...args);\n  };\n}\nfunction read(p) { return fs.readFileSync(p); }\nexports.read = u(read);\n`,
    'index.js': "const lib = require('lib');\nlib.read(__dirname + '/d.txt');\n",
  };
}

test('forwarding.ts MAX_WRAPPER_NODES: a wrapper longer than 400 nodes is no wrapper: FS_PATH_UNKNOWN (parameter) at the wrapped read', async () => {
  const inside = await run(wrapped(120));
  assert.ok(grants(inside, `--allow-fs-read=${root}/d.txt`), inside.flags.join(' '));
  const past = await run(wrapped(200));
  assert.ok(!grants(past, `--allow-fs-read=${root}/d.txt`));
  assert.deepEqual(reports(past), ['FS_PATH_UNKNOWN node_modules/lib/index.js:9 parameter']);
});

// inert-params.ts MAX_NODES (2,000) and MAX_DEPTH (3): a module that hands its exports to a helper
// that only writes members onto them (thenify-all's withCallback) does not escape there; a helper
// too long to look through, or reached through more than three functions, is not inert, and the
// escape is reported.
function handsExports(padding: number, hops: number): Record<string, string> {
  const pad = padding ? `void [${Array(padding).fill('0').join(', ')}];` : '';
  const helpers = [`function h0(dest, names) { ${pad} for (const n of names) dest[n] = function (p) { return fs.readFileSync(p); }; return dest; }`];
  for (let i = 1; i < hops; i++) helpers.push(`function h${i}(dest, names) { return h${i - 1}(dest, names); }`);
  return {
    'node_modules/lib/package.json': pkg('lib'),
    'node_modules/lib/index.js': `const fs = require('fs');\n${helpers.join('\n')}\nh${hops - 1}(exports, ['a']);\nexports.read = function (p) { return fs.readFileSync(p); };\n`,
    'index.js': "const lib = require('lib');\nlib.read(__dirname + '/d.txt');\n",
  };
}

test('inert-params.ts MAX_NODES and MAX_DEPTH: exports handed to a helper too long, or too many calls deep, to tell inert escape (EXPORTS_ESCAPED)', async () => {
  const escapes = (r: Report) => reports(r).filter((x) => x.startsWith('EXPORTS_ESCAPED'));
  assert.deepEqual(escapes(await run(handsExports(1_950, 1))), []);
  assert.deepEqual(escapes(await run(handsExports(2_010, 1))), ['EXPORTS_ESCAPED node_modules/lib/index.js:3 argument']);
  assert.deepEqual(escapes(await run(handsExports(0, 4))), []);
  assert.deepEqual(escapes(await run(handsExports(0, 5))), ['EXPORTS_ESCAPED node_modules/lib/index.js:7 argument']);
});

// platform-guards.ts MAX_CALLER_DEPTH (8): a function called only from a branch dead on this
// platform, through eight functions, is dead; through nine it is analysed (granted), never dropped.
function platformChain(levels: number): Record<string, string> {
  const fns = ["function f0() { return fs.readFileSync(__dirname + '/win.txt'); }"];
  for (let i = 1; i < levels; i++) fns.push(`function f${i}() { return f${i - 1}(); }`);
  return { 'index.js': `const fs = require('fs');\n${fns.join('\n')}\nif (process.platform === 'no-such-platform') f${levels - 1}();\n` };
}

test('platform-guards.ts MAX_CALLER_DEPTH: a read reached from a dead branch through nine functions is analysed (granted), not taken for dead', async () => {
  assert.ok(!grants(await run(platformChain(8)), `--allow-fs-read=${root}/win.txt`));
  assert.ok(grants(await run(platformChain(9)), `--allow-fs-read=${root}/win.txt`));
});

// liveness.ts MAX_WHEN (64): a dependency's function that runs only when one of its exports runs
// keeps its unresolved accesses until a call reaches one; past 64 exports in that condition it is
// live, and they are reported whatever is called.
function whenExports(n: number): Record<string, string> {
  const exported = Array.from({ length: n }, (_, i) => `exports.e${i} = function () { return h; };`).join('\n');
  return {
    'node_modules/lib/package.json': pkg('lib'),
    'node_modules/lib/index.js': `const fs = require('fs');\nfunction h(p) { return fs.readFileSync(p); }\n${exported}\n`,
    'index.js': "const lib = require('lib');\nlib.e0;\n",
  };
}

test('liveness.ts MAX_WHEN: a function read by 65 exports none of which is called is live: its parameter read is reported', async () => {
  assert.deepEqual(reports(await run(whenExports(64))), []);
  assert.deepEqual(reports(await run(whenExports(65))), ['FS_PATH_UNKNOWN node_modules/lib/index.js:2 parameter']);
});

// json-data.ts MAX_JSON_DEPTH (6) and MAX_JSON_ITEMS (256): JSON data read by the app is folded
// six levels deep and 256 items long; past either, the value is unknown at the access.
function jsonConfig(depth: number, items: number): Record<string, string> {
  let nested: unknown = 'data.txt';
  const keys: string[] = [];
  for (let i = 0; i < depth; i++) {
    nested = { [`k${i}`]: nested };
    keys.unshift(`k${i}`);
  }
  const list = Array.from({ length: items }, (_, i) => `f${i}.txt`);
  return {
    'config.json': JSON.stringify({ nested, list }),
    'index.js': `const fs = require('fs');\nconst c = JSON.parse(fs.readFileSync(__dirname + '/config.json', 'utf8'));\nfs.readFileSync(__dirname + '/' + c.nested.${keys.join('.')});\nfs.readFileSync(__dirname + '/' + c.list[0]);\n`,
  };
}

test('json-data.ts MAX_JSON_DEPTH and MAX_JSON_ITEMS: JSON data nested past six levels, or past 256 items, is FS_PATH_UNKNOWN (depth-limit) at the read', async () => {
  const inside = await run(jsonConfig(4, 256));
  assert.deepEqual(reports(inside), []);
  assert.ok(grants(inside, `--allow-fs-read=${root}/data.txt`) && grants(inside, `--allow-fs-read=${root}/f0.txt`));
  assert.deepEqual(reports(await run(jsonConfig(6, 10))), ['FS_PATH_UNKNOWN index.js:3 depth-limit']);
  assert.deepEqual(reports(await run(jsonConfig(4, 257))), ['FS_PATH_UNKNOWN index.js:4 depth-limit']);
});

// code-string.ts MAX_CODE (64 KiB), MAX_GENERATED_PER_FILE (256 KiB), MAX_FOLD_DEPTH (16): a code
// string is parsed as the file's own code when it folds; one too long, past what a file may
// generate, or folded through more than 16 names is not parsed, and CODE_GENERATED says so at the call.
const codeBody = "require('fs').readFileSync(__dirname + '/d.txt');";
const evalOf = (kib: number) => `eval(${JSON.stringify(codeBody + ' '.repeat(kib * 1024))});`;
function aliasedCode(names: number): Record<string, string> {
  const lines = [`const s0 = ${JSON.stringify(codeBody)};`];
  for (let i = 1; i <= names; i++) lines.push(`const s${i} = s${i - 1};`);
  return { 'index.js': `${lines.join('\n')}\neval(s${names});\n` };
}

test('code-string.ts MAX_CODE, MAX_GENERATED_PER_FILE, MAX_FOLD_DEPTH: a code string past each is CODE_GENERATED at the call, not parsed', async () => {
  const inside = await run({ 'index.js': evalOf(60) + '\n' });
  assert.deepEqual(reports(inside), []);
  assert.ok(grants(inside, `--allow-fs-read=${root}/d.txt`));
  assert.deepEqual(reports(await run({ 'index.js': evalOf(65) + '\n' })), ['CODE_GENERATED index.js:1 generated-code']);
  // Four of 60 KiB fit in 256 KiB; the fifth is not parsed.
  assert.deepEqual(reports(await run({ 'index.js': Array(5).fill(evalOf(60)).join('\n') + '\n' })), ['CODE_GENERATED index.js:5 generated-code']);
  assert.deepEqual(reports(await run(aliasedCode(15))), []);
  assert.deepEqual(reports(await run(aliasedCode(17))), ['CODE_GENERATED index.js:19 generated-code']);
});

// cache/key.ts (and graph/examination.ts plain): data a cache key or an examination record holds
// is followed 32 levels deep. Deeper (or a cycle), there is no key: the run is not stored (its
// report's cache counts 0 files) and analysed as without a cache; no miss, no crash.
test('cache key: an option nested past 32 levels, or cyclic, has no key (the run is not stored), and does not throw', () => {
  const nested = (levels: number): unknown => (levels === 0 ? 'x' : { a: nested(levels - 1) });
  const keyOf = (env: unknown) => cacheKey({ cwd: '/app', env } as { cwd: string });
  assert.equal(typeof keyOf(nested(31)), 'string');
  assert.equal(keyOf(nested(40)), undefined);
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.equal(keyOf(cyclic), undefined);
});

// match-calls.ts MAX_REPLAYS (50,000): summaries replayed per analysis. 500 calls of a function
// with 100 writes of its parameter are 50,000 replays; the 501st call was dropped on da283aa with
// one FLOW_LIMIT for the run and nothing where it is. It is now CALL_NOT_FOLLOWED (bound
// `replays`) at its site, with the read fallback.
function manyCalls(calls: number): Record<string, string> {
  const writes = Array.from({ length: 100 }, (_, j) => `fs.writeFileSync(p + '.${j}', 'x');`).join(' ');
  let index = "const dep = require('dep');\n";
  for (let i = 0; i < calls; i++) index += `dep.w(__dirname + '/o${i}');\n`;
  return { 'node_modules/dep/package.json': pkg('dep'), 'node_modules/dep/index.js': `const fs = require('fs');\nexports.w = function (p) { ${writes} };\n`, 'index.js': index };
}

test('match-calls.ts MAX_REPLAYS: a call past 50,000 replays is CALL_NOT_FOLLOWED (replays) at its site, not only FLOW_LIMIT', async () => {
  const inside = await run(manyCalls(500));
  assert.deepEqual(reports(inside), []);
  assert.ok(grants(inside, `--allow-fs-write=${root}/o499.99`));
  const past = await run(manyCalls(501));
  assert.deepEqual(reports(past), ['CALL_NOT_FOLLOWED index.js:502 replays', 'FLOW_LIMIT undefined:undefined']);
  assert.ok(!grants(past, `--allow-fs-write=${root}/o500.0`));
});
