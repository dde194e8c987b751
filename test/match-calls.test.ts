// Calls into other modules: which ones matching could still use (callCanMatch), and that a call
// whose target is examined only later, or gains its summary on the way, is still matched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyze } from '../lib/index.js';
import type { ExportEntry, ExportTable, FnKey } from '../lib/detect/index.js';
import { callCanMatch, type CallHop } from '../lib/graph/match-calls.js';
import type { Resolution } from '../lib/graph/resolve.js';
import { mkdtempSync } from './support/temp-dirs.js';

const fn = (): ExportEntry => ({ kind: 'fn', fn: { fnKey: true } as FnKey });
const table = (file: string, entries: Record<string, ExportEntry>, format: 'cjs' | 'esm' = 'cjs', star: string[] = []): ExportTable => ({ file, format, entries: new Map(Object.entries(entries)), star });

/** Modules by specifier: `/m/<specifier>.js`, bare ones with a package.json. */
const resolve = (specifier: string): Resolution =>
  specifier === 'missing' ? { kind: 'missing' } : { kind: 'file', file: `/m/${specifier}.js`, ...(/^[./]/.test(specifier) ? {} : { packageJson: `/m/${specifier}/package.json` }) };

function canMatch(tables: ExportTable[], specifier: string, callPath: string[], options: { modelled?: string[]; summarised?: string[] } = {}): boolean {
  const input = { resolve, tables: new Map(tables.map((t) => [t.file, t])) };
  const modelled = (hop: CallHop) => (options.modelled ?? []).includes(hop.specifier);
  const summarised = (file: string) => (options.summarised ?? []).includes(file);
  return callCanMatch(input, specifier, '/m/caller.js', 'require', callPath, modelled, summarised);
}

test('a function of an examined module that left no summary: nothing to match, so nothing to keep', () => {
  assert.equal(canMatch([table('/m/./util.js', { read: fn() })], './util', ['read']), false);
  // The same module with a summary (a parameter that reaches a sink) is matched.
  assert.equal(canMatch([table('/m/./util.js', { read: fn() })], './util', ['read'], { summarised: ['/m/./util.js'] }), true);
});

test('a module not examined yet (a require cycle), or a package a model covers, keeps the call', () => {
  assert.equal(canMatch([], './later', ['read']), true);
  assert.equal(canMatch([table('/m/express.js', { static: fn() })], 'express', ['static'], { modelled: ['express'] }), true);
  assert.equal(canMatch([table('/m/express.js', { static: fn() })], 'express', ['static']), false);
});

test('re-exports are followed to the module that defines the function', () => {
  const facade = table('/m/./index.js', { read: { kind: 'forward', specifier: './impl', path: ['read'] } });
  assert.equal(canMatch([facade], './index', ['read']), true, 'the implementation is not examined yet');
  const impl = table('/m/./impl.js', { read: fn() });
  assert.equal(canMatch([facade, impl], './index', ['read']), false);
  assert.equal(canMatch([facade, impl], './index', ['read'], { summarised: ['/m/./impl.js'] }), true);
  // `export * from`: any source that can match keeps the call.
  const star = table('/m/./all.js', {}, 'esm', ['./impl', './other']);
  assert.equal(canMatch([star, impl], './all', ['read']), true, './other is not examined');
  assert.equal(canMatch([star, impl, table('/m/./other.js', {})], './all', ['read']), false);
});

test('values, unresolved modules and paths into a function lead nowhere', () => {
  assert.equal(canMatch([table('/m/./consts.js', { dir: { kind: 'value', value: { k: 'str', v: '/srv' } } })], './consts', ['dir']), false);
  assert.equal(canMatch([], 'missing', ['x']), false);
  assert.equal(canMatch([table('/m/./util.js', { read: fn() })], './util', ['read', 'call'], { summarised: ['/m/./util.js'] }), false);
});

test("a CommonJS `default`: module.exports itself, unless the module writes exports.default and not module.exports whole", () => {
  const opts = { summarised: ['/m/./store.js'] };
  // Babel's and TypeScript's interop (`exports.default = Store`): `require(m).default` is that export.
  const interop = table('/m/./store.js', { default: fn() });
  assert.equal(canMatch([interop], './store', ['default'], opts), true);
  // An ES module's default import of it, read again (`import m from …; m.default()`).
  assert.equal(canMatch([interop], './store', ['default', 'default'], opts), true);
  // `module.exports = fn`: the default is that function; a further `.default` is none of its members.
  const whole = table('/m/./store.js', { '': fn() });
  assert.equal(canMatch([whole], './store', ['default'], opts), true);
  assert.equal(canMatch([whole], './store', ['default', 'default'], opts), false);
});

test('a call into a module that is examined after the caller (a require cycle) is still matched', async () => {
  const dir = fs.realpathSync(mkdtempSync(path.join(tmpdir(), 'npp-match-')));
  const files: Record<string, string> = {
    'package.json': '{"main":"index.js"}',
    'index.js': "require('./b');\n",
    // b needs a first: a is examined while b waits, so a's call into b meets no export table yet.
    'b.js': "const fs = require('fs');\nexports.save = (file) => fs.writeFileSync(file, 'x');\nrequire('./a');\n",
    'a.js': "const path = require('path');\nconst b = require('./b');\nb.save(path.join(__dirname, 'out', 'state.json'));\n",
  };
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  const report = await analyze({ cwd: dir, target: '22' });
  const writes = report.policy.fsWrite.map((g) => g.path);
  assert.ok(writes.includes(path.join(dir, 'out', 'state.json')) || writes.includes(path.join(dir, 'out', '*')), JSON.stringify(report.policy));
});
