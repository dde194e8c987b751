// Examining in worker threads (docs/workers.md, lib/graph/examination-pool.ts): reports are the
// same with 0, 1 and 2 workers on every fixture and on hostile input; a worker that dies, hangs
// or never starts leaves the main thread to examine, with the same report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type AnalyzeOptions, type Report } from '../lib/index.js';
import { ExaminationPool } from '../lib/graph/examination-pool.js';
import { caseOptions, loadFixtureCase } from './support/fixture-case.js';
import { fixturesRoot, listFixtureFolders } from './support/fixture-folders.js';
import { memoryHost } from './support/memory-host.js';
import { mkdtempSync, tempProject } from './support/temp-dirs.js';
import { copyApp } from './support/app-copy.js';
import { tmpdir } from 'node:os';
import { stressShapes } from './support/stress-inputs.js';
import { reportText } from './support/report-text.js';

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

test('hostile input gives the same report through a worker', async () => {
  for (const [shape, n] of hostile) {
    const files = stressShapes[shape]!(n);
    const options: AnalyzeOptions = { cwd: '/hostile', host: memoryHost('/hostile', files), target: '22', unresolved: 'warn', env: {}, homedir: '/home/h', tmpdir: '/tmp' };
    const inline = await analyze(options);
    const pooled = await analyze({ ...options, workers: { size: 1, steal: false } });
    assert.equal(withoutDepthColumn(pooled), withoutDepthColumn(inline), `${shape} ${n}`);
  }
});

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
