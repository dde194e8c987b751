// The persistent analysis cache (lib/cache/) never changes a report: every fixture analysed cold
// and warm gives the report of an analysis without the cache; after an edit (a file changed, a
// file added that changes resolution, a file removed), with a damaged entry, and with two runs
// at once, the report is the one a fresh analysis gives. Only the `cache` count differs.
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
    assert.deepEqual(cold.cache, { files: 0 }, `${folder.name}: cold count`);
    assert.equal(hot.cache!.files, plain.project.files.length, `${folder.name}: reused whole`);
    analysed++;
  }
  assert.ok(analysed > 150, `only ${analysed} fixtures analysed`);
});

test('fixtures after an edit and after a removal: analysed again, as a fresh run', async () => {
  const { copyApp } = await import('./support/app-copy.js');
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-fixture-edits-'));
  let edited = 0;
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
      assert.equal(afterEdit.files, 0, `${folder.name}: edit`);
      assert.ok(afterEdit.report.needs.some((n) => n.path === '/etc/npp-cache-edit'), `${folder.name}: the edit is seen`);
      // A removal: the last file the analysis took up.
      fs.rmSync(path.join(copy.dir, files.at(-1)!));
      assert.equal((await agreeing(options, cache)).files, 0, `${folder.name}: removal`);
      assert.equal((await agreeing(options, cache)).files, (await analyze(options)).project.files.length, `${folder.name}: then reused`);
      edited++;
    } finally {
      copy.remove();
    }
  }
  assert.equal(edited, 40);
});

const app = {
  'package.json': JSON.stringify({ name: 'cached', version: '1.0.0', main: 'index.js' }),
  'index.js': "const helper = require('./helper');\nhelper.run();\n",
  'helper.js': "const fs = require('fs');\nconst path = require('path');\nexports.run = () => fs.readFileSync(path.join(__dirname, 'data.txt'));\n",
  'data.txt': 'data\n',
};

/** Analyses `cwd` with the cache, and without it, and checks they agree; returns the cached run's count. */
async function agreeing(options: AnalyzeOptions, cache: string): Promise<{ files: number; report: Report }> {
  const cached = await analyze({ ...options, cache: { dir: cache } });
  const fresh = await analyze(options);
  assert.equal(body(cached), body(fresh));
  return { files: cached.cache!.files, report: cached };
}

test('an edit, a file that changes resolution, a removed file: analysed again, as a fresh run', async () => {
  const cwd = fs.realpathSync(tempProject('npp-cache-edit-', app));
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-'));
  const options: AnalyzeOptions = { cwd, target: '22', today: '2026-12-07' };
  assert.equal((await agreeing(options, cache)).files, 0);
  assert.equal((await agreeing(options, cache)).files, 2);

  fs.writeFileSync(path.join(cwd, 'helper.js'), "const fs = require('fs');\nexports.run = () => fs.writeFileSync(__dirname + '/out.txt', 'x');\n");
  const edited = await agreeing(options, cache);
  assert.equal(edited.files, 0, 'a changed file is analysed again');
  assert.ok(edited.report.policy.fsWrite.some((g) => g.path === path.join(cwd, 'out.txt')));
  assert.equal((await agreeing(options, cache)).files, 2);

  // `require('./helper')` takes a file named exactly `helper` before `helper.js`.
  fs.writeFileSync(path.join(cwd, 'helper'), "require('fs').readFileSync('/etc/hostname');\n");
  const added = await agreeing(options, cache);
  assert.equal(added.files, 0, 'a file that changes resolution is noticed');
  assert.ok(added.report.project.files.includes('helper'));
  assert.equal((await agreeing(options, cache)).files, 2);

  fs.rmSync(path.join(cwd, 'helper'));
  fs.rmSync(path.join(cwd, 'helper.js'));
  const removed = await agreeing(options, cache);
  assert.equal(removed.files, 0, 'a removed file is noticed');
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
  assert.equal((await agreeing(options, cache)).files, 0);
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
  const [name] = entriesOf(cache);
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
    assert.equal((await agreeing(options, cache)).files, 0, what);
    assert.deepEqual(fs.readFileSync(file), good, `${what}: rewritten whole`);
    assert.equal((await agreeing(options, cache)).files, 2, `${what}: then reused`);
  }
  // A whole entry whose body claims another report: the checksum holds, the report does not match the key's answers.
  const forged = JSON.parse(good.subarray(good.indexOf(10) + 1).toString('utf8'));
  forged.questions = forged.questions.map(([m, a, ans]: string[]) => [m, a, m === 'readFile' && a.split('\0')[0]!.endsWith('helper.js') ? 'sha256:forged' : ans]);
  const forgedBody = Buffer.from(JSON.stringify(forged));
  const header = good.subarray(0, good.indexOf(10)).toString('latin1').replace(/\S+$/, (await import('node:crypto')).createHash('sha256').update(forgedBody).digest('hex'));
  fs.writeFileSync(file, Buffer.concat([Buffer.from(header + '\n'), forgedBody]));
  assert.equal((await agreeing(options, cache)).files, 0, 'an answer that no longer holds');
});

test('the cache folder is bounded: the entries used longest ago go first', async () => {
  const cwd = fs.realpathSync(tempProject('npp-cache-bound-', app));
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-'));
  const options: AnalyzeOptions = { cwd, target: '22', today: '2026-12-07' };
  await analyze({ ...options, cache: { dir: cache } });
  const size = fs.statSync(path.join(cache, entriesOf(cache)[0]!)).size;
  // Room for two entries: the third run's entry removes the first one's.
  const bounded = { dir: cache, maxBytes: Math.floor(size * 2.5) };
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

test('two runs at once on one cache folder: both reports right, and the entry whole', async () => {
  const cwd = fs.realpathSync(tempProject('npp-cache-race-', app));
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-cache-'));
  const options: AnalyzeOptions = { cwd, target: '22', today: '2026-12-07' };
  const fresh = body(await analyze(options));
  for (let round = 0; round < 2; round++) {
    const reports = await Promise.all([childReport({ ...options, cache: { dir: cache } }), childReport({ ...options, cache: { dir: cache } })]);
    for (const r of reports) assert.equal(body(r), fresh);
  }
  assert.deepEqual(fs.readdirSync(cache).filter((n) => !n.endsWith('.entry')), [], 'no temporary file left');
  assert.equal((await analyze({ ...options, cache: { dir: cache } })).cache!.files, 2);
});

test('a relative cache folder is taken from cwd, never from the process folder', async () => {
  const cwd = fs.realpathSync(tempProject('npp-cache-rel-', app));
  const options: AnalyzeOptions = { cwd, target: '22', today: '2026-12-07', cache: { dir: 'cache-here' } };
  await analyze(options);
  assert.equal(entriesOf(path.join(cwd, 'cache-here')).length, 1);
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
  assert.equal(after.files, 0);
  assert.ok(after.report.policy.fsRead.some((g) => g.path === path.join(cwd, 'date.txt')));
});
