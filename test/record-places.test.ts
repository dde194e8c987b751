// A file's own parameters and functions in its record as places (lib/graph/record-params.ts,
// record-functions.ts; docs/cache.md): a file with summaries whose pending calls pass a parameter
// of its own on keeps each token with its parameter's place, the same object as in the calls
// after a copy or a cache round trip, and its tree parsed again maps each token back to that
// parameter; a file that hands one of its functions to another module keeps the function's
// place, made a function again (from the tree parsed again) when a replay calls it. After an
// edit elsewhere such files come from their records and the report is a fresh run's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, type AnalyzeOptions, type Report } from '../lib/index.js';
import { paramOf, valueKey, type Unknown, type Value } from '../lib/evaluate/index.js';
import { contentKey, type RecordStore, type StoredExamination } from '../lib/graph/examination.js';
import { adoptParams } from '../lib/graph/record-params.js';
import { functionsAgain, placeFunctions } from '../lib/graph/record-functions.js';
import { recording } from './support/recording.js';
import { RecordPack } from '../lib/cache/records.js';
import { parseFile } from '../lib/parse/index.js';
import { isStackOverflow } from '../lib/limits.js';
import { mkdtempSync, tempProject } from './support/temp-dirs.js';

// dep's start waits for callers (a summary); walk's parameter is handed on to another module
// (a pending call holding dep's own parameter token), so dep had no record before.
const depSource = "const fs = require('fs');\nconst helper = require('helper');\nexports.start = function (dir) { fs.mkdirSync(dir); };\nfunction walk({ root }) { helper.visit({ root }); }\nsetImmediate(() => walk);\n";
const files = {
  'package.json': '{"name":"app","main":"index.js"}',
  'index.js': "const dep = require('dep');\ndep.start('/srv/npp-params-one');\n",
  'node_modules/dep/package.json': '{"name":"dep","main":"index.js"}',
  'node_modules/dep/index.js': depSource,
  'node_modules/helper/package.json': '{"name":"helper","main":"index.js"}',
  'node_modules/helper/index.js': "const fs = require('fs');\nexports.visit = function (o) { fs.readdirSync(o.root); };\n",
};

class MemoryStore implements RecordStore {
  readonly entries = new Map<string, StoredExamination>();
  get(file: string, content: string) {
    const found = this.entries.get(`${file}\0${content}`);
    return found && structuredClone(found);
  }
  put(file: string, content: string, stored: StoredExamination) {
    this.entries.set(`${file}\0${content}`, structuredClone(stored));
  }
}

/** The parameter tokens among a record's pending calls' arguments. */
function tokensIn(stored: StoredExamination): unknown[] {
  const out: unknown[] = [];
  const walk = (v: Value | undefined): void => {
    if (!v) return;
    if (v.k === 'unknown' && v.param && 'paramToken' in v.param) out.push(v.param);
    if (v.k === 'obj') [...v.props.values(), ...(v.spreads ?? [])].forEach(walk);
    if (v.k === 'oneOf') v.vs.forEach(walk);
  };
  for (const call of stored.pendingCalls) call.args.forEach(walk);
  return out;
}

const depRecord = (store: MemoryStore, dir: string) => [...store.entries].find(([id]) => id.startsWith(`${dir}/node_modules/dep/index.js\0`))?.[1];

test('a file with summaries keeps its parameter tokens with their places; its text parsed again maps each back', async () => {
  const dir = fs.realpathSync(tempProject('npp-record-params-', files));
  const store = new MemoryStore();
  await recording(store, () => analyze({ cwd: dir, target: '22', homedir: '/home/records', tmpdir: '/tmp/records' }));
  const stored = depRecord(store, dir);
  assert.ok(stored?.summaries?.length, 'dep has a summary and a record');
  const copy = structuredClone(stored);
  const tokens = tokensIn(copy);
  assert.ok(tokens.length > 0, 'a token among its pending calls');
  // One copy keeps them one object: the record's places name the calls' tokens.
  for (const token of tokens) assert.ok(copy.params?.some((p) => p.token === token), JSON.stringify(copy.params));
  const parsed = parseFile(`${dir}/node_modules/dep/index.js`, depSource, 'cjs', true, (loc) => ({ file: 'node_modules/dep/index.js', line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1 }));
  assert.ok(parsed.ok);
  const token = tokens[0] as Unknown['param'];
  assert.equal(paramOf({ k: 'unknown', reason: 'parameter', site: { file: '', line: 1, column: 1 }, param: token }, parsed.model), undefined, 'a new tree alone does not know the token');
  adoptParams(parsed.model, copy.params);
  assert.equal(paramOf({ k: 'unknown', reason: 'parameter', site: { file: '', line: 1, column: 1 }, param: token }, parsed.model)?.name, 'root');
});

const body = (r: Report): string => JSON.stringify({ ...r, cache: undefined });

test('after an edit, a file with summaries and its own parameters in its calls comes from its record, through the cache; the report is a fresh run\'s', async () => {
  const cwd = fs.realpathSync(tempProject('npp-record-params-cache-', files));
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-record-params-cache-'));
  const options: AnalyzeOptions = { cwd, target: '22', today: '2026-12-07' };
  const cold = await analyze({ ...options, cache: { dir: cache } });
  assert.equal(body(cold), body(await analyze(options)));
  fs.writeFileSync(path.join(cwd, 'index.js'), "const dep = require('dep');\ndep.start('/srv/npp-params-two');\n");
  const after = await analyze({ ...options, cache: { dir: cache } });
  assert.equal(body(after), body(await analyze(options)));
  assert.deepEqual(after.cache, { files: 2, records: 2 }, 'dep and helper from their records');
  assert.ok(after.policy.fsWrite.some((g) => g.path === '/srv/npp-params-two'), JSON.stringify(after.policy.fsWrite));
  // The records entry as written: dep's record holds its tokens' places, the calls' tokens among them.
  const entry = fs.readdirSync(cache).find((f) => f.endsWith('-records.entry'))!;
  const pack = new RecordPack(cache, entry.slice(0, -'.entry'.length), Infinity);
  const depFile = path.join(cwd, 'node_modules/dep/index.js');
  const stored = pack.get(depFile, contentKey(fs.readFileSync(depFile), 'cjs', true)) as StoredExamination | undefined;
  assert.ok(stored?.params?.length, 'the places reach the cache');
  for (const token of tokensIn(stored)) assert.ok(stored.params!.some((p) => p.token === token));
});

// dep hands its own function to helper (beside a path helper's replay reads): dep had no record before.
const callbackFiles = {
  'package.json': '{"name":"app","main":"index.js"}',
  'index.js': "require('dep');\nrequire('fs').readFileSync('/etc/npp-fn-one');\n",
  'node_modules/dep/package.json': '{"name":"dep","main":"index.js"}',
  'node_modules/dep/index.js': "const helper = require('helper');\nhelper.each('/srv/npp-fn', function (d) { return d + '/x'; });\n",
  'node_modules/helper/package.json': '{"name":"helper","main":"index.js"}',
  'node_modules/helper/index.js': "const fs = require('fs');\nexports.each = function (dir, cb) { fs.readFileSync(dir); setImmediate(cb); };\n",
};

test('after an edit, a file that hands its own function to another module comes from its record; the report is a fresh run\'s', async () => {
  const cwd = fs.realpathSync(tempProject('npp-record-fn-', callbackFiles));
  const cache = mkdtempSync(path.join(os.tmpdir(), 'npp-record-fn-cache-'));
  const options: AnalyzeOptions = { cwd, target: '22', today: '2026-12-07' };
  const cold = await analyze({ ...options, cache: { dir: cache } });
  assert.equal(body(cold), body(await analyze(options)));
  assert.ok(cold.policy.fsRead.some((g) => g.path === '/srv/npp-fn'), JSON.stringify(cold.policy.fsRead));
  fs.writeFileSync(path.join(cwd, 'index.js'), "require('dep');\nrequire('fs').readFileSync('/etc/npp-fn-two');\n");
  const after = await analyze({ ...options, cache: { dir: cache } });
  assert.equal(body(after), body(await analyze(options)));
  assert.deepEqual(after.cache, { files: 2, records: 2 }, 'dep and helper from their records');
  assert.ok(after.policy.fsRead.some((g) => g.path === '/srv/npp-fn'), 'the call from the record still replays helper');
  const entry = fs.readdirSync(cache).find((f) => f.endsWith('-records.entry'))!;
  const pack = new RecordPack(cache, entry.slice(0, -'.entry'.length), Infinity);
  const depFile = path.join(cwd, 'node_modules/dep/index.js');
  const stored = pack.get(depFile, contentKey(fs.readFileSync(depFile), 'cjs', true)) as StoredExamination | undefined;
  assert.equal(stored?.functions, true, 'the record says its calls hold functions as places');
  assert.match(JSON.stringify(stored.pendingCalls.map((c) => c.args)), /"k":"fnAt","at":\d+/);
  // Warm (nothing changed): the whole report. A damaged records entry, then an edit: nothing taken from it, the fresh report.
  const warm = await analyze({ ...options, cache: { dir: cache } });
  assert.equal(body(warm), body(after));
  assert.deepEqual(warm.cache, { files: 3, records: 0 });
  const entryFile = path.join(cache, entry);
  const bytes = fs.readFileSync(entryFile);
  bytes[bytes.length - 10] ^= 0xff;
  fs.writeFileSync(entryFile, bytes);
  fs.writeFileSync(path.join(cwd, 'index.js'), "require('dep');\nrequire('fs').readFileSync('/etc/npp-fn-three');\n");
  const damaged = await analyze({ ...options, cache: { dir: cache } });
  assert.equal(body(damaged), body(await analyze(options)));
  assert.deepEqual(damaged.cache, { files: 0, records: 0 });
});

test('a function kept as its place is made again from the tree only when read', () => {
  const text = "const helper = require('helper');\nhelper.each('/srv', function (d) { return d; });\n";
  const file = '/app/node_modules/dep/index.js';
  const parse = () => {
    const parsed = parseFile(file, text, 'cjs', true, (loc) => ({ file: 'dep.js', line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1 }));
    assert.ok(parsed.ok);
    return parsed.model;
  };
  const model = parse();
  const fnNode = [...model.params.keys()][0]!;
  const call = { specifier: 'helper', from: file, kind: 'require' as const, path: ['each'], site: { file: 'dep.js', line: 2, column: 1 }, package: 'dep', via: [], depth: 0, args: [{ k: 'str', v: '/srv' } as Value, { k: 'fn', node: fnNode, model } as Value] };
  const placed = placeFunctions([call], model);
  assert.ok(placed);
  assert.equal(placeFunctions([call], parse()), undefined, 'a function of another tree is not the file\'s own');
  let parsedAgain = 0;
  const [again] = functionsAgain(structuredClone(placed), () => (parsedAgain++, parse()));
  const fn = again!.args[1] as Value & { k: 'fn' };
  assert.equal(valueKey(fn), valueKey(call.args[1]!), 'keyed as the function it stands for');
  assert.equal(parsedAgain, 0, 'keying it makes no tree');
  assert.equal((fn.node as { start: number }).start, (fnNode as { start: number }).start);
  assert.equal(fn.model.file, file);
  assert.equal(parsedAgain, 1, 'made once, when read');
  // No tree (its walk ran out of stack, made deeper than at the file's turn): said as running out, which a replay reports as FILE_TOO_DEEP.
  const [lost] = functionsAgain(structuredClone(placed), () => undefined);
  assert.throws(() => (lost!.args[1] as Value & { k: 'fn' }).node, (e: unknown) => isStackOverflow(e));
});
