// analyzeIsolated (lib/analyze-isolated.ts), what the CLI analyses with: the analysis runs in a
// worker thread with a bounded young generation (by default on Node 24 and later; asked for
// here, so that Node 20 tests it too), and gives the report analyze() gives on the calling
// thread, its progress and its errors (a PolicyError with its code and hint).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, analyzeIsolated, PolicyError, type AnalyzeOptions, type Host } from '../lib/index.js';
import { nodeHost } from '../lib/host.js';
import { fixturesRoot } from './support/fixture-folders.js';

const fixtureApp = (name: string): string => fs.realpathSync(path.join(fixturesRoot(), name, 'app'));

test('the report of a fixture is the report analyze() gives on this thread', async () => {
  for (const name of ['fs-read-dirname-join', 'child-process-fork', 'addon-native']) {
    const options: AnalyzeOptions = { cwd: fixtureApp(name), target: '22', today: '2026-12-07' };
    assert.deepEqual(await analyzeIsolated(options, 'worker'), await analyze(options), name);
  }
});

test('progress is reported from the analysis thread', async () => {
  const seen: number[] = [];
  await analyzeIsolated({ cwd: fixtureApp('fs-read-dirname-join'), target: '22', onProgress: (p) => seen.push(p.files) }, 'worker');
  assert.ok(seen.length > 0 && seen.at(-1)! >= 1, JSON.stringify(seen));
});

test('a PolicyError keeps its code and hint across the thread', async () => {
  const missing = path.join(fixtureApp('fs-read-dirname-join'), 'no-such-folder');
  const error = await analyzeIsolated({ cwd: missing, target: '22' }, 'worker').then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof PolicyError, String(error));
  assert.equal(error.code, 'OPTION_INVALID');
  assert.ok(error.hint);
});

test('a custom host, which cannot cross a thread, is analysed on this thread', async () => {
  let asked = 0;
  const host: Host = { ...nodeHost, kind: (p) => (asked++, nodeHost.kind(p)) };
  const report = await analyzeIsolated({ cwd: fixtureApp('fs-read-dirname-join'), target: '22', host }, 'worker');
  assert.ok(asked > 0);
  assert.ok(report.flags.length > 0);
});
