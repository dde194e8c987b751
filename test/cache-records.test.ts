// The per-file records kept with the cache (on by default; lib/cache/records.ts,
// lib/graph/examination.ts; docs/cache.md): after an edit, the files whose content and answers
// did not change come from their records and the report is the one a fresh analysis gives, on a
// small app and on fixtures (a damaged records entry: test/cache.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, type AnalyzeOptions, type Report } from '../lib/index.js';
import { copyApp } from './support/app-copy.js';
import { caseOptions, loadFixtureCase } from './support/fixture-case.js';
import { fixturesRoot, listFixtureFolders } from './support/fixture-folders.js';
import { mkdtempSync, tempProject } from './support/temp-dirs.js';

/** The report as JSON, without the cache count: what must not change. */
const body = (r: Report): string => JSON.stringify({ ...r, cache: undefined });

/** Analyses with the cache and its records, and without the cache; checks they agree; returns the count of files from the cache. */
async function agreeing(options: AnalyzeOptions, cache: string): Promise<number> {
  const cached = await analyze({ ...options, cache: { dir: cache, records: true } });
  assert.equal(body(cached), body(await analyze(options)));
  return cached.cache!.files;
}

const app = {
  'package.json': JSON.stringify({ name: 'records', version: '1.0.0', main: 'index.js' }),
  'index.js': "require('./a');\nrequire('./b');\n",
  'a.js': "require('fs').readFileSync('/etc/npp-records-a');\n",
  'b.js': "require('fs').readFileSync('/etc/npp-records-b');\n",
};

test('after an edit, the files that did not change come from their records; the report is a fresh run\'s', async () => {
  const cwd = fs.realpathSync(tempProject('npp-records-', app));
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-records-cache-'));
  const options: AnalyzeOptions = { cwd, target: '22', today: '2026-12-07' };
  assert.equal(await agreeing(options, cache), 0, 'cold');
  fs.writeFileSync(path.join(cwd, 'b.js'), "require('fs').writeFileSync('/tmp/npp-records-b', 'x');\n");
  assert.equal(await agreeing(options, cache), 2, 'index.js and a.js from their records');
  fs.writeFileSync(path.join(cwd, 'index.js'), "require('./a');\n");
  assert.equal(await agreeing(options, cache), 1, 'a.js from its record; b.js no longer loaded');
  const report = await analyze({ ...options, cache: { dir: cache, records: true } });
  assert.equal(report.cache!.files, 2, 'nothing changed: the whole report');
});

test('fixtures after an edit and after a second one: the report of a fresh run, unchanged files from their records and their memos', async () => {
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-records-fixtures-'));
  const counts = { edited: 0, fromRecords: 0 };
  for (const folder of listFixtureFolders(fs.realpathSync(fixturesRoot()))) {
    if (!fs.existsSync(folder.appDir)) continue;
    const fixture = loadFixtureCase(folder.dir);
    const copy = copyApp(folder.appDir, `records-${folder.name}`);
    try {
      const options: AnalyzeOptions = { cwd: copy.dir, target: fixture.targets[0]!, ...caseOptions(fixture, copy.dir), today: '2026-12-07' };
      let first: Report;
      try {
        first = await analyze({ ...options, cache: { dir: cache, records: true } });
      } catch {
        continue;
      }
      const files = first.project.files.filter((f) => /\.[cm]?js$/.test(f));
      if (files.length < 2) continue;
      // An edit of the entry that changes nothing it does: the other files keep their records.
      fs.appendFileSync(path.join(copy.dir, files[0]!), '\n// edited\n');
      counts.fromRecords += await agreeing(options, cache);
      counts.edited++;
      // A second edit: the replays and folds the first made from records' trees come from their memos (lib/graph/replay-memo.ts).
      fs.appendFileSync(path.join(copy.dir, files[0]!), '// edited again\n');
      counts.fromRecords += await agreeing(options, cache);
    } finally {
      copy.remove();
    }
  }
  assert.ok(counts.edited > 40 && counts.fromRecords > counts.edited, JSON.stringify(counts));
});

test('a request in a try that loaded when recorded and is missing now: the record is not taken, the failure is still handled', async () => {
  // Whether a request's failure is handled (`caught`) is decided from the tree, and only for a
  // request that loads nothing; the record asks again whether it loads (the question `loads`).
  const cwd = fs.realpathSync(tempProject('npp-records-try-', {
    'package.json': JSON.stringify({ name: 'records-try', version: '1.0.0', main: 'index.js' }),
    'index.js': "let opt;\ntry {\n  opt = require('./opt');\n} catch {\n  opt = null;\n}\nrequire('./a');\n",
    'opt.js': "module.exports = 1;\n",
    'a.js': "require('fs').readFileSync('/etc/npp-records-a');\n",
  }));
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-records-cache-'));
  const options: AnalyzeOptions = { cwd, target: '22', today: '2026-12-07' };
  assert.equal(await agreeing(options, cache), 0, 'cold');
  // A line above a.js's read moves its site: a.js is examined again (a comment below would leave its record as it was, and the stored report would be taken).
  fs.writeFileSync(path.join(cwd, 'a.js'), `//\n${fs.readFileSync(path.join(cwd, 'a.js'), 'utf8')}`);
  assert.equal(await agreeing(options, cache), 2, 'index.js and opt.js from their records');
  fs.rmSync(path.join(cwd, 'opt.js'));
  const report = await analyze({ ...options, cache: { dir: cache } });
  assert.deepEqual(report.cache, { files: 1, records: 1 }, 'a.js from its record; index.js examined again');
  const missing = report.diagnostics.find((d) => d.code === 'IMPORT_UNRESOLVED');
  assert.equal(missing?.severity, 'info');
  assert.deepEqual(missing?.args, { specifier: './opt', optional: 'try' });
});

/**
 * A dependency whose exported function's parameter reaches a sink (a summary, replayed with each
 * caller's arguments), one whose accesses wait for a call to reach another exported function
 * (conditional findings), a file whose call passes on a callback's parameter (a parameter
 * token among a pending call's arguments), and an app module whose exported function's return
 * the caller folds. summaries-11: each of these files now has a record.
 */
const flowApp = {
  'package.json': JSON.stringify({ name: 'records-flow', version: '1.0.0', main: 'index.js' }),
  'index.js': "const dep = require('dep');\nrequire('relay');\ndep.start(require('./where').dir('one'));\n",
  'where.js': "exports.dir = function (name) { return '/srv/npp-records-' + name; };\n",
  'node_modules/dep/package.json': JSON.stringify({ name: 'dep', version: '1.0.0', main: 'index.js' }),
  'node_modules/dep/index.js': "const fs = require('fs');\nfunction later(cb) { cb(process.env.NPP_RECORDS_X); }\nexports.start = function (dir) { fs.mkdirSync(dir); };\nexports.stop = function () { later(function (f) { fs.rmSync(f); }); };\n",
  'node_modules/relay/package.json': JSON.stringify({ name: 'relay', version: '1.0.0', main: 'index.js' }),
  'node_modules/relay/index.js': "const dep = require('dep');\nprocess.on('message', function (d) { dep.start(d); });\n",
};

test('summaries, conditional findings and parameter tokens come from records: a changed caller gets what a fresh run finds', async () => {
  const cwd = fs.realpathSync(tempProject('npp-records-flow-', flowApp));
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-records-cache-'));
  const options: AnalyzeOptions = { cwd, target: '22', today: '2026-12-07' };
  assert.equal(await agreeing(options, cache), 0, 'cold');
  // The caller changes what it passes and calls the function the conditional findings wait for.
  fs.writeFileSync(path.join(cwd, 'index.js'), "const dep = require('dep');\nrequire('relay');\ndep.start(require('./where').dir('two'));\ndep.stop();\n");
  assert.equal(await agreeing(options, cache), 3, 'dep, relay and where from their records');
  const report = await analyze({ ...options, cache: { dir: cache } });
  assert.deepEqual(report.cache, { files: 4, records: 0 }, 'nothing changed: the whole report');
  // What the records stood for reached the report: the new argument folded by where's record and passed through dep's summary, stop's conditional access, relay's parameter.
  assert.ok(report.policy.fsWrite.some((g) => g.path === '/srv/npp-records-two'), JSON.stringify(report.policy.fsWrite));
  assert.ok(!report.policy.fsWrite.some((g) => g.path === '/srv/npp-records-one'));
  assert.ok(report.unresolved.some((u) => u.site.file === 'node_modules/dep/index.js' && u.site.line === 4), JSON.stringify(report.unresolved));
  assert.ok(report.unresolved.some((u) => u.site.file === 'node_modules/dep/index.js' && u.site.line === 3 && u.via?.some((s) => s.file === 'node_modules/relay/index.js')), JSON.stringify(report.unresolved));
});
