// Parsing in worker threads (docs/workers.md, lib/parse/pool.ts): the tree a worker sends is
// acorn's tree, key order included; reports are the same with 0, 1 and 2 workers on every
// fixture and on hostile input; a worker that dies or never starts leaves the main thread to
// parse, with the same report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Parser, type Node } from 'acorn';
import { analyze, type AnalyzeOptions, type Report } from '../lib/index.js';
import { TreeDecoder, TreeEncoder } from '../lib/parse/ast-transfer.js';
import { ParsePool } from '../lib/parse/index.js';
import { ExaminationPool } from '../lib/graph/examination-pool.js';
import { parseSyntax } from '../lib/parse/syntax.js';
import { caseOptions, loadFixtureCase } from './support/fixture-case.js';
import { fixturesRoot, listFixtureFolders } from './support/fixture-folders.js';
import { memoryHost } from './support/memory-host.js';
import { mkdtempSync, tempProject } from './support/temp-dirs.js';
import { copyApp } from './support/app-copy.js';
import { tmpdir } from 'node:os';
import { stressShapes } from './support/stress-inputs.js';
import { reportText } from './support/report-text.js';

/** JSON with key order kept, and the values JSON cannot hold spelled out. */
const exact = (tree: unknown) => JSON.stringify(tree, (_k, v: unknown) => (typeof v === 'bigint' ? `bigint ${v}` : v instanceof RegExp ? `regexp ${v}` : v));

const tricky = [
  'const r = /a[/]b/giu, n = 12345678901234567890n, d = 1.5e300, big = 0x7fffffff + 0xffffffff, h = .5;',
  'tag`\\unicode and ${x} \\xZZ`; const t = `a${b}c`;',
  'class A { #p = 1; static { this.x = 2 } get [k]() { return this.#p } }',
  "label: for (const [a, , ...b] of c) { if (a) continue label; else break }",
  'async function* g() { yield* await import("x"); for await (const y of z) ; }',
  "x?.y?.[z]?.(...w) ?? (a ||= b &&= c ??= d); (function () { return new.target })``",
  "({ a, b: [c = 1] = [], ...d } = e); void typeof delete f.g; 'use strict'; \"\\u0041\"",
  "export default class extends B {}; export * as ns from 'm'; import def, { a as b } from 'n'; import.meta.url",
];

function sourcesOfFixtures(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(c|m)?js$/.test(entry.name)) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(fixturesRoot());
  return out;
}

test('an encoded tree decodes to acorn\'s tree, key order included (tricky syntax, every fixture file)', () => {
  const encoder = new TreeEncoder();
  const decoder = new TreeDecoder();
  let checked = 0;
  for (const text of [...tricky, ...sourcesOfFixtures()]) {
    const parsed = parseSyntax(text, 'cjs', true);
    if ('error' in parsed) continue;
    const tree = encoder.encode(parsed.ast, text);
    decoder.learn(tree);
    assert.equal(exact(decoder.decode(tree, text)), exact(parsed.ast), text.slice(0, 80));
    checked++;
  }
  assert.ok(checked > 100, `${checked} files`);
});

test('a shape whose type or key is not a plain identifier, or is __proto__, is refused before any code is made from it', () => {
  const tree = (shape: { type: string | undefined; keys: string[] }) => ({ ints: new Int32Array(0), strings: [], numbers: new Float64Array(0), shapes: [shape] });
  for (const shape of [{ type: 'X', keys: ['__proto__'] }, { type: 'X', keys: ['a:1,b'] }, { type: 'X"+y', keys: ['type'] }]) {
    assert.throws(() => new TreeDecoder().learn(tree(shape)), TypeError, JSON.stringify(shape));
  }
  new TreeDecoder().learn(tree({ type: 'Identifier', keys: ['type', 'start', 'end', 'name'] }));
});

test('trees from a worker are acorn\'s; a file that does not parse comes back for the main thread', () => {
  const pool = ParsePool.start({ size: 1, steal: false })!;
  try {
    for (const [i, text] of tricky.entries()) pool.submit(`/f${i}.js`, text, 'cjs', true);
    pool.submit('/bad.js', 'let let = 1;', 'cjs', true);
    for (const [i, text] of tricky.entries()) {
      const got = pool.take(`/f${i}.js`, text);
      assert.ok(got, text);
      const inline = Parser.parse(text, { ecmaVersion: 'latest', sourceType: got.kind === 'esm' ? 'module' : 'script', allowHashBang: true, allowReturnOutsideFunction: got.kind === 'cjs', allowAwaitOutsideFunction: got.kind === 'cjs' }) as Node;
      assert.equal(exact(got.ast), exact(inline));
    }
    assert.equal(pool.take('/bad.js', 'let let = 1;'), undefined);
    assert.equal(pool.take('/never-submitted.js', 'x'), undefined);
    assert.deepEqual(pool.counts, { fromWorkers: tricky.length, inline: 2 });
  } finally {
    pool.close();
  }
});

test('a worker is given at most 16 files ahead of the main thread: texts and trees waiting stay bounded', () => {
  const pool = ParsePool.start({ size: 1, steal: false })!;
  try {
    for (let i = 0; i < 20; i++) {
      assert.equal(pool.wants(), i < 16, `file ${i}`);
      pool.submit(`/f${i}.js`, `f${i}()`, 'cjs', true);
    }
    assert.ok(pool.take('/f0.js', 'f0()'));
    assert.equal(pool.wants(), true, 'taking a tree makes room');
    assert.equal(pool.take('/f17.js', 'f17()'), undefined, 'a file refused when the pool was full is parsed inline');
  } finally {
    pool.close();
  }
});

function fixtureOptions(): { name: string; options: AnalyzeOptions }[] {
  const out: { name: string; options: AnalyzeOptions }[] = [];
  for (const folder of listFixtureFolders(fixturesRoot())) {
    if (!fs.existsSync(folder.appDir)) continue;
    const fixture = loadFixtureCase(folder.dir);
    out.push({
      name: folder.name,
      options: {
        cwd: folder.appDir,
        target: fixture.targets[0]!,
        homedir: '/home/workers',
        tmpdir: '/tmp/workers',
        ...caseOptions(fixture, folder.appDir),
      },
    });
  }
  return out;
}

test('every fixture\'s report is the same with 0 workers, 1 (every file asked of the worker, one pool for all) and 2', async () => {
  const fixtures = fixtureOptions();
  assert.ok(fixtures.length > 100);
  // One pool for every analysis, as the CLI and the bench keep one: each analysis is its own generation.
  const pool = ExaminationPool.start({ size: 1, steal: false })!;
  let taken = 0;
  try {
    for (const { name, options } of fixtures) {
      const inline = await reportText(options);
      assert.equal(await reportText({ ...options, workers: pool }), inline, `${name}, 1 worker`);
      taken += pool.counts.fromWorkers - pool.counts.disagreed;
      assert.equal(await reportText({ ...options, workers: 2 }), inline, `${name}, 2 workers`);
    }
  } finally {
    pool.close();
  }
  // The comparison above means something only if records from the worker were taken.
  assert.ok(taken > 300, `${taken} files taken from the worker's records`);
});

// Shapes of test/support/stress-inputs.ts at sizes whose inline verdict is far from the
// parser's stack limit (near it, the inline verdict itself depends on how optimised acorn is by
// then): too deep for any stack, walked in loops, cut by value limits, and nesting a worker parses.
test('the number of workers is not in the cache key: a report stored without workers is reused with 2', async () => {
  const { options } = fixtureOptions()[0]!;
  const cache = { dir: mkdtempSync(path.join(tmpdir(), 'npp-workers-cache-')) };
  const stored = await analyze({ ...options, cache });
  const reused = await analyze({ ...options, cache, workers: 2 });
  assert.equal(reused.cache?.files, reused.project.files.length);
  assert.equal(JSON.stringify({ ...reused, cache: undefined }), JSON.stringify({ ...stored, cache: undefined }));
});

const hostile: [string, number][] = [
  ['nested calls', 5_000],
  ['nested arrays', 5_000],
  ['nested objects', 5_000],
  ['nested arrows', 5_000],
  ['promise chain', 5_000],
  ['member chain', 1_000],
  ['binary chain', 3_000],
  ['logical chain', 3_000],
  ['else-if chain', 2_000],
  ['multiplying templates', 6],
  ['doubling constants', 14],
  ['alternatives product', 6],
  ['nested ifs', 50],
  ['nested templates', 40],
  ['nested functions', 50],
];

/** The report, but for the column where the parser ran out of stack: it moves by a token or two with the stack in use, inline too. */
const withoutDepthColumn = (r: Report) => JSON.stringify({ ...r, diagnostics: r.diagnostics.map((d) => (d.code === 'FILE_TOO_DEEP' && d.site ? { ...d, site: { ...d.site, column: 0 } } : d)) });

test('hostile input gives the same report through a worker; a file too deep for a worker\'s small stack is parsed inline', async () => {
  for (const [shape, n] of hostile) {
    const files = stressShapes[shape]!(n);
    const options: AnalyzeOptions = { cwd: '/hostile', host: memoryHost('/hostile', files), target: '22', unresolved: 'warn', env: {}, homedir: '/home/h', tmpdir: '/tmp' };
    const inline = await analyze(options);
    const pooled = await analyze({ ...options, workers: { size: 1, steal: false } });
    assert.equal(withoutDepthColumn(pooled), withoutDepthColumn(inline), `${shape} ${n}`);
  }
  const pool = ParsePool.start({ size: 1, steal: false })!;
  try {
    const take = (shape: string, n: number) => {
      const text = stressShapes[shape]!(n)['deep.js']!;
      pool.submit(`/${shape}-${n}.js`, text, 'cjs', true);
      return pool.take(`/${shape}-${n}.js`, text);
    };
    assert.ok(take('nested ifs', 50), 'moderate nesting is parsed by the worker');
    assert.ok(take('nested templates', 40));
    assert.equal(take('nested calls', 5_000), undefined, 'too deep for the worker: the main thread parses it');
    assert.equal(take('member chain', 1_000), undefined, 'too deep to encode on the worker\'s stack');
  } finally {
    pool.close();
  }
});

const crashing = new URL('./support/crashing-parse-worker.ts', import.meta.url);
const crashingExaminer = new URL('./support/crashing-examination-worker.ts', import.meta.url);
const silentExaminer = new URL('./support/silent-examination-worker.ts', import.meta.url);

test('an examination worker that dies, hangs or never starts leaves the files to the main thread: same report, no stack trace', async () => {
  const { options } = fixtureOptions().find((f) => f.name.includes('fs')) ?? fixtureOptions()[0]!;
  const inline = await reportText(options);
  for (const entry of [crashingExaminer, silentExaminer, new URL('./support/no-such-worker.js', import.meta.url)]) {
    assert.equal(await reportText({ ...options, workers: { size: 1, steal: false, timeoutMs: 300, entry } }), inline, entry.pathname);
  }
  // A pool whose worker timed out is closed: the next analysis handed it examines every file inline, at once.
  const pool = ExaminationPool.start({ size: 1, steal: false, timeoutMs: 300, entry: silentExaminer })!;
  assert.equal(await reportText({ ...options, workers: pool }), inline);
  const started = performance.now();
  assert.equal(await reportText({ ...options, workers: pool }), inline);
  assert.equal(pool.counts.fromWorkers, 0);
  assert.ok(performance.now() - started < 3_000, 'no second wait');
  pool.close();
  assert.equal(ExaminationPool.start({ size: 0 }), undefined);
});

test('a parse worker that dies mid-parse leaves the file to the main thread (lib/parse/pool.ts)', () => {
  const pool = ParsePool.start({ size: 1, steal: false, timeoutMs: 300, entry: crashing })!;
  pool.submit('/a.js', 'a()', 'cjs', true);
  pool.submit('/b.js', 'b()', 'cjs', true);
  assert.equal(pool.take('/a.js', 'a()'), undefined);
  assert.equal(pool.take('/b.js', 'b()'), undefined, 'after a timeout the pool is closed: no second wait');
  pool.close();
  assert.equal(ParsePool.start({ size: 0 }), undefined);
});

test('hostile shapes on disk give the same report when the worker examines them (its stack is small: a file too deep for it is examined inline)', async () => {
  const pool = ExaminationPool.start({ size: 1, steal: false })!;
  const taken = new Map<string, number>();
  try {
    for (const [shape, n] of hostile) {
      const dir = fs.realpathSync(tempProject('npp-hostile-worker-', { ...stressShapes[shape]!(n) }));
      const options: AnalyzeOptions = { cwd: dir, target: '22', unresolved: 'warn', env: {}, homedir: '/home/h', tmpdir: '/tmp' };
      const inline = await analyze(options);
      assert.equal(withoutDepthColumn(await analyze({ ...options, workers: pool })), withoutDepthColumn(inline), `${shape} ${n}`);
      taken.set(shape, pool.counts.fromWorkers - pool.counts.disagreed);
    }
  } finally {
    pool.close();
  }
  // Through the worker, not beside it: moderate nesting is examined there, the deepest is not.
  assert.ok(taken.get('nested ifs')! > 0, 'moderate nesting: a record from the worker');
  assert.equal(taken.get('nested calls'), 1, 'too deep for the worker: only the small index.js comes from it');
});

test('with workers and per-file records in the cache: cold, warm, after an edit and with a corrupt entry, the report is the one without either', async () => {
  const folder = listFixtureFolders(fixturesRoot()).find((f) => f.name === 'miss-flow-forwarding-wrapper-export')!;
  const app = copyApp(folder.appDir, 'workers-cache');
  const pool = ExaminationPool.start({ size: 1 })!;
  try {
    const options: AnalyzeOptions = { cwd: app.dir, target: '22', env: {}, homedir: '/home/h', tmpdir: '/tmp' };
    const cache = { dir: mkdtempSync(path.join(tmpdir(), 'npp-workers-records-')), records: true };
    const body = (r: Report) => JSON.stringify({ ...r, cache: undefined });
    const check = async (label: string) => {
      const inline = body(await analyze(options));
      for (const workers of [pool, 2, { size: 1, steal: false }]) assert.equal(body(await analyze({ ...options, cache, workers })), inline, `${label}, workers ${JSON.stringify(workers === pool ? 'pool' : workers)}`);
    };
    await check('cold');
    await check('warm');
    fs.appendFileSync(path.join(app.dir, 'node_modules/fsx/lib/output.js'), '\nmodule.exports.extra = () => 1;\n');
    await check('after an edit');
    for (const entry of fs.readdirSync(cache.dir).filter((n) => n.endsWith('.entry'))) fs.writeFileSync(path.join(cache.dir, entry), 'not an entry');
    await check('corrupt entries');
  } finally {
    pool.close();
    app.remove();
  }
});
