// The CLI holds V8's young generation at Node 20's size (32 MiB, two 16 MiB semi-spaces) once it
// has grown that far (cli/young-generation.ts): on Node 24 it otherwise grows to 128 MiB when an
// analysis keeps much to the end of its run (issue #19 item 4, docs/limits.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withYoungGenerationCap } from '../cli/young-generation.js';
import type { AnalyzeProgress } from '../lib/index.js';
import { nodeBinary } from './support/node-binaries.js';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const tsxLoader = path.join(repo, 'node_modules', 'tsx', 'dist', 'loader.mjs');
const child = path.join(repo, 'test', 'support', 'young-generation-child.ts');

test('withYoungGenerationCap: the options as given, and their own onProgress called for every file', () => {
  const seen: number[] = [];
  const options = withYoungGenerationCap({ cwd: '/p', target: '22', onProgress: (p) => seen.push(p.files) });
  assert.equal(options.cwd, '/p');
  assert.equal(options.target, '22');
  for (let files = 1; files <= 100; files++) options.onProgress!({ files, found: 100, file: 'a.js', package: '.' } as AnalyzeProgress);
  assert.deepEqual(seen, Array.from({ length: 100 }, (_, i) => i + 1));
  assert.equal(typeof withYoungGenerationCap({ cwd: '/p' }).onProgress, 'function', 'an onProgress of its own when none is given');
});

/** The largest young generation (MiB) the child saw on Node `major`, capped or not. */
function youngMiB(major: string, mode: 'capped' | 'free'): number {
  const r = spawnSync(nodeBinary(major), ['--import', tsxLoader, child, mode], { encoding: 'utf8', maxBuffer: 1 << 20 });
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { youngMiB: number }).youngMiB;
}

test('Node 24: the young generation grows past 32 MiB when much survives, and stays at 32 with the cap', () => {
  assert.ok(youngMiB('24', 'free') > 32, 'without the cap it grows (else this test proves nothing)');
  assert.equal(youngMiB('24', 'capped'), 32);
});
