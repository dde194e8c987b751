// Examination records (lib/graph/examination.ts; docs/design/per-file-summary.md, phase 1): the
// findings of a file that hold nothing of its syntax tree, copied as data (structuredClone, as a
// worker's message or a cache entry would copy them) and taken in instead of the live ones, give
// every fixture the same report; findings that hold the tree have no record. A record keeps the
// questions its examination asked outside the file: after another file is edited, a file whose
// content and answers are the same has the same record; a second run takes such records from a
// store instead of parsing and examining, with the report of a run without one, edit or not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analyze, type AnalyzeOptions } from '../lib/index.js';
import type { FileDetection } from '../lib/detect/index.js';
import type { FileModel } from '../lib/parse/index.js';
import type { Unknown, Value } from '../lib/evaluate/index.js';
import { findingsOf, isData, recordOf, type RecordStore, type StoredExamination } from '../lib/graph/examination.js';
import { copyApp } from './support/app-copy.js';
import { tempProject } from './support/temp-dirs.js';
import { Worklist } from '../lib/graph/worklist.js';
import { recording } from './support/recording.js';
import { caseOptions, loadFixtureCase } from './support/fixture-case.js';
import { fixturesRoot, listFixtureFolders } from './support/fixture-folders.js';
import { reportText } from './support/report-text.js';

const site = { file: 'a.js', line: 1, column: 1 };
const param: Unknown = { k: 'unknown', reason: 'parameter', site, param: { paramToken: true } };
const fnValue = { k: 'fn', node: { type: 'FunctionExpression', start: 0, end: 1 }, model: {} as FileModel } as unknown as Value;

function findings(over: Partial<FileDetection> = {}): FileDetection {
  return { needs: [], unresolved: [], diagnostics: [], modules: [], pendingCalls: [], summaries: [], methodCalls: [], exports: { file: '/a.js', format: 'cjs', entries: new Map(), star: [] }, ...over };
}

test('a value is data unless it holds a function or a parameter, however deep', () => {
  assert.equal(isData({ k: 'str', v: '/x' }), true);
  assert.equal(isData({ k: 'unknown', reason: 'env-unbound', site }), true);
  assert.equal(isData(fnValue), false);
  assert.equal(isData(param), false);
  assert.equal(isData({ k: 'oneOf', vs: [{ k: 'str', v: 'a' }, { k: 'prefix', v: '/p', cause: param }] }), false);
  assert.equal(isData({ k: 'obj', props: new Map([['a', { k: 'arr', items: [fnValue] }]]) }), false);
  assert.equal(isData({ k: 'obj', props: new Map([['a', { k: 'str', v: 'x' }]]), rest: param }), false);
  // A parameter detached as a token is data where no tree maps it back (a file without summaries); a binding never is.
  assert.equal(isData(param, true), true);
  assert.equal(isData({ k: 'unknown', reason: 'parameter', site, param: { name: 'p' } as never }, true), false);
});

test('findings that hold the tree have no record; a record stands for the findings, `caught` decided', () => {
  const call = { specifier: './b', from: '/a.js', kind: 'require' as const, path: ['f'], site, package: '.', via: [], depth: 0 };
  const summary = { fn: { fnKey: true as const }, file: '/a.js', replay: () => findings() };
  assert.equal(recordOf(findings({ summaries: [summary] })), undefined, 'a summary without its functions\' keys');
  // With them, the summary is kept as its key, the same object as the keys' (a copy keeps them one).
  const withKeys = structuredClone(recordOf(findings({ summaries: [summary] }), undefined, undefined, { keys: new Map([[0, summary.fn]]), place: () => undefined, params: () => [], functions: () => undefined }));
  assert.equal(withKeys?.summaries?.[0]?.fn, withKeys?.keys?.get(0));
  assert.equal(recordOf(findings({ pendingCalls: [{ ...call, args: [fnValue] }] })), undefined);
  assert.equal(recordOf(findings({ exports: { file: '/a.js', format: 'cjs', star: [], entries: new Map([['f', { kind: 'fn', fn: { fnKey: true }, returns: () => ({ k: 'str', v: 'x' }) }]]) } })), undefined);
  assert.equal(recordOf(findings({ deferred: [{} as never] })), undefined);
  const request = { specifier: 'x', kind: 'require' as const, from: '/a.js', site, package: '.', api: 'require' };
  const record = recordOf(findings({ modules: [{ ...request, caught: () => true }, request], pendingCalls: [{ ...call, args: [{ k: 'str', v: 'y' }] }] }));
  assert.ok(record);
  assert.deepEqual(record.modules.map((m) => m.caught), [true, undefined]);
  const back = findingsOf(structuredClone(record));
  assert.equal(back.modules[0]!.caught?.(), true);
  assert.equal(back.modules[1]!.caught, undefined);
  assert.deepEqual(back.pendingCalls, record.pendingCalls);
});

function fixtureOptions(): { name: string; options: AnalyzeOptions }[] {
  const out: { name: string; options: AnalyzeOptions }[] = [];
  for (const folder of listFixtureFolders(fixturesRoot())) {
    if (!fs.existsSync(folder.appDir)) continue;
    const fixture = loadFixtureCase(folder.dir);
    out.push({ name: folder.name, options: { cwd: folder.appDir, target: fixture.targets[0]!, homedir: '/home/records', tmpdir: '/tmp/records', ...caseOptions(fixture, folder.appDir) } });
  }
  return out;
}

test("every fixture's report is the same when each file's findings are taken in through a copied record", async () => {
  const original = Worklist.prototype.takeExamination;
  const counts = { recorded: 0, kept: 0 };
  const throughRecord: typeof original = function (this: Worklist, loaded, parsed, found) {
    const record = recordOf(found);
    counts[record ? 'recorded' : 'kept']++;
    original.call(this, loaded, parsed, record ? findingsOf(structuredClone(record)) : found);
  };
  const fixtures = fixtureOptions();
  assert.ok(fixtures.length > 100);
  for (const { name, options } of fixtures) {
    const plain = await reportText(options);
    Worklist.prototype.takeExamination = throughRecord;
    try {
      assert.equal(await reportText(options), plain, name);
    } finally {
      Worklist.prototype.takeExamination = original;
    }
  }
  // Both kinds are exercised: most files have a record, and the fixtures about flow between modules keep theirs live.
  assert.ok(counts.recorded > 300 && counts.kept > 50, JSON.stringify(counts));
});

/** A store in memory that counts what it gives and takes; `byFile` holds the last record put for each file. */
class MemoryStore implements RecordStore {
  readonly entries = new Map<string, StoredExamination>();
  readonly byFile = new Map<string, StoredExamination>();
  hits = 0;
  puts = 0;
  get(file: string, content: string) {
    const found = this.entries.get(`${file}\0${content}`);
    if (found) this.hits++;
    // A copy, as a cache entry read again would be.
    return found && structuredClone(found);
  }
  put(file: string, content: string, stored: StoredExamination) {
    this.puts++;
    this.entries.set(`${file}\0${content}`, structuredClone(stored));
    this.byFile.set(file, stored);
  }
}

/** The first single-quoted string of a file's text, changed: an edit that changes what the file does or exports. */
function edit(text: string): string | undefined {
  const m = /'([^'\\\n]*)'/.exec(text);
  return m ? text.slice(0, m.index) + `'${m[1]}-edited'` + text.slice(m.index + m[0].length) : undefined;
}

test('recording changes no report; after one file is edited, every other file whose answers are the same has the same record', async () => {
  const counts = { compared: 0, differentAnswers: 0, questions: 0, effects: 0 };
  for (const folder of listFixtureFolders(fixturesRoot())) {
    if (!fs.existsSync(folder.appDir)) continue;
    const fixture = loadFixtureCase(folder.dir);
    const copy = copyApp(folder.appDir, 'records');
    try {
      const options: AnalyzeOptions = { cwd: copy.dir, target: fixture.targets[0]!, homedir: '/home/records', tmpdir: '/tmp/records', ...caseOptions(fixture, copy.dir) };
      const plain = await reportText(options);
      const first = new MemoryStore();
      assert.equal(await recording(first, () => reportText(options)), plain, folder.name);
      const before = first.byFile;
      for (const r of before.values()) counts.questions += r.questions.length, counts.effects += r.effects.length;
      // One file edited: the first recorded, a module examined before the files that load it.
      const edited = [...before.keys()][0];
      const text = edited && fs.readFileSync(edited, 'utf8');
      const changed = text && edit(text);
      if (!edited || !changed || before.size < 2) continue;
      fs.writeFileSync(edited, changed);
      const second = new MemoryStore();
      await recording(second, () => reportText(options));
      const after = second.byFile;
      for (const [file, was] of before) {
        const now = after.get(file);
        if (file === edited || !now) continue;
        try {
          assert.deepStrictEqual(now.questions, was.questions);
        } catch {
          counts.differentAnswers++;
          continue;
        }
        assert.deepStrictEqual(now, was, `${folder.name}: ${file} asked the same and found something else`);
        counts.compared++;
      }
    } finally {
      copy.remove();
    }
  }
  assert.ok(counts.compared > 50 && counts.questions > 100 && counts.effects > 10, JSON.stringify(counts));
});

test('a file that folds what another exports records the question: editing the other changes its question, never its record alone', async () => {
  const dir = fs.realpathSync(tempProject('npp-records-', {
    'package.json': '{"name":"app","main":"index.js"}',
    'index.js': "const fs = require('fs');\nconst { dir } = require('./where');\nfs.readFileSync(dir + '/data.txt');\n",
    'where.js': "module.exports.dir = '/srv/one';\n",
  }));
  const options: AnalyzeOptions = { cwd: dir, target: '22', homedir: '/home/records', tmpdir: '/tmp/records' };
  const recordsOf = async () => {
    const store = new MemoryStore();
    await recording(store, () => analyze(options));
    return store.byFile.get(`${dir}/index.js`)!;
  };
  const before = await recordsOf();
  assert.ok(before.questions.some((q) => q.ask === 'importValue'), JSON.stringify(before.questions));
  fs.writeFileSync(`${dir}/where.js`, "module.exports.dir = '/srv/two';\n");
  const after = await recordsOf();
  assert.notDeepStrictEqual(after.needs, before.needs);
  assert.notDeepStrictEqual(after.questions, before.questions);
});

test('a second run takes the records from the store: the same report, edit or not, without examining the files again', async () => {
  const counts = { reused: 0, examinedAgain: 0, edits: 0 };
  for (const folder of listFixtureFolders(fixturesRoot())) {
    if (!fs.existsSync(folder.appDir)) continue;
    const fixture = loadFixtureCase(folder.dir);
    const copy = copyApp(folder.appDir, 'stored');
    try {
      const options: AnalyzeOptions = { cwd: copy.dir, target: fixture.targets[0]!, homedir: '/home/records', tmpdir: '/tmp/records', ...caseOptions(fixture, copy.dir) };
      const store = new MemoryStore();
      await recording(store, () => reportText(options));
      const again = () => { store.hits = 0; store.puts = 0; return recording(store, () => reportText(options)); };
      assert.equal(await again(), await reportText(options), `${folder.name}: unchanged`);
      counts.reused += store.hits;
      // The first file recorded (a module the others load) edited: what depends on it is examined again.
      const edited = [...store.byFile.keys()][0];
      const changed = edited && edit(fs.readFileSync(edited, 'utf8'));
      if (!edited || !changed) continue;
      fs.writeFileSync(edited, changed);
      assert.equal(await again(), await reportText(options), `${folder.name}: ${edited} edited`);
      counts.edits++;
      counts.examinedAgain += store.puts;
    } finally {
      copy.remove();
    }
  }
  assert.ok(counts.reused > 300 && counts.edits > 50 && counts.examinedAgain > 100, JSON.stringify(counts));
});

test('a record without its summaries, conditional findings, function keys or folds does not give the report: each field is needed', async () => {
  // A dependency with a summary (start's parameter reaches a sink) and conditional findings
  // (stop's callback's access), and an app module whose exported function's return importers
  // fold; the caller edited so that all of them matter and the others come from their records.
  const dir = fs.realpathSync(tempProject('npp-records-fields-', {
    'package.json': '{"name":"app","main":"index.js"}',
    'index.js': "const dep = require('dep');\nconst where = require('./where');\ndep.start(where.dir('one'));\n",
    'where.js': "exports.dir = function (name) { return '/srv/' + name; };\n",
    'node_modules/dep/package.json': '{"name":"dep","main":"index.js"}',
    'node_modules/dep/index.js': "const fs = require('fs');\nfunction later(cb) { cb(process.env.NPP_RECORDS_X); }\nexports.start = function (dir) { fs.mkdirSync(dir); };\nexports.stop = function () { later(function (f) { fs.rmSync(f); }); };\n",
  }));
  const options: AnalyzeOptions = { cwd: dir, target: '22', homedir: '/home/records', tmpdir: '/tmp/records' };
  const store = new MemoryStore();
  await recording(store, () => reportText(options));
  const dep = store.byFile.get(`${dir}/node_modules/dep/index.js`);
  assert.ok(dep?.summaries?.length && dep.conditional?.length && dep.keys?.size, JSON.stringify(dep && Object.keys(dep)));
  assert.match(JSON.stringify(store.byFile.get(`${dir}/where.js`)?.exports), /"fold":\{"at":0,/);
  fs.writeFileSync(`${dir}/index.js`, "const dep = require('dep');\nconst where = require('./where');\ndep.start(where.dir('two'));\ndep.stop();\n");
  const fresh = await reportText(options);
  assert.match(fresh, /"\/srv\/two"/);
  assert.equal(await recording(store, () => reportText(options)), fresh, 'the whole records give the report');
  const drop = (field: string) => (x: unknown): void => {
    if (x === null || typeof x !== 'object') return;
    if (x instanceof Map) return [...x.values()].forEach(drop(field));
    delete (x as Record<string, unknown>)[field];
    Object.values(x).forEach(drop(field));
  };
  for (const [file, field] of [['node_modules/dep/index.js', 'summaries'], ['node_modules/dep/index.js', 'conditional'], ['node_modules/dep/index.js', 'keys'], ['where.js', 'fold']] as const) {
    const without: RecordStore = {
      get: (f, content) => {
        const found = store.get(f, content);
        if (found && f === `${dir}/${file}`) {
          if (field === 'fold') drop(field)(found.exports);
          else delete found[field];
        }
        return found;
      },
      put: () => {},
    };
    const report = await recording(without, () => reportText(options)).catch((e: Error) => e.message);
    assert.notEqual(report, fresh, `${field} dropped from ${file}`);
  }
});
