// The persistent analysis cache (lib/cache/) never changes a report: every fixture analysed cold
// and warm gives the report of an analysis without the cache; after an edit (a file changed, a
// file added that changes resolution, a file removed), with a damaged report or records entry,
// with two runs at once and after a killed run, the report is the one a fresh analysis gives.
// Only the `cache` counts differ: after an edit they count the files taken from their per-file
// records (on by default, lib/cache/records.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type AnalyzeOptions, type Report } from '../lib/index.js';
import { fixturesRoot, listFixtureFolders, repoRoot } from './support/fixture-folders.js';
import { caseOptions, loadFixtureCase, resolveAppValues } from './support/fixture-case.js';
import { mkdtempSync, tempProject } from './support/temp-dirs.js';
import * as os from 'node:os';

/** The report as JSON, without the cache count: what must not change. */
const body = (r: Report): string => JSON.stringify({ ...r, cache: undefined });

const entriesOf = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.entry')) : []);
/** The report entries alone (each has a `-records` entry beside it, lib/cache/records.ts). */
const reportEntriesOf = (dir: string): string[] => entriesOf(dir).filter((n) => !n.endsWith('-records.entry'));

// The temp folder the analysis is told of, for fixtures that name none: a private one. The
// shared os.tmpdir() changes while other test files run, and a fixture whose model defaults to
// the temp folder (formidable's uploadDir) then asked the cache a question with a new answer
// between its cold and warm runs, so "reused whole" failed at random.
const privateTmp = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-tmpdir-'));

function fixtureOptions(appDir: string): AnalyzeOptions {
  const fixture = loadFixtureCase(path.dirname(appDir));
  return {
    cwd: appDir,
    target: fixture.targets[0]!,
    ...caseOptions(fixture, appDir),
    tmpdir: fixture.tmpdir ? resolveAppValues({ TMPDIR: fixture.tmpdir }, appDir).TMPDIR! : privateTmp,
    today: '2026-12-07',
  };
}

test('every fixture: cold and warm reports are the report without the cache', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-fixtures-'));
  const root = fs.realpathSync(fixturesRoot());
  let analysed = 0;
  for (const folder of listFixtureFolders(root)) {
    const options = fixtureOptions(folder.appDir);
    let plain: Report;
    try {
      plain = await analyze(options);
    } catch {
      continue; // a fixture about an input the analysis refuses: nothing to cache
    }
    const cold = await analyze({ ...options, cache: { dir } });
    const hot = await analyze({ ...options, cache: { dir } });
    assert.equal(plain.cache, undefined, `${folder.name}: no cache count without the option`);
    assert.equal(body(cold), body(plain), `${folder.name}: cold`);
    assert.equal(body(hot), body(plain), `${folder.name}: warm`);
    assert.deepEqual(cold.cache, { files: 0, records: 0 }, `${folder.name}: cold count`);
    assert.deepEqual(hot.cache, { files: plain.project.files.length, records: 0 }, `${folder.name}: reused whole`);
    analysed++;
  }
  assert.ok(analysed > 150, `only ${analysed} fixtures analysed`);
});

test('fixtures after an edit and after a removal: analysed again, as a fresh run', async () => {
  const { copyApp } = await import('./support/app-copy.js');
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-fixture-edits-'));
  let edited = 0;
  let fromRecords = 0;
  for (const folder of listFixtureFolders(fs.realpathSync(fixturesRoot()))) {
    if (edited >= 40) break;
    const copy = copyApp(folder.appDir, `cache-${folder.name}`);
    try {
      const options = fixtureOptions(copy.dir);
      let first: Report;
      try {
        first = await analyze({ ...options, cache: { dir: cache } });
      } catch {
        continue;
      }
      const files = first.project.files.filter((f) => /\.[cm]?js$/.test(f));
      if (files.length < 2) continue;
      // An edit: the first file loads one more (CommonJS) file, which reads a file (import() works in either format).
      const first0 = path.join(copy.dir, files[0]!);
      fs.writeFileSync(path.join(path.dirname(first0), 'npp-cache-added.cjs'), "require('fs').readFileSync('/etc/npp-cache-edit');\n");
      fs.appendFileSync(first0, "\n;import('./npp-cache-added.cjs');\n");
      const afterEdit = await agreeing(options, cache);
      // The edited file and the one added are examined; the others may come from their records.
      assert.ok(afterEdit.files <= afterEdit.report.project.files.length - 2 && afterEdit.files === afterEdit.records, `${folder.name}: edit ${JSON.stringify(afterEdit.report.cache)}`);
      assert.ok(afterEdit.report.needs.some((n) => n.path === '/etc/npp-cache-edit'), `${folder.name}: the edit is seen`);
      // A removal: the last file the analysis took up.
      fs.rmSync(path.join(copy.dir, files.at(-1)!));
      const removed = await agreeing(options, cache);
      // Analysed again (the report changed), so every file counted came from its record.
      assert.equal(removed.files, removed.records, `${folder.name}: removal`);
      assert.deepEqual((await agreeing(options, cache)).report.cache, { files: (await analyze(options)).project.files.length, records: 0 }, `${folder.name}: then reused`);
      fromRecords += afterEdit.files;
      edited++;
    } finally {
      copy.remove();
    }
  }
  assert.equal(edited, 40);
  // Most edits leave files whose records are taken. Not every one: a fixture whose other files all
  // hold summaries (their findings need the tree) gives none, and which fixtures fall among the
  // first 40 by name changes as fixtures land, so the bound is three in four, not one each.
  assert.ok(fromRecords >= (edited * 3) / 4, `only ${fromRecords} files from records after 40 edits`);
});

const app = {
  'package.json': JSON.stringify({ name: 'cached', version: '1.0.0', main: 'index.js' }),
  'index.js': "const helper = require('./helper');\nhelper.run();\n",
  'helper.js': "const fs = require('fs');\nconst path = require('path');\nexports.run = () => fs.readFileSync(path.join(__dirname, 'data.txt'));\n",
  'data.txt': 'data\n',
};

/** An app of three files that each have a record (no exported function, nothing folded across them). */
const recordsApp = {
  'package.json': JSON.stringify({ name: 'records', version: '1.0.0', main: 'index.js' }),
  'index.js': "require('./a');\nrequire('./b');\n",
  'a.js': "require('fs').readFileSync('/etc/npp-records-a');\n",
  'b.js': "require('fs').readFileSync('/etc/npp-records-b');\n",
};

/** Analyses `cwd` with the cache, and without it, and checks they agree; returns the cached run's count. */
async function agreeing(options: AnalyzeOptions, cache: string): Promise<{ files: number; records: number; report: Report }> {
  const cached = await analyze({ ...options, cache: { dir: cache } });
  const fresh = await analyze(options);
  assert.equal(body(cached), body(fresh));
  return { files: cached.cache!.files, records: cached.cache!.records!, report: cached };
}

test('an edit, a file that changes resolution, a removed file: analysed again, as a fresh run', async () => {
  const cwd = fs.realpathSync(tempProject('npp-cache-edit-', app));
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-'));
  const options: AnalyzeOptions = { cwd, target: '22', today: '2026-12-07' };
  assert.equal((await agreeing(options, cache)).files, 0);
  assert.equal((await agreeing(options, cache)).files, 2);

  fs.writeFileSync(path.join(cwd, 'helper.js'), "const fs = require('fs');\nexports.run = () => fs.writeFileSync(__dirname + '/out.txt', 'x');\n");
  const edited = await agreeing(options, cache);
  assert.deepEqual(edited.report.cache, { files: 1, records: 1 }, 'a changed file is analysed again; index.js, unchanged and asking the same, from its record');
  assert.ok(edited.report.policy.fsWrite.some((g) => g.path === path.join(cwd, 'out.txt')));
  assert.equal((await agreeing(options, cache)).files, 2);

  // `require('./helper')` takes a file named exactly `helper` before `helper.js`.
  fs.writeFileSync(path.join(cwd, 'helper'), "require('fs').readFileSync('/etc/hostname');\n");
  const added = await agreeing(options, cache);
  assert.equal(added.records, 1, 'a file that changes resolution is noticed (index.js from its record: it asks nothing of what ./helper exports now)');
  assert.ok(added.report.project.files.includes('helper'));
  assert.equal((await agreeing(options, cache)).files, 2);

  fs.rmSync(path.join(cwd, 'helper'));
  fs.rmSync(path.join(cwd, 'helper.js'));
  const removed = await agreeing(options, cache);
  assert.deepEqual(removed.report.cache, { files: 0, records: 0 }, 'a removed file is noticed (index.js examined again: what it loads is gone, its record\'s question `loads`)');
  assert.ok(removed.report.diagnostics.some((d) => d.code === 'IMPORT_UNRESOLVED'));
});

test('a file read for its existence or content, not as code, is a question too', async () => {
  // An existence-guarded mkdir needs the folder only when it is missing: creating it changes the policy.
  const cwd = fs.realpathSync(tempProject('npp-cache-exists-', {
    'package.json': JSON.stringify({ name: 'exists', version: '1.0.0', main: 'index.js' }),
    'index.js': "const fs = require('fs');\nconst d = __dirname + '/logs';\nif (!fs.existsSync(d)) fs.mkdirSync(d);\n",
  }));
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-'));
  const options: AnalyzeOptions = { cwd, target: '22', today: '2026-12-07' };
  await agreeing(options, cache);
  assert.equal((await agreeing(options, cache)).files, 1);
  fs.mkdirSync(path.join(cwd, 'logs'));
  // The report is analysed again; index.js's findings (a mkdir needed only while logs is missing) are the same: its record.
  assert.deepEqual((await agreeing(options, cache)).report.cache, { files: 1, records: 1 });
});

test('options that shape the report, and the day, are part of the key', async () => {
  const cwd = fs.realpathSync(tempProject('npp-cache-key-', app));
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-'));
  const options: AnalyzeOptions = { cwd, target: '22', today: '2026-12-07' };
  await agreeing(options, cache);
  for (const other of [{ target: '24' }, { env: { X: '1' } }, { unresolved: 'error' as const }, { today: '2027-05-01' }, { homedir: '/home/other' }, { platform: 'darwin' }, { argv: ['--x'] }, { maxFileSize: 1000 }]) {
    assert.equal((await agreeing({ ...options, ...other }, cache)).files, 0, JSON.stringify(other));
  }
  assert.equal((await agreeing(options, cache)).files, 2);
  // An option the key cannot hold as data (a callback other than progress) is not cached at all.
  const odd = { ...options, mystery: () => 1 } as AnalyzeOptions;
  await agreeing(odd, cache);
  assert.equal((await agreeing(odd, cache)).files, 0);
});

test('a damaged, truncated or foreign entry is ignored and rebuilt', async () => {
  const cwd = fs.realpathSync(tempProject('npp-cache-corrupt-', app));
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-'));
  const options: AnalyzeOptions = { cwd, target: '22', today: '2026-12-07' };
  await agreeing(options, cache);
  const [name] = reportEntriesOf(cache);
  const file = path.join(cache, name!);
  const good = fs.readFileSync(file);
  const damage: [string, Buffer][] = [
    ['truncated', good.subarray(0, good.length >> 1)],
    ['empty', Buffer.alloc(0)],
    ['a byte changed', Buffer.from(good.toString('latin1').replace('"fsRead"', '"fsReaD"'), 'latin1')],
    ['no header', good.subarray(good.indexOf(10) + 1)],
  ];
  for (const [what, data] of damage) {
    fs.writeFileSync(file, data);
    // The report is analysed again, both files from their records (helper.js's exported function's return is kept as the place it folds at).
    assert.deepEqual((await agreeing(options, cache)).report.cache, { files: 2, records: 2 }, what);
    assert.deepEqual(fs.readFileSync(file), good, `${what}: rewritten whole`);
    assert.equal((await agreeing(options, cache)).files, 2, `${what}: then reused`);
  }
  // A whole entry whose body claims another report: the checksum holds, the report does not match the key's answers.
  // The body is lines (lib/cache/json-lines.ts): the key, one line per question (`?` and the question's JSON), the report.
  const lines = good.subarray(good.indexOf(10) + 1).toString('utf8').split('\n');
  const forge = (line: string): string => {
    if (!line.startsWith('?')) return line;
    const [m, a, ans] = JSON.parse(line.slice(1)) as string[];
    return `?${JSON.stringify([m, a, m === 'readFile' && a!.split('\0')[0]!.endsWith('helper.js') ? 'sha256:forged' : ans])}`;
  };
  const forgedBody = Buffer.from(lines.map(forge).join('\n'));
  assert.notDeepEqual(forgedBody, good.subarray(good.indexOf(10) + 1), 'a question was forged');
  const header = good.subarray(0, good.indexOf(10)).toString('latin1').replace(/\S+$/, (await import('node:crypto')).createHash('sha256').update(forgedBody).digest('hex'));
  fs.writeFileSync(file, Buffer.concat([Buffer.from(header + '\n'), forgedBody]));
  // (Both files' records hold: the forged answer is the report entry's alone.)
  assert.deepEqual((await agreeing(options, cache)).report.cache, { files: 2, records: 2 }, 'an answer that no longer holds: analysed again');
});

test('a damaged or truncated records entry is ignored and rebuilt, never trusted', async () => {
  const cwd = fs.realpathSync(tempProject('npp-cache-records-damaged-', recordsApp));
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-'));
  const options: AnalyzeOptions = { cwd, target: '22', today: '2026-12-07' };
  await agreeing(options, cache);
  const [records] = entriesOf(cache).filter((n) => n.endsWith('-records.entry'));
  const file = path.join(cache, records!);
  const good = fs.readFileSync(file);
  const { createHash } = await import('node:crypto');
  const { serialize } = await import('node:v8');
  // A body whose checksum holds but that is not a pack of records (another tool's, or a bug's).
  const foreignBody = serialize(new Map([['x', { needs: 'not a record' }]]));
  const header = good.subarray(0, good.indexOf(10)).toString('latin1').replace(/\S+$/, createHash('sha256').update(foreignBody).digest('hex'));
  const foreign = Buffer.concat([Buffer.from(header + '\n', 'latin1'), foreignBody]);
  const { readEntryBytes } = await import('../lib/cache/store.js');
  fs.writeFileSync(file + '.copy.entry', foreign);
  assert.ok(readEntryBytes(cache, records!.replace(/\.entry$/, '') + '.entry.copy', 1e9), 'the foreign body passes the checksum');
  fs.rmSync(file + '.copy.entry');
  const damage: [string, Buffer][] = [
    ['truncated', good.subarray(0, good.length >> 1)],
    ['a byte changed', Buffer.from(good.map((b, i) => (i === good.length - 3 ? b ^ 1 : b)))],
    ['empty', Buffer.alloc(0)],
    ['not a pack', foreign],
  ];
  for (const [what, data] of damage) {
    fs.writeFileSync(file, data);
    fs.appendFileSync(path.join(cwd, 'b.js'), '//\n');
    assert.deepEqual((await agreeing(options, cache)).report.cache, { files: 0, records: 0 }, `${what}: nothing taken from it`);
    // A line above b.js's code moves its sites, so b.js is examined and the others come from the rebuilt records
    // (an edit that leaves b.js's record as it was would take the stored report: cache-edits.test.ts).
    fs.writeFileSync(path.join(cwd, 'b.js'), `//\n${fs.readFileSync(path.join(cwd, 'b.js'), 'utf8')}`);
    assert.deepEqual((await agreeing(options, cache)).report.cache, { files: 2, records: 2 }, `${what}: rebuilt, then taken`);
  }
});

test('the cache folder is bounded: the entries used longest ago go first', async () => {
  const cwd = fs.realpathSync(tempProject('npp-cache-bound-', app));
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-'));
  const options: AnalyzeOptions = { cwd, target: '22', today: '2026-12-07' };
  // Reports alone, so that each run writes one entry (a records entry is bounded and evicted the same way).
  await analyze({ ...options, cache: { dir: cache, records: false } });
  const size = fs.statSync(path.join(cache, entriesOf(cache)[0]!)).size;
  // Room for two entries: the third run's entry removes the first one's.
  const bounded = { dir: cache, maxBytes: Math.floor(size * 2.5), records: false };
  await analyze({ ...options, target: '24', cache: bounded });
  await analyze({ ...options, target: '26', cache: bounded });
  assert.equal(entriesOf(cache).length, 2);
  assert.equal((await analyze({ ...options, target: '22', cache: bounded })).cache!.files, 0, 'the oldest was removed');
  assert.equal((await analyze({ ...options, target: '26', cache: bounded })).cache!.files, 2, 'a recent one was kept');
});

test('an unwritable cache folder leaves the report as it is', async () => {
  const cwd = fs.realpathSync(tempProject('npp-cache-ro-', app));
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'npp-cache-')), 'not-a-folder');
  fs.writeFileSync(file, '');
  const options: AnalyzeOptions = { cwd, target: '22', today: '2026-12-07' };
  const report = await analyze({ ...options, cache: { dir: file } });
  assert.equal(body(report), body(await analyze(options)));
  assert.equal(report.cache!.files, 0);
});

/** One analysis in a child process, printing its report. */
function childReport(options: AnalyzeOptions): Promise<Report> {
  const tsx = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const code = `import { analyze } from ${JSON.stringify(path.join(repoRoot, 'lib', 'index.ts'))};\nprocess.stdout.write(JSON.stringify(await analyze(${JSON.stringify(options)})));\n`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (c) => (c === 0 ? resolve(JSON.parse(out) as Report) : reject(new Error(`child exited ${c}`))));
  });
}

/**
 * A line added above a file's code: its sites move, so its record changes and the run after it
 * is made from the other files' records (a comment that leaves the record as it was takes the
 * stored report instead: cache-edits.test.ts).
 */
const prepend = (file: string, line: string) => fs.writeFileSync(file, line + fs.readFileSync(file, 'utf8'));

test('two runs at once on one cache folder: both reports right, and the entry whole', async () => {
  const cwd = fs.realpathSync(tempProject('npp-cache-race-', app));
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-'));
  const options: AnalyzeOptions = { cwd, target: '22', today: '2026-12-07' };
  for (let round = 0; round < 3; round++) {
    // The third round after an edit: the runs take index.js from its record, and write the records entry.
    if (round === 2) prepend(path.join(cwd, 'helper.js'), '// edited\n');
    const fresh = body(await analyze(options));
    const reports = await Promise.all([childReport({ ...options, cache: { dir: cache } }), childReport({ ...options, cache: { dir: cache } })]);
    for (const r of reports) assert.equal(body(r), fresh);
    // The first to read the cache analyses (index.js from its record); the other may start late
    // enough to take helper.js's new record too (the first stores its records entry, then its
    // report entry) or to reuse the report the first wrote.
    if (round === 2) {
      const counts = reports.map((r) => JSON.stringify(r.cache)).sort();
      assert.ok(counts.every((c) => c === '{"files":1,"records":1}' || c === '{"files":2,"records":2}' || c === '{"files":2,"records":0}') && counts[0] === '{"files":1,"records":1}', counts.join(' '));
    }
  }
  assert.deepEqual(fs.readdirSync(cache).filter((n) => !n.endsWith('.entry')), [], 'no temporary file left');
  assert.equal(entriesOf(cache).length, 2, 'one report entry and its records');
  assert.deepEqual((await analyze({ ...options, cache: { dir: cache } })).cache, { files: 2, records: 0 });
  prepend(path.join(cwd, 'helper.js'), '// edited again\n');
  assert.deepEqual((await analyze({ ...options, cache: { dir: cache } })).cache, { files: 1, records: 1 }, 'the records entry the race left is whole');
});

test('a run killed while it analyses or writes leaves nothing that is trusted', async () => {
  const cwd = fs.realpathSync(tempProject('npp-cache-killed-', app));
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-'));
  const options: AnalyzeOptions = { cwd, target: '22', today: '2026-12-07' };
  await analyze({ ...options, cache: { dir: cache } });
  // A run killed between writing a temporary file and renaming it leaves the temporary file;
  // one killed while writing it leaves a truncated one: neither is an entry, and an old one is removed.
  const [records] = entriesOf(cache).filter((n) => n.endsWith('-records.entry'));
  const whole = fs.readFileSync(path.join(cache, records!));
  const temp = path.join(cache, `${records!.replace(/\.entry$/, '')}.4242.0123456789ab.tmp`);
  fs.writeFileSync(temp, whole.subarray(0, whole.length >> 1));
  fs.utimesSync(temp, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
  prepend(path.join(cwd, 'helper.js'), '// edited\n');
  assert.deepEqual((await agreeing(options, cache)).report.cache, { files: 1, records: 1 });
  assert.equal(fs.existsSync(temp), false, 'a temporary file older than an hour is removed');
  // A real kill: a child analysing the project is killed at once, as soon as it writes, and later.
  for (const delay of [0, 150, 400]) {
    prepend(path.join(cwd, 'index.js'), `// edit ${delay}\n`);
    const killed = await killedChild({ ...options, cache: { dir: cache } }, cache, delay);
    const after = await agreeing(options, cache);
    // A child that finished before its kill stored a whole report for this very content: reusing
    // it is right (on a quiet machine the analysis ends within 400 ms). Else at most the edited
    // file's record is missing, and nothing the killed run wrote is taken whole.
    if (killed) assert.ok(after.files === after.records && after.files <= 1, `after a kill at ${delay} ms: ${JSON.stringify(after.report.cache)}`);
  }
});

/**
 * Starts a child analysing with `options` and kills it (SIGKILL) `delay` ms after it starts, or
 * when it first writes to `cache`; false when it had ended on its own before that.
 */
async function killedChild(options: AnalyzeOptions, cache: string, delay: number): Promise<boolean> {
  // Node itself with tsx's loader, not tsx's command: that one runs the code in a child of its
  // own, which a kill of the command left running and writing the cache after the test went on.
  const loader = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs');
  const code = `import { analyze } from ${JSON.stringify(path.join(repoRoot, 'lib', 'index.ts'))};\nawait analyze(${JSON.stringify(options)});\n`;
  const child = spawn(process.execPath, ['--import', loader, '--input-type=module', '-e', code], { stdio: 'ignore' });
  const closed = new Promise((resolve) => child.on('close', resolve));
  const before = fs.readdirSync(cache).length;
  const started = Date.now();
  while (child.exitCode === null && Date.now() - started < delay && fs.readdirSync(cache).length === before) await new Promise((r) => setTimeout(r, 2));
  const killed = child.exitCode === null && child.kill('SIGKILL');
  await closed;
  return killed;
}

test('a relative cache folder is taken from cwd, never from the process folder', async () => {
  const cwd = fs.realpathSync(tempProject('npp-cache-rel-', app));
  const options: AnalyzeOptions = { cwd, target: '22', today: '2026-12-07', cache: { dir: 'cache-here' } };
  await analyze(options);
  assert.equal(reportEntriesOf(path.join(cwd, 'cache-here')).length, 1);
  // The folder appears in the project: a run that listed the root sees it, and analyses again; then it holds.
  await analyze(options);
  assert.equal((await analyze(options)).cache!.files, 2);
});

test('a question answered two ways in one run (a file changed while it was read) makes the run unstable', async () => {
  const { recordingHost, answersHold } = await import('../lib/cache/questions.js');
  let version = 0;
  const host = { readFile: () => Buffer.from(`v${version++}`), kind: () => 'file' as const, realpath: (p: string) => p, glob: () => [] };
  const steady = recordingHost(host);
  steady.host.readFile('/a.js');
  steady.host.kind('/a.js');
  assert.equal(steady.unstable(), false);
  assert.equal(answersHold(host, steady.questions()), false, 'the file changed since');
  const changing = recordingHost(host);
  changing.host.readFile('/a.js');
  changing.host.readFile('/a.js');
  assert.equal(changing.unstable(), true);
});

test('an edit that keeps the file size and time is still seen: contents are compared, not stat data', async () => {
  const cwd = fs.realpathSync(tempProject('npp-cache-same-stat-', app));
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-'));
  const options: AnalyzeOptions = { cwd, target: '22', today: '2026-12-07' };
  await agreeing(options, cache);
  const file = path.join(cwd, 'helper.js');
  const { atime, mtime, size } = fs.statSync(file);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace("'data.txt'", "'date.txt'"));
  fs.utimesSync(file, atime, mtime);
  assert.equal(fs.statSync(file).size, size);
  const after = await agreeing(options, cache);
  // Analysed again (helper.js's content changed); index.js, unchanged and asking the same, from its record.
  assert.deepEqual(after.report.cache, { files: 1, records: 1 });
  assert.ok(after.report.policy.fsRead.some((g) => g.path === path.join(cwd, 'date.txt')));
});
