// Examination records (lib/graph/examination.ts; docs/design/per-file-summary.md, phase 1): the
// findings of a file that hold nothing of its syntax tree, copied as data (structuredClone, as a
// worker's message or a cache entry would copy them) and taken in instead of the live ones, give
// every fixture the same report; findings that hold the tree have no record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analyze, type AnalyzeOptions } from '../lib/index.js';
import type { FileDetection } from '../lib/detect/index.js';
import type { FileModel } from '../lib/parse/index.js';
import type { Unknown, Value } from '../lib/evaluate/index.js';
import { findingsOf, isData, recordOf } from '../lib/graph/examination.js';
import { Worklist } from '../lib/graph/worklist.js';
import { caseOptions, loadFixtureCase } from './support/fixture-case.js';
import { fixturesRoot, listFixtureFolders } from './support/fixture-folders.js';

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
});

test('findings that hold the tree have no record; a record stands for the findings, `caught` decided', () => {
  const call = { specifier: './b', from: '/a.js', kind: 'require' as const, path: ['f'], site, package: '.', via: [], depth: 0 };
  assert.equal(recordOf(findings({ summaries: [{ fn: { fnKey: true }, file: '/a.js', replay: () => findings() }] })), undefined);
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

const reportText = async (options: AnalyzeOptions) => {
  try {
    return JSON.stringify(await analyze(options));
  } catch (e) {
    return `threw: ${(e as Error).message}`;
  }
};

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
