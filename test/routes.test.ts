// One report per site: a sink a dependency reaches from several escaped wrappers (write-pkg's
// writePackage and updatePackage both forwarding to write-json-file) is one unresolved access
// with every route, and its diagnostic is said once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type Report } from '../lib/index.js';
import { mergeUnresolved, uniqueDiagnostics } from '../lib/graph/routes.js';
import { memoryHost } from './support/memory-host.js';

const root = '/srv/app';

// Two wrappers in two files forward their folder to another package's writer; the app iterates
// the package's exports, so both escape and run with a path no call shows.
const files: Record<string, string> = {
  'package.json': '{"main":"index.js"}',
  'index.js': "const api = require('wpkg');\nfor (const fn of Object.values(api)) fn('out');\n",
  'node_modules/wpkg/package.json': '{"name":"wpkg","main":"index.js"}',
  'node_modules/wpkg/index.js': "exports.writePackage = require('./write');\nexports.updatePackage = require('./update');\n",
  'node_modules/wpkg/write.js': "const path = require('path');\nconst { writeJson } = require('wjson');\nmodule.exports = function writePackage(dir) {\n  return writeJson(path.join(dir, 'package.json'));\n};\n",
  'node_modules/wpkg/update.js': "const path = require('path');\nconst { writeJson } = require('wjson');\nmodule.exports = function updatePackage(dir) {\n  return writeJson(path.join(dir, 'package.json'));\n};\n",
  'node_modules/wjson/package.json': '{"name":"wjson","main":"index.js"}',
  'node_modules/wjson/index.js': "const fs = require('fs');\nexports.writeJson = function (file) {\n  fs.writeFileSync(file, '{}');\n};\n",
};

const atSink = (r: Report) => r.unresolved.filter((u) => u.site.file === 'node_modules/wjson/index.js' && u.site.line === 3);

test('a sink reached from two escaped wrappers is one access with both routes, said once', async () => {
  const report = await analyze({ cwd: root, host: memoryHost(root, files), target: '22', unresolved: 'warn', env: {}, homedir: '/home/h', tmpdir: '/tmp' });
  const found = atSink(report);
  assert.equal(found.length, 1, JSON.stringify(report.unresolved));
  const routes = found[0]!.routes ?? [];
  assert.equal(routes.length, 2);
  // Each route names its wrapper: the parameter it came from, in write.js and in update.js.
  assert.deepEqual(routes.map((r) => r.origin?.file).sort(), ['node_modules/wpkg/update.js', 'node_modules/wpkg/write.js']);
  // The first route is the entry's own origin and trail, as before.
  assert.deepEqual(routes[0], { origin: found[0]!.origin, via: found[0]!.via });
  const said = report.diagnostics.filter((d) => d.code === 'FS_PATH_UNKNOWN' && d.site?.file === 'node_modules/wjson/index.js');
  assert.equal(said.length, 1);
});

test('accesses that differ in more than their route stay apart; a route is not listed twice', () => {
  const site = { file: 'a.js', line: 1, column: 1 };
  const base = { capability: 'fs.read' as const, site, api: 'fs.readFileSync', package: '.', reason: 'parameter' as const, name: 'p', fallback: 'warn' as const };
  const o1 = { file: 'b.js', line: 2, column: 1 };
  const merged = mergeUnresolved([
    { ...base, origin: o1 },
    { ...base, origin: o1 },
    { ...base, name: 'q' },
    { ...base, capability: 'fs.write' },
  ]);
  assert.equal(merged.length, 3);
  assert.equal(merged[0]!.routes, undefined);
  const d = { code: 'FS_PATH_UNKNOWN', severity: 'warning', site, args: { api: 'fs.readFileSync' } } as const;
  assert.equal(uniqueDiagnostics([d, { ...d }, { ...d, args: { api: 'fs.readFile' } }] as never).length, 2);
});

// Hostile input (holes-12): one access reached along 40,000 routes (a generated module of that many
// exported functions each forwarding to one sink). Comparing each route with every one kept took
// time quadratic in their number (16,000 routes: 26 s of CPU); a set of route keys keeps it linear.
test('merging an access reached along 40,000 routes stays linear', () => {
  const site = { file: 'node_modules/dep/index.js', line: 1, column: 40 };
  const list = Array.from({ length: 40_000 }, (_, i) => ({
    capability: 'fs.write' as const,
    site,
    api: 'fs.writeFileSync',
    package: 'dep',
    reason: 'parameter' as const,
    fallback: 'warn' as const,
    origin: { file: 'index.js', line: i + 2, column: 12 },
    via: [{ file: 'index.js', line: i + 2, column: 30 }],
  }));
  const started = performance.now();
  const merged = mergeUnresolved([...list, ...list]);
  const took = performance.now() - started;
  assert.equal(merged.length, 1);
  assert.equal(merged[0]!.routes?.length, 40_000);
  assert.ok(took < 3000, `took ${Math.round(took)} ms`);
});
