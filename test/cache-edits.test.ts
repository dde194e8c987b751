// A run after an edit whose edited files examine as they did (issue #19 item 2; lib/graph/same-examination.ts,
// lib/cache/index.ts; docs/cache.md): the report entry's only changed answers are the contents of
// some source files, the records are those of the run that stored the report, and each edited
// file examined with its record's answers gives its record again: the stored report is the
// report, at the cost of the check and of the edited files. Every report here is compared with a
// fresh run's (no cache): cold, warm, after an edit, after edits that change what a file does,
// with a damaged entry, with records of another run, and with examination workers.
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

/** Analyses with the cache (and `extra` options), checks the report is a fresh run's, and returns the cache count. */
async function agreeing(options: AnalyzeOptions, cache: string, extra: Partial<AnalyzeOptions> = {}): Promise<{ files: number; records: number; report: Report }> {
  const cached = await analyze({ ...options, ...extra, cache: { dir: cache } });
  assert.equal(body(cached), body(await analyze(options)));
  return { files: cached.cache!.files, records: cached.cache!.records!, report: cached };
}

const app = {
  'package.json': JSON.stringify({ name: 'edits', version: '1.0.0', main: 'index.js' }),
  'index.js': "require('./leaf');\nrequire('./other');\nconst lib = require('./lib');\nlib.save('/tmp/npp-edits-out');\nconst data = JSON.parse(require('fs').readFileSync(__dirname + '/data.js', 'utf8'));\nrequire('./data.js');\nrequire('fs').readFileSync(data[0]);\n",
  'leaf.js': "const fs = require('fs');\nfs.readFileSync('/etc/npp-edits-leaf');\nmodule.exports = { n: 1 };\n",
  'other.js': "module.exports = 'other';\n",
  // An exported function whose parameter reaches a sink: a summary, replayed with each caller's arguments.
  'lib.js': "const fs = require('fs');\nexports.save = (p) => fs.writeFileSync(p, 'x');\n",
  // Read as JSON data by index.js and loaded as code (valid as both; as code it does nothing):
  // its content is also an answer of index.js's record.
  'data.js': '["/etc/npp-edits-data-a"]\n',
};

/** The files of the app the report lists (its code; package.json is not one). */
const fileCount = 5;

function project(prefix: string): { cwd: string; cache: string; options: AnalyzeOptions; edit(file: string, f: (text: string) => string): void } {
  const cwd = fs.realpathSync(tempProject(`npp-edits-${prefix}-`, app));
  const cache = mkdtempSync(path.join(os.tmpdir(), `npp-edits-${prefix}-cache-`));
  const edit = (file: string, f: (text: string) => string) => fs.writeFileSync(path.join(cwd, file), f(fs.readFileSync(path.join(cwd, file), 'utf8')));
  return { cwd, cache, options: { cwd, target: '22', today: '2026-12-07' }, edit };
}

test('an edit that leaves the file examining as it did: the stored report, again after a second edit; one that changes it: from the records', async () => {
  const { options, cache, edit } = project('leaf');
  assert.equal((await agreeing(options, cache)).files, 0, 'cold');
  const warm = await agreeing(options, cache);
  assert.equal(warm.files, warm.report.project.files.length, 'warm: the whole report');
  assert.equal(warm.report.project.files.length, fileCount);
  edit('leaf.js', (t) => `${t}// a comment\n`);
  assert.deepEqual((await agreeing(options, cache)).records, 0, 'the stored report, leaf.js examined alone');
  assert.equal((await agreeing(options, cache)).files, fileCount, 'warm again');
  // A second edit of the same file (its record was kept under the content of the first): code below the rest that touches nothing.
  edit('leaf.js', (t) => `${t}function unused(a) {\n  return a + 1;\n}\n`);
  const second = await agreeing(options, cache);
  assert.deepEqual([second.files, second.records], [fileCount, 0], 'the stored report again');
  // An edit that changes what the file does: analysed from the other files' records, and the report changes.
  edit('leaf.js', (t) => t.replace('/etc/npp-edits-leaf', '/etc/npp-edits-leaf-2'));
  const changed = await agreeing(options, cache);
  assert.ok(changed.records > 0 && changed.records < fileCount, JSON.stringify(changed.report.cache));
  assert.ok(body(changed.report).includes('npp-edits-leaf-2'));
  // Two files edited at once, neither changing what it does (index.js could not be one: it reads
  // JSON data, an assumption its record keeps as done inside an answer).
  edit('leaf.js', (t) => `${t}// another\n`);
  edit('other.js', (t) => `${t}// another\n`);
  assert.deepEqual((await agreeing(options, cache)).records, 0, 'both examine as before: the stored report');
});

test('an edit of a file with summaries, or of a line a site is on: analysed from the records, the report a fresh run\'s', async () => {
  const { options, cache, edit } = project('summaries');
  await agreeing(options, cache);
  // lib.js's record keeps its summary by key: its replays run on its tree, which the record does not stand for.
  edit('lib.js', (t) => `${t}// a comment\n`);
  assert.ok((await agreeing(options, cache)).records > 0, 'lib.js: from the records');
  // A line inserted above leaf.js's read moves its site: the record is another.
  edit('leaf.js', (t) => `// a first line\n${t}`);
  const moved = await agreeing(options, cache);
  assert.ok(moved.records > 0, 'leaf.js: its sites moved');
  assert.ok(body(moved.report).includes('"line":3'), 'the read is reported on its new line');
});

test('a file another reader also reads (JSON data): its edit is analysed, never taken for the stored report', async () => {
  const { options, cache, edit } = project('json');
  const before = await agreeing(options, cache);
  // data.js examines as before (an array of a string), but index.js folds its content as JSON data.
  edit('data.js', (t) => t.replace('data-a', 'data-b'));
  const after = await agreeing(options, cache);
  assert.ok(after.records > 0, JSON.stringify(after.report.cache));
  assert.notEqual(body(after.report), body(before.report));
  assert.ok(body(after.report).includes('npp-edits-data-b'));
});

test('records of another run than the report\'s (two runs at once), or damaged: analysed from what holds, then the stored report again', async () => {
  const { options, cache, edit } = project('runs');
  await agreeing(options, cache);
  const recordsEntry = fs.readdirSync(cache).find((f) => f.endsWith('-records.entry'))!;
  const earlier = fs.readFileSync(path.join(cache, recordsEntry));
  // Another run stores both entries (index.js changed what it does)...
  edit('index.js', (t) => `${t}require('fs').readFileSync('/etc/npp-edits-more');\n`);
  await agreeing(options, cache);
  // ...and the first run's records entry wins its rename: it is not the report's run's.
  fs.writeFileSync(path.join(cache, recordsEntry), earlier);
  edit('leaf.js', (t) => `${t}// a comment\n`);
  assert.ok((await agreeing(options, cache)).records > 0, 'not the stored report: the records are another run\'s');
  // Both entries are that run's now: the next edit takes the stored report.
  edit('leaf.js', (t) => `${t}// a second comment\n`);
  assert.equal((await agreeing(options, cache)).records, 0);
  // A damaged records entry: ignored, analysed, rewritten.
  const damaged = fs.readFileSync(path.join(cache, recordsEntry));
  damaged[damaged.length - 3] ^= 0xff;
  fs.writeFileSync(path.join(cache, recordsEntry), damaged);
  edit('leaf.js', (t) => `${t}// a third comment\n`);
  assert.deepEqual((await agreeing(options, cache)).records, 0, 'no record taken from a damaged entry');
  edit('leaf.js', (t) => `${t}// a fourth comment\n`);
  assert.equal((await agreeing(options, cache)).records, 0, 'rebuilt: the stored report again');
  // A damaged report entry: ignored, analysed from the records.
  const reportEntry = path.join(cache, recordsEntry.replace('-records', ''));
  const report = fs.readFileSync(reportEntry);
  report[report.length - 3] ^= 0xff;
  fs.writeFileSync(reportEntry, report);
  edit('leaf.js', (t) => `${t}// a fifth comment\n`);
  assert.ok((await agreeing(options, cache)).records > 0, 'the report entry damaged: from the records');
});

test('with examination workers: the same reports, and the stored report after an edit', async () => {
  const { options, cache, edit } = project('workers');
  await agreeing(options, cache, { workers: 1 });
  edit('leaf.js', (t) => `${t}// a comment\n`);
  await agreeing(options, cache, { workers: 2 });
  edit('leaf.js', (t) => `${t}// a second comment\n`);
  const after = await agreeing(options, cache, { workers: 1 });
  assert.equal(after.files, fileCount);
});

test('fixtures: a comment added to the last file each loads: the report of a fresh run, mostly the stored one', async () => {
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-edits-fixtures-'));
  const counts = { edited: 0, stored: 0 };
  for (const folder of listFixtureFolders(fs.realpathSync(fixturesRoot()))) {
    if (!fs.existsSync(folder.appDir)) continue;
    const fixture = loadFixtureCase(folder.dir);
    const copy = copyApp(folder.appDir, `edits-${folder.name}`);
    try {
      const options: AnalyzeOptions = { cwd: copy.dir, target: fixture.targets[0]!, ...caseOptions(fixture, copy.dir), today: '2026-12-07' };
      let first: Report;
      try {
        first = await analyze({ ...options, cache: { dir: cache } });
      } catch {
        continue;
      }
      const last = first.project.files.filter((f) => /\.[cm]?js$/.test(f)).at(-1);
      if (!last) continue;
      const file = path.join(copy.dir, last);
      fs.appendFileSync(file, '\n// edited\n');
      const edited = await agreeing(options, cache);
      counts.edited++;
      if (edited.records === 0 && edited.files > 0) counts.stored++;
    } finally {
      copy.remove();
    }
  }
  assert.ok(counts.edited > 40 && counts.stored > counts.edited / 4, JSON.stringify(counts));
});
