// Replays and folds of a file taken from its record, kept as memos with the record
// (lib/graph/replay-memo.ts, lib/cache/records.ts; docs/cache.md): made only when the file's
// tree had to be made again for them (never in a cold run), taken by a later run's same call
// whose questions get the same answers, without the tree; a memo one of whose answers changed is
// not taken. The report is a fresh run's every time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, type AnalyzeOptions, type Report } from '../lib/index.js';
import type { FoldMemo, Memo, RecordStore, ReplayMemo, StoredExamination } from '../lib/graph/examination.js';
import { Worklist } from '../lib/graph/worklist.js';
import { recording } from './support/recording.js';
import { reportText } from './support/report-text.js';
import { mkdtempSync, tempProject } from './support/temp-dirs.js';

/** A store in memory with memos, which counts what it makes and takes; `change` may alter what `get` and `memos` give. */
class MemoryStore implements RecordStore {
  readonly entries = new Map<string, StoredExamination>();
  readonly memoLists = new Map<string, Memo[]>();
  /** Each run: the memos kept (by their place in the list `memos` gave) and made. */
  kept = new Map<string, Memo[]>();
  made = 0;
  used = 0;
  change: ((memo: Memo) => void) | undefined;
  get(file: string, content: string) {
    const found = this.entries.get(`${file}\0${content}`);
    return found && structuredClone(found);
  }
  put(file: string, content: string, stored: StoredExamination) {
    const id = `${file}\0${content}`;
    this.entries.set(id, structuredClone(stored));
    this.memoLists.delete(id);
    this.kept.delete(id);
  }
  memos(file: string, content: string): Memo[] {
    const list = structuredClone(this.memoLists.get(`${file}\0${content}`) ?? []);
    if (this.change) list.forEach(this.change);
    return list;
  }
  keepMemo(file: string, content: string, at: number) {
    const id = `${file}\0${content}`;
    this.used++;
    this.keptList(id).push(structuredClone(this.memoLists.get(id)![at]!));
  }
  addMemo(file: string, content: string, memo: Memo) {
    this.made++;
    this.keptList(`${file}\0${content}`).push(structuredClone(memo));
  }
  private keptList(id: string): Memo[] {
    let list = this.kept.get(id);
    if (!list) this.kept.set(id, (list = []));
    return list;
  }
  /** The run over: the memos it used or made are those of the next (as the cache keeps them). */
  async run<T>(body: () => Promise<T>): Promise<T> {
    this.kept = new Map();
    this.made = 0;
    this.used = 0;
    const value = await recording(this, body);
    for (const [id, list] of this.kept) this.memoLists.set(id, list);
    return value;
  }
}

/** Runs `body` counting the trees made again for files taken from their records (a replay or a fold no memo answered). */
async function countingTrees<T>(body: () => Promise<T>): Promise<{ value: T; trees: number }> {
  const proto = Worklist.prototype as unknown as { treeAgain: (...a: unknown[]) => unknown };
  const treeAgain = proto.treeAgain;
  let trees = 0;
  proto.treeAgain = function (this: unknown, ...a: unknown[]) {
    trees++;
    return treeAgain.apply(this, a);
  };
  try {
    return { value: await body(), trees };
  } finally {
    proto.treeAgain = treeAgain;
  }
}

const options = (cwd: string): AnalyzeOptions => ({ cwd, target: '22', homedir: '/home/memos', tmpdir: '/tmp/memos', today: '2026-12-07' });

test('a replay of a record\'s summary: no memo in a cold run, made when its tree is made again, then taken without it; one whose answer changed is not taken', async () => {
  // dep's start reads a folder another module names (conf.js): the replay asks conf's value.
  const dir = fs.realpathSync(tempProject('npp-memos-replay-', {
    'package.json': '{"name":"app","main":"index.js"}',
    'index.js': "const dep = require('dep');\ndep.start('npp-memo');\n",
    'node_modules/dep/package.json': '{"name":"dep","main":"index.js"}',
    'node_modules/dep/index.js': "const fs = require('fs');\nconst conf = require('./conf');\nexports.start = function (name) { fs.mkdirSync(conf.base + '/' + name, { recursive: true }); };\n",
    'node_modules/dep/conf.js': "exports.base = '/srv/one';\n",
  }));
  const store = new MemoryStore();
  await store.run(() => reportText(options(dir)));
  assert.equal(store.made, 0, 'a cold run makes no memo');
  const edit = (n: number) => fs.appendFileSync(`${dir}/index.js`, `// edit ${n}\n`);
  edit(1);
  const first = await countingTrees(() => store.run(() => reportText(options(dir))));
  assert.equal(first.value, await reportText(options(dir)));
  assert.equal(first.trees, 1, 'dep parsed again for its replay');
  assert.equal(store.made, 1);
  const memo = [...store.memoLists.values()].flat()[0] as ReplayMemo;
  assert.deepEqual(Object.keys(memo).sort(), ['call', 'found', 'state', 'summary']);
  edit(2);
  const second = await countingTrees(() => store.run(() => reportText(options(dir))));
  assert.match(second.value, /"\/srv\/one\/npp-memo"/);
  assert.equal(second.value, await reportText(options(dir)));
  assert.deepEqual([second.trees, store.used, store.made], [0, 1, 0], 'taken from the memo, no tree');
  // The memo's answer to conf's value changed (as if conf.js said another folder while dep's
  // record still held): not taken, the replay made from the tree again.
  edit(3);
  store.change = (m) => {
    for (const q of 'found' in m ? m.found.questions : []) if (q.ask === 'importValue') q.answer = { k: 'str', v: '/srv/two' };
  };
  const changed = await countingTrees(() => store.run(() => reportText(options(dir))));
  store.change = undefined;
  assert.ok(JSON.stringify([...store.memoLists.values()]).includes('"importValue"'), 'the memo asked conf\'s value');
  assert.equal(changed.value, await reportText(options(dir)));
  assert.deepEqual([changed.trees, store.used], [1, 0], 'a memo whose answer changed is not taken');
  // And a memo that is taken is what gives the findings: one whose findings are altered shows.
  edit(4);
  store.change = (m) => {
    for (const n of 'found' in m ? m.found.needs : []) if (n.path) n.path = '/srv/altered';
  };
  const altered = await store.run(() => reportText(options(dir)));
  store.change = undefined;
  assert.match(altered, /\/srv\/altered/);
});

test('a fold of a record\'s function: made when its tree is made again, then taken without it, an importer\'s parameter in its place', async () => {
  // index.js folds where.dir's return with a constant and with its own handler's parameter.
  const dir = fs.realpathSync(tempProject('npp-memos-fold-', {
    'package.json': '{"name":"app","main":"index.js"}',
    'index.js': "const fs = require('fs');\nconst where = require('./where');\nfs.readFileSync(where.dir('one'));\nexports.handler = function (name) { fs.writeFileSync(where.dir(name), 'x'); };\n",
    'where.js': "exports.dir = function (name) { return '/srv/npp-fold/' + name; };\n",
  }));
  const store = new MemoryStore();
  await store.run(() => reportText(options(dir)));
  assert.equal(store.made, 0, 'a cold run makes no memo');
  fs.appendFileSync(`${dir}/index.js`, '// edit 1\n');
  const first = await countingTrees(() => store.run(() => reportText(options(dir))));
  assert.equal(first.value, await reportText(options(dir)));
  assert.equal(first.trees, 1);
  const memos = [...store.memoLists.values()].flat() as FoldMemo[];
  assert.ok(memos.length >= 2 && memos.every((m) => Object.keys(m).sort().join() === 'args,asked,fold,state,value'), JSON.stringify(memos));
  assert.match(JSON.stringify(memos.map((m) => m.value)), /"slot":0/);
  fs.appendFileSync(`${dir}/index.js`, '// edit 2\n');
  const second = await countingTrees(() => store.run(() => reportText(options(dir))));
  assert.match(second.value, /"\/srv\/npp-fold\/one"/);
  assert.equal(second.value, await reportText(options(dir)));
  assert.deepEqual([second.trees, store.made], [0, 0], 'where.js not parsed again');
  assert.ok(store.used >= 2);
});

/** The report as JSON, without the cache count: what must not change. */
const body = (r: Report): string => JSON.stringify({ ...r, cache: undefined });

test('the cache keeps memos in the records entry: cold, after an edit (memos made), after another (taken), with a damaged entry, the report is a fresh run\'s', async () => {
  const dir = fs.realpathSync(tempProject('npp-memos-cache-', {
    'package.json': '{"name":"app","main":"index.js"}',
    'index.js': "const dep = require('dep');\nconst where = require('./where');\ndep.start(where.dir('a'));\n",
    'where.js': "exports.dir = function (name) { return '/srv/npp-cache/' + name; };\n",
    'node_modules/dep/package.json': '{"name":"dep","main":"index.js"}',
    'node_modules/dep/index.js': "const fs = require('fs');\nexports.start = function (d) { fs.mkdirSync(d + '/x', { recursive: true }); };\n",
  }));
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-memos-cache-'));
  // A built-in module loaded below the rest: index.js's record changes (its requests) and no site
  // moves, so the run is made from the records and the replays' trails are the same (an edit that
  // leaves its record as it was takes the stored report: cache-edits.test.ts).
  const edit = (file: string, n: number) => fs.appendFileSync(file, `require('${['path', 'os', 'util'][n - 1]}');\n`);
  const run = async () => {
    const cached = await countingTrees(() => analyze({ ...options(dir), cache: { dir: cache } }));
    assert.equal(body(cached.value), body(await analyze(options(dir))));
    return cached;
  };
  assert.equal((await run()).trees, 0, 'cold');
  edit(`${dir}/index.js`, 1);
  assert.equal((await run()).trees, 2, 'after an edit: dep and where.js made again, their memos kept');
  const records = fs.readdirSync(cache).find((f) => f.endsWith('-records.entry'))!;
  assert.match(fs.readFileSync(path.join(cache, records)).toString('latin1'), /\0memos/);
  edit(`${dir}/index.js`, 2);
  const taken = await run();
  assert.equal(taken.trees, 0, 'after another edit: from the memos');
  assert.ok(taken.value.cache!.records! >= 2);
  // A damaged records entry: nothing is taken from it, the report is still a fresh run's.
  const file = path.join(cache, records);
  const bytes = fs.readFileSync(file);
  bytes[bytes.length - 3] ^= 0xff;
  fs.writeFileSync(file, bytes);
  edit(`${dir}/index.js`, 3);
  assert.equal((await run()).value.cache!.records, 0);
});
